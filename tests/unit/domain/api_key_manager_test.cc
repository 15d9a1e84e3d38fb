#include "services/domain/api_key_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "tests/unit/domain/fake_api_key_repository.h"
#include "tests/unit/domain/manager_test_support.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class ApiKeyManagerTest : public testing::ManagerTest {
 protected:
  ApiKeyManagerTest()
      : manager_(repository_, hasher_, clock_, policy_.gate, policy_.facts,
                 page_tokens_, KeyQuotas{3, 7}) {}

  static ApiKeyRequest Request() {
    ApiKeyRequest request;
    request.owner_id = "sa-owner123";
    request.resource_id = "lkc-abcd1234";
    request.display_name = "orders producer";
    request.description = "writes orders";
    return request;
  }

  static ApiKeyFilter Owner(const std::string& owner_id) {
    ApiKeyFilter filter;
    filter.owner_id = owner_id;
    return filter;
  }
  static ApiKeyFilter Resource(const std::string& resource_id) {
    ApiKeyFilter filter;
    filter.resource_id = resource_id;
    return filter;
  }

  FakeApiKeyRepository repository_;
  ApiKeyManager manager_;
};

TEST_F(ApiKeyManagerTest, CreateIssuesAnIdAndASecretAndStoresOnlyItsHash) {
  Decided<IssuedApiKey> issued = manager_.Create(Caller{}, Request());
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_THAT(issued->key.id, MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_TRUE(crypto::IsWellFormedSecret(issued->secret));
  EXPECT_EQ(issued->key.created_by, "anonymous");
  EXPECT_EQ(issued->key.resource_kind, ResourceKind::kKafkaCluster);
  EXPECT_EQ(issued->key.create_time, clock_.Now());

  const auto creates = repository_.creates();
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(creates[0].secret_hash, hasher_.Hash(issued->secret));
  EXPECT_EQ(creates[0].quotas.per_owner_per_resource, 3);
  EXPECT_EQ(creates[0].quotas.per_owner, 7);
  const AuditRecord& audit = creates[0].mutation.audit;
  EXPECT_EQ(audit.action, "api_key.create");
  EXPECT_EQ(audit.target_id, issued->key.id);
  EXPECT_THAT(audit.request_summary_json, HasSubstr("sa-owner123"));
  EXPECT_EQ(audit.request_summary_json.find(issued->secret), std::string::npos);
  EXPECT_EQ(audit.request_summary_json.find("kwsec_"), std::string::npos);
}

TEST_F(ApiKeyManagerTest, TwoKeysGetDifferentIdsAndSecrets) {
  Decided<IssuedApiKey> a = manager_.Create(Caller{}, Request());
  Decided<IssuedApiKey> b = manager_.Create(Caller{}, Request());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->key.id, b->key.id);
  EXPECT_NE(a->secret, b->secret);
}

TEST_F(ApiKeyManagerTest, ACloudKeyHasTheCloudKind) {
  ApiKeyRequest request = Request();
  request.resource_id = "cloud";
  request.owner_id = "u-person12";
  Decided<IssuedApiKey> issued = manager_.Create(Caller{}, request);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->key.resource_kind, ResourceKind::kCloud);
  EXPECT_EQ(issued->key.owner_type, AccountType::kUser);
}

TEST_F(ApiKeyManagerTest, ValidateOnlyRunsTheChecksButIssuesNoSecret) {
  ApiKeyRequest request = Request();
  request.validate_only = true;
  Decided<IssuedApiKey> issued = manager_.Create(Caller{}, request);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->secret, "");
  EXPECT_EQ(issued->key.id, "");
  EXPECT_EQ(issued->key.owner_id, "sa-owner123");
  ASSERT_EQ(repository_.creates().size(), 1u);
  EXPECT_TRUE(repository_.creates()[0].mutation.validate_only);
}

