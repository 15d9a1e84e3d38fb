// The HTTP/JSON API as a portal calls it: the built keyward-gateway in front
// of keywardd, against a real PostgreSQL and OPA, called with plain HTTP
// requests and JSON bodies — what `curl` or `fetch` would send.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/event_watch.h"
#include "tests/support/eventually.h"
#include "tests/support/gateway_process.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::json;

constexpr char kPolicyDecisionDetails[] =
    "type.googleapis.com/keyward.v1.PolicyDecisionDetails";

// One HTTP exchange as the test saw it.
struct Reply {
  int status = 0;  // 0: no answer (the transport error is in `body`)
  httplib::Headers headers;
  std::string body;
  Json json;  // discarded when the body is not JSON

  std::string Header(const std::string& name) const {
    const auto it = headers.find(name);  // case-insensitive in httplib
    return it == headers.end() ? "" : it->second;
  }
  std::vector<std::string> AllHeaders(const std::string& name) const {
    std::vector<std::string> values;
    const auto [begin, end] = headers.equal_range(name);
    for (auto it = begin; it != end; ++it) values.push_back(it->second);
    return values;
  }
};

// What a failed expectation should show about an exchange.
std::string Show(const Reply& reply) {
  return "HTTP " + std::to_string(reply.status) + "\n" + reply.body;
}

// The rules of the PolicyDecisionDetails' violations in an error body.
std::vector<std::string> ViolatedRules(const Json& error) {
  std::vector<std::string> rules;
  for (const Json& detail : error.value("details", Json::array())) {
    if (detail.value("@type", "") != kPolicyDecisionDetails) continue;
    for (const Json& violation : detail.value("violations", Json::array())) {
      rules.push_back(violation.value("rule", ""));
    }
  }
  return rules;
}

// An HTTP client of the gateway: sends `authorization` (if any) on every
// request and, with `local_address`, connects from that loopback address so
// that the gateway sees a client other than itself.
class Http {
 public:
  explicit Http(const GatewayProcess& gateway, std::string authorization = "",
                const std::string& local_address = "")
      : client_(gateway.host(), gateway.port()),
        authorization_(std::move(authorization)) {
    client_.set_connection_timeout(std::chrono::seconds(5));
    client_.set_read_timeout(std::chrono::seconds(30));
    if (!local_address.empty()) client_.set_interface(local_address);
  }

  Reply Get(const std::string& path, httplib::Headers headers = {}) {
    return Answer(client_.Get(path.c_str(), WithAuthorization(headers)));
  }
  // The first `lines` lines of a streamed answer (newline-delimited JSON),
  // then the connection is dropped.
  std::vector<Json> StreamLines(const std::string& path, size_t lines) {
    std::string received;
    std::vector<Json> parsed;
    client_.Get(path.c_str(), WithAuthorization({}),
                [&](const char* data, size_t length) {
                  received.append(data, length);
                  for (size_t end;
                       (end = received.find('\n')) != std::string::npos;) {
                    parsed.push_back(
                        Json::parse(received.substr(0, end), nullptr, false));
                    received.erase(0, end + 1);
                  }
                  return parsed.size() < lines;
                });
    return parsed;
  }
  Reply Delete(const std::string& path) {
    return Answer(client_.Delete(path.c_str(), WithAuthorization({})));
  }
  Reply Post(const std::string& path, const Json& body) {
    return Answer(client_.Post(path.c_str(), WithAuthorization({}), body.dump(),
                               "application/json"));
  }
  // The body in chunks (Transfer-Encoding: chunked), without announcing its
  // length.
  Reply PostChunked(const std::string& path, const std::string& body) {
    return Answer(client_.Post(
        path.c_str(), WithAuthorization({}),
        [&body](size_t offset, httplib::DataSink& sink) {
          if (offset < body.size()) {
            sink.write(body.data() + offset,
                       std::min<size_t>(4096, body.size() - offset));
          } else {
            sink.done();
          }
          return true;
        },
        "application/json"));
  }

