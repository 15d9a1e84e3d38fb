// The domain's value types: environments, accounts, resources and API keys as
// the rules of DESIGN.md §1 see them, free of gRPC and database types.
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_TYPES_H_
#define KEYWARD_SERVICES_DOMAIN_TYPES_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace keyward::domain {

// Microsecond precision, as PostgreSQL stores it.
using Time = std::chrono::time_point<std::chrono::system_clock,
                                     std::chrono::microseconds>;

// The resource_id of a Cloud key.
inline constexpr char kCloudResourceId[] = "cloud";

struct Environment {
  std::string id;
  std::string display_name;
  std::string stage;
  Time create_time;
  Time update_time;
};

enum class AccountType { kUser, kServiceAccount };

struct Account {
  std::string id;
  AccountType type = AccountType::kServiceAccount;
  std::string display_name;
  std::string description;
  std::string email;  // users only
  Time create_time;
  Time update_time;
};

enum class ResourceKind {
  kKafkaCluster,
  kSchemaRegistry,
  kKsqldbApp,
  kFlinkRegion,
  kCloud,  // only as an API key's resource kind
};

// The names the database, policies and page tokens use for these enums.
inline const char* AccountTypeName(AccountType type) {
  return type == AccountType::kUser ? "USER" : "SERVICE_ACCOUNT";
}

inline const char* ResourceKindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kKafkaCluster:
      return "KAFKA_CLUSTER";
    case ResourceKind::kSchemaRegistry:
      return "SCHEMA_REGISTRY";
    case ResourceKind::kKsqldbApp:
      return "KSQLDB_APP";
    case ResourceKind::kFlinkRegion:
      return "FLINK_REGION";
    case ResourceKind::kCloud:
      break;
  }
  return "CLOUD";
}

struct Resource {
  std::string id;
  ResourceKind kind = ResourceKind::kKafkaCluster;
  std::string environment_id;
  std::string display_name;
  std::string cloud;
  std::string region;
  Time create_time;
};

// A key's lifecycle state. The database stores only whether a key is
// disabled; kExpired is derived from expire_time when the key is read.
enum class ApiKeyState { kActive, kDisabled, kExpired };

inline const char* ApiKeyStateName(ApiKeyState state) {
  switch (state) {
    case ApiKeyState::kActive:
      return "ACTIVE";
    case ApiKeyState::kDisabled:
      return "DISABLED";
    case ApiKeyState::kExpired:
      break;
  }
  return "EXPIRED";
}

struct ApiKey {
  std::string id;
  std::string owner_id;
  AccountType owner_type = AccountType::kServiceAccount;
  std::string resource_id;  // a resource id, or kCloudResourceId
  ResourceKind resource_kind = ResourceKind::kCloud;
  std::string display_name;
  std::string description;
  std::string created_by;
  Time create_time;
  Time update_time;
  std::optional<Time> expire_time;
  std::optional<Time> last_used_time;
  std::optional<Time> disable_time;  // set while the key is disabled
  std::string disabled_by;   // who disabled it; empty while it is enabled
  std::string rotated_from;  // the key this one replaced, if any
  // As of the read: kExpired once expire_time has passed (disabled or not),
  // else kDisabled while disable_time is set, else kActive.
  ApiKeyState state = ApiKeyState::kActive;
};

// A single-use invitation for a user account to redeem for its first Cloud
// key. Its token is never part of it: only the store sees the token's keyed
// hash.
struct Invitation {
  std::string account_id;
  std::string created_by;
  Time create_time;
  Time expire_time;
};

// A grant of one role to one account at one scope: kOrganizationScope, an
// environment id or a resource id. `role` is one of the names in
// roles.h.
struct RoleBinding {
  std::string id;
  std::string principal_id;
  std::string role;
  std::string scope;
  // The environment the scope lies in: the scope itself, or a resource's
  // environment; empty at the organization.
  std::string environment_id;
  Time create_time;
};

// The scope of a role binding that covers the whole organization.
inline constexpr char kOrganizationScope[] = "organization";

// What a cascading delete removed (or, with validate_only, would remove).
struct DeleteResult {
  std::string id;
  bool validate_only = false;
  std::vector<std::string> deleted_resource_ids;
  std::vector<std::string> deleted_api_key_ids;
  std::vector<std::string> deleted_role_binding_ids;
};

// Where a list page starts: after the item with this (create_time, id).
struct PageCursor {
  Time create_time;
  std::string id;
};

struct PageRequest {
  int page_size = 0;  // 1..100 once validated
  std::optional<PageCursor> after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<PageCursor> next;  // set when more items may follow
};

// A list page as the API returns it.
template <typename T>
struct Listed {
  std::vector<T> items;
  std::string next_page_token;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_TYPES_H_
