// The audit_events rows: InsertAuditEvent writes one inside a transaction,
// so a write and its audit event commit together; kAuditEventColumns and
// AuditEventReader read them back (ListAuditEvents, the event stream).
//
// Thread-safety: stateless; the caller's transaction is not shared.
#ifndef KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_
#define KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_

#include <pqxx/pqxx>

#include "services/domain/audit.h"
#include "services/domain/repositories.h"
#include "services/domain/types.h"

namespace keyward::store {

void InsertAuditEvent(pqxx::work& txn, const domain::AuditRecord& audit,
                      domain::Time time);

// The select list (of audit_events, unqualified) AuditEventReader reads.
extern const char kAuditEventColumns[];

// Reads the events selected with kAuditEventColumns (see rows.h: columns
// found once per result).
class AuditEventReader {
 public:
  explicit AuditEventReader(const pqxx::result& result);

  domain::AuditEvent operator()(const pqxx::row& row) const;

 private:
  pqxx::row_size_type id_, time_micros_, actor_id_, action_, target_id_,
      allowed_, violations_, warnings_, decision_id_, validate_only_,
      request_summary_, subject_ids_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_
