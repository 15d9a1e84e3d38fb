// GetApiKeyUsage and ListApiKeys' lifecycle filters over gRPC against
// keywardd, the real PostgreSQL and OPA: verifications are counted per key,
// day and outcome in the batches that write last_used_time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "keyward/v1/api_key.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/rows.h"

namespace keyward::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

constexpr std::time_t kSecondsPerDay = 86400;

google::protobuf::Timestamp SecondsFromNow(int64_t seconds) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(std::time(nullptr) + seconds);
  return timestamp;
}

// The UTC date of `time`, "YYYY-MM-DD".
std::string UtcDate(std::time_t time) {
  std::tm tm{};
  gmtime_r(&time, &tm);
  char text[16];
  std::strftime(text, sizeof(text), "%Y-%m-%d", &tm);
  return text;
}

std::string TodayUtc() { return UtcDate(std::time(nullptr)); }

class ApiKeyUsageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_LAST_USED_FLUSH_INTERVAL", "100ms"}});
    rows_ = new Rows(server_->db());
    environment_ = new std::string(rows_->Environment());
  }
  static void TearDownTestSuite() {
    delete environment_;
    delete rows_;
    delete server_;
  }

  void SetUp() override {
    stub_ = v1::ApiKeyService::NewStub(server_->channel());
    owner_ = rows_->ServiceAccount();
    cluster_ = rows_->KafkaCluster(*environment_);
  }

  v1::CreateApiKeyResponse Create(const std::string& owner,
                                  const std::string& resource) {
    v1::CreateApiKeyRequest request;
    request.set_owner_id(owner);
    request.set_resource_id(resource);
    request.set_description("made by api_key_usage_test");
    v1::CreateApiKeyResponse response;
    const grpc::Status status =
        stub_->CreateApiKey(KeywardServer::Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::VerifyReason Verify(const std::string& key, const std::string& secret,
                          const std::string& resource) {
    return VerifyKey(*stub_, key, secret, resource).reason();
  }

  grpc::Status Usage(const std::string& id, int days,
                     v1::GetApiKeyUsageResponse* response,
                     grpc::ClientContext* context = nullptr) {
    v1::GetApiKeyUsageRequest request;
    request.set_id(id);
    request.set_days(days);
    if (context) return stub_->GetApiKeyUsage(context, request, response);
    return stub_->GetApiKeyUsage(KeywardServer::Context().get(), request,
                                 response);
  }

  // The counts of `id` today and yesterday (UTC) added up, dated today as
  // keywardd sees it (all zero until a batch lands): uses counted just
  // before a UTC midnight are still found after it.
  v1::ApiKeyUsageDay Recent(const std::string& id) {
    v1::GetApiKeyUsageResponse response;
    const grpc::Status status = Usage(id, 2, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::ApiKeyUsageDay sum;
    for (const v1::ApiKeyUsageDay& day : response.days()) {
      sum.set_date(day.date());
      sum.set_valid(sum.valid() + day.valid());
      sum.set_invalid_credentials(sum.invalid_credentials() +
                                  day.invalid_credentials());
      sum.set_expired(sum.expired() + day.expired());
      sum.set_wrong_resource(sum.wrong_resource() + day.wrong_resource());
      sum.set_disabled(sum.disabled() + day.disabled());
    }
    return sum;
  }

  std::set<std::string> Listed(const v1::ListApiKeysRequest& filter) {
    v1::ListApiKeysRequest request = filter;
    request.set_owner_id(owner_);
    request.set_page_size(100);
    v1::ListApiKeysResponse response;
    const grpc::Status status =
        stub_->ListApiKeys(KeywardServer::Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::set<std::string> ids;
    for (const auto& key : response.api_keys()) ids.insert(key.id());
    return ids;
  }

  // Keys of owner_ on `resource`, one in each state the lifecycle filters
  // tell apart (set through SQL, as if time had passed).
  struct LifecycleKeys {
    std::string never_used, expiring, expired, disabled, used_long_ago;
    std::set<std::string> all() const {
      return {never_used, expiring, expired, disabled, used_long_ago};
    }
  };
  LifecycleKeys KeysInEveryState(const std::string& resource) {
    LifecycleKeys keys;
    keys.never_used = Create(owner_, resource).api_key().id();
    keys.expiring = Create(owner_, resource).api_key().id();
    keys.expired = Create(owner_, resource).api_key().id();
    keys.disabled = Create(owner_, resource).api_key().id();
    keys.used_long_ago = Create(owner_, resource).api_key().id();
    server_->db().Query(
        "UPDATE api_keys SET expire_time = now() + interval '3 days' WHERE "
        "id = '" +
        keys.expiring + "'");
    server_->db().Query(
        "UPDATE api_keys SET create_time = now() - interval '2 days', "
        "expire_time = now() - interval '1 day' WHERE id = '" +
        keys.expired + "'");
    server_->db().Query(
        "UPDATE api_keys SET disable_time = now(), disabled_by = '" +
        server_->admin_id() + "' WHERE id = '" + keys.disabled + "'");
    server_->db().Query(
        "UPDATE api_keys SET last_used_time = now() - interval '100 days' "
        "WHERE id = '" +
        keys.used_long_ago + "'");
    return keys;
  }

  static KeywardServer* server_;
  static Rows* rows_;
  static std::string* environment_;
  std::unique_ptr<v1::ApiKeyService::Stub> stub_;
  std::string owner_;
  std::string cluster_;
};

KeywardServer* ApiKeyUsageTest::server_ = nullptr;
Rows* ApiKeyUsageTest::rows_ = nullptr;
std::string* ApiKeyUsageTest::environment_ = nullptr;

TEST_F(ApiKeyUsageTest, NVerificationsAreCountedExactlyNTimesValid) {
  const v1::CreateApiKeyResponse key = Create(owner_, cluster_);
  const std::string& id = key.api_key().id();
  constexpr int kVerifications = 57;
  for (int i = 0; i < kVerifications; ++i) {
    ASSERT_EQ(Verify(id, key.secret(), cluster_), v1::VERIFY_REASON_VALID);
  }
  ASSERT_TRUE(Eventually("the counts to land",
                         [&] { return Recent(id).valid() >= kVerifications; }));
  // Several flush intervals later, still exactly N: nothing counted twice.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const std::string before = TodayUtc();
  const v1::ApiKeyUsageDay today = Recent(id);
  EXPECT_THAT(today.date(), AnyOf(before, TodayUtc()));
  EXPECT_EQ(today.valid(), kVerifications);
  EXPECT_EQ(today.invalid_credentials(), 0);
  EXPECT_EQ(today.expired(), 0);
  EXPECT_EQ(today.wrong_resource(), 0);
  EXPECT_EQ(today.disabled(), 0);
}

TEST_F(ApiKeyUsageTest, EachFailedOutcomeIsCountedForItsKey) {
  const v1::CreateApiKeyResponse key = Create(owner_, cluster_);
  const std::string& id = key.api_key().id();
  const std::string other_secret = Create(owner_, "cloud").secret();
  EXPECT_EQ(Verify(id, other_secret, cluster_),
            v1::VERIFY_REASON_INVALID_CREDENTIALS);
  EXPECT_EQ(Verify(id, other_secret, cluster_),
            v1::VERIFY_REASON_INVALID_CREDENTIALS);
  EXPECT_EQ(Verify(id, key.secret(), "cloud"),
            v1::VERIFY_REASON_WRONG_RESOURCE);
  EXPECT_EQ(Verify(id, key.secret(), cluster_), v1::VERIFY_REASON_VALID);

  // Expired: time passing, simulated in the row before keywardd first reads
  // (and caches) the key.
  const v1::CreateApiKeyResponse old = Create(owner_, cluster_);
  const std::string& old_id = old.api_key().id();
  server_->db().Query(
      "UPDATE api_keys SET create_time = now() - interval '2 hours', "
      "expire_time = now() - interval '1 hour' WHERE id = '" +
      old_id + "'");
  EXPECT_EQ(Verify(old_id, old.secret(), cluster_), v1::VERIFY_REASON_EXPIRED);

  ASSERT_TRUE(Eventually("the counts to land", [&] {
    return Recent(id).valid() == 1 && Recent(old_id).expired() == 1;
  }));
  const v1::ApiKeyUsageDay today = Recent(id);
  EXPECT_EQ(today.invalid_credentials(), 2);
  EXPECT_EQ(today.wrong_resource(), 1);
  EXPECT_EQ(today.expired(), 0);
  EXPECT_EQ(Recent(old_id).valid(), 0);
  // Only VALID moves last_used_time.
  EXPECT_EQ(server_->db().Count(
                "api_keys", "id = '" + old_id + "' AND last_used_time IS NULL"),
            1);
}

TEST_F(ApiKeyUsageTest, MalformedAndUnknownPresentationsAreCountedNowhere) {
  const v1::CreateApiKeyResponse key = Create(owner_, cluster_);
  const std::string& id = key.api_key().id();
  // Rows of keys other than this one and the admin's (whose calls
  // authenticate, and are counted).
  const std::string others =
      "api_key_id NOT IN ('" + id + "', '" + server_->admin_key() + "')";
  const int rows_before = server_->db().Count("api_key_usage", others);
  EXPECT_EQ(Verify(id, "not-a-secret", cluster_), v1::VERIFY_REASON_MALFORMED);
  EXPECT_EQ(Verify("lowercase", key.secret(), cluster_),
            v1::VERIFY_REASON_MALFORMED);
  EXPECT_EQ(Verify("ZZZZZZZZZZZZZZZZ", key.secret(), cluster_),
            v1::VERIFY_REASON_INVALID_CREDENTIALS);
  // A valid use afterwards, so that a landed batch can be waited for.
  EXPECT_EQ(Verify(id, key.secret(), cluster_), v1::VERIFY_REASON_VALID);
  ASSERT_TRUE(Eventually("the counts to land",
                         [&] { return Recent(id).valid() == 1; }));
  const v1::ApiKeyUsageDay today = Recent(id);
  EXPECT_EQ(today.invalid_credentials(), 0);
  EXPECT_EQ(
      server_->db().Count("api_key_usage", "api_key_id = 'ZZZZZZZZZZZZZZZZ'"),
      0);
  EXPECT_EQ(server_->db().Count("api_key_usage", others), rows_before);
}

TEST_F(ApiKeyUsageTest, DaysDefaultTo30EndTodayAndListZerosForQuietDays) {
  const v1::CreateApiKeyResponse key = Create(owner_, cluster_);
  const std::string& id = key.api_key().id();
  const std::time_t now = std::time(nullptr);
  const std::string today = UtcDate(now);
  const std::string three_days_ago = UtcDate(now - 3 * kSecondsPerDay);
  const std::string forty_days_ago = UtcDate(now - 40 * kSecondsPerDay);
  server_->db().Query(
      "INSERT INTO api_key_usage (api_key_id, day, valid, disabled) VALUES "
      "('" +
      id + "', DATE '" + three_days_ago + "', 11, 2), ('" + id + "', DATE '" +
      forty_days_ago + "', 5, 0)");
  // Days are found by their dates, not positions: the window ends on
  // keywardd's today, a day later if a UTC midnight passed meanwhile.
  auto valid_on = [](const v1::GetApiKeyUsageResponse& response,
                     const std::string& date) -> int64_t {
    for (const v1::ApiKeyUsageDay& day : response.days()) {
      if (day.date() == date) return day.valid();
    }
    ADD_FAILURE() << date << " is not in the window";
    return -1;
  };

  v1::GetApiKeyUsageResponse response;
  ASSERT_TRUE(Usage(id, 0, &response).ok());
  ASSERT_EQ(response.days_size(), 30);
  EXPECT_THAT(response.days(29).date(), AnyOf(today, TodayUtc()));
  int64_t valid = 0;
  for (int i = 0; i < 30; ++i) {
    const v1::ApiKeyUsageDay& day = response.days(i);
    if (i > 0) {
      EXPECT_LT(response.days(i - 1).date(), day.date());
    }
    if (day.date() == three_days_ago) {
      EXPECT_EQ(day.valid(), 11);
      EXPECT_EQ(day.disabled(), 2);
    } else {
      EXPECT_EQ(day.valid(), 0) << day.date();
    }
    valid += day.valid();
  }
  EXPECT_EQ(valid, 11);  // the day 40 days ago is outside the window

  response.Clear();
  ASSERT_TRUE(Usage(id, 366, &response).ok());
  EXPECT_EQ(response.days_size(), 366);
  EXPECT_EQ(valid_on(response, forty_days_ago), 5);
  response.Clear();
  const std::string before = TodayUtc();
  ASSERT_TRUE(Usage(id, 1, &response).ok());
  ASSERT_EQ(response.days_size(), 1);
  EXPECT_THAT(response.days(0).date(), AnyOf(before, TodayUtc()));
}

TEST_F(ApiKeyUsageTest, BadDaysAndIdsAreInvalidArgumentUnknownIsNotFound) {
  const std::string id = Create(owner_, cluster_).api_key().id();
  v1::GetApiKeyUsageResponse response;
  for (int days : {-1, 367, 1000000}) {
    const grpc::Status status = Usage(id, days, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << days;
    EXPECT_THAT(status.error_message(), HasSubstr("days"));
  }
  const grpc::Status bad_id = Usage("not-a-key", 7, &response);
  EXPECT_EQ(bad_id.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad_id.error_message(), HasSubstr("id"));
  EXPECT_EQ(Usage("ZZZZZZZZZZZZZZZZ", 7, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ApiKeyUsageTest, AKeyTheCallerCannotSeeIsNotFound) {
  // A caller without role bindings sees its own keys only. (A service
  // account: the policy issues users their keys through invitations.)
  const v1::CreateApiKeyResponse own = Create(rows_->ServiceAccount(), "cloud");
  const std::string others =
      Create(rows_->ServiceAccount(), "cloud").api_key().id();
  auto as_user = [&] {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization",
                         KeywardServer::BasicAuthorization(own.api_key().id() +
                                                           ":" + own.secret()));
    return context;
  };
  v1::GetApiKeyUsageResponse response;
  EXPECT_EQ(Usage(others, 7, &response, as_user().get()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Its own key, as GetApiKey shows it.
  const grpc::Status status =
      Usage(own.api_key().id(), 7, &response, as_user().get());
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.days_size(), 7);
}

TEST_F(ApiKeyUsageTest, ListFiltersByStateUseAndExpiry) {
  const std::string never_used = Create(owner_, cluster_).api_key().id();
  const v1::CreateApiKeyResponse used = Create(owner_, cluster_);
  const std::string expiring = Create(owner_, "cloud").api_key().id();
  const std::string expired = Create(owner_, "cloud").api_key().id();
  const std::string used_long_ago = Create(owner_, "cloud").api_key().id();
  server_->db().Query(
      "UPDATE api_keys SET expire_time = now() + interval '3 days' WHERE id = "
      "'" +
      expiring + "'");
  server_->db().Query(
      "UPDATE api_keys SET create_time = now() - interval '2 days', "
      "expire_time = now() - interval '1 day' WHERE id = '" +
      expired + "'");
  server_->db().Query(
      "UPDATE api_keys SET last_used_time = now() - interval '100 days' "
      "WHERE id = '" +
      used_long_ago + "'");
  ASSERT_EQ(Verify(used.api_key().id(), used.secret(), cluster_),
            v1::VERIFY_REASON_VALID);
  v1::ApiKey fetched;
  ASSERT_TRUE(Eventually("last_used_time to be written", [&] {
    v1::GetApiKeyRequest get;
    get.set_id(used.api_key().id());
    fetched.Clear();
    return stub_->GetApiKey(KeywardServer::Context().get(), get, &fetched)
               .ok() &&
           fetched.has_last_used_time();
  }));

  v1::ListApiKeysRequest filter;
  EXPECT_EQ(Listed(filter).size(), 5u);
  filter.set_state(v1::API_KEY_STATE_EXPIRED);
  EXPECT_EQ(Listed(filter), std::set<std::string>{expired});
  filter.set_state(v1::API_KEY_STATE_ACTIVE);
  EXPECT_EQ(Listed(filter),
            (std::set<std::string>{never_used, used.api_key().id(), expiring,
                                   used_long_ago}));
  filter.set_state(v1::API_KEY_STATE_DISABLED);
  EXPECT_EQ(Listed(filter), std::set<std::string>{});

  filter.Clear();
  *filter.mutable_unused_since() = SecondsFromNow(-90 * 86400);
  // Never-used keys count as unused.
  EXPECT_EQ(Listed(filter), (std::set<std::string>{never_used, expiring,
                                                   expired, used_long_ago}));

  filter.Clear();
  *filter.mutable_expire_before() = SecondsFromNow(7 * 86400);
  EXPECT_EQ(Listed(filter), (std::set<std::string>{expiring, expired}));
  *filter.mutable_expire_before() = SecondsFromNow(0);
  EXPECT_EQ(Listed(filter), std::set<std::string>{expired});

  // Filters combine.
  *filter.mutable_expire_before() = SecondsFromNow(7 * 86400);
  filter.set_state(v1::API_KEY_STATE_ACTIVE);
  EXPECT_EQ(Listed(filter), std::set<std::string>{expiring});
}

// The filters narrow what a caller may see and never widen it: a caller
// that is not an admin sees, under each filter, only the matching keys its
// role bindings cover and its own.
TEST_F(ApiKeyUsageTest, ANonAdminSeesOnlyTheKeysItMaySeeUnderEachFilter) {
  const std::string hidden_cluster = rows_->KafkaCluster(*environment_);
  const std::string caller = rows_->ServiceAccount();
  rows_->RoleBinding(caller, "CloudClusterAdmin", cluster_);
  const v1::CreateApiKeyResponse own = Create(caller, "cloud");
  const std::string own_expired = Create(caller, "cloud").api_key().id();
  server_->db().Query(
      "UPDATE api_keys SET create_time = now() - interval '2 days', "
      "expire_time = now() - interval '1 day' WHERE id = '" +
      own_expired + "'");
  const LifecycleKeys covered = KeysInEveryState(cluster_);
  const LifecycleKeys hidden = KeysInEveryState(hidden_cluster);

  const std::string as_caller = KeywardServer::BasicAuthorization(
      own.api_key().id() + ":" + own.secret());
  auto listed_as_caller = [&](const v1::ListApiKeysRequest& filter) {
    v1::ListApiKeysRequest request = filter;
    request.set_page_size(100);
    v1::ListApiKeysResponse response;
    const grpc::Status status =
        stub_->ListApiKeys(CallContext(as_caller).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::set<std::string> ids;
    for (const auto& key : response.api_keys()) ids.insert(key.id());
    return ids;
  };
  // The caller's key authenticates its calls, so it is used: wait for that
  // to be written, so that the unused_since filter's answer is settled.
  listed_as_caller({});
  ASSERT_TRUE(Eventually("the caller's use to be written", [&] {
    return server_->db().Count("api_keys",
                               "id = '" + own.api_key().id() +
                                   "' AND last_used_time IS NOT NULL") == 1;
  }));

  struct Case {
    std::string name;
    v1::ListApiKeysRequest filter;
    std::function<std::set<std::string>(const LifecycleKeys&)> of_cluster;
    std::set<std::string> of_caller;
  };
  std::vector<Case> cases(6);
  cases[0].name = "no filter";
  cases[0].of_cluster = [](const LifecycleKeys& k) { return k.all(); };
  cases[0].of_caller = {own.api_key().id(), own_expired};
  cases[1].name = "state ACTIVE";
  cases[1].filter.set_state(v1::API_KEY_STATE_ACTIVE);
  cases[1].of_cluster = [](const LifecycleKeys& k) {
    return std::set<std::string>{k.never_used, k.expiring, k.used_long_ago};
  };
  cases[1].of_caller = {own.api_key().id()};
  cases[2].name = "state EXPIRED";
  cases[2].filter.set_state(v1::API_KEY_STATE_EXPIRED);
  cases[2].of_cluster = [](const LifecycleKeys& k) {
    return std::set<std::string>{k.expired};
  };
  cases[2].of_caller = {own_expired};
  cases[3].name = "state DISABLED";
  cases[3].filter.set_state(v1::API_KEY_STATE_DISABLED);
  cases[3].of_cluster = [](const LifecycleKeys& k) {
    return std::set<std::string>{k.disabled};
  };
  cases[4].name = "unused_since";
  *cases[4].filter.mutable_unused_since() = SecondsFromNow(-90 * 86400);
  cases[4].of_cluster = [](const LifecycleKeys& k) { return k.all(); };
  cases[4].of_caller = {own_expired};  // never used
  cases[5].name = "expire_before";
  *cases[5].filter.mutable_expire_before() = SecondsFromNow(7 * 86400);
  cases[5].of_cluster = [](const LifecycleKeys& k) {
    return std::set<std::string>{k.expiring, k.expired};
  };
  cases[5].of_caller = {own_expired};

  for (const Case& c : cases) {
    std::set<std::string> expected = c.of_cluster(covered);
    expected.insert(c.of_caller.begin(), c.of_caller.end());
    EXPECT_EQ(listed_as_caller(c.filter), expected) << c.name;
    // The hidden cluster's keys match the filter too: the admin sees them.
    std::set<std::string> everyone = c.of_cluster(covered);
    const std::set<std::string> of_hidden = c.of_cluster(hidden);
    everyone.insert(of_hidden.begin(), of_hidden.end());
    EXPECT_EQ(Listed(c.filter), everyone) << c.name;
  }
}

TEST_F(ApiKeyUsageTest, APageTokenOfOneFilterIsRefusedWithAnother) {
  for (int i = 0; i < 3; ++i) Create(owner_, "cloud");
  v1::ListApiKeysRequest request;
  request.set_owner_id(owner_);
  request.set_page_size(1);
  request.set_state(v1::API_KEY_STATE_ACTIVE);
  *request.mutable_unused_since() = SecondsFromNow(0);
  v1::ListApiKeysResponse first;
  ASSERT_TRUE(
      stub_->ListApiKeys(KeywardServer::Context().get(), request, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());

  v1::ListApiKeysRequest same = request;
  same.set_page_token(first.next_page_token());
  v1::ListApiKeysResponse response;
  EXPECT_TRUE(
      stub_->ListApiKeys(KeywardServer::Context().get(), same, &response).ok());

  std::vector<v1::ListApiKeysRequest> others(4, same);
  others[0].set_state(v1::API_KEY_STATE_UNSPECIFIED);
  others[1].mutable_unused_since()->set_seconds(
      request.unused_since().seconds() - 1);
  others[2].clear_unused_since();
  *others[3].mutable_expire_before() = SecondsFromNow(0);
  for (const v1::ListApiKeysRequest& other : others) {
    const grpc::Status status =
        stub_->ListApiKeys(KeywardServer::Context().get(), other, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << other.ShortDebugString();
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
}

TEST_F(ApiKeyUsageTest, BadFilterValuesAreInvalidArgumentNamingTheField) {
  v1::ListApiKeysRequest request;
  v1::ListApiKeysResponse response;
  request.mutable_unused_since()->set_nanos(-1);
  grpc::Status status =
      stub_->ListApiKeys(KeywardServer::Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("unused_since"));

  request.Clear();
  request.mutable_expire_before()->set_seconds(-100000000000);
  status =
      stub_->ListApiKeys(KeywardServer::Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("expire_before"));

  request.Clear();
  request.set_state(static_cast<v1::ApiKeyState>(42));
  status =
      stub_->ListApiKeys(KeywardServer::Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("state"));
}

}  // namespace
}  // namespace keyward::testing
