#include "services/domain/policy_facts.h"

#include "services/common/status_macros.h"
#include "services/domain/time_text.h"

namespace keyward::domain {
namespace {

nlohmann::json ToJson(const domain::Environment& environment) {
  return {{"id", environment.id},
          {"display_name", environment.display_name},
          {"stage", environment.stage}};
}

nlohmann::json ToJson(const domain::Account& account) {
  return {{"id", account.id},
          {"type", AccountTypeName(account.type)},
          {"display_name", account.display_name},
          {"email", account.email}};
}

// An account with its role bindings, each with the environment its scope
// lies in (so that a rule can tell whether a caller's bindings cover it).
nlohmann::json ToJson(const domain::Account& account,
                      const std::vector<RoleBinding>& bindings) {
  nlohmann::json json = ToJson(account);
  json["role_bindings"] = nlohmann::json::array();
  for (const RoleBinding& binding : bindings) {
    json["role_bindings"].push_back(
        {{"role", binding.role},
         {"scope", binding.scope},
         {"environment_id", binding.environment_id}});
  }
  return json;
}

nlohmann::json CloudJson() {
  return {{"id", kCloudResourceId}, {"kind", "CLOUD"}};
}

nlohmann::json ToJson(const domain::Resource& resource,
                      const domain::Environment& environment) {
  return {{"id", resource.id},
          {"kind", ResourceKindName(resource.kind)},
          {"display_name", resource.display_name},
          {"cloud", resource.cloud},
          {"region", resource.region},
          {"environment", ToJson(environment)}};
}

}  // namespace

RepositoryPolicyFacts::RepositoryPolicyFacts(
    EnvironmentRepository& environments, AccountRepository& accounts,
    ResourceRepository& resources, ApiKeyRepository& api_keys,
    RoleBindingRepository& role_bindings)
    : environments_(environments),
      accounts_(accounts),
      resources_(resources),
      api_keys_(api_keys),
      role_bindings_(role_bindings) {}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::Account(
    const std::string& id) {
  KEYWARD_ASSIGN_OR_RETURN(const domain::Account account,
                           accounts_.Get(id, ReadScope::Everything()));
  KEYWARD_ASSIGN_OR_RETURN(const std::vector<RoleBinding> bindings,
                           role_bindings_.ListForPrincipal(id));
  return ToJson(account, bindings);
}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::Environment(
    const std::string& id) {
  KEYWARD_ASSIGN_OR_RETURN(const domain::Environment environment,
                           environments_.Get(id, ReadScope::Everything()));
  return ToJson(environment);
}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::Resource(
    const std::string& id) {
  if (id == kCloudResourceId) return CloudJson();
  KEYWARD_ASSIGN_OR_RETURN(const domain::Resource resource,
                           resources_.Get(id, ReadScope::Everything()));
  KEYWARD_ASSIGN_OR_RETURN(
      const domain::Environment environment,
      environments_.Get(resource.environment_id, ReadScope::Everything()));
  return ToJson(resource, environment);
}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::ApiKey(
    const std::string& id) {
  KEYWARD_ASSIGN_OR_RETURN(const domain::ApiKey key,
                           api_keys_.Get(id, ReadScope::Everything()));
  return nlohmann::json{
      {"id", key.id},
      {"owner_id", key.owner_id},
      {"owner_type", AccountTypeName(key.owner_type)},
      {"resource_id", key.resource_id},
      {"resource_kind", ResourceKindName(key.resource_kind)},
      {"display_name", key.display_name},
      {"description", key.description},
      {"create_time", FormatTime(key.create_time)},
      {"expire_time", OptionalTimeJson(key.expire_time)},
      {"last_used_time", OptionalTimeJson(key.last_used_time)}};
}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::KeysOf(
    const std::string& owner_id) {
  nlohmann::json keys = nlohmann::json::array();
  PageRequest page{100, std::nullopt};
  do {
    KEYWARD_ASSIGN_OR_RETURN(
        const Page<domain::ApiKey> listed,
        api_keys_.List(owner_id, std::nullopt, page, ReadScope::Everything()));
    for (const domain::ApiKey& key : listed.items) {
      keys.push_back(
          {{"id", key.id},
           {"resource_id", key.resource_id},
           {"last_used_time", OptionalTimeJson(key.last_used_time)}});
    }
    page.after = listed.next;
  } while (page.after);
  return keys;
}

absl::StatusOr<nlohmann::json> RepositoryPolicyFacts::KeyCreation(
    const std::string& owner_id, const std::string& resource_id) {
  KEYWARD_ASSIGN_OR_RETURN(const domain::KeyCreationFacts facts,
                           api_keys_.CreationFacts(owner_id, resource_id));
  return nlohmann::json{
      {"owner", ToJson(facts.owner, facts.owner_role_bindings)},
      {"resource", facts.resource && facts.environment
                       ? ToJson(*facts.resource, *facts.environment)
                       : CloudJson()},
      {"key_counts",
       {{"owner_total", facts.counts.owner_total},
        {"owner_on_resource", facts.counts.owner_on_resource}}}};
}

}  // namespace keyward::domain
