#include "services/store/api_key_repository.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/store/delete_result.h"
#include "services/store/key_uses.h"
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

using domain::ApiKey;

using Created = std::variant<ApiKey, domain::KeyQuotaExceeded>;

// Read from `k` (api_keys or a CTE over it) joined with its owner `a` and its
// resource `r` (absent for a Cloud key).
constexpr char kColumns[] =
    "k.id AS key_id, k.owner_id AS key_owner_id, a.type AS key_owner_type, "
    "COALESCE(k.resource_id, 'cloud') AS key_resource_id, "
    "COALESCE(r.kind, 'CLOUD') AS key_resource_kind, "
    "k.display_name AS key_display_name, k.description AS key_description, "
    "k.created_by AS key_created_by, " KEYWARD_SQL_MICROS(
        "k.create_time") " AS key_create_micros, " KEYWARD_SQL_MICROS(
        "k.update_time") " AS key_update_micros, " KEYWARD_SQL_MICROS(
        "k.expire_time") " AS key_expire_micros, " KEYWARD_SQL_MICROS(
        "k.last_used_time") " AS key_last_used_micros, " KEYWARD_SQL_MICROS(
        "k.disable_time") " AS key_disable_micros, "
    "COALESCE(k.disabled_by, '') AS key_disabled_by, "
    "COALESCE(k.rotated_from, '') AS key_rotated_from, " KEYWARD_SQL_KEY_STATE(
        "k") " AS key_state";
constexpr char kJoins[] =
    " JOIN accounts a ON a.id = k.owner_id"
    " LEFT JOIN resources r ON r.id = k.resource_id";

// ListApiKeys' state, unused_since and expire_before filters ($7, $8, $9;
// NULL matches every key) over api_keys. The state is the one reads report.
constexpr char kListFilters[] =
    "($7::text IS NULL OR " KEYWARD_SQL_KEY_STATE("api_keys") " = $7) AND "
    "($8::bigint IS NULL OR last_used_time IS NULL OR "
    "last_used_time < " KEYWARD_SQL_TIME("$8") ") AND "
    "($9::bigint IS NULL OR expire_time < " KEYWARD_SQL_TIME("$9") ")";

// Reads keys selected with kColumns (see rows.h: columns found once per
// result).
class ApiKeyReader {
 public:
  explicit ApiKeyReader(const pqxx::result& result)
      : id_(result.column_number("key_id")),
        owner_id_(result.column_number("key_owner_id")),
        owner_type_(result.column_number("key_owner_type")),
        resource_id_(result.column_number("key_resource_id")),
        resource_kind_(result.column_number("key_resource_kind")),
        display_name_(result.column_number("key_display_name")),
        description_(result.column_number("key_description")),
        created_by_(result.column_number("key_created_by")),
        create_micros_(result.column_number("key_create_micros")),
        update_micros_(result.column_number("key_update_micros")),
        expire_micros_(result.column_number("key_expire_micros")),
        last_used_micros_(result.column_number("key_last_used_micros")),
        disable_micros_(result.column_number("key_disable_micros")),
        disabled_by_(result.column_number("key_disabled_by")),
        rotated_from_(result.column_number("key_rotated_from")),
        state_(result.column_number("key_state")) {}

  ApiKey operator()(const pqxx::row& row) const {
    ApiKey key;
    key.id = row[id_].as<std::string>();
    key.owner_id = row[owner_id_].as<std::string>();
    key.owner_type = AccountTypeFromName(row[owner_type_].as<std::string>());
    key.resource_id = row[resource_id_].as<std::string>();
    key.resource_kind =
        ResourceKindFromName(row[resource_kind_].as<std::string>());
    key.display_name = row[display_name_].as<std::string>();
    key.description = row[description_].as<std::string>();
    key.created_by = row[created_by_].as<std::string>();
    key.create_time = TimeFromField(row[create_micros_]);
    key.update_time = TimeFromField(row[update_micros_]);
    key.expire_time = OptionalTimeFromField(row[expire_micros_]);
    key.last_used_time = OptionalTimeFromField(row[last_used_micros_]);
    key.disable_time = OptionalTimeFromField(row[disable_micros_]);
    key.disabled_by = row[disabled_by_].as<std::string>();
    key.rotated_from = row[rotated_from_].as<std::string>();
    key.state = ApiKeyStateFromName(row[state_].as<std::string>());
    return key;
  }

