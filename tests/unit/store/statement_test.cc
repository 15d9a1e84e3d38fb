// Statement names: a name means one SQL text for the whole process, so a
// prepared statement can never run under another statement's name.
#include "services/store/statement.h"

#include <gtest/gtest.h>

namespace keyward::store {
namespace {

TEST(StatementTest, KeepsItsNameAndSql) {
  const Statement statement("statement_test.keeps", "SELECT 1");
  EXPECT_EQ(statement.name(), "statement_test.keeps");
  EXPECT_EQ(statement.sql(), "SELECT 1");
}

TEST(StatementTest, TheSameSqlUnderTheSameNameIsTheSameStatement) {
  const Statement first("statement_test.same", "SELECT 2");
  const Statement second("statement_test.same", "SELECT 2");
  EXPECT_EQ(first.sql(), second.sql());
}

TEST(StatementDeathTest, OtherSqlUnderATakenNameStopsTheProcess) {
  const Statement taken("statement_test.taken", "SELECT 3");
  EXPECT_DEATH(Statement("statement_test.taken", "SELECT 4"),
               "two different SQL statements are named "
               "\"statement_test.taken\"");
}

}  // namespace
}  // namespace keyward::store
