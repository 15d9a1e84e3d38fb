// Update masks name fields by path; a caller may send any paths. Whatever
// resolves is a non-empty subset of the writable fields.
#include <google/protobuf/field_mask.pb.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "absl/strings/str_split.h"
#include "services/api/update_mask.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const keyward::api::UpdateMaskRules rules{
      {"display_name", "description"},
      {"description"},
      {"id", "owner_id", "resource_id"},
      "only display_name and description can change"};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  google::protobuf::FieldMask mask;
  if (!input.empty()) {
    for (absl::string_view path :
         absl::StrSplit(absl::string_view(input.data(), input.size()), '\n')) {
      mask.add_paths(std::string(path));
    }
  }
  auto fields = keyward::api::ResolveUpdateMask(mask, rules);
  if (!fields.ok()) return 0;
  if (fields->empty()) std::abort();
  for (const std::string& field : *fields) {
    if (field != "display_name" && field != "description") std::abort();
  }
  return 0;
}
