#include "services/store/revocations.h"

#include "services/store/revocation_payloads.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

const Statement kNotify("revocations.notify", "SELECT pg_notify($1, $2)");

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
