#include "services/api/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/validation.h"

namespace keyward::api {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

absl::StatusOr<std::set<std::string>> ResolveUpdateMask(
    const google::protobuf::FieldMask& mask, const UpdateMaskRules& rules) {
  std::set<std::string> fields;
  if (mask.paths().empty()) {
    fields.insert(rules.set_in_request.begin(), rules.set_in_request.end());
  }
  for (const std::string& path : mask.paths()) {
    if (Contains(rules.writable, path)) {
      fields.insert(path);
    } else if (Contains(rules.immutable, path)) {
      return domain::InvalidField(
          "update_mask", absl::StrCat(path, ": ", rules.immutable_message));
    } else {
      return domain::InvalidField(
          "update_mask",
          absl::StrCat("unknown field \"", path, "\" (writable: ",
                       absl::StrJoin(rules.writable, ", "), ")"));
    }
  }
  if (fields.empty()) {
    return domain::InvalidField(
        "update_mask", absl::StrCat("names nothing to update (writable: ",
                                    absl::StrJoin(rules.writable, ", "), ")"));
  }
  return fields;
}

}  // namespace keyward::api