 private:
  httplib::Headers WithAuthorization(httplib::Headers headers) const {
    if (!authorization_.empty()) {
      headers.emplace("Authorization", authorization_);
    }
    return headers;
  }

  static Reply Answer(const httplib::Result& result) {
    Reply reply;
    if (!result) {
      reply.body = "no answer: " + httplib::to_string(result.error());
      return reply;
    }
    reply.status = result->status;
    reply.headers = result->headers;
    reply.body = result->body;
    reply.json = Json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    return reply;
  }

  httplib::Client client_;
  std::string authorization_;
};

// keywardd (with a bootstrapped OrganizationAdmin) and a gateway in front of
// it, shared by the tests of a suite; tests create their own objects.
class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer();
    gateway_ = new GatewayProcess(server_->process().address());
    gateway_->Start();
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(gateway_->error().empty()) << gateway_->error();
  }

  static std::string AdminAuthorization() {
    return KeywardServer::BasicAuthorization(server_->admin_key() + ":" +
                                             server_->admin_secret());
  }

  // Calls that must succeed; the new object's id.
  std::string CreateEnvironment() {
    const Reply created = admin_.Post(
        "/v1/environments", {{"displayName", "Payments"}, {"stage", "dev"}});
    EXPECT_EQ(created.status, 200) << Show(created);
    return created.json.value("id", "");
  }
  std::string CreateKafka(const std::string& environment_id) {
    // Field names in the proto's own spelling are accepted too.
    const Reply created =
        admin_.Post("/v1/resources", {{"environment_id", environment_id},
                                      {"kind", "RESOURCE_KIND_KAFKA_CLUSTER"},
                                      {"display_name", "orders"},
                                      {"cloud", "aws"},
                                      {"region", "us-east-1"}});
    EXPECT_EQ(created.status, 200) << Show(created);
    return created.json.value("id", "");
  }
  std::string CreateServiceAccount() {
    const Reply created = admin_.Post(
        "/v1/accounts:createServiceAccount",
        {{"displayName", "ingest"}, {"description", "writes orders"}});
    EXPECT_EQ(created.status, 200) << Show(created);
    return created.json.value("id", "");
  }

  static KeywardServer* server_;
  static GatewayProcess* gateway_;
  Http admin_{*gateway_, AdminAuthorization()};
  Http anonymous_{*gateway_};
};

KeywardServer* GatewayTest::server_ = nullptr;
GatewayProcess* GatewayTest::gateway_ = nullptr;

