// PgAuditRepository: the audit trail in PostgreSQL (see
// domain::AuditRepository for the contract).
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_AUDIT_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_AUDIT_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgAuditRepository : public domain::AuditRepository {
 public:
  explicit PgAuditRepository(Database& database);

  absl::Status Append(const domain::AuditRecord& record,
                      domain::Time time) override;
  absl::StatusOr<domain::Page<domain::AuditEvent>> List(
      const domain::AuditFilter& filter, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_AUDIT_REPOSITORY_H_
