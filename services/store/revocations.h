// Instant revocation across replicas. A transaction that deletes keys, or
// changes an account's role bindings, publishes the key or account ids with
// PublishRevocations (PostgreSQL NOTIFY: delivered only if the transaction
// commits; as many notifications as the ids need, see revocation_payloads.h);
// every keywardd runs a RevocationListener (revocation_listener.h) that hands
// each id to its caches.
//
// Thread-safety: PublishRevocations runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_REVOCATIONS_H_
#define KEYWARD_SERVICES_STORE_REVOCATIONS_H_

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/mutation.h"
#include "services/domain/types.h"
#include "services/store/database.h"
#include "services/store/transaction.h"

namespace keyward::store {

// Announces that `ids` are revoked, in one notification per
// kMaxRevocationPayload bytes of ids.
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

// RunRevokingMutation for a body that can be refused (RunRefusableMutation,
// transaction.h): a refusal revokes nothing.
template <typename Outcome>
absl::StatusOr<Outcome> RunRefusableRevokingMutation(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<Outcome>(pqxx::work&)>& body,
    const std::function<std::vector<std::string>(
        const std::variant_alternative_t<0, Outcome>&)>& revoked) {
  absl::StatusOr<Outcome> done = RunRefusableMutation<Outcome>(
      database.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Outcome> {
        absl::StatusOr<Outcome> outcome = body(txn);
        if (outcome.ok() && outcome->index() == 0) {
          PublishRevocations(txn, revoked(std::get<0>(*outcome)));
        }
        return outcome;
      });
  if (done.ok() && done->index() == 0 && !mutation.validate_only) {
    database.Revoked(revoked(std::get<0>(*done)));
  }
  return done;
}

// The keys a delete removes: what it revokes.
std::vector<std::string> RemovedKeyIds(const domain::DeleteResult& result);

// RunRevokingMutation for a delete whose DeleteResult lists the keys it
// removes. Every delete that can remove keys goes through here, or through
// RunRefusableKeyRemovingDelete when the delete can be refused.
absl::StatusOr<domain::DeleteResult> RunKeyRemovingDelete(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<domain::DeleteResult>(pqxx::work&)>&
        body);

// `Outcome` is std::variant<domain::DeleteResult, Refusal...>.
template <typename Outcome>
absl::StatusOr<Outcome> RunRefusableKeyRemovingDelete(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<Outcome>(pqxx::work&)>& body) {
  return RunRefusableRevokingMutation<Outcome>(database, mutation, body,
                                               RemovedKeyIds);
}

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_REVOCATIONS_H_