TEST_F(GatewayTest, KeyLifecycleShowsTheSecretOnceVerifiesAndDeletes) {
  const std::string environment = CreateEnvironment();
  const std::string cluster = CreateKafka(environment);
  const std::string owner = CreateServiceAccount();
  ASSERT_THAT(cluster, StartsWith("lkc-"));
  ASSERT_THAT(owner, StartsWith("sa-"));

  const Reply created =
      admin_.Post("/v1/api-keys", {{"ownerId", owner},
                                   {"resourceId", cluster},
                                   {"displayName", "orders writer"},
                                   {"description", "the ingest job"}});
  ASSERT_EQ(created.status, 200) << Show(created);
  const std::string id = created.json["apiKey"].value("id", "");
  const std::string secret = created.json.value("secret", "");
  ASSERT_EQ(id.size(), 16u) << Show(created);
  ASSERT_THAT(secret, StartsWith("kwsec_"));
  EXPECT_EQ(created.json["apiKey"]["ownerId"], owner);
  EXPECT_EQ(created.json["apiKey"]["ownerType"],
            "ACCOUNT_TYPE_SERVICE_ACCOUNT");
  EXPECT_EQ(created.json["apiKey"]["resourceId"], cluster);
  EXPECT_EQ(created.json["apiKey"]["resourceKind"],
            "RESOURCE_KIND_KAFKA_CLUSTER");
  // A policy-checked call names its decision; this one has no warnings.
  EXPECT_FALSE(created.Header("Keyward-Policy-Decision-Id").empty());
  EXPECT_THAT(created.AllHeaders("Keyward-Policy-Warning"), ElementsAre());

  const Reply got = admin_.Get("/v1/api-keys/" + id);
  ASSERT_EQ(got.status, 200) << Show(got);
  EXPECT_EQ(got.json["id"], id);
  EXPECT_EQ(got.json["description"], "the ingest job");
  EXPECT_FALSE(got.json.contains("secret")) << Show(got);
  EXPECT_THAT(got.body, Not(HasSubstr(secret)));

  const Reply listed = admin_.Get("/v1/api-keys?ownerId=" + owner);
  ASSERT_EQ(listed.status, 200) << Show(listed);
  ASSERT_EQ(listed.json["apiKeys"].size(), 1u) << Show(listed);
  EXPECT_EQ(listed.json["apiKeys"][0]["id"], id);
  EXPECT_FALSE(listed.json["apiKeys"][0].contains("secret"));
  EXPECT_THAT(listed.body, Not(HasSubstr(secret)));
  EXPECT_THAT(listed.body, Not(HasSubstr("kwsec_")));

  const Json presented = {
      {"key", id}, {"secret", secret}, {"resourceId", cluster}};
  const Reply verified = admin_.Post("/v1/api-keys:verify", presented);
  ASSERT_EQ(verified.status, 200) << Show(verified);
  EXPECT_EQ(verified.json["valid"], true) << Show(verified);
  EXPECT_EQ(verified.json["reason"], "VERIFY_REASON_VALID");
  EXPECT_EQ(verified.json["apiKeyId"], id);
  EXPECT_EQ(verified.json["ownerId"], owner);

  const Reply deleted = admin_.Delete("/v1/api-keys/" + id);
  ASSERT_EQ(deleted.status, 200) << Show(deleted);
  EXPECT_EQ(deleted.json["id"], id);
  EXPECT_EQ(deleted.json["validateOnly"], false);

  const Reply gone = admin_.Get("/v1/api-keys/" + id);
  EXPECT_EQ(gone.status, 404) << Show(gone);
  // Deleted keys stop verifying within a second on every replica.
  Reply refused;
  EXPECT_TRUE(Eventually("the deleted key to stop verifying", [&] {
    refused = admin_.Post("/v1/api-keys:verify", presented);
    return refused.status == 200 && refused.json["valid"] == false;
  })) << Show(refused);
  EXPECT_EQ(refused.json["reason"], "VERIFY_REASON_INVALID_CREDENTIALS");
}

TEST_F(GatewayTest, DisableAndEnableAreCustomMethodsOfTheKey) {
  const std::string owner = CreateServiceAccount();
  const Reply created =
      admin_.Post("/v1/api-keys", {{"ownerId", owner},
                                   {"resourceId", "cloud"},
                                   {"description", "switched off and on"}});
  ASSERT_EQ(created.status, 200) << Show(created);
  const std::string id = created.json["apiKey"].value("id", "");
  const Json presented = {{"key", id},
                          {"secret", created.json.value("secret", "")},
                          {"resourceId", "cloud"}};

  const Reply disabled =
      admin_.Post("/v1/api-keys/" + id + ":disable", Json::object());
  ASSERT_EQ(disabled.status, 200) << Show(disabled);
  EXPECT_EQ(disabled.json["state"], "API_KEY_STATE_DISABLED");
  EXPECT_TRUE(disabled.json["disableTime"].is_string()) << Show(disabled);
  const Reply refused = admin_.Post("/v1/api-keys:verify", presented);
  EXPECT_EQ(refused.json["valid"], false) << Show(refused);
  EXPECT_EQ(refused.json["reason"], "VERIFY_REASON_DISABLED");

  const Reply enabled =
      admin_.Post("/v1/api-keys/" + id + ":enable", Json::object());
  ASSERT_EQ(enabled.status, 200) << Show(enabled);
  EXPECT_EQ(enabled.json["state"], "API_KEY_STATE_ACTIVE");
  EXPECT_TRUE(enabled.json["disableTime"].is_null()) << Show(enabled);
  EXPECT_EQ(admin_.Post("/v1/api-keys:verify", presented).json["valid"], true);
}

