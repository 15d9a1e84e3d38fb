#include "cli/commands/names.h"

namespace keyward::cli {
namespace {

struct KindName {
  const char* cli;
  v1::ResourceKind kind;
};

constexpr KindName kKinds[] = {
    {"kafka", v1::RESOURCE_KIND_KAFKA_CLUSTER},
    {"schema-registry", v1::RESOURCE_KIND_SCHEMA_REGISTRY},
    {"ksqldb", v1::RESOURCE_KIND_KSQLDB_APP},
    {"flink", v1::RESOURCE_KIND_FLINK_REGION},
};

}  // namespace

bool ParseResourceKind(const std::string& text, v1::ResourceKind* kind) {
  for (const KindName& entry : kKinds) {
    if (text == entry.cli) {
      *kind = entry.kind;
      return true;
    }
  }
  return false;
}

std::string ResourceKindChoices() {
  std::string choices;
  for (const KindName& entry : kKinds) {
    if (!choices.empty()) choices += "|";
    choices += entry.cli;
  }
  return choices;
}

std::string ResourceKindCell(const std::string& json_name) {
  for (const KindName& entry : kKinds) {
    if (json_name == v1::ResourceKind_Name(entry.kind)) return entry.cli;
  }
  if (json_name == v1::ResourceKind_Name(v1::RESOURCE_KIND_CLOUD)) {
    return "cloud";
  }
  return json_name;
}

std::string AccountTypeCell(const std::string& json_name) {
  if (json_name == v1::AccountType_Name(v1::ACCOUNT_TYPE_USER)) return "user";
  if (json_name == v1::AccountType_Name(v1::ACCOUNT_TYPE_SERVICE_ACCOUNT)) {
    return "service-account";
  }
  return json_name;
}

bool ParseApiKeyState(const std::string& text, v1::ApiKeyState* state) {
  for (v1::ApiKeyState candidate :
       {v1::API_KEY_STATE_ACTIVE, v1::API_KEY_STATE_DISABLED,
        v1::API_KEY_STATE_EXPIRED}) {
    if (text == ApiKeyStateCell(v1::ApiKeyState_Name(candidate))) {
      *state = candidate;
      return true;
    }
  }
  return false;
}

std::string ApiKeyStateCell(const std::string& json_name) {
  std::string cell = WithoutPrefix(json_name, "API_KEY_STATE_");
  for (char& c : cell) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return cell;
}

std::string WithoutPrefix(const std::string& name, const std::string& prefix) {
  return name.compare(0, prefix.size(), prefix) == 0
             ? name.substr(prefix.size())
             : name;
}

}  // namespace keyward::cli
