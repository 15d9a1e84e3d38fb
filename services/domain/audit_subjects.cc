#include "services/domain/audit_subjects.h"

#include <algorithm>

#include "services/domain/ids.h"

namespace keyward::domain {
namespace {

// Where ids sit in a policy request and in the target facts.
constexpr const char* kRequestIdFields[] = {
    "/id",           "/owner_id",   "/resource_id", "/environment_id",
    "/principal_id", "/account_id", "/scope"};
constexpr const char* kTargetIdFields[] = {"/owner/id",
                                           "/account/id",
                                           "/principal/id",
                                           "/resource/id",
                                           "/resource/environment/id",
                                           "/environment/id",
                                           "/api_key/id",
                                           "/api_key/owner_id",
                                           "/api_key/resource_id",
                                           "/role_binding/id",
                                           "/role_binding/principal_id",
                                           "/role_binding/scope"};

void Add(const std::string& id, std::vector<std::string>& ids) {
  if (!KindOfId(id)) return;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

template <size_t N>
void AddFields(const nlohmann::json& json, const char* const (&pointers)[N],
               std::vector<std::string>& ids) {
  if (!json.is_object()) return;
  for (const char* pointer : pointers) {
    const nlohmann::json::json_pointer at(pointer);
    if (!json.contains(at)) continue;
    const nlohmann::json& value = json.at(at);
    if (value.is_string()) Add(value.get<std::string>(), ids);
  }
}

}  // namespace

std::vector<std::string> AuditSubjects(const std::string& target_id,
                                       const nlohmann::json& request,
                                       const nlohmann::json& target) {
  std::vector<std::string> ids;
  Add(target_id, ids);
  AddFields(request, kRequestIdFields, ids);
  AddFields(target, kTargetIdFields, ids);
  return ids;
}

}  // namespace keyward::domain