 private:
  pqxx::row_size_type id_, owner_id_, owner_type_, resource_id_, resource_kind_,
      display_name_, description_, created_by_, create_micros_, update_micros_,
      expire_micros_, last_used_micros_, disable_micros_, disabled_by_,
      rotated_from_, state_;
};

// What disabling or enabling `key` revokes: the verification caches' entry
// of the key, which then is read again with its new disable_time.
std::vector<std::string> RevokedKey(const ApiKey& key) { return {key.id}; }

// The api_keys.resource_id of a key: NULL for a Cloud key.
std::optional<std::string> StoredResourceId(const std::string& resource_id) {
  if (resource_id == domain::kCloudResourceId) return std::nullopt;
  return resource_id;
}

// Locks the owner, which serializes its creates so that the counts the
// insert reads are exact, and keeps the resource from being deleted before
// the insert.
const Statement kLockOwnerAndResource(
    "api_keys.lock_owner_and_resource",
    "SELECT (SELECT true FROM accounts WHERE id = $1 FOR UPDATE) AS "
    "owner_locked, $2::text IS NULL OR EXISTS (SELECT FROM resources WHERE "
    "id = $2 FOR KEY SHARE) AS resource_exists");
// Inserts only within the quotas; the counts come back either way. A
// rotation's successor ($12: the key it replaces) does not count the key it
// replaces nor keys already replaced (in their grace period): they are on
// their way out, so every key at its quota can still be rotated.
const Statement kInsertWithinQuotas(
    "api_keys.insert_within_quotas",
    absl::StrCat("WITH counts AS (SELECT count(*) AS per_owner, count(*) "
                 "FILTER (WHERE resource_id IS NOT DISTINCT FROM $3::text) AS "
                 "per_resource FROM api_keys o WHERE owner_id = $2 AND NOT "
                 "($12::text IS NOT NULL AND (o.id = $12 OR EXISTS (SELECT "
                 "FROM api_keys s WHERE s.rotated_from = o.id)))), "
                 "k AS (INSERT INTO api_keys (id, owner_id, resource_id, "
                 "secret_hash, display_name, description, created_by, "
                 "create_time, update_time, expire_time, rotated_from) SELECT "
                 "$1::text, $2::text, $3::text, $4::bytea, $5::text, $6::text, "
                 "$7::text, ",
                 KEYWARD_SQL_TIME("$8"), ", ", KEYWARD_SQL_TIME("$8"), ", ",
                 KEYWARD_SQL_TIME("$9"), ", $12::text",
                 " FROM counts WHERE per_resource < $10 AND per_owner < $11 "
                 "RETURNING *) SELECT ",
                 kColumns,
                 ", counts.per_owner, counts.per_resource FROM counts "
                 "LEFT JOIN (k",
                 kJoins, ") ON true"));
const Statement kGetVisible(
    "api_keys.get_visible",
    absl::StrCat("SELECT ", kColumns, " FROM api_keys k", kJoins,
                 " WHERE k.id = $1 AND ",
                 VisibleApiKey(2, "k.owner_id", "k.resource_id")));
const Statement kUpdate(
    "api_keys.update",
    absl::StrCat("WITH k AS (UPDATE api_keys SET "
                 "display_name = COALESCE($2, display_name), "
                 "description = COALESCE($3, description), update_time = ",
                 KEYWARD_SQL_TIME("$4"), " WHERE id = $1 RETURNING *) SELECT ",
                 kColumns, " FROM k", kJoins));
const Statement kDelete("api_keys.delete",
                        "DELETE FROM api_keys WHERE id = $1 RETURNING id");
// A disabled key keeps the time it was first disabled and who disabled it
// then: a repeated disable must not make the key its repeater's to enable.
const Statement kDisable(
    "api_keys.disable",
    absl::StrCat("WITH k AS (UPDATE api_keys SET disabled_by = CASE WHEN "
                 "disable_time IS NULL THEN $3::text ELSE disabled_by END, "
                 "disable_time = COALESCE(disable_time, ",
                 KEYWARD_SQL_TIME("$2"), ") WHERE id = $1 RETURNING *) SELECT ",
                 kColumns, " FROM k", kJoins));
const Statement kEnable(
    "api_keys.enable",
    absl::StrCat("WITH k AS (UPDATE api_keys SET disable_time = NULL, "
                 "disabled_by = NULL WHERE "
                 "id = $1 RETURNING *) SELECT ",
                 kColumns, " FROM k", kJoins));