TEST_F(GatewayTest, RotateReturnsTheSuccessorWithItsSecretOnce) {
  const std::string cluster = CreateKafka(CreateEnvironment());
  const Reply created =
      admin_.Post("/v1/api-keys", {{"ownerId", CreateServiceAccount()},
                                   {"resourceId", cluster},
                                   {"description", "the ingest job"}});
  ASSERT_EQ(created.status, 200) << Show(created);
  const std::string id = created.json["apiKey"].value("id", "");

  const Reply rotated =
      admin_.Post("/v1/api-keys/" + id + ":rotate", {{"gracePeriod", "3600s"}});
  ASSERT_EQ(rotated.status, 200) << Show(rotated);
  const std::string successor = rotated.json["apiKey"].value("id", "");
  EXPECT_EQ(successor.size(), 16u) << Show(rotated);
  EXPECT_NE(successor, id);
  EXPECT_THAT(rotated.json.value("secret", ""), StartsWith("kwsec_"));
  EXPECT_EQ(rotated.json["apiKey"]["rotatedFrom"], id);
  EXPECT_EQ(rotated.json["apiKey"]["description"], "the ingest job");
  EXPECT_EQ(rotated.json["previous"]["id"], id);
  EXPECT_TRUE(rotated.json["previous"].contains("expireTime")) << Show(rotated);
  EXPECT_FALSE(rotated.Header("Keyward-Policy-Decision-Id").empty());

  const Reply got = admin_.Get("/v1/api-keys/" + successor);
  ASSERT_EQ(got.status, 200) << Show(got);
  EXPECT_FALSE(got.json.contains("secret"));
}

TEST_F(GatewayTest, UsageListsTheAskedDaysWithTodaysVerifications) {
  const std::string owner = CreateServiceAccount();
  const Reply created =
      admin_.Post("/v1/api-keys", {{"ownerId", owner},
                                   {"resourceId", "cloud"},
                                   {"description", "counted"}});
  ASSERT_EQ(created.status, 200) << Show(created);
  const std::string id = created.json["apiKey"].value("id", "");
  const Reply verified = admin_.Post(
      "/v1/api-keys:verify", {{"key", id},
                              {"secret", created.json.value("secret", "")},
                              {"resourceId", "cloud"}});
  ASSERT_EQ(verified.json["valid"], true) << Show(verified);

  Reply usage;
  EXPECT_TRUE(Eventually("the use to be counted", [&] {
    usage = admin_.Get("/v1/api-keys/" + id + "/usage?days=7");
    return usage.status == 200 && usage.json.contains("days") &&
           usage.json["days"].size() == 7 &&
           usage.json["days"][6].value("valid", "0") == "1";  // int64: text
  })) << Show(usage);
  EXPECT_THAT(usage.json["days"][0].value("date", ""),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}"));

  const Reply bad = admin_.Get("/v1/api-keys/" + id + "/usage?days=400");
  EXPECT_EQ(bad.status, 400) << Show(bad);
}

TEST_F(GatewayTest, NoCredentialsIs401WithABasicChallenge) {
  const Reply refused = anonymous_.Get("/v1/environments");
  EXPECT_EQ(refused.status, 401) << Show(refused);
  EXPECT_THAT(refused.Header("WWW-Authenticate"), StartsWith("Basic "));
  EXPECT_EQ(refused.json["code"], 16) << Show(refused);  // UNAUTHENTICATED
  EXPECT_TRUE(refused.json["message"].is_string()) << Show(refused);

  const Reply wrong =
      Http(*gateway_, "Basic " + std::string("bm90OmEta2V5"))  // not:a-key
          .Get("/v1/environments");
  EXPECT_EQ(wrong.status, 401) << Show(wrong);
  EXPECT_THAT(wrong.Header("WWW-Authenticate"), StartsWith("Basic "));
}

