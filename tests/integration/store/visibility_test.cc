// The visibility conditions (store/visibility.h) evaluated by the real
// PostgreSQL: for each kind of reader, exactly the rows its ReadScope covers.
#include "services/store/visibility.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/integration/store/migrated_database_test.h"

namespace keyward::store {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Two environments with a cluster each; a key on each cluster, a Cloud key,
// their owners, a binding and audit events by two actors.
class VisibilityTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MigratedDatabaseTest::SetUp());
    db_.Query(
        "INSERT INTO environments (id, display_name, stage) VALUES "
        "('env-aaaaaaaa', 'A', 'dev'), ('env-bbbbbbbb', 'B', 'dev');"
        "INSERT INTO resources (id, kind, environment_id, display_name, cloud, "
        "region) VALUES "
        "('lkc-aaaaaaaa', 'KAFKA_CLUSTER', 'env-aaaaaaaa', 'a', 'aws', 'x'),"
        "('lkc-bbbbbbbb', 'KAFKA_CLUSTER', 'env-bbbbbbbb', 'b', 'aws', 'x');"
        "INSERT INTO accounts (id, type, display_name, email) VALUES "
        "('u-reader01', 'USER', 'Reader', 'reader@example.com');"
        "INSERT INTO accounts (id, type, display_name) VALUES "
        "('sa-ownera01', 'SERVICE_ACCOUNT', 'a'),"
        "('sa-ownerb01', 'SERVICE_ACCOUNT', 'b');"
        "INSERT INTO api_keys (id, owner_id, resource_id, secret_hash, "
        "created_by) VALUES "
        "('KEYONAAAAAAAAAAA', 'sa-ownera01', 'lkc-aaaaaaaa', "
        "decode(repeat('ab', 32), 'hex'), 'u-reader01'),"
        "('KEYONBBBBBBBBBBB', 'sa-ownerb01', 'lkc-bbbbbbbb', "
        "decode(repeat('ab', 32), 'hex'), 'u-reader01'),"
        "('CLOUDKEYOFREADER', 'u-reader01', NULL, "
        "decode(repeat('ab', 32), 'hex'), 'u-reader01');"
        "INSERT INTO role_bindings (id, principal_id, role, scope) VALUES "
        "('rb-reader01', 'u-reader01', 'AccountAdmin', 'organization'),"
        "('rb-ownera01', 'sa-ownera01', 'KeyVerifier', 'organization');"
        "INSERT INTO audit_events (actor_id, action, allowed) VALUES "
        "('u-reader01', 'environment.create', true),"
        "('sa-ownera01', 'api_key.create', true);");
  }

  // The ids (first column) of `table`'s rows that `condition` keeps when
  // $1 is `reader`.
  std::vector<std::string> Visible(const std::string& table,
                                   const std::string& id_column,
                                   const std::string& condition,
                                   const domain::ReadScope& reader) {
    pqxx::connection connection(db_.url());
    pqxx::work txn(connection);
    std::vector<std::string> ids;
    for (const auto& row : txn.exec_params(
             "SELECT " + id_column + " FROM " + table + " WHERE " + condition,
             ReaderParam(reader))) {
      ids.push_back(row[0].as<std::string>());
    }
    return ids;
  }

  std::vector<std::string> Environments(const domain::ReadScope& reader) {
    return Visible("environments", "id", VisibleEnvironment(1, "id"), reader);
  }
  std::vector<std::string> Resources(const domain::ReadScope& reader) {
    return Visible("resources", "id",
                   VisibleResource(1, "id", "environment_id"), reader);
  }
  std::vector<std::string> Keys(const domain::ReadScope& reader) {
    return Visible("api_keys", "id",
                   VisibleApiKey(1, "owner_id", "resource_id"), reader);
  }
  std::vector<std::string> Accounts(const domain::ReadScope& reader) {
    return Visible("accounts", "id", VisibleAccount(1, "id"), reader);
  }
  std::vector<std::string> Bindings(const domain::ReadScope& reader) {
    return Visible("role_bindings", "id", VisibleRoleBinding(1, "principal_id"),
                   reader);
  }
  std::vector<std::string> AuditActors(const domain::ReadScope& reader) {
    return Visible("audit_events", "actor_id", VisibleAuditEvent(1, "actor_id"),
                   reader);
  }

  static domain::ReadScope Reader() {
    domain::ReadScope reader;
    reader.caller_id = "u-reader01";
    return reader;
  }
};

