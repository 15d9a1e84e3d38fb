// `keyward audit list`: read the audit log of policy-checked calls, newest
// first, filtered by actor, target, subject, action, time and decision.
#include "cli/commands/commands.h"
#include "keyward/v1/audit.grpc.pb.h"
#include "services/common/duration.h"

namespace keyward::cli {
namespace {

std::string Rules(const Json& entries) {
  std::string rules;
  if (!entries.is_array()) return rules;
  for (const Json& entry : entries) {
    if (!rules.empty()) rules += ",";
    rules += entry.value("rule", "");
  }
  return rules;
}

std::vector<Column> Columns() {
  return {TimeColumn("Time", "time"),
          FieldColumn("Actor", "actor_id"),
          FieldColumn("Action", "action"),
          FieldColumn("Target", "target_id"),
          FieldColumn("Allowed", "allowed"),
          FieldColumn("Dry Run", "validate_only"),
          {"Violations", [](const Json& event) {
             return Rules(event.value("violations", Json::array()));
           }}};
}

int List(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::ListAuditEventsRequest request;
  request.set_actor_id(args.Get("actor"));
  request.set_target_id(args.Get("target"));
  request.set_subject_id(args.Get("subject"));
  request.set_action(args.Get("action"));
  if (args.Has("allowed")) {
    const std::string allowed = args.Get("allowed");
    if (allowed != "true" && allowed != "false") {
      return invocation.UsageError("--allowed: expected true or false, got '" +
                                   allowed + "'");
    }
    request.set_allowed(allowed == "true");
  }
  if (args.Has("since")) {
    const absl::StatusOr<std::chrono::milliseconds> since =
        ParseDuration(args.Get("since"));
    if (!since.ok()) {
      return invocation.UsageError("--since: " +
                                   std::string(since.status().message()));
    }
    *request.mutable_start_time() = TimestampIn(-*since);
  }
  size_t limit = kUnlimited;
  if (int code = ParseLimit(invocation, &limit)) return code;
  auto stub = v1::AuditService::NewStub(invocation.client().channel());
  Json items;
  if (int code = CollectPages<v1::ListAuditEventsResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListAuditEventsRequest& r,
              v1::ListAuditEventsResponse* response) {
            return stub->ListAuditEvents(context, r, response);
          },
          [](const v1::ListAuditEventsResponse& response) -> const auto& {
            return response.audit_events();
          },
          &items, limit)) {
    return code;
  }
  invocation.out().List(items, Columns());
  return kExitOk;
}

}  // namespace

Group AuditGroup() {
  return {"audit",
          "Read the audit log of policy-checked calls",
          {
              Command("list", "List audit events, newest first", List)
                  .Flags({{"actor", "ACCOUNT-ID",
                           "only calls made by this account"},
                          {"target", "ID", "only calls about this object"},
                          {"subject", "ID",
                           "only calls that named or touched this id (owner, "
                           "resource, environment, principal, target), "
                           "denied and dry-run ones included"},
                          {"action", "ACTION",
                           "only this action, e.g. api_key.create"},
                          {"since", "DURATION",
                           "only events of the last DURATION, e.g. 1h, 7d"},
                          {"allowed", "true|false",
                           "only allowed (true) or denied (false) calls"},
                          {"limit", "N", "at most N events (default: all)"}}),
          }};
}

}  // namespace keyward::cli
