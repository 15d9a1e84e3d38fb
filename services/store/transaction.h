// Helpers every repository in store/ uses: run a read, or run a mutation in
// one transaction together with its audit event (rolled back instead of
// committed when the mutation is validate_only), and convert times between
// the domain's microseconds and PostgreSQL's timestamptz.
//
// Thread-safety: stateless; the pool serializes connection use.
#ifndef KEYWARD_SERVICES_STORE_TRANSACTION_H_
#define KEYWARD_SERVICES_STORE_TRANSACTION_H_

#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/mutation.h"
#include "services/domain/types.h"
#include "services/store/connection_pool.h"

namespace keyward::store {

// SQL that reads a timestamptz column as microseconds since the epoch.
#define KEYWARD_SQL_MICROS(column) \
  "(extract(epoch from " column ") * 1000000)::bigint"
// SQL that turns a bigint parameter of microseconds into a timestamptz.
// Whole seconds and the microsecond remainder are added separately: one
// bigint * interval product goes through floating point and loses
// microseconds for dates far in the future.
#define KEYWARD_SQL_TIME(parameter)      \
  "('epoch'::timestamptz + ((" parameter \
  ")::bigint / 1000000) * "              \
  "interval '1 second' + ((" parameter   \
  ")::bigint % 1000000) * "              \
  "interval '1 microsecond')"

int64_t ToMicros(domain::Time time);
domain::Time TimeFromField(const pqxx::field& field);
std::optional<domain::Time> OptionalTimeFromField(const pqxx::field& field);
// A nullable bigint parameter for an optional time.
std::optional<int64_t> OptionalMicros(const std::optional<domain::Time>& time);

// The first column of every row, as text.
std::vector<std::string> FirstColumn(const pqxx::result& rows);

// The name a statement is prepared under: derived from its text, so the same
// SQL gets the same name on every connection.
std::string StatementName(const std::string& sql);

// Runs `sql` as a prepared statement of the transaction's connection: the
// server parses and plans it on the connection's first use only, not on
// every call. For statements that look rows up by key (their generic plan is
// the right one); list queries with optional filters stay with exec_params,
// where a plan made for the actual arguments can use the matching index.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& txn, const std::string& sql,
                          Args&&... args) {
  const std::string name = StatementName(sql);
  txn.conn().prepare(name, sql);  // registers once; a no-op afterwards
  return txn.exec_prepared(name, std::forward<Args>(args)...);
}

void InsertAuditEvent(pqxx::work& txn, const domain::AuditRecord& audit,
                      domain::Time time);

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

// The result of deleting `id` under `mutation`, before its cascades are
// listed.
domain::DeleteResult DeleteResultFor(const std::string& id,
                                     const domain::Mutation& mutation);

// NOT_FOUND "<what> <id> not found".
absl::Status NotFound(absl::string_view what, absl::string_view id);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_TRANSACTION_H_
