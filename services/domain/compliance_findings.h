// ComplianceFindings: reading the stored compliance findings
// (ComplianceService.ListFindings). A caller sees the findings about the
// keys it may see, filtered in SQL so pages are full; filters are checked
// first (a malformed environment id is INVALID_ARGUMENT; a rule no policy
// has is simply not found).
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_COMPLIANCE_FINDINGS_H_
#define KEYWARD_SERVICES_DOMAIN_COMPLIANCE_FINDINGS_H_

#include <optional>
#include <string>

#include "services/domain/caller.h"
#include "services/domain/compliance.h"
#include "services/domain/page_token.h"

namespace keyward::domain {

struct ListedFindings {
  Listed<Finding> page;
  // The evaluation the findings come from; nullopt before the first.
  std::optional<ComplianceRun> run;
};

class ComplianceFindings {
 public:
  ComplianceFindings(ComplianceRepository& repository,
                     const PageTokenCodec& page_tokens);

  absl::StatusOr<ListedFindings> List(const Caller& caller,
                                      const FindingFilter& filter,
                                      int page_size,
                                      const std::string& page_token);

 private:
  ComplianceRepository& repository_;
  const PageTokenCodec& page_tokens_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_COMPLIANCE_FINDINGS_H_
