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

domain::ApiKeyState ApiKeyStateFromName(const std::string& name) {
  for (domain::ApiKeyState state :
       {domain::ApiKeyState::kActive, domain::ApiKeyState::kDisabled}) {
    if (name == domain::ApiKeyStateName(state)) return state;
  }
  return domain::ApiKeyState::kExpired;
}

AccountReader::AccountReader(const pqxx::result& result)
    : id_(result.column_number("account_id")),
      type_(result.column_number("account_type")),
      display_name_(result.column_number("account_display_name")),
      description_(result.column_number("account_description")),
      email_(result.column_number("account_email")),
      create_micros_(result.column_number("account_create_micros")),
      update_micros_(result.column_number("account_update_micros")) {}

domain::Account AccountReader::operator()(const pqxx::row& row) const {
  domain::Account account;
  account.id = row[id_].as<std::string>();
  account.type = AccountTypeFromName(row[type_].as<std::string>());
  account.display_name = row[display_name_].as<std::string>();
  account.description = row[description_].as<std::string>();
  account.email = row[email_].as<std::string>();
  account.create_time = TimeFromField(row[create_micros_]);
  account.update_time = TimeFromField(row[update_micros_]);
  return account;
}

RoleBindingReader::RoleBindingReader(const pqxx::result& result)
    : id_(result.column_number("binding_id")),
      principal_id_(result.column_number("binding_principal_id")),
      role_(result.column_number("binding_role")),
      scope_(result.column_number("binding_scope")),
      environment_id_(result.column_number("binding_environment_id")),
      create_micros_(result.column_number("binding_create_micros")) {}

domain::RoleBinding RoleBindingReader::operator()(const pqxx::row& row) const {
  domain::RoleBinding binding;
  binding.id = row[id_].as<std::string>();
  binding.principal_id = row[principal_id_].as<std::string>();
  binding.role = row[role_].as<std::string>();
  binding.scope = row[scope_].as<std::string>();
  binding.environment_id = row[environment_id_].as<std::string>();
  binding.create_time = TimeFromField(row[create_micros_]);
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

ResourceReader::ResourceReader(const pqxx::result& result)
    : id_(result.column_number("resource_id")),
      kind_(result.column_number("resource_kind")),
      environment_id_(result.column_number("resource_environment_id")),
      display_name_(result.column_number("resource_display_name")),
      cloud_(result.column_number("resource_cloud")),
      region_(result.column_number("resource_region")),
      create_micros_(result.column_number("resource_create_micros")) {}

domain::Resource ResourceReader::operator()(const pqxx::row& row) const {
  domain::Resource resource;
  resource.id = row[id_].as<std::string>();
  resource.kind = ResourceKindFromName(row[kind_].as<std::string>());
  resource.environment_id = row[environment_id_].as<std::string>();
  resource.display_name = row[display_name_].as<std::string>();
  resource.cloud = row[cloud_].as<std::string>();
  resource.region = row[region_].as<std::string>();
  resource.create_time = TimeFromField(row[create_micros_]);
  return resource;
}

EnvironmentReader::EnvironmentReader(const pqxx::result& result)
    : id_(result.column_number("environment_id")),
      display_name_(result.column_number("environment_display_name")),
      stage_(result.column_number("environment_stage")),
      create_micros_(result.column_number("environment_create_micros")),
      update_micros_(result.column_number("environment_update_micros")) {}

domain::Environment EnvironmentReader::operator()(const pqxx::row& row) const {
  domain::Environment environment;
  environment.id = row[id_].as<std::string>();
  environment.display_name = row[display_name_].as<std::string>();
  environment.stage = row[stage_].as<std::string>();
  environment.create_time = TimeFromField(row[create_micros_]);
  environment.update_time = TimeFromField(row[update_micros_]);
  return environment;
}

std::vector<std::string> Ids(const pqxx::result& rows) {
  const pqxx::row_size_type id = rows.column_number("id");
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const pqxx::row& row : rows) ids.push_back(row[id].as<std::string>());
  return ids;
}

}  // namespace keyward::store
