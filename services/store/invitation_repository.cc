#include "services/store/invitation_repository.h"

#include "absl/strings/str_cat.h"
#include "services/store/api_key_repository.h"
#include "services/store/transaction.h"

namespace keyward::store {
namespace {

using domain::Invitation;

// Locks the account for the rest of the transaction: an invitation's create
// and redemption take it first, as the account's delete does, so none of
// them deadlock, and the account cannot vanish before the write.
constexpr char kLockAccount[] = "SELECT FROM accounts WHERE id = $1 FOR UPDATE";

const std::string kInsert = absl::StrCat(
    "INSERT INTO invitations (token_hash, account_id, created_by, "
    "create_time, expire_time) VALUES ($1, $2, $3, ",
    KEYWARD_SQL_TIME("$4"), ", ", KEYWARD_SQL_TIME("$5"), ")");

const std::string kFindRedeemable = absl::StrCat(
    "SELECT account_id, created_by, ", KEYWARD_SQL_MICROS("create_time"), ", ",
    KEYWARD_SQL_MICROS("expire_time"),
    " FROM invitations WHERE token_hash = $1 AND redeem_time IS NULL AND "
    "expire_time > ",
    KEYWARD_SQL_TIME("$2"));

// Uses the invitation up, only if it is still redeemable at $3.
const std::string kUseUp = absl::StrCat(
    "UPDATE invitations SET redeem_time = ", KEYWARD_SQL_TIME("$3"),
    " WHERE token_hash = $1 AND account_id = $2 AND redeem_time IS NULL AND "
    "expire_time > ",
    KEYWARD_SQL_TIME("$3"), " RETURNING account_id");

// Whether the account holds a key: an invitation is for a first key only,
// so that nobody but the user ever holds a key of theirs.
constexpr char kHasKeys[] =
    "SELECT EXISTS (SELECT FROM api_keys WHERE owner_id = $1)";

absl::Status NotRedeemable() {
  return absl::NotFoundError("no redeemable invitation with that token");
}

}  // namespace

PgInvitationRepository::PgInvitationRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Invitation> PgInvitationRepository::Create(
    const Invitation& invitation, const std::string& token_hash,
    const domain::Mutation& mutation) {
  return RunMutation<Invitation>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Invitation> {
        if (ExecPrepared(txn, kLockAccount, invitation.account_id).empty()) {
          return NotFound("account", invitation.account_id);
        }
        if (ExecPrepared(txn, kHasKeys, invitation.account_id)[0][0]
                .as<bool>()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "account ", invitation.account_id,
              " already holds API keys: an invitation is for a user's first "
              "key; the user creates further keys with their own"));
        }
        // Only the newest invitation of an account can be redeemed.
        ExecPrepared(txn,
                     "DELETE FROM invitations WHERE account_id = $1 AND "
                     "redeem_time IS NULL",
                     invitation.account_id);
        ExecPrepared(txn, kInsert, pqxx::binarystring(token_hash),
                     invitation.account_id, invitation.created_by,
                     ToMicros(invitation.create_time),
                     ToMicros(invitation.expire_time));
        return invitation;
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
        invitation.account_id = rows[0][0].as<std::string>();
        invitation.created_by = rows[0][1].as<std::string>();
        invitation.create_time = TimeFromField(rows[0][2]);
        invitation.expire_time = TimeFromField(rows[0][3]);
        return Found(std::move(invitation));
      });
}

absl::StatusOr<domain::ApiKey> PgInvitationRepository::Redeem(
    const std::string& token_hash, const domain::ApiKey& key,
    const std::string& secret_hash, const domain::KeyQuotas& quotas,
    const domain::Mutation& mutation) {
  return RunMutation<domain::ApiKey>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<domain::ApiKey> {
        // A deleted account took its invitations with it.
        if (ExecPrepared(txn, kLockAccount, key.owner_id).empty()) {
          return NotRedeemable();
        }
        // Concurrent redemptions of one token queue on the account's lock;
        // the first uses the invitation up, the others then find
        // redeem_time set.
        if (ExecPrepared(txn, kUseUp, pqxx::binarystring(token_hash),
                         key.owner_id, ToMicros(mutation.now))
                .empty()) {
          return NotRedeemable();
        }
        // A key created since the invitation means it is not a first key.
        if (ExecPrepared(txn, kHasKeys, key.owner_id)[0][0].as<bool>()) {
          return NotRedeemable();
        }
        // Any error from here on rolls the use back with the key.
        return InsertApiKey(txn, key, secret_hash, quotas, mutation.now);
      });
}

}  // namespace keyward::store
