// WebhookDeliverer: the background worker every keywardd runs that POSTs
// the webhook outbox (webhooks.h). In a loop it leases a webhook with a
// delivery due (one replica at a time per webhook), signs the event's
// CloudEvent with the webhook's derived secret and sends it; a 2xx marks it
// DELIVERED, anything else is retried after an exponential backoff
// (base × 2^(attempts-1), at most `backoff_max`) until `give_up_after` past
// the event, when it is marked FAILED and the next delivery follows. A
// webhook's deliveries go out one at a time in event order, so a receiver
// sees them in that order (a retry holds back the later ones).
//
// Thread-safety: Start and Stop from the owner only; DeliverNext from any
// one thread at a time (the worker's, or a test's without Start).
#ifndef KEYWARD_SERVICES_DOMAIN_WEBHOOK_DELIVERER_H_
#define KEYWARD_SERVICES_DOMAIN_WEBHOOK_DELIVERER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "services/crypto/secret.h"
#include "services/domain/clock.h"
#include "services/domain/webhooks.h"

namespace keyward::domain {

// Sends one delivery over HTTP: OK for a 2xx answer, else an error whose
// message says briefly what happened ("HTTP 500", "timed out") and holds
// neither the receiver's body nor anything sent.
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual absl::Status Post(
      const std::string& url, const std::string& body,
      const std::multimap<std::string, std::string>& headers) = 0;
  // Ends a Post in flight (from another thread), for a prompt shutdown.
  virtual void Cancel() = 0;
};

struct WebhookDeliverySettings {
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_max{std::chrono::hours(1)};
  std::chrono::milliseconds give_up_after{std::chrono::hours(24)};
  // How long the worker sleeps when nothing is due.
  std::chrono::milliseconds poll_interval{1000};
  // Longer than any one Post can take.
  std::chrono::milliseconds lease{std::chrono::minutes(2)};
  // The CloudEvents `source` of every event.
  std::string source = "keyward";
};

class WebhookDeliverer {
 public:
  // `event_json` renders an audit event as the API's JSON.
  using EventJson = std::function<std::string(const AuditEvent&)>;

  WebhookDeliverer(DeliveryQueue& queue, WebhookSender& sender,
                   const crypto::SecretHasher& hasher, const Clock& clock,
                   EventJson event_json, WebhookDeliverySettings settings);
  ~WebhookDeliverer();  // Stop()
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  void Start();  // idempotent
  // Cancels a Post in flight and joins the worker (idempotent).
  void Stop();

  // Makes one attempt if a delivery is due; whether one was made. An
  // error means the queue could not be read or written.
  absl::StatusOr<bool> DeliverNext();

 private:
  void Run();
  DeliveryAttempt Attempt(const DueDelivery& due);

  DeliveryQueue& queue_;
  WebhookSender& sender_;
  const crypto::SecretHasher& hasher_;
  const Clock& clock_;
  const EventJson event_json_;
  const WebhookDeliverySettings settings_;
  // This process's lease holder name.
  const std::string holder_;

  std::mutex mutex_;
  bool stopping_ = false;  // guarded by mutex_
  std::condition_variable wake_;

  std::mutex lifecycle_mutex_;
  std::thread worker_;  // guarded by lifecycle_mutex_
};

// The wait before attempt `attempts` + 1, after `attempts` failed ones.
std::chrono::milliseconds WebhookBackoff(const WebhookDeliverySettings& s,
                                         int attempts);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_WEBHOOK_DELIVERER_H_