TEST_F(GatewayTest, PolicyDenialIs403NamingTheRulesAndChangesNothing) {
  const std::string owner = CreateServiceAccount();
  // The default policy requires a description.
  const Reply denied = admin_.Post(
      "/v1/api-keys", {{"ownerId", owner}, {"resourceId", "cloud"}});
  EXPECT_EQ(denied.status, 403) << Show(denied);
  EXPECT_EQ(denied.json["code"], 7) << Show(denied);  // PERMISSION_DENIED
  EXPECT_THAT(denied.json.value("message", ""),
              HasSubstr("[description_required]"));
  EXPECT_THAT(ViolatedRules(denied.json), ElementsAre("description_required"))
      << Show(denied);
  EXPECT_THAT(denied.body, Not(HasSubstr("kwsec_")));

  const Reply listed = admin_.Get("/v1/api-keys?ownerId=" + owner);
  ASSERT_EQ(listed.status, 200) << Show(listed);
  EXPECT_TRUE(listed.json["apiKeys"].empty()) << Show(listed);
}

TEST_F(GatewayTest, BadInputIs400NamingTheField) {
  const Reply malformed_id = admin_.Get("/v1/api-keys/not-a-key-id");
  EXPECT_EQ(malformed_id.status, 400) << Show(malformed_id);
  EXPECT_EQ(malformed_id.json["code"], 3) << Show(malformed_id);
  EXPECT_THAT(malformed_id.json.value("message", ""), StartsWith("id: "));

  const Reply unknown_field = admin_.Post(
      "/v1/environments",
      {{"displayName", "Payments"}, {"stage", "dev"}, {"colour", "blue"}});
  EXPECT_EQ(unknown_field.status, 400) << Show(unknown_field);
  EXPECT_EQ(unknown_field.json["code"], 3) << Show(unknown_field);
  EXPECT_THAT(unknown_field.json.value("message", ""), HasSubstr("colour"));

  const Reply missing_stage =
      admin_.Post("/v1/environments", {{"displayName", "Payments"}});
  EXPECT_EQ(missing_stage.status, 400) << Show(missing_stage);
  EXPECT_THAT(missing_stage.json.value("message", ""), StartsWith("stage: "));
}

TEST_F(GatewayTest, UnknownObjectIs404) {
  const Reply key = admin_.Get("/v1/api-keys/AAAAAAAAAAAAAAAA");
  EXPECT_EQ(key.status, 404) << Show(key);
  EXPECT_EQ(key.json["code"], 5) << Show(key);  // NOT_FOUND
  const Reply environment = admin_.Get("/v1/environments/env-00000000");
  EXPECT_EQ(environment.status, 404) << Show(environment);
}

TEST_F(GatewayTest, DuplicateRoleBindingIs409) {
  const Json binding = {{"principalId", CreateServiceAccount()},
                        {"role", "KeyVerifier"},
                        {"scope", "organization"}};
  const Reply first = admin_.Post("/v1/role-bindings", binding);
  ASSERT_EQ(first.status, 200) << Show(first);
  EXPECT_THAT(first.json.value("id", ""), StartsWith("rb-"));
  const Reply again = admin_.Post("/v1/role-bindings", binding);
  EXPECT_EQ(again.status, 409) << Show(again);
  EXPECT_EQ(again.json["code"], 6) << Show(again);  // ALREADY_EXISTS
}

TEST_F(GatewayTest, DeletingANonEmptyEnvironmentWithoutForceIs412) {
  const std::string environment = CreateEnvironment();
  const std::string cluster = CreateKafka(environment);
  const Reply refused = admin_.Delete("/v1/environments/" + environment);
  EXPECT_EQ(refused.status, 412) << Show(refused);
  EXPECT_EQ(refused.json["code"], 9) << Show(refused);  // FAILED_PRECONDITION
  EXPECT_EQ(admin_.Get("/v1/resources/" + cluster).status, 200);

  const Reply forced =
      admin_.Delete("/v1/environments/" + environment + "?force=true");
  EXPECT_EQ(forced.status, 200) << Show(forced);
  EXPECT_THAT(forced.json["deletedResourceIds"], ElementsAre(cluster));
}

