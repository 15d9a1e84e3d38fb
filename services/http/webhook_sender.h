// HttpWebhookSender: the WebhookSender keywardd uses — one POST per
// delivery with cpp-httplib (https through OpenSSL, verifying the
// receiver's certificate against the system's CAs), the whole request within
// the request timeout, the answer's body read and dropped (never inflated),
// never following redirects (a 3xx is a failed attempt) and
// sending no credentials of its own.
//
// Thread-safety: Post from one thread at a time (the deliverer's); Cancel
// from any. Cancel is final: every later Post fails at once, as keywardd
// cancels only when it shuts down.
#ifndef KEYWARD_SERVICES_HTTP_WEBHOOK_SENDER_H_
#define KEYWARD_SERVICES_HTTP_WEBHOOK_SENDER_H_

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "services/domain/webhook_deliverer.h"

namespace httplib {
class Client;
}  // namespace httplib

namespace keyward::http {

class HttpWebhookSender final : public domain::WebhookSender {
 public:
  explicit HttpWebhookSender(std::chrono::milliseconds timeout);
  ~HttpWebhookSender() override;

  absl::Status Post(
      const std::string& url, const std::string& body,
      const std::multimap<std::string, std::string>& headers) override;
  void Cancel() override;

 private:
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  bool cancelled_ = false;                // guarded by mutex_
  httplib::Client* in_flight_ = nullptr;  // guarded by mutex_
};

}  // namespace keyward::http

#endif  // KEYWARD_SERVICES_HTTP_WEBHOOK_SENDER_H_
