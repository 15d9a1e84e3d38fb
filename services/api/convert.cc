#include "services/api/convert.h"

#include "services/domain/validation.h"

namespace keyward::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  // absl and gRPC share the google.rpc.Code numbering.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

grpc::Status ToGrpcStatus(const absl::Status& status,
                          const domain::PolicyDecision& denial) {
  const grpc::Status plain = ToGrpcStatus(status);
  v1::RpcStatus rpc_status;
  rpc_status.set_code(static_cast<int32_t>(plain.error_code()));
  rpc_status.set_message(plain.error_message());
  rpc_status.add_details()->PackFrom(ToProto(denial));
  return grpc::Status(plain.error_code(), plain.error_message(),
                      rpc_status.SerializeAsString());
}

v1::PolicyDecisionDetails ToProto(const domain::PolicyDecision& decision) {
  v1::PolicyDecisionDetails details;
  for (const domain::PolicyViolation& v : decision.violations) {
    v1::PolicyViolation* out = details.add_violations();
    out->set_rule(v.rule);
    out->set_message(v.message);
  }
  for (const domain::PolicyViolation& w : decision.warnings) {
    v1::PolicyViolation* out = details.add_warnings();
    out->set_rule(w.rule);
    out->set_message(w.message);
  }
  details.set_decision_id(decision.decision_id);
  return details;
}

google::protobuf::Timestamp ToTimestamp(domain::Time time) {
  const int64_t micros = time.time_since_epoch().count();
  int64_t seconds = micros / 1000000;
  int64_t remainder = micros % 1000000;
  if (remainder < 0) {
    remainder += 1000000;
    --seconds;
  }
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(static_cast<int32_t>(remainder * 1000));
  return timestamp;
}

absl::StatusOr<domain::Time> FromTimestamp(
    absl::string_view field, const google::protobuf::Timestamp& timestamp) {
  // 0001-01-01 .. 9999-12-31, as google.protobuf.Timestamp defines.
  constexpr int64_t kMinSeconds = -62135596800;
  constexpr int64_t kMaxSeconds = 253402300799;
  if (timestamp.seconds() < kMinSeconds || timestamp.seconds() > kMaxSeconds ||
      timestamp.nanos() < 0 || timestamp.nanos() > 999999999) {
    return domain::InvalidField(field, "is not a valid timestamp");
  }
  return domain::Time(std::chrono::microseconds(timestamp.seconds() * 1000000 +
                                                timestamp.nanos() / 1000));
}

absl::StatusOr<std::chrono::microseconds> FromDuration(
    absl::string_view field, const google::protobuf::Duration& duration) {
  // ±10000 years, as google.protobuf.Duration defines; the sign of seconds
  // and nanos must agree.
  constexpr int64_t kMaxSeconds = 315576000000;
  if (duration.seconds() < -kMaxSeconds || duration.seconds() > kMaxSeconds ||
      duration.nanos() < -999999999 || duration.nanos() > 999999999 ||
      (duration.seconds() > 0 && duration.nanos() < 0) ||
      (duration.seconds() < 0 && duration.nanos() > 0)) {
    return domain::InvalidField(field, "is not a valid duration");
  }
  // Rounded down, so that a negative duration under a microsecond stays
  // negative.
  int64_t micros = duration.nanos() / 1000;
  if (duration.nanos() < 0 && duration.nanos() % 1000 != 0) --micros;
  return std::chrono::microseconds(duration.seconds() * 1000000 + micros);
}

v1::AccountType ToProto(domain::AccountType type) {
  return type == domain::AccountType::kUser ? v1::ACCOUNT_TYPE_USER
                                            : v1::ACCOUNT_TYPE_SERVICE_ACCOUNT;
}

v1::ApiKeyState ToProto(domain::ApiKeyState state) {
  switch (state) {
    case domain::ApiKeyState::kActive:
      return v1::API_KEY_STATE_ACTIVE;
    case domain::ApiKeyState::kDisabled:
      return v1::API_KEY_STATE_DISABLED;
    case domain::ApiKeyState::kExpired:
      break;
  }
  return v1::API_KEY_STATE_EXPIRED;
}

