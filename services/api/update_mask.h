// Resolves an update request's google.protobuf.FieldMask into the set of
// fields to change, with the rules of common.proto: an absent or empty mask
// means every writable field that is set; a path naming a field that exists
// but may not change gets `immutable_message`; any other path is unknown;
// nothing to change is INVALID_ARGUMENT naming update_mask.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_API_UPDATE_MASK_H_
#define KEYWARD_SERVICES_API_UPDATE_MASK_H_

#include <google/protobuf/field_mask.pb.h>

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace keyward::api {

struct UpdateMaskRules {
  std::vector<std::string> writable;        // e.g. {"display_name", "stage"}
  std::vector<std::string> set_in_request;  // writable fields with a value
  std::vector<std::string> immutable;       // known fields that never change
  std::string immutable_message;            // used for an immutable path
};

absl::StatusOr<std::set<std::string>> ResolveUpdateMask(
    const google::protobuf::FieldMask& mask, const UpdateMaskRules& rules);

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_UPDATE_MASK_H_
