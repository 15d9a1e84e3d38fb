// An audit event as the API shows it: the keyward.v1.AuditEvent message
// (ListAuditEvents) and its JSON (the data of a webhook's CloudEvent, in
// the proto3 JSON mapping the gateway uses, unset fields included).
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_API_AUDIT_EVENT_PROTO_H_
#define KEYWARD_SERVICES_API_AUDIT_EVENT_PROTO_H_

#include <string>

#include "keyward/v1/audit.pb.h"
#include "services/domain/repositories.h"

namespace keyward::api {

void FillAuditEvent(const domain::AuditEvent& event, v1::AuditEvent* out);

std::string AuditEventJson(const domain::AuditEvent& event);

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_AUDIT_EVENT_PROTO_H_
