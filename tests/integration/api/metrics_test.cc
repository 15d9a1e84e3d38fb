// keywardd's /metrics over HTTP against the real PostgreSQL and OPA: the
// counters move by what the calls did, and — the attacker's view — the
// scrape names no key id, secret, account or resource id, or peer address.
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "keyward/v1/api_key.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kVerify[] = "keyward.v1.ApiKeyService/VerifyApiKey";
constexpr char kCreate[] = "keyward.v1.ApiKeyService/CreateApiKey";

std::string ScrapeMetrics(const std::string& address) {
  const size_t colon = address.rfind(':');
  httplib::Client client(address.substr(0, colon),
                         std::atoi(address.substr(colon + 1).c_str()));
  client.set_read_timeout(10, 0);
  httplib::Result reply = client.Get("/metrics");
  if (!reply) {
    ADD_FAILURE() << "GET /metrics failed: "
                  << httplib::to_string(reply.error());
    return "";
  }
  EXPECT_EQ(reply->status, 200);
  return reply->body;
}

// The value of the sample `series` (name and labels exactly as scraped),
// 0 when the series is absent (gRPC series appear on their first call).
double Value(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.compare(0, series.size() + 1, series + " ") == 0) {
      return std::strtod(line.c_str() + series.size() + 1, nullptr);
    }
  }
  return 0;
}

std::string Calls(const std::string& method, const std::string& code) {
  return "keyward_grpc_requests_total{code=\"" + code + "\",method=\"" +
         method + "\"}";
}

class MetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new KeywardServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  std::string Scrape() const {
    return ScrapeMetrics(server_->process().metrics_address());
  }

  // A new environment with a Kafka cluster, and a service account.
  struct Owner {
    std::string environment, cluster, owner;
  };
  Owner NewOwnerOfACluster() {
    Owner made;
    made.environment = make_.Environment().Create().id();
    made.cluster = make_.KafkaCluster(made.environment).Create().id();
    made.owner = make_.ServiceAccount().Create().id();
    return made;
  }

  static KeywardServer* server_;
  Fixtures make_{server_->channel()};
  std::unique_ptr<v1::ApiKeyService::Stub> keys_ =
      v1::ApiKeyService::NewStub(server_->channel());
};

KeywardServer* MetricsTest::server_ = nullptr;

