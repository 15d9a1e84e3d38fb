#include "services/domain/mutation.h"

#include "services/common/status_macros.h"

namespace keyward::domain {

Mutation MakeMutation(const Clock& clock, const Caller& caller,
                      std::string action, std::string target_id,
                      bool validate_only,
                      const nlohmann::json& request_summary) {
  Mutation mutation;
  mutation.now = clock.Now();
  mutation.validate_only = validate_only;
  mutation.audit.actor_id = caller.id;
  mutation.audit.action = std::move(action);
  mutation.audit.target_id = std::move(target_id);
  mutation.audit.validate_only = validate_only;
  mutation.audit.request_summary_json = request_summary.dump();
  return mutation;
}

absl::Status CheckNameAndDescriptionUpdate(
    const std::optional<std::string>& display_name,
    Presence display_name_presence,
    const std::optional<std::string>& description, nlohmann::json& summary) {
  if (!display_name && !description) {
    return InvalidField("update_mask", "names nothing to update");
  }
  if (display_name) {
    KEYWARD_RETURN_IF_ERROR(
        CheckText("display_name", *display_name, display_name_presence));
    summary["display_name"] = *display_name;
  }
  if (description) {
    KEYWARD_RETURN_IF_ERROR(
        CheckText("description", *description, Presence::kOptional));
    summary["description"] = *description;
  }
  return absl::OkStatus();
}

}  // namespace keyward::domain
