#include "services/domain/webhook_deliverer.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/crypto/random.h"
#include "services/domain/webhook_signing.h"

namespace keyward::domain {
namespace {

constexpr std::string_view kLowerAlphanumeric =
    "abcdefghijklmnopqrstuvwxyz0123456789";

}  // namespace

std::chrono::milliseconds WebhookBackoff(const WebhookDeliverySettings& s,
                                         int attempts) {
  std::chrono::milliseconds wait = s.backoff_base;
  for (int i = 1; i < attempts && wait < s.backoff_max; ++i) wait *= 2;
  return std::min(wait, s.backoff_max);
}

WebhookDeliverer::WebhookDeliverer(DeliveryQueue& queue, WebhookSender& sender,
                                   const crypto::SecretHasher& hasher,
                                   const Clock& clock, EventJson event_json,
                                   WebhookDeliverySettings settings)
    : queue_(queue),
      sender_(sender),
      hasher_(hasher),
      clock_(clock),
      event_json_(std::move(event_json)),
      settings_(std::move(settings)),
      holder_(crypto::RandomString(16, kLowerAlphanumeric)) {}

WebhookDeliverer::~WebhookDeliverer() { Stop(); }

void WebhookDeliverer::Start() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  worker_ = std::thread([this] { Run(); });
}

void WebhookDeliverer::Stop() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  sender_.Cancel();
  worker_.join();
}

absl::StatusOr<bool> WebhookDeliverer::DeliverNext() {
  absl::StatusOr<std::optional<DueDelivery>> due =
      queue_.LeaseNext(holder_, settings_.lease);
  if (!due.ok()) return due.status();
  if (!due->has_value()) return false;
  const DeliveryAttempt attempt = Attempt(**due);
  const absl::Status recorded =
      queue_.Record(holder_, **due, attempt, clock_.Now());
  if (!recorded.ok()) return recorded;
  return true;
}

DeliveryAttempt WebhookDeliverer::Attempt(const DueDelivery& due) {
  const AuditEvent& event = due.delivery.event;
  const std::string body =
      CloudEventBody(event, settings_.source, event_json_(event));
  const std::string secret =
      WebhookSecret(hasher_, due.webhook.id, due.webhook.secret_salt);
  const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(
                              clock_.Now().time_since_epoch())
                              .count();
  const absl::Status sent = sender_.Post(
      due.webhook.url, body,
      {{"Content-Type", kCloudEventsContentType},
       {kSignatureHeader, SignatureHeaderValue(secret, seconds, body)}});
  DeliveryAttempt attempt;
  if (sent.ok()) {
    attempt.delivered = true;
    return attempt;
  }
  attempt.error = std::string(sent.message());
  const Time retry =
      clock_.Now() + WebhookBackoff(settings_, due.delivery.attempts + 1);
  if (retry <= event.create_time + settings_.give_up_after) {
    attempt.retry_time = retry;
  }
  return attempt;
}

void WebhookDeliverer::Run() {
  static LogThrottle throttle(std::chrono::seconds(10));
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    const absl::StatusOr<bool> delivered = DeliverNext();
    if (!delivered.ok() && throttle.Allow()) {
      LogWarning(absl::StrCat("webhook deliveries paused: ",
                              delivered.status().message()));
    }
    if (delivered.ok() && *delivered) continue;
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, settings_.poll_interval, [this] { return stopping_; });
  }
}

}  // namespace keyward::domain
