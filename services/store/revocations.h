// Instant revocation across replicas. A transaction that deletes keys
// publishes their ids with PublishRevocations (PostgreSQL NOTIFY: delivered
// only if the transaction commits); every keywardd runs a
// RevocationListener on a connection of its own that LISTENs and hands each
// id to its verification cache. When the listening connection is lost — and
// so notifications may have been missed — the listener reports a reset (the
// cache drops everything) and reconnects.
//
// Thread-safety: PublishRevocations runs in the caller's transaction; the
// listener runs its callbacks on its own thread; Start/Stop from one thread.
#ifndef KEYWARD_SERVICES_STORE_REVOCATIONS_H_
#define KEYWARD_SERVICES_STORE_REVOCATIONS_H_

#include <condition_variable>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/audit.h"
#include "services/domain/types.h"
#include "services/store/database.h"

namespace keyward::store {

// Announces that `key_ids` are deleted (all keys: "*", used when the list
// would not fit a notification).
void PublishRevocations(pqxx::work& txn,
                        const std::vector<std::string>& key_ids);

// Runs a delete mutation whose DeleteResult lists the keys it removes:
// publishes their ids inside the transaction and, once it has committed,
// tells this process's own cache through Database::KeysRevoked. Every delete
// that can remove keys goes through here.
absl::StatusOr<domain::DeleteResult> RunKeyRemovingDelete(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<domain::DeleteResult>(pqxx::work&)>&
        body);

class RevocationListener {
 public:
  using OnRevoked = std::function<void(const std::string& key_id)>;
  using OnReset = std::function<void()>;

  RevocationListener(std::string url, OnRevoked on_revoked, OnReset on_reset);
  ~RevocationListener();  // stops

  void Start();
  void Stop();

 private:
  void Loop();
  void ListenUntilBroken();
  void Deliver(const std::string& payload);

  const std::string url_;
  const OnRevoked on_revoked_;
  const OnReset on_reset_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_REVOCATIONS_H_
