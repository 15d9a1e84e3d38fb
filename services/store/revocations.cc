#include "services/store/revocations.h"

#include "services/store/revocation_payloads.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

// The payload gets its publication time (revocation_payloads.h) from the
// database's clock, the one clock every replica compares with.
const Statement kNotify(
    "revocations.notify",
    "SELECT pg_notify($1, $2::text || ',@' || "
    "floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint)");

}  // namespace

void PublishRevocations(pqxx::work& txn, const std::vector<std::string>& ids) {
  for (const std::string& payload : RevocationPayloads(ids)) {
    ExecPrepared(txn, kNotify, kRevocationChannel, payload);
  }
}

std::vector<std::string> RemovedKeyIds(const domain::DeleteResult& result) {
  return result.deleted_api_key_ids;
}

absl::StatusOr<domain::DeleteResult> RunKeyRemovingDelete(
    Database& database, const domain::Mutation& mutation,
    const std::function<absl::StatusOr<domain::DeleteResult>(pqxx::work&)>&
        body) {
  return RunRevokingMutation<domain::DeleteResult>(database, mutation, body,
                                                   RemovedKeyIds);
}

}  // namespace keyward::store
