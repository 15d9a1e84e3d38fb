// NotFound: the NOT_FOUND status every repository returns for a row that
// does not exist (or that the reader may not see).
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_NOT_FOUND_H_
#define KEYWARD_SERVICES_STORE_NOT_FOUND_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace keyward::store {

// NOT_FOUND "<what> <id> not found".
absl::Status NotFound(absl::string_view what, absl::string_view id);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_NOT_FOUND_H_
