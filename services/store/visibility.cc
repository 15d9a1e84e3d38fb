#include "services/store/visibility.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace keyward::store {
namespace {

// `reader->'field'` as SQL, for the reader parameter.
std::string Field(int param, absl::string_view field, bool as_text = false) {
  return absl::StrCat("($", param, "::jsonb", as_text ? "->>'" : "->'", field,
                      "')");
}

std::string Flag(int param, absl::string_view field) {
  return absl::StrCat(Field(param, field, true), "::bool");
}

std::string IsCaller(int param, absl::string_view column) {
  return absl::StrCat(column, " = ", Field(param, "caller_id", true));
}

}  // namespace

std::string ReaderParam(const domain::ReadScope& reader) {
  return nlohmann::json{{"caller_id", reader.caller_id},
                        {"whole_organization", reader.whole_organization},
                        {"environment_ids", reader.environment_ids},
                        {"resource_ids", reader.resource_ids},
                        {"all_accounts", reader.all_accounts},
                        {"all_audit_events", reader.all_audit_events}}
      .dump();
}

std::string VisibleEnvironment(int param, absl::string_view id) {
  return absl::StrCat("(", Flag(param, "whole_organization"), " OR ",
                      Field(param, "environment_ids"), " ? ", id, ")");
}

std::string VisibleResource(int param, absl::string_view id,
                            absl::string_view environment_id) {
  return absl::StrCat("(", Flag(param, "whole_organization"), " OR ",
                      Field(param, "environment_ids"), " ? ", environment_id,
                      " OR ", Field(param, "resource_ids"), " ? ", id, ")");
}

std::string VisibleApiKey(int param, absl::string_view owner_id,
                          absl::string_view resource_id) {
  return absl::StrCat(
      "(", Flag(param, "whole_organization"), " OR ", IsCaller(param, owner_id),
      " OR ", Field(param, "resource_ids"), " ? ", resource_id,
      " OR EXISTS (SELECT FROM resources visible_resource WHERE "
      "visible_resource.id = ",
      resource_id, " AND ", Field(param, "environment_ids"),
      " ? visible_resource.environment_id))");
}

std::string VisibleAccount(int param, absl::string_view id) {
  return absl::StrCat("(", Flag(param, "all_accounts"), " OR ",
                      IsCaller(param, id), ")");
}

std::string VisibleRoleBinding(int param, absl::string_view principal_id) {
  return VisibleAccount(param, principal_id);
}

std::string VisibleAuditEvent(int param, absl::string_view actor_id) {
  return absl::StrCat("(", Flag(param, "all_audit_events"), " OR ",
                      IsCaller(param, actor_id), ")");
}

}  // namespace keyward::store