// A rotation's old key, locked until the rotation commits, so a concurrent
// delete, disable or second rotation either ran before or waits for it;
// with the successor it already has, if any.
const Statement kLockForRotation(
    "api_keys.lock_for_rotation",
    absl::StrCat("SELECT ", kColumns,
                 ", (SELECT min(s.id) FROM api_keys s WHERE s.rotated_from = "
                 "k.id) AS successor_id FROM api_keys k",
                 kJoins, " WHERE k.id = $1 FOR UPDATE OF k"));
// Ends a rotated key at $2, the domain's RetiringExpireTime (never later
// than its own expire_time, always after its create_time).
const Statement kRetire(
    "api_keys.retire",
    absl::StrCat("WITH k AS (UPDATE api_keys SET expire_time = ",
                 KEYWARD_SQL_TIME("$2"), ", update_time = ",
                 KEYWARD_SQL_TIME("$3"), " WHERE id = $1 RETURNING *) SELECT ",
                 kColumns, " FROM k", kJoins));
const Statement kFindForVerification(
    "api_keys.find_for_verification",
    absl::StrCat("SELECT ", kColumns, ", k.secret_hash FROM api_keys k", kJoins,
                 " WHERE k.id = $1"));
const Statement kCreationFacts(
    "api_keys.creation_facts",
    absl::StrCat("SELECT ", kAccountColumns, ", ", kAccountRoleBindingsColumn,
                 ", ", kResourceColumns, ", ", kEnvironmentColumns,
                 ", counts.owner_total, counts.owner_on_resource FROM accounts "
                 "LEFT JOIN resources ON resources.id = $2 "
                 "LEFT JOIN environments ON environments.id = "
                 "resources.environment_id "
                 "CROSS JOIN (SELECT count(*) AS owner_total, count(*) FILTER "
                 "(WHERE resource_id = $2 OR ($2 = 'cloud' AND resource_id IS "
                 "NULL)) AS owner_on_resource FROM api_keys WHERE owner_id = "
                 "$1) AS counts WHERE accounts.id = $1"));
}  // namespace

absl::StatusOr<Created> InsertApiKey(pqxx::work& txn, const ApiKey& key,
                                     const std::string& secret_hash,
                                     const domain::KeyQuotas& quotas,
                                     domain::Time now, OwnerLock owner_lock) {
  const std::optional<std::string> resource_id =
      StoredResourceId(key.resource_id);
  if (owner_lock == OwnerLock::kTake) {
    const pqxx::row locked =
        ExecPrepared(txn, kLockOwnerAndResource, key.owner_id, resource_id)[0];
    if (locked["owner_locked"].is_null()) {
      return NotFound("account", key.owner_id);
    }
    if (!locked["resource_exists"].as<bool>()) {
      return NotFound("resource", key.resource_id);
    }
  }
  const pqxx::result inserted = ExecPrepared(
      txn, kInsertWithinQuotas, key.id, key.owner_id, resource_id,
      pqxx::binarystring(secret_hash), key.display_name, key.description,
      key.created_by, ToMicros(now), OptionalMicros(key.expire_time),
      quotas.per_owner_per_resource, quotas.per_owner,
      key.rotated_from.empty() ? std::nullopt
                               : std::optional<std::string>(key.rotated_from));
  const pqxx::row& row = inserted[0];
  const int64_t per_owner = row["per_owner"].as<int64_t>();
  const int64_t per_resource = row["per_resource"].as<int64_t>();
  using Quota = domain::KeyQuotaExceeded::Quota;
  if (per_resource >= quotas.per_owner_per_resource) {
    return Created(domain::KeyQuotaExceeded{Quota::kPerOwnerPerResource,
                                            key.owner_id, key.resource_id,
                                            per_resource});
  }
  if (per_owner >= quotas.per_owner) {
    return Created(domain::KeyQuotaExceeded{Quota::kPerOwner, key.owner_id,
                                            key.resource_id, per_owner});
  }
  return Created(ApiKeyReader(inserted)(row));
}

PgApiKeyRepository::PgApiKeyRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Created> PgApiKeyRepository::Create(
    const ApiKey& key, const std::string& secret_hash,
    const domain::KeyQuotas& quotas, const domain::Mutation& mutation) {
  return RunRefusableMutation<Created>(
      database_.pool(), mutation, [&](pqxx::work& txn) {
        return InsertApiKey(txn, key, secret_hash, quotas, mutation.now);
      });
}

