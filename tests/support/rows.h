// Rows: objects a test inserts into its database with SQL, for what the API
// cannot do (a key last used an hour ago) or to test one service without
// depending on the others. Each method returns the new row's id: well
// formed for its kind and unique within the test binary.
//
//   Rows rows(server.db());
//   const std::string key =
//       rows.ApiKey(owner, cluster, "now() - interval '1 hour'");
//
// Thread-safety: as TestDatabase; ids are unique across threads.
#ifndef KEYWARD_TESTS_SUPPORT_ROWS_H_
#define KEYWARD_TESTS_SUPPORT_ROWS_H_

#include <string>

#include "tests/support/test_database.h"

namespace keyward::testing {

class Rows {
 public:
  explicit Rows(const TestDatabase& db) : db_(db) {}

  std::string Environment(const std::string& stage = "dev");
  std::string ServiceAccount();
  std::string User();
  std::string KafkaCluster(const std::string& environment_id);
  // A key of `owner_id` on `resource_id` ("" for a Cloud key), with a
  // secret nobody knows; `last_used` is an SQL expression for its
  // last_used_time ("NULL": never used).
  std::string ApiKey(const std::string& owner_id,
                     const std::string& resource_id,
                     const std::string& last_used = "NULL");
  // `scope`: "organization", or the environment or resource id the role is
  // bound at.
  std::string RoleBinding(const std::string& principal_id,
                          const std::string& role,
                          const std::string& scope = "organization");

 private:
  const TestDatabase& db_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_ROWS_H_
