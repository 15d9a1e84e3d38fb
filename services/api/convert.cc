#include "services/api/convert.h"

#include "services/domain/validation.h"

namespace keyward::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  // absl and gRPC share the google.rpc.Code numbering.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
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

v1::AccountType ToProto(domain::AccountType type) {
  return type == domain::AccountType::kUser ? v1::ACCOUNT_TYPE_USER
                                            : v1::ACCOUNT_TYPE_SERVICE_ACCOUNT;
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

}  // namespace keyward::api