TEST_F(ApiKeyManagerTest, RepositoryErrorsPassThrough) {
  repository_.set_create_status(
      absl::ResourceExhaustedError("quota exceeded: …"));
  EXPECT_EQ(manager_.Create(Caller{}, Request()).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST_F(ApiKeyManagerTest, BadInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::string field;
    std::function<void(ApiKeyRequest&)> change;
  };
  const std::vector<Case> cases = {
      {"owner_id", [](ApiKeyRequest& r) { r.owner_id = ""; }},
      {"owner_id", [](ApiKeyRequest& r) { r.owner_id = "lkc-abcd1234"; }},
      {"owner_id", [](ApiKeyRequest& r) { r.owner_id = "sa-ABCD1234"; }},
      {"resource_id", [](ApiKeyRequest& r) { r.resource_id = ""; }},
      {"resource_id", [](ApiKeyRequest& r) { r.resource_id = "sa-abcd1234"; }},
      {"resource_id", [](ApiKeyRequest& r) { r.resource_id = "env-abcd1234"; }},
      {"resource_id", [](ApiKeyRequest& r) { r.resource_id = "CLOUD"; }},
      {"display_name", [](ApiKeyRequest& r) { r.display_name = "a\nb"; }},
      {"description",
       [](ApiKeyRequest& r) { r.description = std::string(1025, 'x'); }},
      {"description", [](ApiKeyRequest& r) { r.description = "\xff"; }},
      {"expire_time",
       [](ApiKeyRequest& r) { r.expire_time = At(1'600'000'000); }},
      {"expire_time",
       [this](ApiKeyRequest& r) { r.expire_time = clock_.Now(); }},
  };
  for (const Case& c : cases) {
    ApiKeyRequest request = Request();
    c.change(request);
    const absl::Status status = manager_.Create(Caller{}, request).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_THAT(status.message(), HasSubstr(c.field + ":"));
  }
  EXPECT_TRUE(repository_.creates().empty());
}

TEST_F(ApiKeyManagerTest, EmptyTextAndAFutureExpiryAreAccepted) {
  ApiKeyRequest request = Request();
  request.display_name = "";
  request.description = "";
  request.expire_time = clock_.Now() + std::chrono::microseconds(1);
  EXPECT_TRUE(manager_.Create(Caller{}, request).ok());
}

TEST_F(ApiKeyManagerTest, MalformedIdsAreRejectedBeforeTheRepository) {
  EXPECT_EQ(manager_.Get(Caller{}, "lowercase1234567").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(manager_.Delete(Caller{}, "", false).status().message(),
              HasSubstr("id: is required"));
  EXPECT_EQ(
      manager_.List(Caller{}, Owner("lkc-abcd1234"), 0, "").status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(manager_.List(Caller{}, Resource("sa-abcd1234"), 0, "")
                  .status()
                  .message(),
              HasSubstr("resource_id:"));
  EXPECT_THAT(manager_.Usage(Caller{}, "bad", 7).status().message(),
              HasSubstr("id:"));
  EXPECT_EQ(repository_.reads(), 0);
}

TEST_F(ApiKeyManagerTest, PageTokensAreBoundToTheFilters) {
  ApiKeyFilter filter;
  filter.owner_id = "sa-owner123";
  filter.resource_id = "cloud";
  const PageCursor cursor{At(1), "AAAAAAAAAAAAAAAA"};
  const std::string token = page_tokens_.Encode(
      cursor, ReaderListScope(ApiKeyListScope(filter), Caller{}.id));
  EXPECT_TRUE(manager_.List(Caller{}, filter, 10, token).ok());

  std::vector<ApiKeyFilter> others(5, filter);
  others[0].resource_id = "lkc-abcd1234";
  others[1].state = ApiKeyState::kActive;
  others[2].unused_since = At(1);
  others[3].expire_before = At(1);
  others[4].unused_since = At(2);
  for (ApiKeyFilter& other : others) {
    const absl::Status refused =
        manager_.List(Caller{}, other, 10, token).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(refused.message(), HasSubstr("page_token"));
  }
  // A token of one unused_since is refused with another.
  const std::string unused_token = page_tokens_.Encode(
      cursor, ReaderListScope(ApiKeyListScope(others[2]), Caller{}.id));
  EXPECT_TRUE(manager_.List(Caller{}, others[2], 10, unused_token).ok());
  EXPECT_EQ(
      manager_.List(Caller{}, others[4], 10, unused_token).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(ApiKeyManagerTest, ListPassesEveryFilterToTheRepository) {
  ApiKeyFilter filter;
  filter.owner_id = "sa-owner123";
  filter.state = ApiKeyState::kExpired;
  filter.unused_since = At(5);
  filter.expire_before = At(6);
  ASSERT_TRUE(manager_.List(Caller{}, filter, 10, "").ok());
  const ApiKeyFilter passed = repository_.last_filter();
  EXPECT_EQ(passed.owner_id, filter.owner_id);
  EXPECT_EQ(passed.resource_id, std::nullopt);
  EXPECT_EQ(passed.state, ApiKeyState::kExpired);
  EXPECT_EQ(passed.unused_since, At(5));
  EXPECT_EQ(passed.expire_before, At(6));
}

TEST_F(ApiKeyManagerTest, UsageListsEveryDayEndingTodayWithZerosForEmptyDays) {
  ApiKey key;
  key.id = "AAAAAAAAAAAAAAAA";
  repository_.Put(key, "hash");
  const UtcDay today = UtcDayOf(clock_.Now());
  UsageCounts counts;
  counts.valid = 4;
  counts.disabled = 1;
  repository_.PutUsage(key.id, today - 2, counts);
  repository_.PutUsage(key.id, today - 7, counts);  // before the window

  absl::StatusOr<std::vector<KeyUsageDay>> usage =
      manager_.Usage(Caller{}, key.id, 3);
  ASSERT_TRUE(usage.ok()) << usage.status();
  ASSERT_EQ(usage->size(), 3u);
  EXPECT_EQ((*usage)[0].day, today - 2);
  EXPECT_EQ((*usage)[0].counts, counts);
  EXPECT_EQ((*usage)[1].day, today - 1);
  EXPECT_EQ((*usage)[1].counts, UsageCounts{});
  EXPECT_EQ((*usage)[2].day, today);

  usage = manager_.Usage(Caller{}, key.id, 0);
  ASSERT_TRUE(usage.ok()) << usage.status();
  EXPECT_EQ(usage->size(), 30u);
  EXPECT_EQ(usage->back().day, today);
  usage = manager_.Usage(Caller{}, key.id, 366);
  ASSERT_TRUE(usage.ok()) << usage.status();
  EXPECT_EQ(usage->size(), 366u);
}

TEST_F(ApiKeyManagerTest, UsageRefusesDaysOutOfRangeAndKeysItCannotSee) {
  ApiKey key;
  key.id = "AAAAAAAAAAAAAAAA";
  repository_.Put(key, "hash");
  for (int days : {-1, 367, 100000}) {
    const absl::Status refused =
        manager_.Usage(Caller{}, key.id, days).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << days;
    EXPECT_THAT(refused.message(), HasSubstr("days:"));
  }
  EXPECT_EQ(manager_.Usage(Caller{}, "BBBBBBBBBBBBBBBB", 7).status().code(),
            absl::StatusCode::kNotFound);
}

class ApiKeyDisableTest : public ApiKeyManagerTest {
 protected:
  static constexpr char kId[] = "ABCDEFGH12345678";

  ApiKeyDisableTest() {
    ApiKey key;
    key.id = kId;
    key.owner_id = "sa-owner123";
    key.resource_id = kCloudResourceId;
    key.update_time = At(1'600'000'000);
    repository_.Put(key, "hash");
  }

  ApiKey Stored() { return *repository_.Get(kId, ReadScope::Everything()); }
};

TEST_F(ApiKeyDisableTest, DisableSetsTheTimeAndEnableClearsItNotUpdateTime) {
  Decided<ApiKey> disabled = manager_.Disable(caller_, kId, false);
  ASSERT_TRUE(disabled.ok()) << disabled.status();
  EXPECT_EQ(disabled->state, ApiKeyState::kDisabled);
  EXPECT_EQ(disabled->disable_time, clock_.Now());
  EXPECT_EQ(Stored().disable_time, clock_.Now());
  EXPECT_EQ(Stored().update_time, At(1'600'000'000));

  Decided<ApiKey> enabled = manager_.Enable(caller_, kId, false);
  ASSERT_TRUE(enabled.ok()) << enabled.status();
  EXPECT_EQ(enabled->state, ApiKeyState::kActive);
  EXPECT_FALSE(Stored().disable_time.has_value());
}

TEST_F(ApiKeyDisableTest, EachIsPolicyCheckedAsItsOwnActionAndAudited) {
  ASSERT_TRUE(manager_.Disable(caller_, kId, false).ok());
  ASSERT_TRUE(manager_.Enable(caller_, kId, false).ok());
  ASSERT_EQ(policy_.client.inputs.size(), 2u);
  EXPECT_EQ(policy_.client.inputs[0]["action"], "api_key.disable");
  EXPECT_EQ(policy_.client.inputs[1]["action"], "api_key.enable");
  // The target names the key with its owner, for the owner and escalation
  // rules.
  EXPECT_EQ(policy_.client.inputs[0]["target"]["api_key"]["id"], kId);
  EXPECT_EQ(policy_.client.inputs[0]["target"]["owner"]["id"], "sa-owner123");
  EXPECT_EQ(policy_.client.inputs[0]["request"], nlohmann::json({{"id", kId}}));
}

TEST_F(ApiKeyDisableTest, ADeniedDisableChangesNothing) {
  policy_.client.Deny("not_authorized");
  Decided<ApiKey> denied = manager_.Disable(caller_, kId, false);
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(Stored().disable_time.has_value());
  ASSERT_EQ(policy_.audit.appended.size(), 1u);  // the denial's own event
  EXPECT_EQ(policy_.audit.appended[0].action, "api_key.disable");
  EXPECT_FALSE(policy_.audit.appended[0].allowed);
}

TEST_F(ApiKeyDisableTest, ValidateOnlyShowsTheKeyAsItWouldBeAndChangesNothing) {
  Decided<ApiKey> dry = manager_.Disable(caller_, kId, true);
  ASSERT_TRUE(dry.ok()) << dry.status();
  EXPECT_EQ(dry->state, ApiKeyState::kDisabled);
  EXPECT_FALSE(Stored().disable_time.has_value());
  EXPECT_EQ(policy_.client.inputs[0]["validate_only"], true);
}

TEST_F(ApiKeyDisableTest, BadAndUnknownIdsFailBeforeThePolicy) {
  EXPECT_EQ(
      manager_.Disable(caller_, "lowercase1234567", false).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(manager_.Enable(caller_, "", false).status().message(),
              HasSubstr("id: is required"));
  EXPECT_EQ(
      manager_.Disable(caller_, "ZZZZZZZZZZZZZZZZ", false).status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_TRUE(policy_.client.inputs.empty());
}

}  // namespace
}  // namespace keyward::domain
