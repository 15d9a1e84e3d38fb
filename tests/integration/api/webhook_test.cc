// WebhookService and the deliverer against keywardd, the real PostgreSQL
// and OPA (the default bundle), with receivers of the test's own: an
// httplib::Server on 127.0.0.1 that records what it was sent and answers
// as the test tells it. Backoff and polling are short (keywardd settings);
// every wait polls with a generous deadline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/webhook.grpc.pb.h"
#include "services/crypto/secret.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/opa_process.h"

namespace keyward::testing {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

struct Received {
  std::string body;
  std::string content_type;
  std::string signature;
  bool has_authorization = false;
  int answered = 0;  // the status the receiver answered
};

// A webhook receiver on 127.0.0.1: answers 500 to the first `failures`
// requests, then 200.
class Receiver {
 public:
  explicit Receiver(int failures = 0) : failures_(failures) {
    server_.Post("/hook", [this](const httplib::Request& request,
                                 httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mutex_);
      Received r;
      r.body = request.body;
      r.content_type = request.get_header_value("Content-Type");
      r.signature = request.get_header_value("Keyward-Signature");
      r.has_authorization = request.has_header("Authorization");
      r.answered = failures_ > 0 ? 500 : 200;
      if (failures_ > 0) --failures_;
      response.status = r.answered;
      response.set_content(r.answered == 200 ? "ok" : "receiver is down",
                           "text/plain");
      received_.push_back(std::move(r));
    });
    // Sends a delivery on to /hook: keywardd must not follow.
    server_.Post("/moved",
                 [](const httplib::Request&, httplib::Response& response) {
                   response.set_redirect("/hook", 307);
                 });
    // Answers 200 at once, then its body a byte at a time, without end:
    // every single read is quick, the request never completes.
    server_.Post(
        "/trickle", [](const httplib::Request&, httplib::Response& response) {
          response.set_chunked_content_provider(
              "text/plain", [](size_t, httplib::DataSink& sink) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                return sink.is_writable() && sink.write("x", 1);
              });
        });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return {received_.begin(), received_.end()};
  }
  // The bodies answered 200, parsed.
  std::vector<nlohmann::json> delivered() {
    std::vector<nlohmann::json> events;
    for (const Received& r : received()) {
      if (r.answered == 200) events.push_back(nlohmann::json::parse(r.body));
    }
    return events;
  }
  bool Delivered(const std::string& subject) {
    for (const nlohmann::json& e : delivered()) {
      if (e.value("subject", "") == subject) return true;
    }
    return false;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  int failures_;                   // guarded by mutex_
  std::deque<Received> received_;  // guarded by mutex_
};

// Whether `header` ("t=…,v1=…") signs `body` with `secret`.
bool SignatureMatches(const std::string& header, const std::string& body,
                      const std::string& secret) {
  std::string t, v1;
  for (absl::string_view part : absl::StrSplit(header, ',')) {
    if (absl::ConsumePrefix(&part, "t=")) t = std::string(part);
    if (absl::ConsumePrefix(&part, "v1=")) v1 = std::string(part);
  }
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(t, &seconds)) return false;
  return v1 ==
         absl::BytesToHexString(crypto::HmacSha256(secret, t + "." + body));
}

std::vector<std::string> Subjects(const std::vector<nlohmann::json>& events) {
  std::vector<std::string> subjects;
  for (const nlohmann::json& e : events) {
    subjects.push_back(e.value("subject", ""));
  }
  return subjects;
}

class WebhookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    opa_ = new OpaProcess();
    server_ = new KeywardServer({{"KEYWARD_OPA_URL", opa_->url()},
                                 {"KEYWARD_OPA_TOKEN_FILE", opa_->token_file()},
                                 {"KEYWARD_WEBHOOK_BACKOFF_BASE", "100ms"},
                                 {"KEYWARD_WEBHOOK_POLL_INTERVAL", "50ms"},
                                 {"KEYWARD_WEBHOOK_TIMEOUT", "5s"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete opa_;
  }

  void SetUp() override {
    stub_ = v1::WebhookService::NewStub(server_->channel());
  }

  v1::CreateWebhookResponse Create(const std::string& url,
                                   std::vector<std::string> actions = {}) {
    v1::CreateWebhookRequest request;
    request.set_url(url);
    for (const std::string& a : actions) request.add_actions(a);
    request.set_description("test receiver");
    v1::CreateWebhookResponse response;
    const grpc::Status status =
        stub_->CreateWebhook(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status TryCreate(const std::string& url, bool validate_only = false,
                         std::optional<std::string> as = std::nullopt,
                         std::vector<std::string> actions = {}) {
    v1::CreateWebhookRequest request;
    request.set_url(url);
    for (const std::string& a : actions) request.add_actions(a);
    request.set_validate_only(validate_only);
    v1::CreateWebhookResponse response;
    return stub_->CreateWebhook(CallContext(as).get(), request, &response);
  }

  std::vector<v1::WebhookDelivery> Deliveries(const std::string& webhook_id) {
    v1::ListWebhookDeliveriesRequest request;
    request.set_webhook_id(webhook_id);
    v1::ListWebhookDeliveriesResponse response;
    const grpc::Status status =
        stub_->ListWebhookDeliveries(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.deliveries().begin(), response.deliveries().end()};
  }

  std::string Environment(bool validate_only = false) {
    v1::CreateEnvironmentRequest request;
    request.set_display_name("Team");
    request.set_stage("dev");
    request.set_validate_only(validate_only);
    v1::Environment created;
    auto environments = v1::EnvironmentService::NewStub(server_->channel());
    const grpc::Status status =
        environments->CreateEnvironment(CallContext().get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.id();
  }

  // A principal holding `role` at organization (none when empty), and the
  // authorization value of its Cloud key.
  std::string Principal(const std::string& role) {
    const std::string principal = make_.ServiceAccount().Create().id();
    if (!role.empty()) {
      make_.RoleBinding(principal, role, "organization").Create();
    }
    return KeywardServer::BasicAuthorization(
        Credentials(make_.ApiKey(principal, "cloud").Create()));
  }

  static OpaProcess* opa_;
  static KeywardServer* server_;
  std::unique_ptr<v1::WebhookService::Stub> stub_;
  Fixtures make_{server_->channel()};
};

OpaProcess* WebhookTest::opa_ = nullptr;
KeywardServer* WebhookTest::server_ = nullptr;

TEST_F(WebhookTest, AReceiverSeesSignedEventsInOrderAndRetriesAfterA500) {
  Receiver receiver(/*failures=*/1);
  const v1::CreateWebhookResponse webhook =
      Create(receiver.url(), {"environment.create"});
  ASSERT_THAT(webhook.webhook().id(),
              ::testing::MatchesRegex("wh-[a-z0-9]{8}"));
  const std::string secret = webhook.signing_secret();
  ASSERT_THAT(secret, ::testing::StartsWith("kwwhs_"));

  const std::string first = Environment();
  const std::string second = Environment();
  // Neither is delivered: another action, and a dry run.
  make_.ServiceAccount().Create();
  Environment(/*validate_only=*/true);
  const std::string third = Environment();

  ASSERT_TRUE(Eventually("three events delivered",
                         [&] { return receiver.delivered().size() >= 3; }));
  // Delivered in order, each once here; whatever came after `third` would
  // have followed it, so the skipped events were never sent before it.
  EXPECT_THAT(Subjects(receiver.delivered()),
              ElementsAre(first, second, third));

  const std::vector<Received> received = receiver.received();
  ASSERT_GE(received.size(), 4u);
  EXPECT_EQ(received[0].answered, 500);
  EXPECT_EQ(nlohmann::json::parse(received[0].body)["subject"], first);
  for (const Received& r : received) {
    EXPECT_EQ(r.content_type, "application/cloudevents+json");
    EXPECT_TRUE(SignatureMatches(r.signature, r.body, secret)) << r.signature;
    EXPECT_FALSE(SignatureMatches(r.signature, r.body, secret + "x"));
    EXPECT_FALSE(r.has_authorization);
    EXPECT_THAT(r.body, AllOf(Not(HasSubstr(secret)), Not(HasSubstr("kwsec_")),
                              Not(HasSubstr("Basic ")),
                              Not(HasSubstr(server_->admin_secret()))));
  }
  const nlohmann::json event = receiver.delivered()[0];
  EXPECT_EQ(event["specversion"], "1.0");
  EXPECT_EQ(event["type"], "io.keyward.environment.create");
  EXPECT_EQ(event["datacontenttype"], "application/json");
  EXPECT_FALSE(event["id"].get<std::string>().empty());
  EXPECT_FALSE(event["time"].get<std::string>().empty());
  EXPECT_EQ(event["data"]["action"], "environment.create");
  EXPECT_EQ(event["data"]["actorId"], server_->admin_id());
  EXPECT_EQ(event["data"]["targetId"], first);
  EXPECT_EQ(event["data"]["id"], event["id"]);

  // Attempts and the last error, newest first.
  ASSERT_TRUE(Eventually("the deliveries recorded", [&] {
    const auto deliveries = Deliveries(webhook.webhook().id());
    return deliveries.size() == 3 &&
           deliveries[0].status() == v1::DELIVERY_STATUS_DELIVERED;
  }));
  const std::vector<v1::WebhookDelivery> deliveries =
      Deliveries(webhook.webhook().id());
  ASSERT_EQ(deliveries.size(), 3u);
  const v1::WebhookDelivery& retried = deliveries[2];
  EXPECT_EQ(retried.action(), "environment.create");
  EXPECT_EQ(retried.status(), v1::DELIVERY_STATUS_DELIVERED);
  EXPECT_EQ(retried.attempts(), 2);
  EXPECT_EQ(retried.last_error(), "HTTP 500");
  EXPECT_EQ(deliveries[0].attempts(), 1);
  EXPECT_EQ(deliveries[0].last_error(), "");

  // The secret is in no row of any table, and not in keywardd's log.
  const std::string body = secret.substr(std::string("kwwhs_").size());
  for (const auto& row :
       server_->db().Query("SELECT table_name FROM information_schema.tables "
                           "WHERE table_schema = 'public'")) {
    EXPECT_EQ(
        server_->db().Count(row[0], row[0] + "::text LIKE '%" + body + "%'"), 0)
        << row[0];
  }
  EXPECT_THAT(server_->process().log(), Not(HasSubstr(body)));
}

TEST_F(WebhookTest, DeliveriesPageNewestFirst) {
  Receiver receiver;
  const std::string id =
      Create(receiver.url(), {"environment.create"}).webhook().id();
  const std::string a = Environment();
  const std::string b = Environment();
  const std::string c = Environment();
  ASSERT_TRUE(
      Eventually("three delivered", [&] { return receiver.Delivered(c); }));
  v1::ListWebhookDeliveriesRequest request;
  request.set_webhook_id(id);
  request.set_page_size(2);
  v1::ListWebhookDeliveriesResponse page;
  ASSERT_TRUE(
      stub_->ListWebhookDeliveries(CallContext().get(), request, &page).ok());
  ASSERT_EQ(page.deliveries_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  request.set_page_token(page.next_page_token());
  v1::ListWebhookDeliveriesResponse next;
  ASSERT_TRUE(
      stub_->ListWebhookDeliveries(CallContext().get(), request, &next).ok());
  ASSERT_EQ(next.deliveries_size(), 1);
  EXPECT_TRUE(next.next_page_token().empty());
  // A token is bound to its webhook.
  request.set_webhook_id(Create(receiver.url()).webhook().id());
  EXPECT_EQ(stub_->ListWebhookDeliveries(CallContext().get(), request, &next)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  (void)a;
  (void)b;
}

TEST_F(WebhookTest, ARedirectIsAFailedAttemptNotFollowed) {
  Receiver receiver;
  const std::string id =
      Create(receiver.url("/moved"), {"environment.create"}).webhook().id();
  Environment();
  ASSERT_TRUE(Eventually("two failed attempts", [&] {
    const auto deliveries = Deliveries(id);
    return deliveries.size() == 1 && deliveries[0].attempts() >= 2;
  }));
  const v1::WebhookDelivery delivery = Deliveries(id)[0];
  EXPECT_EQ(delivery.status(), v1::DELIVERY_STATUS_PENDING);
  EXPECT_EQ(delivery.last_error(), "HTTP 307");
  EXPECT_THAT(receiver.received(), IsEmpty());
}

TEST_F(WebhookTest, AReceiverThatNeverFinishesAnsweringIsCutOffAtTheTimeout) {
  Receiver receiver;
  const std::string id =
      Create(receiver.url("/trickle"), {"environment.create"}).webhook().id();
  Environment();
  ASSERT_TRUE(Eventually("an attempt cut off", [&] {
    const auto deliveries = Deliveries(id);
    return deliveries.size() == 1 && deliveries[0].attempts() >= 1;
  }));
  const v1::WebhookDelivery delivery = Deliveries(id)[0];
  EXPECT_EQ(delivery.status(), v1::DELIVERY_STATUS_PENDING);
  EXPECT_EQ(delivery.last_error(), "not completed within the request timeout");
  // Its retries would hold up this replica's other deliveries.
  v1::DeleteWebhookRequest request;
  request.set_id(id);
  v1::DeleteWebhookResponse response;
  EXPECT_TRUE(
      stub_->DeleteWebhook(CallContext().get(), request, &response).ok());
}

TEST_F(WebhookTest, AValidateOnlyCreateWritesNothing) {
  const int before = server_->db().Count("webhooks");
  v1::CreateWebhookRequest request;
  request.set_url("http://127.0.0.1:9/hook");
  request.set_validate_only(true);
  v1::CreateWebhookResponse response;
  ASSERT_TRUE(
      stub_->CreateWebhook(CallContext().get(), request, &response).ok());
  EXPECT_EQ(response.webhook().id(), "");
  EXPECT_EQ(response.signing_secret(), "");
  EXPECT_EQ(response.webhook().url(), request.url());
  EXPECT_EQ(server_->db().Count("webhooks"), before);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'webhook.create' AND validate_only"),
            1);
}

TEST_F(WebhookTest, ADeletedWebhookGetsNothingMore) {
  Receiver deleted_receiver;
  Receiver witness;
  const std::string deleted = Create(deleted_receiver.url()).webhook().id();
  const std::string before = Environment();
  ASSERT_TRUE(Eventually("the first event delivered",
                         [&] { return deleted_receiver.Delivered(before); }));

  v1::DeleteWebhookRequest request;
  request.set_id(deleted);
  v1::DeleteWebhookResponse response;
  ASSERT_TRUE(
      stub_->DeleteWebhook(CallContext().get(), request, &response).ok());
  EXPECT_EQ(response.id(), deleted);
  Create(witness.url(), {"environment.create"});
  const std::string after = Environment();
  ASSERT_TRUE(Eventually("the witness to get the later event",
                         [&] { return witness.Delivered(after); }));
  EXPECT_FALSE(deleted_receiver.Delivered(after));
  EXPECT_EQ(server_->db().Count("webhook_deliveries",
                                "webhook_id = '" + deleted + "'"),
            0);
  v1::ListWebhookDeliveriesRequest list;
  list.set_webhook_id(deleted);
  v1::ListWebhookDeliveriesResponse deliveries;
  EXPECT_EQ(stub_->ListWebhookDeliveries(CallContext().get(), list, &deliveries)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->DeleteWebhook(CallContext().get(), request, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(WebhookTest, AValidateOnlyDeleteKeepsTheWebhook) {
  const std::string id =
      Create("http://127.0.0.1:9/hook", {"webhook.delete"}).webhook().id();
  v1::DeleteWebhookRequest request;
  request.set_id(id);
  request.set_validate_only(true);
  v1::DeleteWebhookResponse response;
  ASSERT_TRUE(
      stub_->DeleteWebhook(CallContext().get(), request, &response).ok());
  EXPECT_TRUE(response.validate_only());
  EXPECT_EQ(server_->db().Count("webhooks", "id = '" + id + "'"), 1);
}

TEST_F(WebhookTest, PlainHttpToAnotherHostIsDeniedByTheHttpsRule) {
  const int before = server_->db().Count("webhooks");
  const grpc::Status denied = TryCreate("http://hooks.example.com/keyward");
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("webhook_https_required"));
  EXPECT_EQ(server_->db().Count("webhooks"), before);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'webhook.create' AND NOT allowed"),
            1);
  EXPECT_TRUE(TryCreate("https://hooks.example.com/keyward", true).ok());
  EXPECT_TRUE(TryCreate("http://[::1]:8080/hook", true).ok());
  EXPECT_TRUE(TryCreate("http://localhost/hook", true).ok());
}

TEST_F(WebhookTest, MalformedUrlsAndActionsAreInvalidArguments) {
  for (const std::string& url :
       {std::string(""), std::string("hooks.example.com"),
        std::string("ftp://hooks.example.com/x"),
        std::string("https://user:pw@hooks.example.com/x"),
        std::string("https://hooks.example.com/x#part"),
        std::string("https:///x"), std::string("https://hooks.example.com:0/"),
        std::string("https://hooks example.com/"),
        "https://hooks.example.com/" + std::string(2100, 'a')}) {
    const grpc::Status status = TryCreate(url);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << url;
    EXPECT_THAT(status.error_message(), HasSubstr("url")) << url;
  }
  const grpc::Status action = TryCreate("https://hooks.example.com/x", true,
                                        std::nullopt, {"key.steal"});
  EXPECT_EQ(action.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(action.error_message(), HasSubstr("actions"));
}

TEST_F(WebhookTest, OnlyAnOrganizationAdminManagesOrSeesWebhooks) {
  const std::string id = Create("http://127.0.0.1:9/hook").webhook().id();
  for (const std::string& role : {std::string(""), std::string("AccountAdmin"),
                                  std::string("KeyVerifier")}) {
    const std::string as = Principal(role);
    const int before = server_->db().Count("webhooks");
    const grpc::Status create =
        TryCreate("https://hooks.example.com/x", false, as);
    EXPECT_EQ(create.error_code(), grpc::StatusCode::PERMISSION_DENIED) << role;
    EXPECT_THAT(create.error_message(), HasSubstr("not_authorized"));
    EXPECT_EQ(server_->db().Count("webhooks"), before);

    v1::ListWebhooksResponse listed;
    ASSERT_TRUE(stub_
                    ->ListWebhooks(CallContext(as).get(),
                                   v1::ListWebhooksRequest(), &listed)
                    .ok());
    EXPECT_THAT(listed.webhooks(), IsEmpty()) << role;

    v1::ListWebhookDeliveriesRequest deliveries;
    deliveries.set_webhook_id(id);
    v1::ListWebhookDeliveriesResponse none;
    EXPECT_EQ(
        stub_->ListWebhookDeliveries(CallContext(as).get(), deliveries, &none)
            .error_code(),
        grpc::StatusCode::NOT_FOUND);
    v1::DeleteWebhookRequest request;
    request.set_id(id);
    v1::DeleteWebhookResponse deleted;
    EXPECT_EQ(stub_->DeleteWebhook(CallContext(as).get(), request, &deleted)
                  .error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(server_->db().Count("webhooks", "id = '" + id + "'"), 1);
  v1::ListWebhooksResponse listed;
  ASSERT_TRUE(stub_
                  ->ListWebhooks(CallContext().get(), v1::ListWebhooksRequest(),
                                 &listed)
                  .ok());
  EXPECT_FALSE(listed.webhooks().empty());
}

}  // namespace
}  // namespace keyward::testing
