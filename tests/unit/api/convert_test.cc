// The api layer's conversions: timestamps at microsecond precision and
// their valid range, enums both ways (unknown values are INVALID_ARGUMENT,
// never INTERNAL), statuses and a key's metadata as the API returns it.
#include "services/api/convert.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/account.pb.h"
#include "keyward/v1/resource.pb.h"
#include "services/api/respond.h"

namespace keyward::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

domain::Time Micros(int64_t micros) {
  return domain::Time(std::chrono::microseconds(micros));
}

google::protobuf::Timestamp Timestamp(int64_t seconds, int32_t nanos) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(nanos);
  return timestamp;
}

TEST(ConvertTimestampTest, MicrosecondsBecomeSecondsAndNanos) {
  const auto timestamp = ToTimestamp(Micros(1700000000123456));
  EXPECT_EQ(timestamp.seconds(), 1700000000);
  EXPECT_EQ(timestamp.nanos(), 123456000);
}

TEST(ConvertTimestampTest, TimesBeforeTheEpochKeepNanosPositive) {
  const auto timestamp = ToTimestamp(Micros(-1));  // 1969-12-31T23:59:59.999999
  EXPECT_EQ(timestamp.seconds(), -1);
  EXPECT_EQ(timestamp.nanos(), 999999000);
}

TEST(ConvertTimestampTest, RoundTripsAtMicrosecondPrecision) {
  for (int64_t micros : {int64_t{0}, int64_t{1}, int64_t{-1},
                         int64_t{1700000000123456}, int64_t{-86400000001}}) {
    const auto back = FromTimestamp("expire_time", ToTimestamp(Micros(micros)));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->time_since_epoch().count(), micros);
  }
  // Nanoseconds below a microsecond are dropped, not rounded up.
  const auto truncated = FromTimestamp("expire_time", Timestamp(10, 1999));
  ASSERT_TRUE(truncated.ok());
  EXPECT_EQ(truncated->time_since_epoch().count(), 10000001);
}

TEST(ConvertTimestampTest, AcceptsTheWholeRangeOfTimestamp) {
  EXPECT_TRUE(FromTimestamp("t", Timestamp(-62135596800, 0)).ok());  // 0001
  EXPECT_TRUE(FromTimestamp("t", Timestamp(253402300799, 999999999)).ok());
}

TEST(ConvertTimestampTest, RefusesTimestampsOutOfRangeNamingTheField) {
  for (const auto& bad :
       {Timestamp(-62135596801, 0), Timestamp(253402300800, 0),
        Timestamp(0, -1), Timestamp(0, 1000000000)}) {
    const auto time = FromTimestamp("expire_time", bad);
    ASSERT_FALSE(time.ok()) << bad.ShortDebugString();
    EXPECT_EQ(time.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(time.status().message(), "expire_time: is not a valid timestamp");
  }
}

google::protobuf::Duration Duration(int64_t seconds, int32_t nanos) {
  google::protobuf::Duration duration;
  duration.set_seconds(seconds);
  duration.set_nanos(nanos);
  return duration;
}

TEST(ConvertDurationTest, BecomesMicrosecondsRoundedDown) {
  EXPECT_EQ(*FromDuration("d", Duration(3600, 0)), std::chrono::hours(1));
  EXPECT_EQ(*FromDuration("d", Duration(1, 999)),
            std::chrono::microseconds(1000000));
  EXPECT_EQ(*FromDuration("d", Duration(-1, -500000)),
            std::chrono::microseconds(-1000500));
  // Under a microsecond, but negative: still negative, so a rule refusing
  // negative durations refuses it.
  EXPECT_LT(FromDuration("d", Duration(0, -500))->count(), 0);
  EXPECT_EQ(FromDuration("d", Duration(0, 500))->count(), 0);
  EXPECT_EQ(*FromDuration("d", Duration(315576000000, 0)),
            std::chrono::seconds(315576000000));
}

TEST(ConvertDurationTest, RefusesInvalidDurationsNamingTheField) {
  for (const auto& [seconds, nanos] :
       std::vector<std::pair<int64_t, int32_t>>{{315576000001, 0},
                                                {-315576000001, 0},
                                                {1, -1},
                                                {-1, 1},
                                                {0, 1000000000}}) {
    const auto converted =
        FromDuration("grace_period", Duration(seconds, nanos));
    ASSERT_FALSE(converted.ok()) << seconds << "s " << nanos << "ns";
    EXPECT_EQ(converted.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(converted.status().message()),
                StartsWith("grace_period"));
  }
}

TEST(ConvertEnumTest, AccountTypesRoundTripAndUnspecifiedMeansAll) {
  for (domain::AccountType type :
       {domain::AccountType::kUser, domain::AccountType::kServiceAccount}) {
    EXPECT_EQ(*FromProto("type", ToProto(type)), type);
  }
  EXPECT_EQ(*FromProto("type", v1::ACCOUNT_TYPE_UNSPECIFIED), std::nullopt);
  const auto unknown = FromProto("type", static_cast<v1::AccountType>(42));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(), "type: is not a known account type");
}

