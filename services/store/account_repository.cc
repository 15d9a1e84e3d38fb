#include "services/store/account_repository.h"

#include "absl/strings/str_cat.h"
#include "services/store/delete_result.h"
#include "services/store/keys_to_remove.h"
#include "services/store/not_found.h"
#include "services/store/organization_admins.h"
#include "services/store/paging.h"
#include "services/store/revocations.h"
#include "services/store/rows.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::Account;
using domain::AccountType;

using Created = std::variant<Account, domain::EmailTaken>;
using Deleted = std::variant<domain::DeleteResult, domain::LastAdminBinding,
                             domain::KeysInUse>;

constexpr char kEmailUniqueIndex[] = "accounts_email_unique";

const Statement kInsert(
    "accounts.insert",
    absl::StrCat("INSERT INTO accounts (id, type, display_name, description, "
                 "email, create_time, update_time) VALUES ($1, $2, $3, $4, "
                 "$5, ",
                 KEYWARD_SQL_TIME("$6"), ", ", KEYWARD_SQL_TIME("$6"),
                 ") RETURNING ", kAccountColumns));
const Statement kGetVisible("accounts.get_visible",
                            absl::StrCat("SELECT ", kAccountColumns,
                                         " FROM accounts WHERE id = $1 AND ",
                                         VisibleAccount(2, "accounts.id")));
const Statement kUpdate(
    "accounts.update",
    absl::StrCat("UPDATE accounts SET "
                 "display_name = COALESCE($2, display_name), "
                 "description = COALESCE($3, description), update_time = ",
                 KEYWARD_SQL_TIME("$4"), " WHERE id = $1 RETURNING ",
                 kAccountColumns));
// Locking the account also holds off new keys for it: their foreign key
// needs a share lock on this row.
const Statement kLock("accounts.lock",
                      "SELECT id FROM accounts WHERE id = $1 FOR UPDATE");
const Statement kBindingIds("accounts.binding_ids",
                            "SELECT id FROM role_bindings WHERE principal_id "
                            "= $1 ORDER BY create_time, id");
const Statement kDelete("accounts.delete",
                        "DELETE FROM accounts WHERE id = $1");

}  // namespace

PgAccountRepository::PgAccountRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Created> PgAccountRepository::Create(
    const Account& account, const domain::Mutation& mutation) {
  return RunRefusableMutation<Created>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Created> {
        std::optional<std::string> email;
        if (account.type == AccountType::kUser) email = account.email;
        try {
          const pqxx::result rows = ExecPrepared(
              txn, kInsert, account.id, domain::AccountTypeName(account.type),
              account.display_name, account.description, email,
              ToMicros(mutation.now));
          return Created(AccountReader(rows)(rows[0]));
        } catch (const pqxx::unique_violation& error) {
          // The transaction is aborted; the refusal rolls it back.
          if (std::string(error.what()).find(kEmailUniqueIndex) ==
              std::string::npos) {
            throw;
          }
          return Created(domain::EmailTaken{account.email});
        }
      });
}

absl::StatusOr<Account> PgAccountRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<Account>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Account> {
        const pqxx::result rows =
            ExecPrepared(txn, kGetVisible, id, ReaderParam(reader));
        if (rows.empty()) return NotFound("account", id);
        return AccountReader(rows)(rows[0]);
      });
}

absl::StatusOr<domain::Page<Account>> PgAccountRepository::List(
    std::optional<AccountType> type, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  std::optional<std::string> type_filter;
  if (type) type_filter = domain::AccountTypeName(*type);
  return RunRead<domain::Page<Account>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<Account>> {
        const pqxx::result rows = txn.exec_params(
            absl::StrCat("SELECT ", kAccountColumns,
                         " FROM accounts WHERE ($1::text IS NULL OR type = $1) "
                         "AND ",
                         AfterCursorCondition(2, 3), " AND ",
                         VisibleAccount(5, "accounts.id"),
                         " ORDER BY create_time, id LIMIT $4"),
            type_filter, CursorMicros(page), CursorId(page), page.page_size + 1,
            ReaderParam(reader));
        return MakePage<Account>(rows, page, AccountReader(rows));
      });
}

absl::StatusOr<Account> PgAccountRepository::Update(
    const std::string& id, const domain::AccountUpdate& update,
    const domain::Mutation& mutation) {
  return RunMutation<Account>(database_.pool(), mutation,
                              [&](pqxx::work& txn) -> absl::StatusOr<Account> {
                                const pqxx::result rows = ExecPrepared(
                                    txn, kUpdate, id, update.display_name,
                                    update.description, ToMicros(mutation.now));
                                if (rows.empty())
                                  return NotFound("account", id);
                                return AccountReader(rows)(rows[0]);
                              });
}

absl::StatusOr<Deleted> PgAccountRepository::Delete(
    const std::string& id, const domain::KeysInUseCheck& keys_in_use,
    const domain::AdminRole& admin, const domain::Mutation& mutation) {
  return RunRefusableKeyRemovingDelete<Deleted>(
      database_, mutation, [&](pqxx::work& txn) -> absl::StatusOr<Deleted> {
        const pqxx::result account = ExecPrepared(txn, kLock, id);
        if (account.empty()) return NotFound("account", id);
        if (std::optional<domain::LastAdminBinding> last_admin =
                KeepAnAdmin(txn, admin, {"", id})) {
          return Deleted(*std::move(last_admin));
        }
        auto keys =
            LockKeysToRemove(txn, domain::KeyHolder::kAccount, id, keys_in_use);
        if (auto* in_use = std::get_if<domain::KeysInUse>(&keys)) {
          return Deleted(std::move(*in_use));
        }
        domain::DeleteResult result = DeleteResultFor(id, mutation);
        result.deleted_api_key_ids = std::get<0>(std::move(keys));
        result.deleted_role_binding_ids =
            Ids(ExecPrepared(txn, kBindingIds, id));
        ExecPrepared(txn, kDelete, id);
        return Deleted(std::move(result));
      });
}

}  // namespace keyward::store
