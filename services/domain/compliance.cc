#include "services/domain/compliance.h"

#include "services/domain/time_text.h"

namespace keyward::domain {

nlohmann::json ToPolicyInput(const KeyFacts& key) {
  nlohmann::json bindings = nlohmann::json::array();
  for (const auto& [role, scope] : key.owner_role_bindings) {
    bindings.push_back({{"role", role}, {"scope", scope}});
  }
  return {{"id", key.id},
          {"owner_id", key.owner_id},
          {"owner_type", AccountTypeName(key.owner_type)},
          {"resource_id", key.resource_id},
          {"environment_id", key.environment_id},
          {"stage", key.stage},
          {"state", ApiKeyStateName(key.state)},
          {"create_time", FormatTime(key.create_time)},
          {"expire_time", OptionalTimeJson(key.expire_time)},
          {"last_used_time", OptionalTimeJson(key.last_used_time)},
          {"owner_role_bindings", std::move(bindings)}};
}

}  // namespace keyward::domain