TEST_F(MetricsTest, CountersMoveByWhatTheCallsDid) {
  const auto [environment, cluster, owner] = NewOwnerOfACluster();
  const v1::CreateApiKeyResponse other = make_.ApiKey(owner, cluster).Create();
  const std::string before = Scrape();

  const v1::CreateApiKeyResponse key = make_.ApiKey(owner, cluster).Create();
  const std::string id = key.api_key().id();
  EXPECT_TRUE(VerifyKey(*keys_, id, key.secret(), cluster).valid());
  // The wrong secret, then a key that does not exist (but looks like one).
  EXPECT_FALSE(VerifyKey(*keys_, id, other.secret(), cluster).valid());
  EXPECT_FALSE(
      VerifyKey(*keys_, "ZZZZZZZZZZZZZZZZ", other.secret(), cluster).valid());
  // Denied by the default policy: a key needs a description.
  v1::CreateApiKeyResponse denied;
  EXPECT_EQ(
      make_.ApiKey(owner, cluster).Described("  ").Call(&denied).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // A caller whose credentials are wrong.
  v1::VerifyApiKeyRequest request;
  v1::VerifyApiKeyResponse response;
  EXPECT_EQ(keys_
                ->VerifyApiKey(CallContext(KeywardServer::BasicAuthorization(
                                               id + ":" + other.secret()))
                                   .get(),
                               request, &response)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  const std::string after = Scrape();
  auto moved = [&](const std::string& series) {
    return Value(after, series) - Value(before, series);
  };
  EXPECT_EQ(moved("keyward_verify_total{reason=\"valid\"}"), 1);
  EXPECT_EQ(moved("keyward_verify_total{reason=\"invalid_credentials\"}"), 2);
  EXPECT_EQ(moved("keyward_verify_total{reason=\"expired\"}"), 0);
  EXPECT_EQ(moved(Calls(kVerify, "OK")), 3);
  EXPECT_EQ(moved(Calls(kVerify, "UNAUTHENTICATED")), 1);
  EXPECT_EQ(moved(Calls(kCreate, "OK")), 1);
  EXPECT_EQ(moved(Calls(kCreate, "PERMISSION_DENIED")), 1);
  EXPECT_EQ(moved("keyward_grpc_request_duration_seconds_count{method=\"" +
                  std::string(kVerify) + "\"}"),
            4);
  EXPECT_EQ(
      moved("keyward_auth_failures_total{reason=\"invalid_credentials\"}"), 1);
  // The create and the denied create each asked OPA.
  EXPECT_GE(moved("keyward_opa_decision_duration_seconds_count"), 2);
  EXPECT_EQ(moved("keyward_opa_errors_total{kind=\"unavailable\"}"), 0);
  // Every verification and authentication looked its key up in the cache.
  EXPECT_GE(moved("keyward_verification_cache_hits_total") +
                moved("keyward_verification_cache_misses_total"),
            4);
  EXPECT_GE(Value(after, "keyward_verification_cache_entries"), 1);

  EXPECT_THAT(after, HasSubstr("keyward_db_pool_connections{state=\"idle\"} "));
  EXPECT_THAT(after,
              HasSubstr("keyward_db_pool_connections{state=\"in_use\"} "));
  EXPECT_GE(Value(after, "keyward_db_pool_connections{state=\"idle\"}") +
                Value(after, "keyward_db_pool_connections{state=\"in_use\"}"),
            1);
  EXPECT_THAT(after, HasSubstr("keyward_db_pool_waits_total "));
  EXPECT_THAT(after,
              ::testing::ContainsRegex(
                  "keyward_build_info\\{revision=\"([0-9a-f]+|unknown)\","
                  "version=\"[0-9.]+\"\\} 1"));
}

TEST_F(MetricsTest, ADeleteReachesTheListenerAndItsLagIsObserved) {
  ASSERT_TRUE(Eventually("the revocation listener to be connected", [&] {
    return Value(Scrape(), "keyward_revocation_listener_connected") == 1;
  }));
  const auto [environment, cluster, owner] = NewOwnerOfACluster();
  const v1::CreateApiKeyResponse key = make_.ApiKey(owner, cluster).Create();
  const double lags = Value(Scrape(), "keyward_revocation_lag_seconds_count");

  v1::DeleteApiKeyRequest request;
  request.set_id(key.api_key().id());
  v1::DeleteApiKeyResponse response;
  ASSERT_TRUE(
      keys_->DeleteApiKey(CallContext().get(), request, &response).ok());
  EXPECT_TRUE(Eventually("the revocation's lag to be observed", [&] {
    return Value(Scrape(), "keyward_revocation_lag_seconds_count") > lags;
  }));
}

TEST_F(MetricsTest, TheScrapeNamesNoIdSecretOrAddress) {
  const auto [environment, cluster, owner] = NewOwnerOfACluster();
  const v1::CreateApiKeyResponse key = make_.ApiKey(owner, cluster).Create();
  VerifyKey(*keys_, key.api_key().id(), key.secret(), cluster);
  VerifyKey(*keys_, key.api_key().id(), key.secret() + "x", cluster);
  // A method keywardd does not have, named by the caller.
  {
    grpc::GenericStub stub(server_->channel());
    grpc::Slice slice(std::string("x"));
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/keyward.v1.ApiKeyService/" + key.api_key().id(),
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    EXPECT_EQ(done.get_future().get().error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
  }

  const std::string text = Scrape();
  for (const std::string& secret :
       {key.api_key().id(), key.secret(), owner, cluster, environment,
        server_->admin_id(), server_->admin_key(), server_->admin_secret(),
        std::string("127.0.0.1"), std::string("ipv4:"), std::string("ipv6:")}) {
    EXPECT_THAT(text, Not(HasSubstr(secret))) << secret;
  }
}

// deploy/metricnames/metricnames.go is the list the dashboard and alert
// rules are checked against: each of keywardd's must be in a real scrape,
// or a panel or an alert would watch a series that never comes.
std::vector<std::string> KeywarddMetricNames() {
  std::ifstream file(std::string(KEYWARD_SOURCE_DIR) +
                     "/deploy/metricnames/metricnames.go");
  std::stringstream text;
  text << file.rdbuf();
  const std::string source = text.str();
  const size_t start = source.find("var Keywardd = map[string]Type{");
  std::vector<std::string> names;
  if (start == std::string::npos) return names;
  const size_t end = source.find('}', start);
  const std::regex name("\"(keyward_[a-z_]+)\"");
  const std::string list = source.substr(start, end - start);
  for (auto it = std::sregex_iterator(list.begin(), list.end(), name);
       it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

TEST_F(MetricsTest, EveryMetricTheDashboardMayUseIsServed) {
  const auto [environment, cluster, owner] = NewOwnerOfACluster();
  const v1::CreateApiKeyResponse key = make_.ApiKey(owner, cluster).Create();
  VerifyKey(*keys_, key.api_key().id(), key.secret(), cluster);
  const std::vector<std::string> names = KeywarddMetricNames();
  ASSERT_GE(names.size(), 10u) << "deploy/metricnames/metricnames.go unread";
  const std::string text = Scrape();
  for (const std::string& name : names) {
    EXPECT_THAT(text, HasSubstr("# TYPE " + name + " ")) << name;
  }
}

TEST_F(MetricsTest, ATakenMetricsAddressStopsKeywarddBeforeItServes) {
  KeywarddProcess second(
      {{"KEYWARD_DATABASE_URL", server_->db().url()},
       {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")},
       {"KEYWARD_METRICS_LISTEN", server_->process().metrics_address()}});
  EXPECT_FALSE(second.Start());
  EXPECT_THAT(second.log(), HasSubstr("cannot serve metrics on " +
                                      server_->process().metrics_address()));
  EXPECT_THAT(second.log(), Not(HasSubstr("serving on")));
}

TEST(MetricsOffTest, OffServesNothingAndKeywarddStillServes) {
  KeywardServer server(
      std::map<std::string, std::string>{{"KEYWARD_METRICS_LISTEN", "off"}});
  EXPECT_EQ(server.process().metrics_address(), "");
  EXPECT_THAT(server.process().log(), Not(HasSubstr("metrics on")));
  auto keys = v1::ApiKeyService::NewStub(server.channel());
  v1::VerifyApiKeyRequest request;
  v1::VerifyApiKeyResponse response;
  EXPECT_EQ(
      keys->VerifyApiKey(CallContext().get(), request, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace keyward::testing