TEST_F(GatewayTest, ABodyOverTheLimitIs413AndCreatesNothing) {
  const std::string name(70 * 1024, 'x');  // the default limit is 64 KiB
  const Reply refused = admin_.Post(
      "/v1/environments", {{"displayName", name}, {"stage", "toolarge"}});
  EXPECT_EQ(refused.status, 413) << Show(refused);
  EXPECT_THAT(refused.json.value("message", ""), HasSubstr("65536 bytes"));
  // Also when the client does not say how long the body is.
  const Json unannounced = {{"displayName", name}, {"stage", "toolarge"}};
  const Reply chunked =
      admin_.PostChunked("/v1/environments", unannounced.dump());
  EXPECT_EQ(chunked.status, 413) << Show(chunked);

  const Reply listed = admin_.Get("/v1/environments?pageSize=100");
  ASSERT_EQ(listed.status, 200) << Show(listed);
  EXPECT_THAT(listed.body, Not(HasSubstr("toolarge")));
}

// The default policy warns when a user creates an organization-wide key for
// themselves (governance rule user_cloud_key); the bootstrapped admin is a
// user.
TEST_F(GatewayTest, APolicyWarningOfASuccessfulCallIsAResponseHeader) {
  const Reply created = admin_.Post(
      "/v1/api-keys",
      {{"resourceId", "cloud"}, {"description", "the admin's laptop"}});
  ASSERT_EQ(created.status, 200) << Show(created);
  EXPECT_THAT(created.AllHeaders("Keyward-Policy-Warning"),
              ElementsAre("[user_cloud_key] a user-owned Cloud key opens the "
                          "whole organization: prefer a service account"));
  const std::string decision_id = created.Header("Keyward-Policy-Decision-Id");
  EXPECT_FALSE(decision_id.empty());

  // The same decision as the audit trail records.
  const std::string id = created.json["apiKey"].value("id", "");
  const Reply events = admin_.Get("/v1/audit-events?action=api_key.create&" +
                                  std::string("targetId=") + id);
  ASSERT_EQ(events.status, 200) << Show(events);
  ASSERT_EQ(events.json["auditEvents"].size(), 1u) << Show(events);
  EXPECT_EQ(events.json["auditEvents"][0]["decisionId"], decision_id);
  EXPECT_EQ(events.json["auditEvents"][0]["warnings"][0]["rule"],
            "user_cloud_key");
}

TEST_F(GatewayTest, AnInvitationIsRedeemedWithoutCredentials) {
  const Reply user =
      admin_.Post("/v1/accounts:createUserAccount",
                  {{"email", "dana@example.com"}, {"displayName", "Dana"}});
  ASSERT_EQ(user.status, 200) << Show(user);
  const std::string user_id = user.json.value("id", "");
  const Reply invitation =
      admin_.Post("/v1/accounts/" + user_id + "/invitations", Json::object());
  ASSERT_EQ(invitation.status, 200) << Show(invitation);
  const std::string token = invitation.json.value("token", "");
  ASSERT_THAT(token, StartsWith("kwinv_"));

  const Json redemption = {{"token", token}, {"description", "Dana's key"}};
  const Reply redeemed = anonymous_.Post("/v1/invitations:redeem", redemption);
  ASSERT_EQ(redeemed.status, 200) << Show(redeemed);
  const std::string key = redeemed.json["apiKey"].value("id", "");
  const std::string secret = redeemed.json.value("secret", "");
  EXPECT_EQ(redeemed.json["apiKey"]["ownerId"], user_id);
  EXPECT_EQ(redeemed.json["apiKey"]["resourceId"], "cloud");
  // A person's organization-wide key: the policy's advice reaches them.
  EXPECT_THAT(redeemed.AllHeaders("Keyward-Policy-Warning"),
              ElementsAre(StartsWith("[user_cloud_key] ")));
  ASSERT_THAT(secret, StartsWith("kwsec_"));

  const Reply verified =
      admin_.Post("/v1/api-keys:verify",
                  {{"key", key}, {"secret", secret}, {"resourceId", "cloud"}});
  ASSERT_EQ(verified.status, 200) << Show(verified);
  EXPECT_EQ(verified.json["valid"], true) << Show(verified);

  // The token is used up.
  const Reply again = anonymous_.Post("/v1/invitations:redeem", redemption);
  EXPECT_EQ(again.status, 401) << Show(again);
}

