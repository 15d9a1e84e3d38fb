// Webhook domain logic without a server: the URL rules that refuse bad
// receivers before the policy is asked, the retry backoff, and the
// signature a receiver checks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "services/crypto/secret.h"
#include "services/domain/webhook_deliverer.h"
#include "services/domain/webhook_signing.h"
#include "services/domain/webhook_url.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(WebhookUrlTest, TakesAReceiverApart) {
  const absl::StatusOr<WebhookUrl> url =
      ParseWebhookUrl("url", "HTTPS://Hooks.Example.com:8443/in?team=7");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "hooks.example.com");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->path, "/in?team=7");
  EXPECT_FALSE(url->loopback);
  EXPECT_EQ(ParseWebhookUrl("url", "http://example.com")->path, "/");
  EXPECT_EQ(ParseWebhookUrl("url", "http://example.com")->port, 80);
  EXPECT_EQ(WebhookOrigin(*url), "https://hooks.example.com:8443");
  EXPECT_EQ(WebhookOrigin(*ParseWebhookUrl("url", "http://[::1]/x?t=1")),
            "http://[::1]:80");
}

TEST(WebhookUrlTest, KnowsLoopbackAddresses) {
  for (const char* url :
       {"http://127.0.0.1:8080/x", "http://127.9.9.9/", "http://[::1]:80/",
        "http://localhost/", "http://LOCALHOST:1/",
        "http://[::ffff:127.0.0.1]/"}) {
    const absl::StatusOr<WebhookUrl> parsed = ParseWebhookUrl("url", url);
    ASSERT_TRUE(parsed.ok()) << url << ": " << parsed.status();
    EXPECT_TRUE(parsed->loopback) << url;
  }
  for (const char* url :
       {"http://128.0.0.1/", "http://localhost.example.com/",
        "http://127.0.0.1.example.com/", "http://[::2]/", "http://10.0.0.1/"}) {
    EXPECT_FALSE(ParseWebhookUrl("url", url)->loopback) << url;
  }
}

TEST(WebhookUrlTest, RefusesWhatIsNoReceiverUrl) {
  for (const std::string& url :
       {std::string(""), std::string("example.com/x"),
        std::string("ftp://example.com/"), std::string("javascript://x"),
        std::string("https://user@example.com/"),
        std::string("https://user:pw@example.com/"),
        std::string("https://example.com/#frag"), std::string("https:///x"),
        std::string("https://:443/"), std::string("https://example.com:0/"),
        std::string("https://example.com:65536/"),
        std::string("https://example.com:/"),
        std::string("https://example.com:+80/"),
        std::string("https://exa mple.com/"),
        std::string("https://example.com/\n"), std::string("https://[::1/"),
        std::string("https://[example]/"), std::string("https://ex%41mple/"),
        "https://example.com/" + std::string(kMaxWebhookUrlLength, 'a')}) {
    const absl::StatusOr<WebhookUrl> parsed = ParseWebhookUrl("url", url);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
        << url;
    EXPECT_THAT(std::string(parsed.status().message()), StartsWith("url: "))
        << url;
  }
}

TEST(WebhookBackoffTest, DoublesUpToItsCap) {
  WebhookDeliverySettings settings;
  settings.backoff_base = std::chrono::milliseconds(100);
  settings.backoff_max = std::chrono::milliseconds(1000);
  EXPECT_EQ(WebhookBackoff(settings, 1).count(), 100);
  EXPECT_EQ(WebhookBackoff(settings, 2).count(), 200);
  EXPECT_EQ(WebhookBackoff(settings, 4).count(), 800);
  EXPECT_EQ(WebhookBackoff(settings, 5).count(), 1000);
  EXPECT_EQ(WebhookBackoff(settings, 1000).count(), 1000);
}

TEST(WebhookSigningTest, TheSecretIsDerivedPerWebhookAndPepper) {
  const crypto::SecretHasher hasher(std::string(32, 'p'));
  const crypto::SecretHasher other(std::string(32, 'q'));
  const std::string secret = WebhookSecret(hasher, "wh-aaaaaaaa", "salt");
  EXPECT_THAT(secret, StartsWith("kwwhs_"));
  EXPECT_EQ(secret, WebhookSecret(hasher, "wh-aaaaaaaa", "salt"));
  EXPECT_NE(secret, WebhookSecret(hasher, "wh-aaaaaaab", "salt"));
  EXPECT_NE(secret, WebhookSecret(hasher, "wh-aaaaaaaa", "salt2"));
  EXPECT_NE(secret, WebhookSecret(other, "wh-aaaaaaaa", "salt"));
  EXPECT_NE(NewWebhookSecretSalt(), NewWebhookSecretSalt());
}

TEST(WebhookSigningTest, TheSignatureIsAnHmacOfTimeAndBody) {
  // The HMAC is RFC 4231's (test case 2), over "<t>.<body>".
  EXPECT_EQ(SignatureHeaderValue("key", 1767225600, "{}"),
            "t=1767225600,v1=" + absl::BytesToHexString(crypto::HmacSha256(
                                     "key", "1767225600.{}")));
  EXPECT_EQ(absl::BytesToHexString(
                crypto::HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSigningTest, TheBodyIsACloudEvent) {
  AuditEvent event;
  event.id = "42";
  event.record.action = "api_key.create";
  event.record.target_id = "ABCDEFGHIJKLMNOP";
  const nlohmann::json body = nlohmann::json::parse(
      CloudEventBody(event, "keyward", R"({"id":"42","action":"x"})"));
  EXPECT_EQ(body["specversion"], "1.0");
  EXPECT_EQ(body["id"], "42");
  EXPECT_EQ(body["source"], "keyward");
  EXPECT_EQ(body["type"], "io.keyward.api_key.create");
  EXPECT_EQ(body["subject"], "ABCDEFGHIJKLMNOP");
  EXPECT_EQ(body["datacontenttype"], "application/json");
  EXPECT_EQ(body["data"]["action"], "x");
  EXPECT_THAT(body["time"].get<std::string>(), HasSubstr("T"));
}

}  // namespace
}  // namespace keyward::domain
