#include "services/store/rows.h"

#include <nlohmann/json.hpp>

namespace keyward::store {

domain::AccountType AccountTypeFromName(const std::string& name) {
  return name == "USER" ? domain::AccountType::kUser
                        : domain::AccountType::kServiceAccount;
}

domain::ResourceKind ResourceKindFromName(const std::string& name) {
  for (domain::ResourceKind kind :
       {domain::ResourceKind::kKafkaCluster,
        domain::ResourceKind::kSchemaRegistry, domain::ResourceKind::kKsqldbApp,
        domain::ResourceKind::kFlinkRegion}) {
    if (name == domain::ResourceKindName(kind)) return kind;
  }
  return domain::ResourceKind::kCloud;  // "CLOUD", or no resource at all
}

domain::Account AccountFromRow(const pqxx::row& row) {
  domain::Account account;
  account.id = row["account_id"].as<std::string>();
  account.type = AccountTypeFromName(row["account_type"].as<std::string>());
  account.display_name = row["account_display_name"].as<std::string>();
  account.description = row["account_description"].as<std::string>();
  account.email = row["account_email"].as<std::string>();
  account.create_time = TimeFromField(row["account_create_micros"]);
  account.update_time = TimeFromField(row["account_update_micros"]);
  return account;
}

domain::RoleBinding RoleBindingFromRow(const pqxx::row& row) {
  domain::RoleBinding binding;
  binding.id = row["binding_id"].as<std::string>();
  binding.principal_id = row["binding_principal_id"].as<std::string>();
  binding.role = row["binding_role"].as<std::string>();
  binding.scope = row["binding_scope"].as<std::string>();
  binding.environment_id = row["binding_environment_id"].as<std::string>();
  binding.create_time = TimeFromField(row["binding_create_micros"]);
  return binding;
}

std::vector<domain::RoleBinding> AccountRoleBindingsFromRow(
    const pqxx::row& row) {
  std::vector<domain::RoleBinding> bindings;
  for (const nlohmann::json& item :
       nlohmann::json::parse(row["account_role_bindings"].as<std::string>())) {
    domain::RoleBinding binding;
    binding.role = item.at(0).get<std::string>();
    binding.scope = item.at(1).get<std::string>();
    binding.environment_id = item.at(2).get<std::string>();
    bindings.push_back(std::move(binding));
  }
  return bindings;
}

domain::Resource ResourceFromRow(const pqxx::row& row) {
  domain::Resource resource;
  resource.id = row["resource_id"].as<std::string>();
  resource.kind = ResourceKindFromName(row["resource_kind"].as<std::string>());
  resource.environment_id = row["resource_environment_id"].as<std::string>();
  resource.display_name = row["resource_display_name"].as<std::string>();
  resource.cloud = row["resource_cloud"].as<std::string>();
  resource.region = row["resource_region"].as<std::string>();
  resource.create_time = TimeFromField(row["resource_create_micros"]);
  return resource;
}

domain::Environment EnvironmentFromRow(const pqxx::row& row) {
  domain::Environment environment;
  environment.id = row["environment_id"].as<std::string>();
  environment.display_name = row["environment_display_name"].as<std::string>();
  environment.stage = row["environment_stage"].as<std::string>();
  environment.create_time = TimeFromField(row["environment_create_micros"]);
  environment.update_time = TimeFromField(row["environment_update_micros"]);
  return environment;
}

std::vector<std::string> Ids(const pqxx::result& rows) {
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const pqxx::row& row : rows) ids.push_back(row["id"].as<std::string>());
  return ids;
}

}  // namespace keyward::store