TEST_F(GatewayTest, WatchEventsStreamsNewlineDelimitedJson) {
  // A cursor to resume from, taken before the events below.
  EventWatch start(server_->channel(), v1::WatchEventsRequest());
  const std::string cursor = start.StartCursor();
  const std::string first = CreateServiceAccount();
  const std::string second = CreateServiceAccount();

  const std::vector<Json> lines = admin_.StreamLines(
      "/v1/events:watch?after=" + cursor + "&actions=service_account.create",
      3);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["result"]["cursor"], cursor);
  EXPECT_EQ(lines[1]["result"]["event"]["targetId"], first);
  EXPECT_EQ(lines[1]["result"]["event"]["action"], "service_account.create");
  EXPECT_EQ(lines[2]["result"]["event"]["targetId"], second);
  EXPECT_FALSE(lines[2]["result"]["cursor"].get<std::string>().empty());

  const Reply forged = admin_.Get("/v1/events:watch?after=" + cursor + "x");
  EXPECT_EQ(forged.status, 400) << Show(forged);
  EXPECT_THAT(forged.body, HasSubstr("after"));
}

TEST_F(GatewayTest, FindingsAreListedAndTheirFiltersChecked) {
  const Reply findings = admin_.Get("/v1/findings?rule=unused_key&pageSize=5");
  EXPECT_EQ(findings.status, 200) << Show(findings);
  EXPECT_TRUE(findings.json.is_object()) << Show(findings);
  const Reply malformed = admin_.Get("/v1/findings?environmentId=production");
  EXPECT_EQ(malformed.status, 400) << Show(malformed);
  EXPECT_THAT(malformed.json.value("message", ""),
              StartsWith("environment_id: "));
}

TEST_F(GatewayTest, ServesItsOpenApiDocument) {
  const Reply document = anonymous_.Get("/openapi.json");
  ASSERT_EQ(document.status, 200) << Show(document);
  EXPECT_THAT(document.Header("Content-Type"), StartsWith("application/json"));
  ASSERT_TRUE(document.json.is_object()) << document.body.substr(0, 200);
  ASSERT_TRUE(document.json["paths"].is_object());
  for (const char* path :
       {"/v1/api-keys", "/v1/api-keys/{id}", "/v1/api-keys:verify",
        "/v1/invitations:redeem", "/v1/events:watch"}) {
    EXPECT_TRUE(document.json["paths"].contains(path)) << path;
  }
}

// keywardd trusts the gateway's x-forwarded-for (KEYWARD_TRUSTED_PROXIES)
// to throttle failed authentications per client. The gateway appends the
// address it received the request from, so whatever a client writes into
// X-Forwarded-For itself, the right-most entry is the client's real address:
// a client cannot escape its lockout, nor put it on someone else.
// A keywardd trusting the gateway's address, locking an address out after
// three failed authentications, and the gateway in front of it.
class GatewayForwardedForTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(gateway_.Start()) << gateway_.error(); }

  // The admin's key with a wrong secret, as an Authorization value.
  std::string WrongSecret() const {
    std::string wrong = server_.admin_key() + ":" + server_.admin_secret();
    wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
    return KeywardServer::BasicAuthorization(wrong);
  }

  KeywardServer server_{{{"KEYWARD_TRUSTED_PROXIES", "127.0.0.1"},
                         {"KEYWARD_AUTH_FAILURE_LIMIT", "3"},
                         {"KEYWARD_AUTH_LOCKOUT", "1h"}}};
  GatewayProcess gateway_{server_.process().address()};
};

