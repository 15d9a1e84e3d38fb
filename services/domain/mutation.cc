#include "services/domain/mutation.h"

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

}  // namespace keyward::domain
