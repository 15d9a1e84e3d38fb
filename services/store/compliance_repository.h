// PgComplianceRepository: compliance findings and the evaluation lease in
// PostgreSQL (see domain::ComplianceRepository for the contract; the tables
// are migrations/0009_compliance.sql). Findings are read back joined with
// their key, so owner, resource and environment are always the key's, and
// a reader sees those about keys visibility.h lets it see.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_COMPLIANCE_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_COMPLIANCE_REPOSITORY_H_

#include <string>
#include <vector>

#include "services/domain/compliance.h"
#include "services/store/database.h"

namespace keyward::store {

class PgComplianceRepository : public domain::ComplianceRepository {
 public:
  explicit PgComplianceRepository(Database& database);

  absl::StatusOr<bool> ClaimRun(
      const std::string& holder, std::chrono::milliseconds lease,
      std::optional<std::chrono::milliseconds> min_interval) override;
  absl::Status ReleaseRun(const std::string& holder) override;
  absl::StatusOr<std::vector<domain::KeyFacts>> KeyFactsAfter(
      const std::string& after_id, int limit) override;
  // ABORTED when `holder` lost the lease meanwhile (it lapsed and another
  // replica took it): nothing is written.
  absl::StatusOr<int64_t> ReplaceFindings(
      const std::vector<domain::Finding>& findings,
      const domain::ComplianceRun& run, const std::string& holder) override;
  absl::StatusOr<domain::Page<domain::Finding>> ListFindings(
      const domain::FindingFilter& filter, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<std::optional<domain::ComplianceRun>> LastRun() override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_COMPLIANCE_REPOSITORY_H_
