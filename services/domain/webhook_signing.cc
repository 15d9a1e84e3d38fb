#include "services/domain/webhook_signing.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/crypto/random.h"
#include "services/domain/time_text.h"

namespace keyward::domain {
namespace {

constexpr char kSecretPurpose[] = "webhook signing";
constexpr size_t kSaltBytes = 16;

}  // namespace

std::string NewWebhookSecretSalt() {
  return absl::BytesToHexString(crypto::RandomBytes(kSaltBytes));
}

std::string WebhookSecret(const crypto::SecretHasher& hasher,
                          const std::string& webhook_id,
                          const std::string& salt) {
  return absl::StrCat(
      absl::string_view(kWebhookSecretPrefix.data(),
                        kWebhookSecretPrefix.size()),
      absl::WebSafeBase64Escape(
          hasher.Mac(kSecretPurpose, absl::StrCat(webhook_id, ":", salt))));
}

std::string SignatureHeaderValue(std::string_view secret, int64_t unix_seconds,
                                 std::string_view body) {
  const std::string signed_text = absl::StrCat(
      unix_seconds, ".", absl::string_view(body.data(), body.size()));
  return absl::StrCat(
      "t=", unix_seconds,
      ",v1=", absl::BytesToHexString(crypto::HmacSha256(secret, signed_text)));
}

std::string CloudEventBody(const AuditEvent& event, const std::string& source,
                           const std::string& event_json) {
  nlohmann::json data = nlohmann::json::parse(event_json, nullptr, false);
  if (data.is_discarded()) data = nlohmann::json::object();
  return nlohmann::json{{"specversion", "1.0"},
                        {"id", event.id},
                        {"source", source},
                        {"type", "io.keyward." + event.record.action},
                        {"time", FormatTime(event.create_time)},
                        {"subject", event.record.target_id},
                        {"datacontenttype", "application/json"},
                        {"data", std::move(data)}}
      .dump();
}

}  // namespace keyward::domain
