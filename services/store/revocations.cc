#include "services/store/revocations.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/log.h"
#include "services/store/connection_pool.h"
#include "services/store/transaction.h"

namespace keyward::store {
namespace {

constexpr char kChannel[] = "keyward_key_revocations";
constexpr char kEverything[] = "*";
// NOTIFY payloads must stay under 8000 bytes.
constexpr size_t kMaxPayload = 7000;

class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& connection,
           std::function<void(const std::string&)> deliver)
      : pqxx::notification_receiver(connection, kChannel),
        deliver_(std::move(deliver)) {}
  void operator()(const std::string& payload, int) override {
    deliver_(payload);
  }

 private:
  std::function<void(const std::string&)> deliver_;
};

// The listener names itself, so operators (and tests) can tell its
// long-lived connection from the pool's.
std::string ListenerUrl(const std::string& url) {
  if (url.find("application_name=") != std::string::npos) {
    return WithConnectionDefaults(url);
  }
  return WithConnectionDefaults(
      absl::StrCat(url, url.find('?') == std::string::npos ? "?" : "&",
                   "application_name=keywardd-revocations"));
}

}  // namespace

void PublishRevocations(pqxx::work& txn, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::string payload = absl::StrJoin(ids, ",");
  if (payload.size() > kMaxPayload) payload = kEverything;
  ExecPrepared(txn, "SELECT pg_notify($1, $2)", kChannel, payload);
}

absl::StatusOr<domain::DeleteResult> RunKeyRemovingDelete(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<domain::DeleteResult>(pqxx::work&)>&
        body) {
  return RunRevokingMutation<domain::DeleteResult>(
      database, mutation, body, [](const domain::DeleteResult& result) {
        return result.deleted_api_key_ids;
      });
}

RevocationListener::RevocationListener(std::string url, OnRevoked on_revoked,
                                       OnReset on_reset)
    : url_(ListenerUrl(url)),
      on_revoked_(std::move(on_revoked)),
      on_reset_(std::move(on_reset)) {}

RevocationListener::~RevocationListener() { Stop(); }

void RevocationListener::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void RevocationListener::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RevocationListener::Loop() {
  std::chrono::milliseconds backoff(100);
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    try {
      ListenUntilBroken();
      backoff = std::chrono::milliseconds(100);
    } catch (const std::exception& error) {
      LogWarning(
          absl::StrCat("revocation feed lost, cache flushed: ", error.what()));
    }
    // Whatever happened while not listening is unknown: trust nothing.
    on_reset_();
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) return;
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

void RevocationListener::ListenUntilBroken() {
  pqxx::connection connection(url_);
  Receiver receiver(connection,
                    [this](const std::string& payload) { Deliver(payload); });
  // Anything revoked before LISTEN took effect is unknown too.
  on_reset_();
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    connection.await_notification(0, 200000);
    if (!connection.is_open()) {
      throw pqxx::broken_connection("the listening connection closed");
    }
  }
}

void RevocationListener::Deliver(const std::string& payload) {
  if (payload == kEverything) {
    on_reset_();
    return;
  }
  for (absl::string_view id : absl::StrSplit(payload, ',')) {
    if (!id.empty()) on_revoked_(std::string(id));
  }
}

}  // namespace keyward::store
