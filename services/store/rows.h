// How the store reads an account, a resource, an environment and a role
// binding from a row: each table's column list and its reader. The columns
// are qualified with the table's name and selected under names that start
// with the table's singular ("account_id", "resource_id"), so a query that
// joins several tables can select them side by side and each reader finds
// its columns by name wherever they sit. One place for each, whichever query
// reads it.
//
// A reader finds its columns when it is made from a result, then reads any
// row of that result by column number: finding a column by name scans the
// result's column names (libpq's PQfnumber), which read per field made a
// row about three times slower to read than by number.
//
// Thread-safety: stateless; a reader is immutable once made.
#ifndef KEYWARD_SERVICES_STORE_ROWS_H_
#define KEYWARD_SERVICES_STORE_ROWS_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/domain/types.h"
#include "services/store/sql_time.h"

namespace keyward::store {

// The domain values of the accounts.type and resources.kind texts.
domain::AccountType AccountTypeFromName(const std::string& name);
domain::ResourceKind ResourceKindFromName(const std::string& name);
domain::ApiKeyState ApiKeyStateFromName(const std::string& name);

// The state of the api_keys row `k` now (ApiKeyStateName's texts): the one
// definition that both reads and ListApiKeys' state filter use.
#define KEYWARD_SQL_KEY_STATE(k)                                 \
  "(CASE WHEN " k ".expire_time <= now() THEN 'EXPIRED' WHEN " k \
  ".disable_time IS NOT NULL THEN 'DISABLED' ELSE 'ACTIVE' END)"

constexpr char kAccountColumns[] =
    "accounts.id AS account_id, accounts.type AS account_type, "
    "accounts.display_name AS account_display_name, "
    "accounts.description AS account_description, "
    "COALESCE(accounts.email, '') AS account_email, " KEYWARD_SQL_MICROS(
        "accounts.create_time") " AS account_create_micros, " KEYWARD_SQL_MICROS(
        "accounts.update_time") " AS account_update_micros";
class AccountReader {
 public:
  explicit AccountReader(const pqxx::result& result);
  domain::Account operator()(const pqxx::row& row) const;

 private:
  pqxx::row_size_type id_, type_, display_name_, description_, email_,
      create_micros_, update_micros_;
};

constexpr char kResourceColumns[] =
    "resources.id AS resource_id, resources.kind AS resource_kind, "
    "resources.environment_id AS resource_environment_id, "
    "resources.display_name AS resource_display_name, "
    "resources.cloud AS resource_cloud, resources.region AS resource_region, "
    "" KEYWARD_SQL_MICROS("resources.create_time") " AS resource_create_micros";
class ResourceReader {
 public:
  explicit ResourceReader(const pqxx::result& result);
  domain::Resource operator()(const pqxx::row& row) const;

 private:
  pqxx::row_size_type id_, kind_, environment_id_, display_name_, cloud_,
      region_, create_micros_;
};

constexpr char kEnvironmentColumns[] =
    "environments.id AS environment_id, "
    "environments.display_name AS environment_display_name, "
    "environments.stage AS environment_stage, " KEYWARD_SQL_MICROS(
        "environments.create_time") " AS environment_create_micros, "
    "" KEYWARD_SQL_MICROS(
        "environments.update_time") " AS environment_update_micros";
class EnvironmentReader {
 public:
  explicit EnvironmentReader(const pqxx::result& result);
  domain::Environment operator()(const pqxx::row& row) const;

 private:
  pqxx::row_size_type id_, display_name_, stage_, create_micros_,
      update_micros_;
};

// The environment a role binding's scope lies in ('' at the organization).
#define KEYWARD_SQL_BINDING_ENVIRONMENT                                \
  "COALESCE(role_bindings.scope_environment_id, (SELECT "              \
  "scope_resource.environment_id FROM resources scope_resource WHERE " \
  "scope_resource.id = role_bindings.scope_resource_id), '')"

constexpr char kRoleBindingColumns[] =
    "role_bindings.id AS binding_id, "
    "role_bindings.principal_id AS binding_principal_id, "
    "role_bindings.role AS binding_role, role_bindings.scope AS binding_scope, "
    "" KEYWARD_SQL_BINDING_ENVIRONMENT
    " AS binding_environment_id, "
    "" KEYWARD_SQL_MICROS(
        "role_bindings.create_time") " AS binding_create_micros";
class RoleBindingReader {
 public:
  explicit RoleBindingReader(const pqxx::result& result);
  domain::RoleBinding operator()(const pqxx::row& row) const;

 private:
  pqxx::row_size_type id_, principal_id_, role_, scope_, environment_id_,
      create_micros_;
};

// The role bindings of the account in the row, as one JSON column (role,
// scope and environment of each), for queries that read them beside it.
constexpr char kAccountRoleBindingsColumn[] =
    "(SELECT COALESCE(json_agg(json_build_array(role_bindings.role, "
    "role_bindings.scope, " KEYWARD_SQL_BINDING_ENVIRONMENT
    ") ORDER BY role_bindings.create_time, role_bindings.id), '[]') FROM "
    "role_bindings WHERE role_bindings.principal_id = accounts.id) "
    "AS account_role_bindings";
// Read once per row: the queries that select it return one row.
std::vector<domain::RoleBinding> AccountRoleBindingsFromRow(
    const pqxx::row& row);

// The "id" column of every row.
std::vector<std::string> Ids(const pqxx::result& rows);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ROWS_H_
