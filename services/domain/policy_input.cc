#include "services/domain/policy_input.h"

#include "services/domain/time_text.h"

namespace keyward::domain {
namespace {

nlohmann::json ToJson(const Environment& environment) {
  return {{"id", environment.id},
          {"display_name", environment.display_name},
          {"stage", environment.stage}};
}

nlohmann::json ToJson(const AccountFacts& facts) {
  nlohmann::json bindings = nlohmann::json::array();
  for (const RoleBinding& binding : facts.role_bindings) {
    bindings.push_back({{"role", binding.role},
                        {"scope", binding.scope},
                        {"environment_id", binding.environment_id}});
  }
  return {{"id", facts.account.id},
          {"type", AccountTypeName(facts.account.type)},
          {"display_name", facts.account.display_name},
          {"email", facts.account.email},
          {"role_bindings", std::move(bindings)}};
}

nlohmann::json ToJson(const ResourceFacts& facts) {
  if (facts.IsCloud()) {
    return {{"id", facts.resource.id},
            {"kind", ResourceKindName(facts.resource.kind)}};
  }
  return {{"id", facts.resource.id},
          {"kind", ResourceKindName(facts.resource.kind)},
          {"display_name", facts.resource.display_name},
          {"cloud", facts.resource.cloud},
          {"region", facts.resource.region},
          {"environment", ToJson(*facts.environment)}};
}

nlohmann::json ToJson(const ApiKey& key) {
  return {{"id", key.id},
          {"owner_id", key.owner_id},
          {"owner_type", AccountTypeName(key.owner_type)},
          {"resource_id", key.resource_id},
          {"resource_kind", ResourceKindName(key.resource_kind)},
          {"display_name", key.display_name},
          {"description", key.description},
          {"create_time", FormatTime(key.create_time)},
          {"expire_time", OptionalTimeJson(key.expire_time)},
          {"last_used_time", OptionalTimeJson(key.last_used_time)},
          {"state", ApiKeyStateName(key.state)},
          {"disable_time", OptionalTimeJson(key.disable_time)},
          {"disabled_by", key.disabled_by}};
}

// An account's keys, each with what a rule on deleting the account reads.
nlohmann::json ToJson(const std::vector<ApiKey>& keys) {
  nlohmann::json json = nlohmann::json::array();
  for (const ApiKey& key : keys) {
    json.push_back({{"id", key.id},
                    {"resource_id", key.resource_id},
                    {"last_used_time", OptionalTimeJson(key.last_used_time)}});
  }
  return json;
}

nlohmann::json ToJson(const KeyCounts& counts) {
  return {{"owner_total", counts.owner_total},
          {"owner_on_resource", counts.owner_on_resource}};
}

nlohmann::json ToJson(const RoleBinding& binding) {
  return {{"id", binding.id},
          {"principal_id", binding.principal_id},
          {"role", binding.role},
          {"scope", binding.scope},
          {"create_time", FormatTime(binding.create_time)}};
}

nlohmann::json ToJson(const Invitation& invitation) {
  return {{"account_id", invitation.account_id},
          {"expire_time", FormatTime(invitation.expire_time)}};
}

nlohmann::json ToJson(const WebhookFacts& webhook) {
  return {{"id", webhook.id},
          {"scheme", webhook.scheme},
          {"host", webhook.host},
          {"port", webhook.port},
          {"loopback", webhook.loopback},
          {"actions", webhook.actions}};
}

template <typename T>
void Put(const char* name, const std::optional<T>& fact, nlohmann::json& to) {
  if (fact) to[name] = ToJson(*fact);
}

nlohmann::json ToJson(const PolicyTarget& target) {
  nlohmann::json json = nlohmann::json::object();
  Put("owner", target.owner, json);
  Put("account", target.account, json);
  Put("principal", target.principal, json);
  Put("resource", target.resource, json);
  Put("environment", target.environment, json);
  Put("api_key", target.api_key, json);
  Put("api_keys", target.api_keys, json);
  Put("key_counts", target.key_counts, json);
  Put("role_binding", target.role_binding, json);
  Put("invitation", target.invitation, json);
  Put("webhook", target.webhook, json);
  return json;
}

nlohmann::json ToJson(const Caller& caller) {
  nlohmann::json bindings = nlohmann::json::array();
  for (const CallerRoleBinding& binding : caller.role_bindings) {
    bindings.push_back({{"role", binding.role}, {"scope", binding.scope}});
  }
  return {{"id", caller.id},
          {"type", caller.type},
          {"role_bindings", std::move(bindings)}};
}

}  // namespace

nlohmann::json PolicyInput(const Caller& caller, const PolicyQuestion& question,
                           Time now) {
  return {{"action", question.action},
          {"caller", ToJson(caller)},
          {"request", question.request},
          {"target", ToJson(question.target)},
          {"validate_only", question.validate_only},
          {"now", FormatTime(now)}};
}

}  // namespace keyward::domain
