#include "services/domain/ids.h"

#include <array>
#include <utility>

#include "services/crypto/random.h"

namespace keyward::domain {
namespace {

constexpr std::string_view kLowerAlphanumeric =
    "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kUpperAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr size_t kSuffixLength = 8;
constexpr size_t kApiKeyIdLength = 16;

constexpr std::array<std::pair<IdKind, std::string_view>, 9> kPrefixes = {{
    {IdKind::kEnvironment, "env-"},
    {IdKind::kUser, "u-"},
    {IdKind::kServiceAccount, "sa-"},
    {IdKind::kKafkaCluster, "lkc-"},
    {IdKind::kSchemaRegistry, "lsrc-"},
    {IdKind::kKsqldbApp, "lksqlc-"},
    {IdKind::kFlinkRegion, "lfr-"},
    {IdKind::kRoleBinding, "rb-"},
    {IdKind::kWebhook, "wh-"},
}};

bool AllOf(std::string_view text, std::string_view alphabet) {
  return text.find_first_not_of(alphabet) == std::string_view::npos;
}

}  // namespace

std::string NewId(IdKind kind) {
  if (kind == IdKind::kApiKey) {
    return crypto::RandomString(kApiKeyIdLength, kUpperAlphanumeric);
  }
  for (const auto& [candidate, prefix] : kPrefixes) {
    if (candidate == kind) {
      return std::string(prefix) +
             crypto::RandomString(kSuffixLength, kLowerAlphanumeric);
    }
  }
  return "";
}

std::optional<IdKind> KindOfId(std::string_view id) {
  if (id.size() == kApiKeyIdLength && AllOf(id, kUpperAlphanumeric)) {
    return IdKind::kApiKey;
  }
  for (const auto& [kind, prefix] : kPrefixes) {
    if (id.size() == prefix.size() + kSuffixLength &&
        id.substr(0, prefix.size()) == prefix &&
        AllOf(id.substr(prefix.size()), kLowerAlphanumeric)) {
      return kind;
    }
  }
  return std::nullopt;
}

IdKind IdKindOfResource(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kKafkaCluster:
      return IdKind::kKafkaCluster;
    case ResourceKind::kSchemaRegistry:
      return IdKind::kSchemaRegistry;
    case ResourceKind::kKsqldbApp:
      return IdKind::kKsqldbApp;
    case ResourceKind::kFlinkRegion:
    case ResourceKind::kCloud:
      break;
  }
  return IdKind::kFlinkRegion;
}

std::optional<ResourceKind> ResourceKindOfId(std::string_view id) {
  switch (KindOfId(id).value_or(IdKind::kApiKey)) {
    case IdKind::kKafkaCluster:
      return ResourceKind::kKafkaCluster;
    case IdKind::kSchemaRegistry:
      return ResourceKind::kSchemaRegistry;
    case IdKind::kKsqldbApp:
      return ResourceKind::kKsqldbApp;
    case IdKind::kFlinkRegion:
      return ResourceKind::kFlinkRegion;
    default:
      return std::nullopt;
  }
}

std::optional<AccountType> AccountTypeOfId(std::string_view id) {
  switch (KindOfId(id).value_or(IdKind::kApiKey)) {
    case IdKind::kUser:
      return AccountType::kUser;
    case IdKind::kServiceAccount:
      return AccountType::kServiceAccount;
    default:
      return std::nullopt;
  }
}

}  // namespace keyward::domain
