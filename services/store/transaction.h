// How every repository in store/ talks to PostgreSQL: a read in autocommit
// mode, or a mutation in one transaction together with its audit event
// (rolled back instead of committed when the mutation is validate_only).
//
// Thread-safety: stateless; the pool serializes connection use.
#ifndef KEYWARD_SERVICES_STORE_TRANSACTION_H_
#define KEYWARD_SERVICES_STORE_TRANSACTION_H_

#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <utility>
#include <variant>

#include "absl/status/statusor.h"
#include "services/domain/mutation.h"
#include "services/domain/types.h"
#include "services/store/audit_events.h"
#include "services/store/connection_pool.h"

namespace keyward::store {

// Runs a read in autocommit mode: one round trip per statement, no
// BEGIN/COMMIT around it.
template <typename T>
absl::StatusOr<T> RunRead(
    ConnectionPool& pool,
    const std::function<absl::StatusOr<T>(pqxx::transaction_base&)>& body) {
  absl::StatusOr<T> result = absl::UnknownError("not run");
  const absl::Status status = pool.Run([&](pqxx::connection& connection) {
    pqxx::nontransaction statement(connection);
    result = body(statement);
  });
  if (!status.ok()) return status;
  return result;
}

// Runs `body` and commits it together with the mutation's audit event. A
// failed body writes nothing. A validate_only mutation runs every check the
// database makes, is rolled back, and then records only its audit event.
template <typename T>
absl::StatusOr<T> RunMutation(
    ConnectionPool& pool, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<T>(pqxx::work&)>& body) {
  absl::StatusOr<T> result = absl::UnknownError("not run");
  const absl::Status status = pool.Run([&](pqxx::connection& connection) {
    {
      pqxx::work txn(connection);
      result = body(txn);
      if (!result.ok()) return;
      if (!mutation.validate_only) {
        InsertAuditEvent(txn, mutation.audit, mutation.now);
        txn.commit();
        return;
      }
    }  // the validate_only transaction rolls back here
    pqxx::work audit(connection);
    InsertAuditEvent(audit, mutation.audit, mutation.now);
    audit.commit();
  });
  if (!status.ok()) return status;
  return result;
}

// RunMutation for a body the database can refuse for a reason the domain
// puts into words: `Outcome` is std::variant<T, Refusal...>, the refusals
// declared in domain/refusals.h or beside the rules they enforce. A refusal
// writes nothing, as a failed body does, and comes back as a value.
template <typename Outcome>
absl::StatusOr<Outcome> RunRefusableMutation(
    ConnectionPool& pool, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<Outcome>(pqxx::work&)>& body) {
  using T = std::variant_alternative_t<0, Outcome>;
  std::optional<Outcome> refused;
  absl::StatusOr<T> done =
      RunMutation<T>(pool, mutation, [&](pqxx::work& txn) -> absl::StatusOr<T> {
        refused.reset();  // from an attempt that lost a race
        absl::StatusOr<Outcome> outcome = body(txn);
        if (!outcome.ok()) return outcome.status();
        if (outcome->index() != 0) {
          refused = *std::move(outcome);
          // Any error rolls back; the refusal is returned instead.
          return absl::AbortedError("refused");
        }
        return std::get<0>(*std::move(outcome));
      });
  if (refused) return *std::move(refused);
  if (!done.ok()) return done.status();
  return Outcome(std::in_place_index<0>, *std::move(done));
}

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_TRANSACTION_H_
