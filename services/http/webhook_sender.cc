#include "services/http/webhook_sender.h"

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/domain/webhook_url.h"

namespace keyward::http {
namespace {

// What the deliveries list shows for a transport error: its kind only.
std::string Described(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect";
    case httplib::Error::ConnectionTimeout:
      return "could not connect within the request timeout";
    case httplib::Error::Read:
      return "no answer within the request timeout";
    case httplib::Error::Write:
      return "connection lost while sending";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLServerVerification:
      return "the receiver's TLS certificate was not trusted";
    case httplib::Error::Canceled:
      return "cancelled (keywardd stopping)";
    default:
      break;
  }
  return absl::StrCat("request failed (", httplib::to_string(error), ")");
}

}  // namespace

HttpWebhookSender::HttpWebhookSender(std::chrono::milliseconds timeout)
    : timeout_(timeout) {}

HttpWebhookSender::~HttpWebhookSender() = default;

absl::Status HttpWebhookSender::Post(
    const std::string& url, const std::string& body,
    const std::multimap<std::string, std::string>& headers) {
  const absl::StatusOr<domain::WebhookUrl> parsed =
      domain::ParseWebhookUrl("url", url);
  if (!parsed.ok()) return absl::InvalidArgumentError("malformed URL");
  const std::string origin = domain::WebhookOrigin(*parsed);
  // httplib throws on some malformed input; nothing may escape.
  try {
    httplib::Client client(origin);
    client.set_follow_location(false);
    client.set_keep_alive(false);
    client.set_connection_timeout(timeout_);
    client.set_read_timeout(timeout_);
    client.set_write_timeout(timeout_);
    // A gzip bomb is not ours to inflate.
    client.set_decompress(false);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cancelled_) return absl::CancelledError("keywardd stopping");
      in_flight_ = &client;
    }
    httplib::Request request;
    request.method = "POST";
    request.path = parsed->path;
    request.body = body;
    request.headers.emplace("Content-Type", "application/json");
    for (const auto& [name, value] : headers) {
      if (name == "Content-Type") request.headers.erase("Content-Type");
      request.headers.emplace(name, value);
    }
    // Only the status matters: the body is read and dropped, so a receiver
    // answering without end costs no memory.
    request.content_receiver = [](const char*, size_t, uint64_t, uint64_t) {
      return true;
    };
    // The timeouts above bound each read and write; a receiver trickling a
    // byte at a time would pass every one of them, so the whole request
    // also has a deadline, after which it is stopped.
    bool timed_out = false;
    httplib::Result result = [&] {
      std::mutex mutex;
      std::condition_variable done;
      bool finished = false;
      std::thread watchdog([&] {
        std::unique_lock<std::mutex> lock(mutex);
        if (!done.wait_for(lock, timeout_, [&] { return finished; })) {
          timed_out = true;
          client.stop();
        }
      });
      httplib::Result sent = client.send(request);
      {
        std::lock_guard<std::mutex> lock(mutex);
        finished = true;
      }
      done.notify_one();
      watchdog.join();
      return sent;
    }();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      in_flight_ = nullptr;
    }
    if (timed_out) {
      return absl::UnavailableError("not completed within the request timeout");
    }
    if (!result) return absl::UnavailableError(Described(result.error()));
    if (result->status >= 200 && result->status < 300) {
      return absl::OkStatus();
    }
    return absl::UnavailableError(absl::StrCat("HTTP ", result->status));
  } catch (const std::exception&) {
    std::lock_guard<std::mutex> lock(mutex_);
    in_flight_ = nullptr;
    return absl::UnavailableError("request failed");
  }
}

void HttpWebhookSender::Cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelled_ = true;
  if (in_flight_ != nullptr) in_flight_->stop();
}

}  // namespace keyward::http
