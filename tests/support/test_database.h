// TestDatabase: a fresh, empty PostgreSQL database for one test, created on
// the server that scripts/test started and dropped when the test ends, so
// tests never see each other's rows.
//
// Thread-safety: Query may be called from several threads (one connection
// each call).
#ifndef KEYWARD_TESTS_SUPPORT_TEST_DATABASE_H_
#define KEYWARD_TESTS_SUPPORT_TEST_DATABASE_H_

#include <string>
#include <vector>

namespace keyward::testing {

class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

  // Runs `sql` on this database as the superuser and returns every row,
  // each field as text (NULL as "NULL"). Throws on SQL errors.
  std::vector<std::vector<std::string>> Query(const std::string& sql) const;

  // The single value of a one-row, one-column query.
  std::string QueryValue(const std::string& sql) const;

  // How many rows of `table` match the SQL condition `where`.
  int Count(const std::string& table, const std::string& where = "true") const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_TEST_DATABASE_H_