TEST(ConvertEnumTest, ResourceKindsRoundTripAndUnspecifiedMeansAll) {
  for (domain::ResourceKind kind :
       {domain::ResourceKind::kKafkaCluster,
        domain::ResourceKind::kSchemaRegistry, domain::ResourceKind::kKsqldbApp,
        domain::ResourceKind::kFlinkRegion, domain::ResourceKind::kCloud}) {
    EXPECT_EQ(*FromProto("kind", ToProto(kind)), kind);
  }
  EXPECT_EQ(*FromProto("kind", v1::RESOURCE_KIND_UNSPECIFIED), std::nullopt);
  const auto unknown = FromProto("kind", static_cast<v1::ResourceKind>(42));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(), "kind: is not a known resource kind");
}

TEST(ConvertStatusTest, KeepsCodeAndMessageAndAddsNoDetails) {
  for (const absl::Status& status :
       {absl::InvalidArgumentError("display_name: is required"),
        absl::NotFoundError("environment env-abc12345 not found"),
        absl::UnavailableError("policy engine unavailable"),
        absl::FailedPreconditionError("has keys")}) {
    const grpc::Status converted = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(converted.error_code()),
              static_cast<int>(status.code()));
    EXPECT_EQ(converted.error_message(), status.message());
    EXPECT_TRUE(converted.error_details().empty());
  }
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(ConvertStatusTest, ADecisionBecomesPolicyDecisionDetails) {
  domain::PolicyDecision decision;
  decision.violations = {{"description_required", "a description is required"}};
  decision.warnings = {{"user_cloud_key", "prefer service accounts"}};
  decision.decision_id = "d-1";
  const v1::PolicyDecisionDetails details = ToProto(decision);
  ASSERT_EQ(details.violations_size(), 1);
  EXPECT_EQ(details.violations(0).rule(), "description_required");
  EXPECT_EQ(details.violations(0).message(), "a description is required");
  ASSERT_EQ(details.warnings_size(), 1);
  EXPECT_EQ(details.warnings(0).rule(), "user_cloud_key");
  EXPECT_EQ(details.decision_id(), "d-1");
}

