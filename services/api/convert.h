// Conversions between keyward.v1 messages and domain values, and from
// absl::Status to grpc::Status. The adapters in api/ only convert; every rule
// lives in domain/.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_API_CONVERT_H_
#define KEYWARD_SERVICES_API_CONVERT_H_

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <optional>

#include "absl/status/statusor.h"
#include "keyward/v1/api_key.pb.h"
#include "keyward/v1/common.pb.h"
#include "keyward/v1/policy.pb.h"
#include "services/domain/policy.h"
#include "services/domain/types.h"

namespace keyward::api {

// Same code and message.
grpc::Status ToGrpcStatus(const absl::Status& status);
// Same code and message, and the decision that denied the call in the
// status details (grpc-status-details-bin: a keyward.v1.RpcStatus wrapping
// its keyward.v1.PolicyDecisionDetails).
grpc::Status ToGrpcStatus(const absl::Status& status,
                          const domain::PolicyDecision& denial);

v1::PolicyDecisionDetails ToProto(const domain::PolicyDecision& decision);

google::protobuf::Timestamp ToTimestamp(domain::Time time);
// INVALID_ARGUMENT naming `field` for an out-of-range timestamp.
absl::StatusOr<domain::Time> FromTimestamp(
    absl::string_view field, const google::protobuf::Timestamp& timestamp);
// INVALID_ARGUMENT naming `field` for an out-of-range duration.
absl::StatusOr<std::chrono::microseconds> FromDuration(
    absl::string_view field, const google::protobuf::Duration& duration);

// The fields every Delete*Response has: its id, validate_only, and the API
// keys and role bindings the delete removed (DeleteEnvironmentResponse adds
// its resources).
template <typename DeleteResponse>
void FillDeleteResponse(const domain::DeleteResult& result,
                        DeleteResponse* response) {
  response->set_id(result.id);
  response->set_validate_only(result.validate_only);
  for (const auto& id : result.deleted_api_key_ids) {
    response->add_deleted_api_key_ids(id);
  }
  for (const auto& id : result.deleted_role_binding_ids) {
    response->add_deleted_role_binding_ids(id);
  }
}

v1::AccountType ToProto(domain::AccountType type);
v1::ResourceKind ToProto(domain::ResourceKind kind);
v1::ApiKeyState ToProto(domain::ApiKeyState state);
// nullopt for UNSPECIFIED (a List filter meaning "all"); INVALID_ARGUMENT for
// values this server does not know.
absl::StatusOr<std::optional<domain::AccountType>> FromProto(
    absl::string_view field, v1::AccountType type);
absl::StatusOr<std::optional<domain::ResourceKind>> FromProto(
    absl::string_view field, v1::ResourceKind kind);
absl::StatusOr<std::optional<domain::ApiKeyState>> FromProto(
    absl::string_view field, v1::ApiKeyState state);

// A key's metadata (never a secret) as the API returns it.
void FillApiKey(const domain::ApiKey& key, v1::ApiKey* out);

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_CONVERT_H_
