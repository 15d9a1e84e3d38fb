// Identifiers: a lower-case prefix naming the kind plus 8 characters of
// [a-z0-9] from the CSPRNG; API key ids are 16 characters of [A-Z0-9].
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_IDS_H_
#define KEYWARD_SERVICES_DOMAIN_IDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "services/domain/types.h"

namespace keyward::domain {

enum class IdKind {
  kEnvironment,
  kUser,
  kServiceAccount,
  kKafkaCluster,
  kSchemaRegistry,
  kKsqldbApp,
  kFlinkRegion,
  kRoleBinding,
  kApiKey,
  kWebhook,
};

// A fresh id of that kind.
std::string NewId(IdKind kind);

// The kind of a well-formed id, or nullopt.
std::optional<IdKind> KindOfId(std::string_view id);

IdKind IdKindOfResource(ResourceKind kind);
std::optional<ResourceKind> ResourceKindOfId(std::string_view id);
std::optional<AccountType> AccountTypeOfId(std::string_view id);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_IDS_H_
