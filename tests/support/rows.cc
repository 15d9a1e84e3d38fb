#include "tests/support/rows.h"

#include <atomic>
#include <cstdio>

namespace keyward::testing {
namespace {

// The next number of the test binary, as `width` digits.
std::string NextNumber(int width) {
  static std::atomic<int> next{1};
  char text[32];
  std::snprintf(text, sizeof(text), "%0*d", width, next++);
  return text;
}

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

std::string Rows::Environment(const std::string& stage) {
  const std::string id = "env-" + NextNumber(8);
  db_.Query("INSERT INTO environments (id, display_name, stage) VALUES (" +
            Quoted(id) + ", 'Team', " + Quoted(stage) + ")");
  return id;
}

std::string Rows::ServiceAccount() {
  const std::string id = "sa-" + NextNumber(8);
  db_.Query("INSERT INTO accounts (id, type, display_name) VALUES (" +
            Quoted(id) + ", 'SERVICE_ACCOUNT', 'worker')");
  return id;
}

std::string Rows::User() {
  const std::string id = "u-" + NextNumber(8);
  db_.Query("INSERT INTO accounts (id, type, display_name, email) VALUES (" +
            Quoted(id) + ", 'USER', 'A. Person', " + Quoted(id + "@rows.test") +
            ")");
  return id;
}

std::string Rows::KafkaCluster(const std::string& environment_id) {
  const std::string id = "lkc-" + NextNumber(8);
  db_.Query(
      "INSERT INTO resources (id, kind, environment_id, display_name, cloud, "
      "region) VALUES (" +
      Quoted(id) + ", 'KAFKA_CLUSTER', " + Quoted(environment_id) +
      ", 'orders', 'aws', 'us-east-1')");
  return id;
}

std::string Rows::ApiKey(const std::string& owner_id,
                         const std::string& resource_id,
                         const std::string& last_used) {
  const std::string id = "ROWS" + NextNumber(12);
  db_.Query(
      "INSERT INTO api_keys (id, owner_id, resource_id, secret_hash, "
      "created_by, create_time, last_used_time) VALUES (" +
      Quoted(id) + ", " + Quoted(owner_id) + ", " +
      (resource_id.empty() ? "NULL" : Quoted(resource_id)) +
      ", decode(repeat('ab', 32), 'hex'), 'x', clock_timestamp(), " +
      last_used + ")");
  return id;
}

std::string Rows::RoleBinding(const std::string& principal_id,
                              const std::string& role,
                              const std::string& scope) {
  const std::string id = "rb-" + NextNumber(8);
  const bool organization = scope == "organization";
  const bool environment = scope.rfind("env-", 0) == 0;
  db_.Query(
      "INSERT INTO role_bindings (id, principal_id, role, scope, "
      "scope_environment_id, scope_resource_id, create_time) VALUES (" +
      Quoted(id) + ", " + Quoted(principal_id) + ", " + Quoted(role) + ", " +
      Quoted(scope) + ", " +
      (!organization && environment ? Quoted(scope) : "NULL") + ", " +
      (!organization && !environment ? Quoted(scope) : "NULL") +
      ", clock_timestamp())");
  return id;
}

}  // namespace keyward::testing
