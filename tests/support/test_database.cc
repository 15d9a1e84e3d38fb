#include "tests/support/test_database.h"

#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

std::string RandomSuffix() {
  std::random_device device;
  std::uniform_int_distribution<int> digit(0, 35);
  std::string suffix;
  for (int i = 0; i < 10; ++i) {
    const int d = digit(device);
    suffix += static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
  }
  return suffix;
}

// The admin URL with its database name replaced by `database`.
std::string UrlForDatabase(const std::string& admin_url,
                           const std::string& database) {
  const size_t scheme = admin_url.find("://");
  const size_t path = admin_url.find('/', scheme + 3);
  const size_t query = admin_url.find('?', scheme + 3);
  std::string url =
      admin_url.substr(0, path == std::string::npos ? query : path);
  url += "/" + database;
  if (query != std::string::npos) url += admin_url.substr(query);
  return url;
}

void AdminExec(const std::string& sql) {
  pqxx::connection connection(AdminDatabaseUrl());
  pqxx::nontransaction statement(connection);
  statement.exec(sql);
}

}  // namespace

TestDatabase::TestDatabase()
    : name_("keyward_test_" + RandomSuffix()),
      url_(UrlForDatabase(AdminDatabaseUrl(), name_)) {
  AdminExec("CREATE DATABASE " + name_);
}

TestDatabase::~TestDatabase() {
  try {
    AdminExec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server may be down after an outage test; the run's cluster is
    // thrown away by scripts/test anyway.
  }
}

std::vector<std::vector<std::string>> TestDatabase::Query(
    const std::string& sql) const {
  pqxx::connection connection(url_);
  pqxx::work txn(connection);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : txn.exec(sql)) {
    std::vector<std::string> fields;
    for (const auto& field : row) {
      fields.push_back(field.is_null() ? "NULL" : field.as<std::string>());
    }
    rows.push_back(std::move(fields));
  }
  txn.commit();
  return rows;
}

std::string TestDatabase::QueryValue(const std::string& sql) const {
  const auto rows = Query(sql);
  if (rows.size() != 1 || rows[0].size() != 1) {
    throw std::runtime_error("expected one value from: " + sql);
  }
  return rows[0][0];
}

int TestDatabase::Count(const std::string& table,
                        const std::string& where) const {
  return std::stoi(
      QueryValue("SELECT count(*) FROM " + table + " WHERE " + where));
}

}  // namespace keyward::testing