absl::StatusOr<ApiKey> PgApiKeyRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<ApiKey>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<ApiKey> {
        const pqxx::result rows =
            ExecPrepared(txn, kGetVisible, id, ReaderParam(reader));
        if (rows.empty()) return NotFound("API key", id);
        return ApiKeyReader(rows)(rows[0]);
      });
}

absl::StatusOr<domain::Page<ApiKey>> PgApiKeyRepository::List(
    const domain::ApiKeyFilter& filter, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  std::optional<std::string> state;
  if (filter.state) state = domain::ApiKeyStateName(*filter.state);
  return RunRead<domain::Page<ApiKey>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<domain::Page<ApiKey>> {
        // The page is cut from api_keys alone, then joined.
        const pqxx::result rows = txn.exec_params(
            absl::StrCat(
                "SELECT ", kColumns,
                " FROM (SELECT * FROM api_keys WHERE "
                "($1::text IS NULL OR owner_id = $1) AND "
                "($2::text IS NULL OR resource_id = $2 OR "
                "($2 = 'cloud' AND resource_id IS NULL)) AND ",
                kListFilters, " AND ", AfterCursorCondition(3, 4), " AND ",
                VisibleApiKey(6, "api_keys.owner_id", "api_keys.resource_id"),
                " ORDER BY create_time, id LIMIT $5) k", kJoins,
                " ORDER BY k.create_time, k.id"),
            filter.owner_id, filter.resource_id, CursorMicros(page),
            CursorId(page), page.page_size + 1, ReaderParam(reader), state,
            OptionalMicros(filter.unused_since),
            OptionalMicros(filter.expire_before));
        return MakePage<ApiKey>(rows, page, ApiKeyReader(rows));
      });
}

absl::StatusOr<ApiKey> PgApiKeyRepository::Update(
    const std::string& id, const domain::ApiKeyUpdate& update,
    const domain::Mutation& mutation) {
  return RunMutation<ApiKey>(database_.pool(), mutation,
                             [&](pqxx::work& txn) -> absl::StatusOr<ApiKey> {
                               const pqxx::result rows = ExecPrepared(
                                   txn, kUpdate, id, update.display_name,
                                   update.description, ToMicros(mutation.now));
                               if (rows.empty()) return NotFound("API key", id);
                               return ApiKeyReader(rows)(rows[0]);
                             });
}

absl::StatusOr<domain::DeleteResult> PgApiKeyRepository::Delete(
    const std::string& id, const domain::Mutation& mutation) {
  return RunKeyRemovingDelete(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<domain::DeleteResult> {
        if (ExecPrepared(txn, kDelete, id).empty()) {
          return NotFound("API key", id);
        }
        domain::DeleteResult result = DeleteResultFor(id, mutation);
        result.deleted_api_key_ids = {id};
        return result;
      });
}

absl::StatusOr<ApiKey> PgApiKeyRepository::Disable(
    const std::string& id, const domain::Mutation& mutation) {
  return RunRevokingMutation<ApiKey>(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<ApiKey> {
        const pqxx::result rows = ExecPrepared(
            txn, kDisable, id, ToMicros(mutation.now), mutation.audit.actor_id);
        if (rows.empty()) return NotFound("API key", id);
        return ApiKeyReader(rows)(rows[0]);
      },
      RevokedKey);
}

absl::StatusOr<ApiKey> PgApiKeyRepository::Enable(
    const std::string& id, const domain::Mutation& mutation) {
  return RunRevokingMutation<ApiKey>(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<ApiKey> {
        const pqxx::result rows = ExecPrepared(txn, kEnable, id);
        if (rows.empty()) return NotFound("API key", id);
        return ApiKeyReader(rows)(rows[0]);
      },
      RevokedKey);
}

absl::StatusOr<std::variant<domain::RotatedApiKey, domain::KeyNotRotatable,
                            domain::KeyQuotaExceeded>>
