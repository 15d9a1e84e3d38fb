// The initial schema's constraints, exercised with plain SQL: these are the
// guarantees the domain layer relies on the database to keep.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/store/migrated_database_test.h"

namespace keyward::store {
namespace {

class SchemaTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MigratedDatabaseTest::SetUp());
    db_.Query(
        "INSERT INTO environments (id, display_name, stage) VALUES "
        "('env-aaaaaaaa', 'Production', 'prod');"
        "INSERT INTO accounts (id, type, display_name, email) VALUES "
        "('u-aaaaaaaa', 'USER', 'Ada', 'Ada@Example.com');"
        "INSERT INTO accounts (id, type, display_name) VALUES "
        "('sa-aaaaaaaa', 'SERVICE_ACCOUNT', 'ingest');"
        "INSERT INTO resources (id, kind, environment_id, display_name, cloud, "
        "region) VALUES ('lkc-aaaaaaaa', 'KAFKA_CLUSTER', 'env-aaaaaaaa', "
        "'orders', 'aws', 'us-east-1');");
  }

  void InsertKey(const std::string& id, const std::string& owner,
                 const std::string& resource) {
    db_.Query(
        "INSERT INTO api_keys (id, owner_id, resource_id, secret_hash, "
        "created_by) VALUES ('" +
        id + "', '" + owner + "', " + resource +
        ", decode(repeat('ab', 32), 'hex'), 'u-aaaaaaaa')");
  }
};

TEST_F(SchemaTest, OneSchemaRegistryPerEnvironment) {
  const std::string insert =
      "INSERT INTO resources (id, kind, environment_id, display_name, cloud, "
      "region) VALUES ('lsrc-aaaaaaa%', 'SCHEMA_REGISTRY', 'env-aaaaaaaa', "
      "'sr', 'aws', 'us-east-1')";
  db_.Query(std::string(insert).replace(insert.find('%'), 1, "1"));
  EXPECT_ANY_THROW(
      db_.Query(std::string(insert).replace(insert.find('%'), 1, "2")));
}

TEST_F(SchemaTest, UserEmailsAreUniqueIgnoringCase) {
  EXPECT_ANY_THROW(
      db_.Query("INSERT INTO accounts (id, type, display_name, email) VALUES "
                "('u-bbbbbbbb', 'USER', 'Ada again', 'ada@example.COM')"));
}

TEST_F(SchemaTest, IdsMustCarryThePrefixOfTheirKind) {
  EXPECT_ANY_THROW(
      db_.Query("INSERT INTO accounts (id, type, display_name) VALUES "
                "('u-cccccccc', 'SERVICE_ACCOUNT', 'wrong prefix')"));
  EXPECT_ANY_THROW(db_.Query(
      "INSERT INTO resources (id, kind, environment_id, display_name, cloud, "
      "region) VALUES ('lkc-bbbbbbbb', 'FLINK_REGION', 'env-aaaaaaaa', 'x', "
      "'aws', 'us-east-1')"));
  EXPECT_ANY_THROW(InsertKey("lowercase0000000", "sa-aaaaaaaa", "NULL"));
}

TEST_F(SchemaTest, DeletingAResourceDeletesItsKeysButNotCloudKeys) {
  InsertKey("AAAAAAAAAAAAAAA1", "sa-aaaaaaaa", "'lkc-aaaaaaaa'");
  InsertKey("AAAAAAAAAAAAAAA2", "sa-aaaaaaaa", "NULL");
  db_.Query("DELETE FROM resources WHERE id = 'lkc-aaaaaaaa'");
  EXPECT_EQ(db_.QueryValue("SELECT string_agg(id, ',') FROM api_keys"),
            "AAAAAAAAAAAAAAA2");
}

TEST_F(SchemaTest, DeletingAnAccountDeletesItsKeysAndRoleBindings) {
  InsertKey("AAAAAAAAAAAAAAA1", "sa-aaaaaaaa", "'lkc-aaaaaaaa'");
  db_.Query(
      "INSERT INTO role_bindings (id, principal_id, role, scope, "
      "scope_resource_id) VALUES ('rb-aaaaaaaa', 'sa-aaaaaaaa', "
      "'CloudClusterAdmin', 'lkc-aaaaaaaa', 'lkc-aaaaaaaa')");
  db_.Query("DELETE FROM accounts WHERE id = 'sa-aaaaaaaa'");
  EXPECT_EQ(db_.Count("api_keys"), 0);
  EXPECT_EQ(db_.Count("role_bindings"), 0);
}

TEST_F(SchemaTest, DeletingAnEnvironmentCascadesToResourcesKeysAndBindings) {
  InsertKey("AAAAAAAAAAAAAAA1", "sa-aaaaaaaa", "'lkc-aaaaaaaa'");
  db_.Query(
      "INSERT INTO role_bindings (id, principal_id, role, scope, "
      "scope_environment_id) VALUES ('rb-aaaaaaaa', 'u-aaaaaaaa', "
      "'EnvironmentAdmin', 'env-aaaaaaaa', 'env-aaaaaaaa')");
  db_.Query("DELETE FROM environments WHERE id = 'env-aaaaaaaa'");
  EXPECT_EQ(db_.Count("resources"), 0);
  EXPECT_EQ(db_.Count("api_keys"), 0);
  EXPECT_EQ(db_.Count("role_bindings"), 0);
  EXPECT_EQ(db_.Count("accounts"), 2);
}

TEST_F(SchemaTest, RoleBindingScopeMustMatchItsReference) {
  EXPECT_ANY_THROW(
      db_.Query("INSERT INTO role_bindings (id, principal_id, role, scope, "
                "scope_environment_id) VALUES ('rb-bbbbbbbb', 'u-aaaaaaaa', "
                "'EnvironmentAdmin', 'organization', 'env-aaaaaaaa')"));
  EXPECT_ANY_THROW(db_.Query(
      "INSERT INTO role_bindings (id, principal_id, role, scope) VALUES "
      "('rb-cccccccc', 'u-aaaaaaaa', 'Superuser', 'organization')"));
}

TEST_F(SchemaTest, ARoleIsBoundOnlyAtAScopeItFits) {
  for (const char* misfit :
       {"('rb-dddddddd', 'u-aaaaaaaa', 'EnvironmentAdmin', 'organization', "
        "NULL, NULL)",
        "('rb-dddddddd', 'u-aaaaaaaa', 'OrganizationAdmin', 'env-aaaaaaaa', "
        "'env-aaaaaaaa', NULL)",
        "('rb-dddddddd', 'u-aaaaaaaa', 'CloudClusterAdmin', 'env-aaaaaaaa', "
        "'env-aaaaaaaa', NULL)",
        "('rb-dddddddd', 'u-aaaaaaaa', 'AccountAdmin', 'lkc-aaaaaaaa', NULL, "
        "'lkc-aaaaaaaa')"}) {
    EXPECT_ANY_THROW(db_.Query(
        std::string("INSERT INTO role_bindings (id, principal_id, role, scope, "
                    "scope_environment_id, scope_resource_id) VALUES ") +
        misfit))
        << misfit;
  }
  db_.Query(
      "INSERT INTO role_bindings (id, principal_id, role, scope, "
      "scope_environment_id) VALUES ('rb-eeeeeeee', 'u-aaaaaaaa', "
      "'KeyVerifier', 'env-aaaaaaaa', 'env-aaaaaaaa')");
  EXPECT_EQ(db_.Count("role_bindings"), 1);
}

}  // namespace
}  // namespace keyward::store
