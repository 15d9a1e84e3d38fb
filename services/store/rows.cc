#include "services/store/rows.h"

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
