// AuditLog: reading the audit trail (AuditService.ListAuditEvents) —
// validates the filters and pages newest first.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_AUDIT_LOG_H_
#define KEYWARD_SERVICES_DOMAIN_AUDIT_LOG_H_

#include <string>

#include "services/domain/page_token.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"
#include "services/domain/validation.h"

namespace keyward::domain {

class AuditLog {
 public:
  AuditLog(AuditRepository& repository, const PageTokenCodec& page_tokens);

  // Shows only what `caller` may see (see roles.h). Empty strings and unset
  // optionals mean "any".
  absl::StatusOr<Listed<AuditEvent>> List(const Caller& caller,
                                          const AuditFilter& filter,
                                          int page_size,
                                          const std::string& page_token);

 private:
  AuditRepository& repository_;
  const PageTokenCodec& page_tokens_;
};

// INVALID_ARGUMENT naming `field` unless `action` reads "<kind>.<verb>"
// with a kind and verb Keyward knows.
absl::Status CheckAction(absl::string_view field, const std::string& action);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUDIT_LOG_H_
