// Webhook deliveries over https: keywardd verifies the receiver's
// certificate against the CAs OpenSSL trusts (here a throwaway test CA,
// named to keywardd by SSL_CERT_FILE), delivers to a receiver it trusts, and
// sends nothing to one whose certificate it does not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/webhook.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/opa_process.h"
#include "tests/support/test_certificates.h"

namespace keyward::testing {
namespace {

std::string TempDir() {
  char pattern[] = "/tmp/keyward-webhook-https-XXXXXX";
  return mkdtemp(pattern);
}

// An https receiver on 127.0.0.1 with a certificate `authority` issued.
class HttpsReceiver {
 public:
  HttpsReceiver(const TestCertificateAuthority& authority,
                const std::string& dir, const std::string& name) {
    const CertifiedKey key =
        authority.IssueServerCertificate({"localhost"}, {"127.0.0.1"});
    const std::string cert = dir + "/" + name + ".crt";
    const std::string private_key = dir + "/" + name + ".key";
    WriteTextFile(cert, key.certificate_pem);
    WriteTextFile(private_key, key.private_key_pem);
    server_ =
        std::make_unique<httplib::SSLServer>(cert.c_str(), private_key.c_str());
    server_->Post("/hook",
                  [this](const httplib::Request&, httplib::Response& response) {
                    ++received_;
                    response.status = 204;
                  });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
  }
  ~HttpsReceiver() {
    server_->stop();
    thread_.join();
  }
  std::string url() const {
    return "https://127.0.0.1:" + std::to_string(port_) + "/hook";
  }
  int received() const { return received_; }

 private:
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int> received_{0};
};

class WebhookHttpsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir());
    trusted_ = new TestCertificateAuthority("trusted test CA");
    WriteTextFile(*dir_ + "/ca.pem", trusted_->certificate_pem());
    opa_ = new OpaProcess();
    server_ = new KeywardServer({{"KEYWARD_OPA_URL", opa_->url()},
                                 {"KEYWARD_OPA_TOKEN_FILE", opa_->token_file()},
                                 {"KEYWARD_WEBHOOK_BACKOFF_BASE", "100ms"},
                                 {"KEYWARD_WEBHOOK_POLL_INTERVAL", "50ms"},
                                 {"SSL_CERT_FILE", *dir_ + "/ca.pem"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete opa_;
    delete trusted_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  std::string CreateWebhook(const std::string& url) {
    v1::CreateWebhookRequest request;
    request.set_url(url);
    request.add_actions("environment.create");
    v1::CreateWebhookResponse response;
    const grpc::Status status =
        webhooks_->CreateWebhook(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.webhook().id();
  }

  v1::WebhookDelivery OnlyDelivery(const std::string& webhook_id) {
    v1::ListWebhookDeliveriesRequest request;
    request.set_webhook_id(webhook_id);
    v1::ListWebhookDeliveriesResponse response;
    EXPECT_TRUE(
        webhooks_
            ->ListWebhookDeliveries(CallContext().get(), request, &response)
            .ok());
    return response.deliveries_size() == 1 ? response.deliveries(0)
                                           : v1::WebhookDelivery();
  }

  static std::string* dir_;
  static TestCertificateAuthority* trusted_;
  static OpaProcess* opa_;
  static KeywardServer* server_;
  std::unique_ptr<v1::WebhookService::Stub> webhooks_ =
      v1::WebhookService::NewStub(server_->channel());
  Fixtures make_{server_->channel()};
};

std::string* WebhookHttpsTest::dir_ = nullptr;
TestCertificateAuthority* WebhookHttpsTest::trusted_ = nullptr;
OpaProcess* WebhookHttpsTest::opa_ = nullptr;
KeywardServer* WebhookHttpsTest::server_ = nullptr;

TEST_F(WebhookHttpsTest, DeliversToATrustedReceiverOnly) {
  HttpsReceiver trusted(*trusted_, *dir_, "trusted");
  const TestCertificateAuthority stranger("unknown CA");
  HttpsReceiver untrusted(stranger, *dir_, "untrusted");
  const std::string good = CreateWebhook(trusted.url());
  const std::string bad = CreateWebhook(untrusted.url());
  make_.Environment().Create();

  ASSERT_TRUE(Eventually("delivery over https", [&] {
    return OnlyDelivery(good).status() == v1::DELIVERY_STATUS_DELIVERED;
  }));
  EXPECT_EQ(trusted.received(), 1);
  ASSERT_TRUE(Eventually("the untrusted receiver's attempt",
                         [&] { return OnlyDelivery(bad).attempts() >= 1; }));
  EXPECT_EQ(OnlyDelivery(bad).status(), v1::DELIVERY_STATUS_PENDING);
  EXPECT_EQ(OnlyDelivery(bad).last_error(),
            "the receiver's TLS certificate was not trusted");
  EXPECT_EQ(untrusted.received(), 0);
}

}  // namespace
}  // namespace keyward::testing