// A denial's decision goes back as a keyward.v1.RpcStatus in the status
// details.
TEST(ConvertStatusTest, ADenialCarriesItsDecisionInTheStatusDetails) {
  const absl::Status denied = absl::PermissionDeniedError(
      "denied by policy: [description_required] a description is required");
  domain::PolicyDecision denial;
  denial.violations = {{"description_required", "a description is required"}};
  denial.decision_id = "d-2";
  const grpc::Status converted = ToGrpcStatus(denied, denial);
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(converted.error_message(), denied.message());
  v1::RpcStatus rpc_status;
  ASSERT_TRUE(rpc_status.ParseFromString(converted.error_details()));
  EXPECT_EQ(rpc_status.code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_EQ(rpc_status.details_size(), 1);
  v1::PolicyDecisionDetails details;
  ASSERT_TRUE(rpc_status.details(0).UnpackTo(&details));
  ASSERT_EQ(details.violations_size(), 1);
  EXPECT_EQ(details.violations(0).rule(), "description_required");
  EXPECT_EQ(details.decision_id(), "d-2");
}

TEST(ConvertApiKeyTest, FillsEveryFieldAndOnlyTheTimesThatAreSet) {
  domain::ApiKey key;
  key.id = "ABCDEFGHIJKLMNOP";
  key.owner_id = "u-abc12345";
  key.owner_type = domain::AccountType::kUser;
  key.resource_id = "lkc-abc12345";
  key.resource_kind = domain::ResourceKind::kKafkaCluster;
  key.display_name = "producer";
  key.description = "writes orders";
  key.created_by = "u-admin001";
  key.create_time = Micros(1000000);
  key.update_time = Micros(2000000);

  v1::ApiKey out;
  FillApiKey(key, &out);
  EXPECT_EQ(out.id(), key.id);
  EXPECT_EQ(out.owner_id(), key.owner_id);
  EXPECT_EQ(out.owner_type(), v1::ACCOUNT_TYPE_USER);
  EXPECT_EQ(out.resource_id(), key.resource_id);
  EXPECT_EQ(out.resource_kind(), v1::RESOURCE_KIND_KAFKA_CLUSTER);
  EXPECT_EQ(out.display_name(), "producer");
  EXPECT_EQ(out.description(), "writes orders");
  EXPECT_EQ(out.created_by(), "u-admin001");
  EXPECT_EQ(out.create_time().seconds(), 1);
  EXPECT_EQ(out.update_time().seconds(), 2);
  EXPECT_FALSE(out.has_expire_time());
  EXPECT_FALSE(out.has_last_used_time());
  EXPECT_FALSE(out.has_disable_time());
  EXPECT_EQ(out.disabled_by(), "");

  key.expire_time = Micros(3000000);
  key.last_used_time = Micros(4000000);
  key.disable_time = Micros(5000000);
  key.disabled_by = "u-admin002";
  FillApiKey(key, &out);
  EXPECT_EQ(out.expire_time().seconds(), 3);
  EXPECT_EQ(out.last_used_time().seconds(), 4);
  EXPECT_EQ(out.disable_time().seconds(), 5);
  EXPECT_EQ(out.disabled_by(), "u-admin002");
}

TEST(ConvertDeleteTest, FillsWhatTheDeleteRemoved) {
  domain::DeleteResult result;
  result.id = "sa-abc12345";
  result.validate_only = true;
  result.deleted_api_key_ids = {"ABCDEFGHIJKLMNOP", "QRSTUVWXYZ012345"};
  result.deleted_role_binding_ids = {"rb-abc12345"};
  v1::DeleteAccountResponse response;
  FillDeleteResponse(result, &response);
  EXPECT_EQ(response.id(), "sa-abc12345");
  EXPECT_TRUE(response.validate_only());
  EXPECT_THAT(response.deleted_api_key_ids(),
              ElementsAre("ABCDEFGHIJKLMNOP", "QRSTUVWXYZ012345"));
  EXPECT_THAT(response.deleted_role_binding_ids(), ElementsAre("rb-abc12345"));
}

TEST(ConvertStatusTest, APlainFailureHasNoDetails) {
  const grpc::Status converted = ToGrpcStatus(absl::NotFoundError("gone"));
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(converted.error_message(), "gone");
  EXPECT_TRUE(converted.error_details().empty());
}

TEST(ConvertRespondTest, FillsOnSuccessAndConvertsAFailure) {
  int filled = 0;
  EXPECT_TRUE(
      Respond(absl::StatusOr<int>(7), [&](int value) { filled = value; }).ok());
  EXPECT_EQ(filled, 7);
  const grpc::Status failed =
      Respond(absl::StatusOr<int>(absl::NotFoundError("gone")),
              [&](int) { filled = -1; });
  EXPECT_EQ(failed.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(filled, 7);
}

}  // namespace
}  // namespace keyward::api
