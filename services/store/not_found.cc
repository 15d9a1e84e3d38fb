#include "services/store/not_found.h"

#include "absl/strings/str_cat.h"

namespace keyward::store {

absl::Status NotFound(absl::string_view what, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
}

}  // namespace keyward::store
