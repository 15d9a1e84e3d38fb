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

domain::Account AccountFromRow(const pqxx::row& row, int first) {
  domain::Account account;
  account.id = row[first].as<std::string>();
  account.type = AccountTypeFromName(row[first + 1].as<std::string>());
  account.display_name = row[first + 2].as<std::string>();
  account.description = row[first + 3].as<std::string>();
  account.email = row[first + 4].as<std::string>();
  account.create_time = TimeFromField(row[first + 5]);
  account.update_time = TimeFromField(row[first + 6]);
  return account;
}

domain::RoleBinding RoleBindingFromRow(const pqxx::row& row, int first) {
  domain::RoleBinding binding;
  binding.id = row[first].as<std::string>();
  binding.principal_id = row[first + 1].as<std::string>();
  binding.role = row[first + 2].as<std::string>();
  binding.scope = row[first + 3].as<std::string>();
  binding.environment_id = row[first + 4].as<std::string>();
  binding.create_time = TimeFromField(row[first + 5]);
  return binding;
}

std::vector<domain::RoleBinding> RoleBindingsFromJson(
    const pqxx::field& field) {
  std::vector<domain::RoleBinding> bindings;
  for (const nlohmann::json& item :
       nlohmann::json::parse(field.as<std::string>())) {
    domain::RoleBinding binding;
    binding.role = item.at(0).get<std::string>();
    binding.scope = item.at(1).get<std::string>();
    binding.environment_id = item.at(2).get<std::string>();
    bindings.push_back(std::move(binding));
  }
  return bindings;
}

domain::Resource ResourceFromRow(const pqxx::row& row, int first) {
  domain::Resource resource;
  resource.id = row[first].as<std::string>();
  resource.kind = ResourceKindFromName(row[first + 1].as<std::string>());
  resource.environment_id = row[first + 2].as<std::string>();
  resource.display_name = row[first + 3].as<std::string>();
  resource.cloud = row[first + 4].as<std::string>();
  resource.region = row[first + 5].as<std::string>();
  resource.create_time = TimeFromField(row[first + 6]);
  return resource;
}

domain::Environment EnvironmentFromRow(const pqxx::row& row, int first) {
  return domain::Environment{
      row[first].as<std::string>(), row[first + 1].as<std::string>(),
      row[first + 2].as<std::string>(), TimeFromField(row[first + 3]),
      TimeFromField(row[first + 4])};
}

}  // namespace keyward::store
