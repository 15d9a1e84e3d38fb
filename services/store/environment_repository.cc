#include "services/store/environment_repository.h"

#include "absl/strings/str_cat.h"
#include "services/store/delete_result.h"
#include "services/store/keys_to_remove.h"
#include "services/store/not_found.h"
#include "services/store/paging.h"
#include "services/store/revocations.h"
#include "services/store/rows.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::Environment;

using Deleted =
    std::variant<domain::DeleteResult, domain::EnvironmentHoldsResources,
                 domain::KeysInUse>;

const Statement kInsert(
    "environments.insert",
    absl::StrCat("INSERT INTO environments (id, display_name, stage, "
                 "create_time, update_time) VALUES ($1, $2, $3, ",
                 KEYWARD_SQL_TIME("$4"), ", ", KEYWARD_SQL_TIME("$4"),
                 ") RETURNING ", kEnvironmentColumns));
const Statement kGetVisible(
    "environments.get_visible",
    absl::StrCat("SELECT ", kEnvironmentColumns,
                 " FROM environments WHERE id = $1 AND ",
                 VisibleEnvironment(2, "id")));
const Statement kUpdate(
    "environments.update",
    absl::StrCat("UPDATE environments SET "
                 "display_name = COALESCE($2, display_name), "
                 "stage = COALESCE($3, stage), update_time = ",
                 KEYWARD_SQL_TIME("$4"), " WHERE id = $1 RETURNING ",
                 kEnvironmentColumns));
const Statement kLock("environments.lock",
                      "SELECT id FROM environments WHERE id = $1 FOR UPDATE");
const Statement kLockResourceIds(
    "environments.lock_resource_ids",
    "SELECT id FROM resources WHERE environment_id = $1 "
    "ORDER BY create_time, id FOR UPDATE");
// Bindings at the environment and at its resources.
const Statement kBindingIds(
    "environments.binding_ids",
    "SELECT b.id FROM role_bindings b LEFT JOIN resources r "
    "ON b.scope_resource_id = r.id "
    "WHERE b.scope_environment_id = $1 OR r.environment_id = $1 "
    "ORDER BY b.create_time, b.id");
const Statement kDelete("environments.delete",
                        "DELETE FROM environments WHERE id = $1");

}  // namespace

PgEnvironmentRepository::PgEnvironmentRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Environment> PgEnvironmentRepository::Create(
    const Environment& environment, const domain::Mutation& mutation) {
  return RunMutation<Environment>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Environment> {
        const pqxx::result rows =
            ExecPrepared(txn, kInsert, environment.id, environment.display_name,
                         environment.stage, ToMicros(mutation.now));
        return EnvironmentReader(rows)(rows[0]);
      });
}

absl::StatusOr<Environment> PgEnvironmentRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<Environment>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Environment> {
        const pqxx::result rows =
            ExecPrepared(txn, kGetVisible, id, ReaderParam(reader));
        if (rows.empty()) return NotFound("environment", id);
        return EnvironmentReader(rows)(rows[0]);
      });
}

absl::StatusOr<domain::Page<Environment>> PgEnvironmentRepository::List(
    const domain::PageRequest& page, const domain::ReadScope& reader) {
  return RunRead<domain::Page<Environment>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<Environment>> {
        const pqxx::result rows =
            txn.exec_params(absl::StrCat("SELECT ", kEnvironmentColumns,
                                         " FROM environments WHERE ",
                                         AfterCursorCondition(1, 2), " AND ",
                                         VisibleEnvironment(4, "id"),
                                         " ORDER BY create_time, id LIMIT $3"),
                            CursorMicros(page), CursorId(page),
                            page.page_size + 1, ReaderParam(reader));
        return MakePage<Environment>(rows, page, EnvironmentReader(rows));
      });
}

absl::StatusOr<Environment> PgEnvironmentRepository::Update(
    const std::string& id, const domain::EnvironmentUpdate& update,
    const domain::Mutation& mutation) {
  return RunMutation<Environment>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Environment> {
        const pqxx::result rows =
            ExecPrepared(txn, kUpdate, id, update.display_name, update.stage,
                         ToMicros(mutation.now));
        if (rows.empty()) return NotFound("environment", id);
        return EnvironmentReader(rows)(rows[0]);
      });
}

absl::StatusOr<Deleted> PgEnvironmentRepository::Delete(
    const std::string& id, bool force,
    const domain::KeysInUseCheck& keys_in_use,
    const domain::Mutation& mutation) {
  return RunRefusableKeyRemovingDelete<Deleted>(
      database_, mutation, [&](pqxx::work& txn) -> absl::StatusOr<Deleted> {
        if (ExecPrepared(txn, kLock, id).empty()) {
          return NotFound("environment", id);
        }
        domain::DeleteResult result = DeleteResultFor(id, mutation);
        result.deleted_resource_ids =
            Ids(ExecPrepared(txn, kLockResourceIds, id));
        if (!result.deleted_resource_ids.empty() && !force) {
          return Deleted(domain::EnvironmentHoldsResources{
              id, result.deleted_resource_ids.size()});
        }
        auto keys = LockKeysToRemove(txn, domain::KeyHolder::kEnvironment, id,
                                     keys_in_use);
        if (auto* in_use = std::get_if<domain::KeysInUse>(&keys)) {
          return Deleted(std::move(*in_use));
        }
        result.deleted_api_key_ids = std::get<0>(std::move(keys));
        result.deleted_role_binding_ids =
            Ids(ExecPrepared(txn, kBindingIds, id));
        ExecPrepared(txn, kDelete, id);
        return Deleted(std::move(result));
      });
}

}  // namespace keyward::store
