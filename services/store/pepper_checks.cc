#include "services/store/pepper_checks.h"

#include <pqxx/pqxx>

#include "services/store/connection_pool.h"

namespace keyward::store {

absl::StatusOr<std::string> RecordPepperCheck(Database& database, int pepper_id,
                                              std::string_view check_value) {
  std::string recorded;
  const absl::Status status = database.pool().Run([&](pqxx::connection& c) {
    pqxx::work txn(c);
    // A concurrent first start's INSERT makes this one wait for its commit,
    // then do nothing; the SELECT (a new snapshot under READ COMMITTED) then
    // sees the winner's row.
    txn.exec_params(
        "INSERT INTO pepper_checks (pepper_id, check_value) VALUES ($1, $2) "
        "ON CONFLICT (pepper_id) DO NOTHING",
        pepper_id, pqxx::binarystring(std::string(check_value)));
    const pqxx::result row = txn.exec_params(
        "SELECT check_value FROM pepper_checks WHERE pepper_id = $1",
        pepper_id);
    txn.commit();
    recorded = row.empty() ? std::string()
                           : pqxx::binarystring(row[0]["check_value"]).str();
  });
  if (!status.ok()) return status;
  return recorded;
}

}  // namespace keyward::store
