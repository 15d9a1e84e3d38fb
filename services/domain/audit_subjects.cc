#include "services/domain/audit_subjects.h"

#include <algorithm>

#include "services/domain/ids.h"

namespace keyward::domain {
namespace {

// Where ids sit in a policy request.
constexpr const char* kRequestIdFields[] = {
    "/id",           "/owner_id",   "/resource_id", "/environment_id",
    "/principal_id", "/account_id", "/scope"};

void Add(const std::string& id, std::vector<std::string>& ids) {
  if (!KindOfId(id)) return;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

void AddRequestFields(const nlohmann::json& request,
                      std::vector<std::string>& ids) {
  if (!request.is_object()) return;
  for (const char* pointer : kRequestIdFields) {
    const nlohmann::json::json_pointer at(pointer);
    if (!request.contains(at)) continue;
    const nlohmann::json& value = request.at(at);
    if (value.is_string()) Add(value.get<std::string>(), ids);
  }
}

void AddTarget(const PolicyTarget& target, std::vector<std::string>& ids) {
  if (target.owner) Add(target.owner->account.id, ids);
  if (target.account) Add(target.account->account.id, ids);
  if (target.principal) Add(target.principal->account.id, ids);
  if (target.resource) {
    Add(target.resource->resource.id, ids);
    if (target.resource->environment) {
      Add(target.resource->environment->id, ids);
    }
  }
  if (target.environment) Add(target.environment->id, ids);
  if (target.api_key) {
    Add(target.api_key->id, ids);
    Add(target.api_key->owner_id, ids);
    Add(target.api_key->resource_id, ids);
  }
  if (target.role_binding) {
    Add(target.role_binding->id, ids);
    Add(target.role_binding->principal_id, ids);
    Add(target.role_binding->scope, ids);
  }
}

}  // namespace

std::vector<std::string> AuditSubjects(const std::string& target_id,
                                       const nlohmann::json& request,
                                       const PolicyTarget& target) {
  std::vector<std::string> ids;
  Add(target_id, ids);
  AddRequestFields(request, ids);
  AddTarget(target, ids);
  return ids;
}

}  // namespace keyward::domain
