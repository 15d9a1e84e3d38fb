#include "services/domain/audit_log.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

std::string Scope(const AuditFilter& filter) {
  const auto text = [](const std::optional<std::string>& value) {
    return value.value_or("");
  };
  const auto micros = [](const std::optional<Time>& time) {
    return time ? std::to_string(time->time_since_epoch().count()) : "";
  };
  return absl::StrCat(
      "audit|actor=", text(filter.actor_id), "|target=", text(filter.target_id),
      "|subject=", text(filter.subject_id), "|action=", text(filter.action),
      "|allowed=", filter.allowed ? (*filter.allowed ? "true" : "false") : "",
      "|start=", micros(filter.start_time), "|end=", micros(filter.end_time));
}

}  // namespace

absl::Status CheckAction(absl::string_view field, const std::string& action) {
  static const std::set<std::string> kKinds = {
      "api_key",    "service_account", "user_account",
      "resource",   "environment",     "role_binding",
      "invitation", "authentication",  "webhook"};
  static const std::set<std::string> kVerbs = {
      "create", "update", "delete", "rotate", "disable", "enable", "lockout"};
  const size_t dot = action.find('.');
  if (dot == std::string::npos || !kKinds.count(action.substr(0, dot)) ||
      !kVerbs.count(action.substr(dot + 1))) {
    return InvalidField(field,
                        "must be <kind>.<verb>, e.g. api_key.create (kinds: "
                        "api_key, service_account, user_account, resource, "
                        "environment, role_binding, invitation, "
                        "authentication, webhook; verbs: "
                        "create, update, delete, rotate, disable, enable, "
                        "lockout)");
  }
  return absl::OkStatus();
}

AuditLog::AuditLog(AuditRepository& repository,
                   const PageTokenCodec& page_tokens)
    : repository_(repository), page_tokens_(page_tokens) {}

absl::StatusOr<Listed<AuditEvent>> AuditLog::List(
    const Caller& caller, const AuditFilter& filter, int page_size,
    const std::string& page_token) {
  for (const auto& [field, value] :
       {std::pair<const char*, const std::optional<std::string>&>{
            "actor_id", filter.actor_id},
        {"target_id", filter.target_id},
        {"subject_id", filter.subject_id}}) {
    if (value)
      KEYWARD_RETURN_IF_ERROR(CheckText(field, *value, Presence::kOptional));
  }
  if (filter.action)
    KEYWARD_RETURN_IF_ERROR(CheckAction("action", *filter.action));
  if (filter.start_time && filter.end_time &&
      *filter.end_time < *filter.start_time) {
    return InvalidField("end_time", "is before start_time");
  }
  return page_tokens_.ListPage<AuditEvent>(
      page_size, page_token, ReaderListScope(Scope(filter), caller.id),
      [&](const PageRequest& request) {
        return repository_.List(filter, request, ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
