// InsertAuditEvent: writes one audit_events row inside a transaction, so a
// write and its audit event commit together.
//
// Thread-safety: stateless; the caller's transaction is not shared.
#ifndef KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_
#define KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_

#include <pqxx/pqxx>

#include "services/domain/audit.h"
#include "services/domain/types.h"

namespace keyward::store {

void InsertAuditEvent(pqxx::work& txn, const domain::AuditRecord& audit,
                      domain::Time time);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_AUDIT_EVENTS_H_