PgApiKeyRepository::Rotate(const std::string& old_id, const ApiKey& successor,
                           const std::string& secret_hash,
                           domain::Time retire_at,
                           const domain::KeyQuotas& quotas,
                           const domain::Mutation& mutation) {
  using Rotated = std::variant<domain::RotatedApiKey, domain::KeyNotRotatable,
                               domain::KeyQuotaExceeded>;
  return RunRefusableRevokingMutation<Rotated>(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Rotated> {
        // The owner first, as creates and account deletes lock it, then the
        // old key. The lock's answer is not needed: while the old key exists
        // (checked next), so do its owner and resource (foreign keys).
        ExecPrepared(txn, kLockOwnerAndResource, successor.owner_id,
                     StoredResourceId(successor.resource_id));
        const pqxx::result locked = ExecPrepared(txn, kLockForRotation, old_id);
        if (locked.empty()) return NotFound("API key", old_id);
        const ApiKey old = ApiKeyReader(locked)(locked[0]);
        if (old.expire_time && *old.expire_time <= mutation.now) {
          return Rotated(domain::KeyNotRotatable{
              old_id, domain::ApiKeyState::kExpired, ""});
        }
        if (old.disable_time) {
          return Rotated(domain::KeyNotRotatable{
              old_id, domain::ApiKeyState::kDisabled, ""});
        }
        if (!locked[0]["successor_id"].is_null()) {
          return Rotated(domain::KeyNotRotatable{
              old_id, old.state, locked[0]["successor_id"].as<std::string>()});
        }
        // The names as they are now, not as the caller read them before an
        // update that committed meanwhile.
        ApiKey next = successor;
        next.display_name = old.display_name;
        next.description = old.description;
        const absl::StatusOr<Created> created = InsertApiKey(
            txn, next, secret_hash, quotas, mutation.now, OwnerLock::kHeld);
        if (!created.ok()) return created.status();
        if (const auto* refused =
                std::get_if<domain::KeyQuotaExceeded>(&*created)) {
          return Rotated(*refused);
        }
        const pqxx::result retired = ExecPrepared(
            txn, kRetire, old_id, ToMicros(retire_at), ToMicros(mutation.now));
        return Rotated(domain::RotatedApiKey{
            std::get<ApiKey>(*created), ApiKeyReader(retired)(retired[0])});
      },
      [](const domain::RotatedApiKey& rotated) {
        // Every replica reads the old key's new expire_time again.
        return std::vector<std::string>{rotated.previous.id};
      });
}

absl::StatusOr<std::vector<domain::KeyUsageDay>> PgApiKeyRepository::Usage(
    const std::string& id, domain::UtcDay first, domain::UtcDay last) {
  using Days = std::vector<domain::KeyUsageDay>;
  return RunRead<Days>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Days> {
        return ReadKeyUsage(txn, id, first, last);
      });
}

absl::StatusOr<std::optional<domain::StoredApiKey>>
PgApiKeyRepository::FindForVerification(const std::string& id) {
  using Found = std::optional<domain::StoredApiKey>;
  return RunRead<Found>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Found> {
        const pqxx::result rows = ExecPrepared(txn, kFindForVerification, id);
        // VerifyApiKey's path: the statement's columns never move, so they
        // are found once per process (an empty result has them too).
        static const ApiKeyReader read_key(rows);
        static const pqxx::row_size_type secret_hash =
            rows.column_number("secret_hash");
        if (rows.empty()) return Found();
        return Found(domain::StoredApiKey{
            read_key(rows[0]), pqxx::binarystring(rows[0][secret_hash]).str()});
      });
}

absl::StatusOr<domain::KeyCreationFacts> PgApiKeyRepository::CreationFacts(
    const std::string& owner_id, const std::string& resource_id) {
  return RunRead<domain::KeyCreationFacts>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::KeyCreationFacts> {
        const pqxx::result rows =
            ExecPrepared(txn, kCreationFacts, owner_id, resource_id);
        if (rows.empty()) return NotFound("account", owner_id);
        const pqxx::row& row = rows[0];
        domain::KeyCreationFacts facts;
        facts.owner = AccountReader(rows)(row);
        facts.owner_role_bindings = AccountRoleBindingsFromRow(row);
        if (!row["resource_id"].is_null()) {
          facts.resource = ResourceReader(rows)(row);
          facts.environment = EnvironmentReader(rows)(row);
        } else if (resource_id != domain::kCloudResourceId) {
          return NotFound("resource", resource_id);
        }
        facts.counts = {row["owner_total"].as<int>(),
                        row["owner_on_resource"].as<int>()};
        return facts;
      });
}

absl::Status PgApiKeyRepository::RecordUses(const domain::KeyUses& uses) {
  if (uses.empty()) return absl::OkStatus();
  return database_.pool().Run([&](pqxx::connection& connection) {
    pqxx::work txn(connection);
    WriteKeyUses(txn, uses);
    txn.commit();
  });
}

}  // namespace keyward::store
