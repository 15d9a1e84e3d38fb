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

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ROWS_H_