v1::ResourceKind ToProto(domain::ResourceKind kind) {
  switch (kind) {
    case domain::ResourceKind::kKafkaCluster:
      return v1::RESOURCE_KIND_KAFKA_CLUSTER;
    case domain::ResourceKind::kSchemaRegistry:
      return v1::RESOURCE_KIND_SCHEMA_REGISTRY;
    case domain::ResourceKind::kKsqldbApp:
      return v1::RESOURCE_KIND_KSQLDB_APP;
    case domain::ResourceKind::kFlinkRegion:
      return v1::RESOURCE_KIND_FLINK_REGION;
    case domain::ResourceKind::kCloud:
      return v1::RESOURCE_KIND_CLOUD;
  }
  return v1::RESOURCE_KIND_UNSPECIFIED;
}

absl::StatusOr<std::optional<domain::AccountType>> FromProto(
    absl::string_view field, v1::AccountType type) {
  switch (type) {
    case v1::ACCOUNT_TYPE_UNSPECIFIED:
      return std::nullopt;
    case v1::ACCOUNT_TYPE_USER:
      return domain::AccountType::kUser;
    case v1::ACCOUNT_TYPE_SERVICE_ACCOUNT:
      return domain::AccountType::kServiceAccount;
    default:
      return domain::InvalidField(field, "is not a known account type");
  }
}

absl::StatusOr<std::optional<domain::ResourceKind>> FromProto(
    absl::string_view field, v1::ResourceKind kind) {
  switch (kind) {
    case v1::RESOURCE_KIND_UNSPECIFIED:
      return std::nullopt;
    case v1::RESOURCE_KIND_KAFKA_CLUSTER:
      return domain::ResourceKind::kKafkaCluster;
    case v1::RESOURCE_KIND_SCHEMA_REGISTRY:
      return domain::ResourceKind::kSchemaRegistry;
    case v1::RESOURCE_KIND_KSQLDB_APP:
      return domain::ResourceKind::kKsqldbApp;
    case v1::RESOURCE_KIND_FLINK_REGION:
      return domain::ResourceKind::kFlinkRegion;
    case v1::RESOURCE_KIND_CLOUD:
      return domain::ResourceKind::kCloud;
    default:
      return domain::InvalidField(field, "is not a known resource kind");
  }
}

absl::StatusOr<std::optional<domain::ApiKeyState>> FromProto(
    absl::string_view field, v1::ApiKeyState state) {
  switch (state) {
    case v1::API_KEY_STATE_UNSPECIFIED:
      return std::nullopt;
    case v1::API_KEY_STATE_ACTIVE:
      return domain::ApiKeyState::kActive;
    case v1::API_KEY_STATE_DISABLED:
      return domain::ApiKeyState::kDisabled;
    case v1::API_KEY_STATE_EXPIRED:
      return domain::ApiKeyState::kExpired;
    default:
      return domain::InvalidField(field, "is not a known key state");
  }
}

void FillApiKey(const domain::ApiKey& key, v1::ApiKey* out) {
  out->set_id(key.id);
  out->set_owner_id(key.owner_id);
  out->set_owner_type(ToProto(key.owner_type));
  out->set_resource_id(key.resource_id);
  out->set_resource_kind(ToProto(key.resource_kind));
  out->set_display_name(key.display_name);
  out->set_description(key.description);
  *out->mutable_create_time() = ToTimestamp(key.create_time);
  *out->mutable_update_time() = ToTimestamp(key.update_time);
  if (key.expire_time) {
    *out->mutable_expire_time() = ToTimestamp(*key.expire_time);
  }
  if (key.last_used_time) {
    *out->mutable_last_used_time() = ToTimestamp(*key.last_used_time);
  }
  out->set_created_by(key.created_by);
  out->set_state(ToProto(key.state));
  if (key.disable_time) {
    *out->mutable_disable_time() = ToTimestamp(*key.disable_time);
  }
  out->set_disabled_by(key.disabled_by);
  out->set_rotated_from(key.rotated_from);
}

}  // namespace keyward::api
