#include "services/store/invitation_repository.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/store/api_key_repository.h"
#include "services/store/not_found.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"

namespace keyward::store {
namespace {

using domain::Invitation;

using Created = std::variant<Invitation, domain::AccountHoldsKeys>;
using Redeemed = std::variant<domain::ApiKey, domain::InvitationNotRedeemable,
                              domain::KeyQuotaExceeded>;

// Locks the account for the rest of the transaction: an invitation's create
// and redemption take it first, as the account's delete does, so none of
// them deadlock, and the account cannot vanish before the write.
const Statement kLockAccount("invitations.lock_account",
                             "SELECT FROM accounts WHERE id = $1 FOR UPDATE");

// Only the newest invitation of an account can be redeemed.
const Statement kDeleteOutstanding(
    "invitations.delete_outstanding",
    "DELETE FROM invitations WHERE account_id = $1 AND redeem_time IS NULL");

const Statement kInsert(
    "invitations.insert",
    absl::StrCat("INSERT INTO invitations (token_hash, account_id, "
                 "created_by, create_time, expire_time) VALUES ($1, $2, $3, ",
                 KEYWARD_SQL_TIME("$4"), ", ", KEYWARD_SQL_TIME("$5"), ")"));

const Statement kFindRedeemable(
    "invitations.find_redeemable",
    absl::StrCat("SELECT account_id, created_by, ",
                 KEYWARD_SQL_MICROS("create_time"), " AS create_micros, ",
                 KEYWARD_SQL_MICROS("expire_time"),
                 " AS expire_micros FROM invitations WHERE token_hash = $1 "
                 "AND redeem_time IS NULL AND expire_time > ",
                 KEYWARD_SQL_TIME("$2")));

// Uses the invitation up, only if it is still redeemable at $3.
const Statement kUseUp(
    "invitations.use_up",
    absl::StrCat("UPDATE invitations SET redeem_time = ",
                 KEYWARD_SQL_TIME("$3"),
                 " WHERE token_hash = $1 AND account_id = $2 AND redeem_time "
                 "IS NULL AND expire_time > ",
                 KEYWARD_SQL_TIME("$3"), " RETURNING account_id"));

// Whether the account holds a key: an invitation is for a first key only,
// so that nobody but the user ever holds a key of theirs.
const Statement kHasKeys(
    "invitations.account_has_keys",
    "SELECT EXISTS (SELECT FROM api_keys WHERE owner_id = $1) AS has_keys");

}  // namespace

PgInvitationRepository::PgInvitationRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Created> PgInvitationRepository::Create(
    const Invitation& invitation, const std::string& token_hash,
    const domain::Mutation& mutation) {
  return RunRefusableMutation<Created>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Created> {
        if (ExecPrepared(txn, kLockAccount, invitation.account_id).empty()) {
          return NotFound("account", invitation.account_id);
        }
        if (ExecPrepared(txn, kHasKeys, invitation.account_id)[0]["has_keys"]
                .as<bool>()) {
          return Created(domain::AccountHoldsKeys{invitation.account_id});
        }
        ExecPrepared(txn, kDeleteOutstanding, invitation.account_id);
        ExecPrepared(txn, kInsert, pqxx::binarystring(token_hash),
                     invitation.account_id, invitation.created_by,
                     ToMicros(invitation.create_time),
                     ToMicros(invitation.expire_time));
        return Created(invitation);
      });
}

absl::StatusOr<std::optional<Invitation>>
PgInvitationRepository::FindRedeemable(const std::string& token_hash,
                                       domain::Time now) {
  using Found = std::optional<Invitation>;
  return RunRead<Found>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Found> {
        const pqxx::result rows =
            ExecPrepared(txn, kFindRedeemable, pqxx::binarystring(token_hash),
                         ToMicros(now));
        if (rows.empty()) return Found();
        Invitation invitation;
        const pqxx::row& row = rows[0];
        invitation.account_id = row["account_id"].as<std::string>();
        invitation.created_by = row["created_by"].as<std::string>();
        invitation.create_time = TimeFromField(row["create_micros"]);
        invitation.expire_time = TimeFromField(row["expire_micros"]);
        return Found(std::move(invitation));
      });
}

absl::StatusOr<Redeemed> PgInvitationRepository::Redeem(
    const std::string& token_hash, const domain::ApiKey& key,
    const std::string& secret_hash, const domain::KeyQuotas& quotas,
    const domain::Mutation& mutation) {
  return RunRefusableMutation<Redeemed>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Redeemed> {
        const Redeemed not_redeemable(domain::InvitationNotRedeemable{});
        // A deleted account took its invitations with it.
        if (ExecPrepared(txn, kLockAccount, key.owner_id).empty()) {
          return not_redeemable;
        }
        // Concurrent redemptions of one token queue on the account's lock;
        // the first uses the invitation up, the others then find
        // redeem_time set.
        if (ExecPrepared(txn, kUseUp, pqxx::binarystring(token_hash),
                         key.owner_id, ToMicros(mutation.now))
                .empty()) {
          return not_redeemable;
        }
        // A key created since the invitation means it is not a first key.
        if (ExecPrepared(txn, kHasKeys, key.owner_id)[0]["has_keys"]
                .as<bool>()) {
          return not_redeemable;
        }
        // Any error or refusal from here on rolls the use back with the key.
        KEYWARD_ASSIGN_OR_RETURN(
            auto inserted,
            InsertApiKey(txn, key, secret_hash, quotas, mutation.now));
        if (auto* quota = std::get_if<domain::KeyQuotaExceeded>(&inserted)) {
          return Redeemed(std::move(*quota));
        }
        return Redeemed(std::get<domain::ApiKey>(std::move(inserted)));
      });
}

}  // namespace keyward::store
