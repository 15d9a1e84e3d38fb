#include "services/store/resource_repository.h"

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

using domain::Resource;
using domain::ResourceKind;

using Created = std::variant<Resource, domain::SchemaRegistryTaken>;
using Deleted = std::variant<domain::DeleteResult, domain::KeysInUse>;

// A share lock keeps the environment from being deleted under us while
// letting resources be created in it concurrently.
const Statement kShareEnvironment(
    "resources.share_environment",
    "SELECT id FROM environments WHERE id = $1 FOR SHARE");
// The partial unique index decides "one Schema Registry per environment"
// even between concurrent creates; ON CONFLICT keeps the transaction usable
// so the existing one can be named.
const Statement kInsert(
    "resources.insert",
    absl::StrCat("INSERT INTO resources (id, kind, environment_id, "
                 "display_name, cloud, region, create_time) "
                 "VALUES ($1, $2, $3, $4, $5, $6, ",
                 KEYWARD_SQL_TIME("$7"),
                 ") ON CONFLICT (environment_id) "
                 "WHERE kind = 'SCHEMA_REGISTRY' DO NOTHING RETURNING ",
                 kResourceColumns));
const Statement kSchemaRegistryOf(
    "resources.schema_registry_of",
    "SELECT id FROM resources WHERE environment_id = $1 "
    "AND kind = 'SCHEMA_REGISTRY'");
const Statement kGetVisible(
    "resources.get_visible",
    absl::StrCat("SELECT ", kResourceColumns,
                 " FROM resources WHERE id = $1 AND ",
                 VisibleResource(2, "resources.id",
                                 "resources.environment_id")));
const Statement kLock("resources.lock",
                      "SELECT id FROM resources WHERE id = $1 FOR UPDATE");
const Statement kBindingIds("resources.binding_ids",
                            "SELECT id FROM role_bindings WHERE "
                            "scope_resource_id = $1 ORDER BY create_time, id");
const Statement kDelete("resources.delete",
                        "DELETE FROM resources WHERE id = $1");

}  // namespace

PgResourceRepository::PgResourceRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Created> PgResourceRepository::Create(
    const Resource& resource, const domain::Mutation& mutation) {
  return RunRefusableMutation<Created>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Created> {
        const pqxx::result environment =
            ExecPrepared(txn, kShareEnvironment, resource.environment_id);
        if (environment.empty()) {
          return NotFound("environment", resource.environment_id);
        }
        const pqxx::result rows = ExecPrepared(
            txn, kInsert, resource.id, domain::ResourceKindName(resource.kind),
            resource.environment_id, resource.display_name, resource.cloud,
            resource.region, ToMicros(mutation.now));
        if (!rows.empty()) return Created(ResourceReader(rows)(rows[0]));
        const pqxx::result existing =
            ExecPrepared(txn, kSchemaRegistryOf, resource.environment_id);
        return Created(domain::SchemaRegistryTaken{
            resource.environment_id,
            existing.empty() ? "" : existing[0]["id"].as<std::string>()});
      });
}

absl::StatusOr<Resource> PgResourceRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<Resource>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Resource> {
        const pqxx::result rows =
            ExecPrepared(txn, kGetVisible, id, ReaderParam(reader));
        if (rows.empty()) return NotFound("resource", id);
        return ResourceReader(rows)(rows[0]);
      });
}

absl::StatusOr<domain::Page<Resource>> PgResourceRepository::List(
    const std::optional<std::string>& environment_id,
    std::optional<ResourceKind> kind, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  std::optional<std::string> kind_filter;
  if (kind) kind_filter = domain::ResourceKindName(*kind);
  return RunRead<domain::Page<Resource>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<Resource>> {
        const pqxx::result rows = txn.exec_params(
            absl::StrCat(
                "SELECT ", kResourceColumns,
                " FROM resources WHERE ($1::text IS NULL OR "
                "environment_id = $1) AND ($2::text IS NULL OR kind = $2) AND ",
                AfterCursorCondition(3, 4), " AND ",
                VisibleResource(6, "resources.id", "resources.environment_id"),
                " ORDER BY create_time, id LIMIT $5"),
            environment_id, kind_filter, CursorMicros(page), CursorId(page),
            page.page_size + 1, ReaderParam(reader));
        return MakePage<Resource>(rows, page, ResourceReader(rows));
      });
}

absl::StatusOr<Deleted> PgResourceRepository::Delete(
    const std::string& id, const domain::KeysInUseCheck& keys_in_use,
    const domain::Mutation& mutation) {
  return RunRefusableKeyRemovingDelete<Deleted>(
      database_, mutation, [&](pqxx::work& txn) -> absl::StatusOr<Deleted> {
        const pqxx::result resource = ExecPrepared(txn, kLock, id);
        if (resource.empty()) return NotFound("resource", id);
        auto keys = LockKeysToRemove(txn, domain::KeyHolder::kResource, id,
                                     keys_in_use);
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