TEST_F(VisibilityTest, TheWholeOrganizationSeesEveryEnvironmentResourceAndKey) {
  domain::ReadScope reader = Reader();
  reader.whole_organization = true;
  EXPECT_THAT(Environments(reader),
              UnorderedElementsAre("env-aaaaaaaa", "env-bbbbbbbb"));
  EXPECT_THAT(Resources(reader),
              UnorderedElementsAre("lkc-aaaaaaaa", "lkc-bbbbbbbb"));
  EXPECT_THAT(Keys(reader),
              UnorderedElementsAre("KEYONAAAAAAAAAAA", "KEYONBBBBBBBBBBB",
                                   "CLOUDKEYOFREADER"));
  // Accounts and audit events have flags of their own.
  EXPECT_THAT(Accounts(reader), UnorderedElementsAre("u-reader01"));
  EXPECT_THAT(AuditActors(reader), UnorderedElementsAre("u-reader01"));
}

TEST_F(VisibilityTest, AnEnvironmentCoversItsResourcesAndTheirKeys) {
  domain::ReadScope reader = Reader();
  reader.environment_ids = {"env-aaaaaaaa"};
  EXPECT_THAT(Environments(reader), UnorderedElementsAre("env-aaaaaaaa"));
  EXPECT_THAT(Resources(reader), UnorderedElementsAre("lkc-aaaaaaaa"));
  // The reader's own Cloud key too.
  EXPECT_THAT(Keys(reader),
              UnorderedElementsAre("KEYONAAAAAAAAAAA", "CLOUDKEYOFREADER"));
}

TEST_F(VisibilityTest, AResourceCoversItsKeysButNotItsEnvironment) {
  domain::ReadScope reader = Reader();
  reader.resource_ids = {"lkc-bbbbbbbb"};
  EXPECT_THAT(Environments(reader), IsEmpty());
  EXPECT_THAT(Resources(reader), UnorderedElementsAre("lkc-bbbbbbbb"));
  EXPECT_THAT(Keys(reader),
              UnorderedElementsAre("KEYONBBBBBBBBBBB", "CLOUDKEYOFREADER"));
}

TEST_F(VisibilityTest, AReaderWithoutGrantsSeesOnlyWhatIsTheirOwn) {
  const domain::ReadScope reader = Reader();
  EXPECT_THAT(Environments(reader), IsEmpty());
  EXPECT_THAT(Resources(reader), IsEmpty());
  EXPECT_THAT(Keys(reader), UnorderedElementsAre("CLOUDKEYOFREADER"));
  EXPECT_THAT(Accounts(reader), UnorderedElementsAre("u-reader01"));
  EXPECT_THAT(Bindings(reader), UnorderedElementsAre("rb-reader01"));
  EXPECT_THAT(AuditActors(reader), UnorderedElementsAre("u-reader01"));
}

TEST_F(VisibilityTest, AllAccountsCoversEveryAccountAndBinding) {
  domain::ReadScope reader = Reader();
  reader.all_accounts = true;
  EXPECT_THAT(Accounts(reader),
              UnorderedElementsAre("u-reader01", "sa-ownera01", "sa-ownerb01"));
  EXPECT_THAT(Bindings(reader),
              UnorderedElementsAre("rb-reader01", "rb-ownera01"));
  EXPECT_THAT(Environments(reader), IsEmpty());
}

TEST_F(VisibilityTest, AllAuditEventsCoversOtherActors) {
  domain::ReadScope reader = Reader();
  reader.all_audit_events = true;
  EXPECT_THAT(AuditActors(reader),
              UnorderedElementsAre("u-reader01", "sa-ownera01"));
}

TEST_F(VisibilityTest, EverythingSeesEverything) {
  const domain::ReadScope everything = domain::ReadScope::Everything();
  EXPECT_EQ(Environments(everything).size(), 2u);
  EXPECT_EQ(Keys(everything).size(), 3u);
  EXPECT_EQ(Accounts(everything).size(), 3u);
  EXPECT_EQ(AuditActors(everything).size(), 2u);
}

}  // namespace
}  // namespace keyward::store
