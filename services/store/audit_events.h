// InsertAuditEvent: writes one audit_events row inside a transaction, so a
// write and its audit event commit together. AuditEventReader reads the
// rows a query selects with kAuditEventColumns.
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

// The columns AuditEventReader reads, of the table `audit_events`.
inline constexpr char kAuditEventColumns[] =
    "audit_events.id, (extract(epoch from audit_events.time) * "
    "1000000)::bigint AS time_micros, audit_events.actor_id, "
    "audit_events.action, audit_events.target_id, audit_events.allowed, "
    "audit_events.violations::text AS violations, "
    "audit_events.warnings::text AS warnings, audit_events.decision_id, "
    "audit_events.validate_only, "
    "audit_events.request_summary::text AS request_summary, "
    "array_to_json(audit_events.subject_ids)::text AS subject_ids";

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
