// What a webhook delivery sends: the signing secret, derived rather than
// stored; the CloudEvents 1.0 structured-mode body of an event; and the
// Keyward-Signature header over it (docs/webhooks.md).
//
// The secret is "kwwhs_" + base64url(HMAC under the pepper's "webhook
// signing" key of "<webhook id>:<salt>"): keywardd computes it again for
// every delivery, and a copy of the database alone, without the pepper,
// cannot sign.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_WEBHOOK_SIGNING_H_
#define KEYWARD_SERVICES_DOMAIN_WEBHOOK_SIGNING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "services/crypto/secret.h"
#include "services/domain/repositories.h"
#include "services/domain/webhooks.h"

namespace keyward::domain {

inline constexpr std::string_view kWebhookSecretPrefix = "kwwhs_";
inline constexpr char kSignatureHeader[] = "Keyward-Signature";
inline constexpr char kCloudEventsContentType[] =
    "application/cloudevents+json";

// A fresh random salt for a new webhook.
std::string NewWebhookSecretSalt();

std::string WebhookSecret(const crypto::SecretHasher& hasher,
                          const std::string& webhook_id,
                          const std::string& salt);

// "t=<unix_seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>".
std::string SignatureHeaderValue(std::string_view secret, int64_t unix_seconds,
                                 std::string_view body);

// The CloudEvent of `event`: specversion "1.0", id (the event's id),
// source `source`, type "io.keyward.<action>", time, subject (the target
// id), datacontenttype "application/json", and data — `event_json`, the
// AuditEvent as the API's JSON shows it.
std::string CloudEventBody(const AuditEvent& event, const std::string& source,
                           const std::string& event_json);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_WEBHOOK_SIGNING_H_
