// Instant revocation across replicas. A transaction that deletes keys, or
// changes an account's role bindings, publishes the key or account ids with
// PublishRevocations (PostgreSQL NOTIFY: delivered only if the transaction
// commits); every keywardd runs a RevocationListener on a connection of its
// own that LISTENs and hands each id to its caches (a key id to the
// verification cache, an account id to the role-binding cache). When the
// listening connection is lost — and so notifications may have been missed —
// the listener reports a reset (the caches drop everything) and reconnects.
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
#include "services/store/transaction.h"

namespace keyward::store {

// Announces that `ids` are revoked (everything: "*", used when the list
// would not fit a notification).
void PublishRevocations(pqxx::work& txn, const std::vector<std::string>& ids);

// Runs a mutation that revokes `revoked(result)`: publishes them inside the
// transaction and, once it has committed, tells this process's own caches
// through Database::Revoked.
template <typename T>
absl::StatusOr<T> RunRevokingMutation(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<T>(pqxx::work&)>& body,
    const std::function<std::vector<std::string>(const T&)>& revoked) {
  absl::StatusOr<T> done = RunMutation<T>(
      database.pool(), mutation, [&](pqxx::work& txn) -> absl::StatusOr<T> {
        absl::StatusOr<T> result = body(txn);
        if (result.ok()) PublishRevocations(txn, revoked(*result));
        return result;
      });
  if (done.ok() && !mutation.validate_only) database.Revoked(revoked(*done));
  return done;
}

// RunRevokingMutation for a delete whose DeleteResult lists the keys it
// removes. Every delete that can remove keys goes through here.
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
