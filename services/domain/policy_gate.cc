#include "services/domain/policy_gate.h"

#include <ctime>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/log.h"
#include "services/domain/audit_subjects.h"

namespace keyward::domain {
namespace {

bool IsCreate(const std::string& action) {
  const std::string suffix = ".create";
  return action.size() > suffix.size() &&
         action.compare(action.size() - suffix.size(), suffix.size(), suffix) ==
             0;
}

// Names the event's target and, with it, its subjects.
void SetTarget(const PolicyQuestion& question, const std::string& target_id,
               AuditRecord& record) {
  record.target_id = target_id;
  record.subject_ids =
      AuditSubjects(target_id, question.request, question.target);
}

AuditRecord Record(const Caller& caller, const PolicyQuestion& question) {
  AuditRecord record;
  record.actor_id = caller.id;
  record.action = question.action;
  // A create names its new id only once it is executed (audit.proto).
  SetTarget(question, IsCreate(question.action) ? "" : question.target_id,
            record);
  record.validate_only = question.validate_only;
  record.request_summary_json = question.request.dump();
  return record;
}

std::string ViolationLines(const std::vector<PolicyViolation>& violations) {
  std::vector<std::string> lines;
  for (const PolicyViolation& v : violations) {
    lines.push_back(absl::StrCat("[", v.rule, "] ", v.message));
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace

PolicyGate::PolicyGate(PolicyClient& client, AuditRepository& audit,
                       const Clock& clock,
                       std::chrono::milliseconds timeout_ceiling)
    : client_(client),
      audit_(audit),
      clock_(clock),
      timeout_ceiling_(timeout_ceiling) {}

Decided<Mutation> PolicyGate::Authorize(const Caller& caller,
                                        const PolicyQuestion& question) {
  const Time now = clock_.Now();
  const auto deadline = std::min(
      caller.deadline, std::chrono::system_clock::now() + timeout_ceiling_);
  absl::StatusOr<PolicyDecision> decision =
      client_.Decide(PolicyInput(caller, question, now), deadline);

  AuditRecord record = Record(caller, question);
  if (!decision.ok()) {
    record.allowed = false;
    record.violations_json =
        ToJson(
            {{"policy_unavailable", std::string(decision.status().message())}})
            .dump();
    if (absl::Status s = audit_.Append(record, now); !s.ok()) {
      LogWarning(absl::StrCat("audit event for ", question.action,
                              " not written: ", s.message()));
    }
    return absl::UnavailableError(
        absl::StrCat(decision.status().message(), "; nothing was changed (",
                     question.action, " needs a policy decision)"));
  }

  record.allowed = decision->allow;
  record.violations_json = ToJson(decision->violations).dump();
  record.warnings_json = ToJson(decision->warnings).dump();
  record.decision_id = decision->decision_id;
  if (!decision->allow) {
    if (absl::Status s = audit_.Append(record, now); !s.ok()) return s;
    absl::Status denied = absl::PermissionDeniedError(
        absl::StrCat("policy denied ", question.action, ":\n",
                     ViolationLines(decision->violations)));
    return Decided<Mutation>(std::move(denied), *std::move(decision));
  }

  if (!question.validate_only) SetTarget(question, question.target_id, record);
  Mutation mutation;
  mutation.now = now;
  mutation.validate_only = question.validate_only;
  mutation.audit = std::move(record);
  mutation.policy_defaults = decision->defaults;
  return Decided<Mutation>(std::move(mutation), *std::move(decision));
}

nlohmann::json ToJson(const std::vector<PolicyViolation>& items) {
  nlohmann::json array = nlohmann::json::array();
  for (const PolicyViolation& item : items) {
    array.push_back({{"rule", item.rule}, {"message", item.message}});
  }
  return array;
}

std::vector<PolicyViolation> ViolationsFromJson(const nlohmann::json& items) {
  std::vector<PolicyViolation> result;
  if (!items.is_array()) return result;
  for (const nlohmann::json& item : items) {
    if (!item.is_object()) continue;
    result.push_back({item.value("rule", ""), item.value("message", "")});
  }
  return result;
}

}  // namespace keyward::domain
