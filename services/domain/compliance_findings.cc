#include "services/domain/compliance_findings.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {

ComplianceFindings::ComplianceFindings(ComplianceRepository& repository,
                                       const PageTokenCodec& page_tokens)
    : repository_(repository), page_tokens_(page_tokens) {}

absl::StatusOr<ListedFindings> ComplianceFindings::List(
    const Caller& caller, const FindingFilter& filter, int page_size,
    const std::string& page_token) {
  KEYWARD_RETURN_IF_ERROR(CheckText("rule", filter.rule, Presence::kOptional));
  if (!filter.environment_id.empty()) {
    KEYWARD_RETURN_IF_ERROR(CheckId("environment_id", filter.environment_id,
                                    {IdKind::kEnvironment}));
  }
  ListedFindings listed;
  absl::StatusOr<Listed<Finding>> page = page_tokens_.ListPage<Finding>(
      page_size, page_token,
      ReaderListScope(
          absl::StrCat("compliance_findings|environment=",
                       filter.environment_id, "|rule=", filter.rule),
          caller.id),
      [&](const PageRequest& request) {
        return repository_.ListFindings(filter, request, ReadScope::Of(caller));
      });
  if (!page.ok()) return page.status();
  listed.page = std::move(*page);
  absl::StatusOr<std::optional<ComplianceRun>> run = repository_.LastRun();
  if (!run.ok()) return run.status();
  listed.run = *run;
  return listed;
}

}  // namespace keyward::domain
