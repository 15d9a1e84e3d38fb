// The facts a write's policy decision is taken on (DESIGN.md §3 "target"):
// what the server looked up about the object written and what it belongs
// to, as domain values. Only PolicyInput (policy_input.h) turns them into
// the JSON the policy reads, so the input's field names live in one place.
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_TARGET_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_TARGET_H_

#include <optional>
#include <vector>

#include "services/domain/repositories.h"
#include "services/domain/types.h"

namespace keyward::domain {

// An account with every role binding it holds (each with the environment
// its scope lies in, so that a rule can tell what the bindings cover).
struct AccountFacts {
  Account account;
  std::vector<RoleBinding> role_bindings;
};

// A key's resource: a resource with the environment it lies in, or the
// Cloud (kCloudResourceId), the resource of a Cloud key, which lies in no
// environment.
struct ResourceFacts {
  static ResourceFacts Cloud() {
    ResourceFacts cloud;
    cloud.resource.id = kCloudResourceId;
    cloud.resource.kind = ResourceKind::kCloud;
    return cloud;
  }
  bool IsCloud() const { return !environment.has_value(); }

  Resource resource;
  std::optional<Environment> environment;  // none for the Cloud
};

// A webhook's receiver as its URL names it (webhook_url.h), for rules on
// where events may be sent.
struct WebhookFacts {
  std::string id;
  std::string scheme;
  std::string host;
  int port = 0;
  bool loopback = false;
  std::vector<std::string> actions;
};

// The target of one write: each fact the write's action is decided on is
// set, the others are left out of the input (a create of an environment or
// an account has none).
struct PolicyTarget {
  std::optional<AccountFacts> owner;      // a key's or invitation's owner
  std::optional<AccountFacts> account;    // an account updated or deleted
  std::optional<AccountFacts> principal;  // a role binding's principal
  std::optional<ResourceFacts> resource;
  std::optional<Environment> environment;
  std::optional<ApiKey> api_key;                // a key written (not created)
  std::optional<std::vector<ApiKey>> api_keys;  // a deleted account's keys
  std::optional<KeyCounts> key_counts;          // the new key's owner's
  std::optional<RoleBinding> role_binding;      // a binding deleted
  std::optional<Invitation> invitation;         // the one a key redeems
  std::optional<WebhookFacts> webhook;          // created or deleted
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_TARGET_H_
