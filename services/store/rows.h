// How the store reads an account, a resource and an environment from a row:
// each table's column list (qualified with the table's name, so a query that
// joins several tables can select them side by side) and its reader, which
// starts at column `first`. One place for each, whichever query reads it.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_ROWS_H_
#define KEYWARD_SERVICES_STORE_ROWS_H_

#include <pqxx/pqxx>

#include "services/domain/types.h"
#include "services/store/transaction.h"

namespace keyward::store {

// The domain values of the accounts.type and resources.kind texts.
domain::AccountType AccountTypeFromName(const std::string& name);
domain::ResourceKind ResourceKindFromName(const std::string& name);

constexpr char kAccountColumns[] =
    "accounts.id, accounts.type, accounts.display_name, accounts.description, "
    "COALESCE(accounts.email, ''), " KEYWARD_SQL_MICROS(
        "accounts.create_time") ", " KEYWARD_SQL_MICROS("accounts.update_time");
constexpr int kAccountColumnCount = 7;
domain::Account AccountFromRow(const pqxx::row& row, int first = 0);

constexpr char kResourceColumns[] =
    "resources.id, resources.kind, resources.environment_id, "
    "resources.display_name, resources.cloud, resources.region, "
    "" KEYWARD_SQL_MICROS("resources.create_time");
constexpr int kResourceColumnCount = 7;
domain::Resource ResourceFromRow(const pqxx::row& row, int first = 0);

constexpr char kEnvironmentColumns[] =
    "environments.id, environments.display_name, environments.stage, "
    "" KEYWARD_SQL_MICROS("environments.create_time") ", " KEYWARD_SQL_MICROS(
        "environments.update_time");
constexpr int kEnvironmentColumnCount = 5;
domain::Environment EnvironmentFromRow(const pqxx::row& row, int first = 0);

// The environment a role binding's scope lies in ('' at the organization).
#define KEYWARD_SQL_BINDING_ENVIRONMENT                                \
  "COALESCE(role_bindings.scope_environment_id, (SELECT "              \
  "scope_resource.environment_id FROM resources scope_resource WHERE " \
  "scope_resource.id = role_bindings.scope_resource_id), '')"

constexpr char kRoleBindingColumns[] =
    "role_bindings.id, role_bindings.principal_id, role_bindings.role, "
    "role_bindings.scope, " KEYWARD_SQL_BINDING_ENVIRONMENT
    ", " KEYWARD_SQL_MICROS("role_bindings.create_time");
constexpr int kRoleBindingColumnCount = 6;
domain::RoleBinding RoleBindingFromRow(const pqxx::row& row, int first = 0);

// A principal's role bindings as one JSON column (role, scope and
// environment of each), for queries that read them beside other rows.
constexpr char kRoleBindingsOfPrincipalJson[] =
    "(SELECT COALESCE(json_agg(json_build_array(role_bindings.role, "
    "role_bindings.scope, " KEYWARD_SQL_BINDING_ENVIRONMENT
    ") ORDER BY role_bindings.create_time, role_bindings.id), '[]') FROM "
    "role_bindings WHERE role_bindings.principal_id = accounts.id)";
std::vector<domain::RoleBinding> RoleBindingsFromJson(const pqxx::field& field);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ROWS_H_