TEST_F(GatewayForwardedForTest, AClientCannotChooseTheAddressItIsThrottledAt) {
  const std::string wrong_secret = WrongSecret();

  // The gateway listens on 127.0.0.1; these clients connect from other
  // loopback addresses, as clients on other hosts would.
  Http client(gateway_, wrong_secret, "127.0.0.2");
  for (int i = 0; i < 3; ++i) {
    const Reply failed =
        client.Get("/v1/environments",
                   {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}});
    EXPECT_EQ(failed.status, 401) << i << ": " << Show(failed);
  }
  const Reply locked_out =
      client.Get("/v1/environments", {{"X-Forwarded-For", "203.0.113.77"}});
  EXPECT_EQ(locked_out.status, 429) << Show(locked_out);
  const Reply unforged = client.Get("/v1/environments");
  EXPECT_EQ(unforged.status, 429) << Show(unforged);

  // Another client of the gateway, even claiming to be the first one, is
  // not held back.
  const Reply other =
      Http(gateway_, wrong_secret, "127.0.0.3")
          .Get("/v1/environments", {{"X-Forwarded-For", "127.0.0.2"}});
  EXPECT_EQ(other.status, 401) << Show(other);

  // One lockout, of the client's real address (not the gateway's).
  const auto lockouts = server_.db().Query(
      "SELECT target_id FROM audit_events "
      "WHERE action = 'authentication.lockout' ORDER BY id");
  ASSERT_EQ(lockouts.size(), 1u);
  EXPECT_THAT(lockouts[0], ElementsAre("127.0.0.2"));
}

// An X-Forwarded-For value that cannot travel as gRPC metadata (not printable
// ASCII) must not make the gateway drop the address it appends: keywardd
// would then count the client's failures at the gateway's own address.
TEST_F(GatewayForwardedForTest,
       AnUnforwardableForwardedForDoesNotHideTheClient) {
  Http client(gateway_, WrongSecret(), "127.0.0.2");

  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.Get("/v1/environments").status, 401) << i;
  }
  const Reply locked_out =
      client.Get("/v1/environments", {{"X-Forwarded-For", "caf\xc3\xa9"}});
  EXPECT_EQ(locked_out.status, 429) << Show(locked_out);
}

}  // namespace
}  // namespace keyward::testing

namespace keyward::testing {
namespace {

TEST_F(GatewayTest, WebhooksAreCreatedListedAndDeletedOverHttp) {
  const Reply created = admin_.Post(
      "/v1/webhooks", {{"url", "http://127.0.0.1:9/hook"},
                       {"actions", Json::array({"environment.create"})}});
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id = created.json["webhook"]["id"];
  EXPECT_THAT(created.json["signingSecret"].get<std::string>(),
              ::testing::StartsWith("kwwhs_"));

  const Reply listed = admin_.Get("/v1/webhooks");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_THAT(listed.body, ::testing::HasSubstr(id));
  EXPECT_THAT(listed.body, ::testing::Not(::testing::HasSubstr("kwwhs_")));
  const Reply deliveries = admin_.Get("/v1/webhooks/" + id + "/deliveries");
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  EXPECT_TRUE(deliveries.json["deliveries"].is_array());

  const Reply denied =
      admin_.Post("/v1/webhooks", {{"url", "http://hooks.example.com/x"}});
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_THAT(denied.body, ::testing::HasSubstr("webhook_https_required"));

  EXPECT_EQ(admin_.Delete("/v1/webhooks/" + id).status, 200);
  EXPECT_EQ(admin_.Get("/v1/webhooks/" + id + "/deliveries").status, 404);
}

}  // namespace
}  // namespace keyward::testing
