// What a reader may see, as SQL: each condition keeps the rows of one table
// that a domain::ReadScope covers, reading the reader from one jsonb
// parameter (`$N`, bound to ReaderParam(reader)). Lists filter in SQL, so
// their pages are full and their cursors name only rows the reader sees.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_VISIBILITY_H_
#define KEYWARD_SERVICES_STORE_VISIBILITY_H_

#include <string>

#include "absl/strings/string_view.h"
#include "services/domain/roles.h"

namespace keyward::store {

// The value of the reader parameter.
std::string ReaderParam(const domain::ReadScope& reader);

std::string VisibleEnvironment(int param, absl::string_view id);
std::string VisibleResource(int param, absl::string_view id,
                            absl::string_view environment_id);
// `resource_id` is NULL for a Cloud key.
std::string VisibleApiKey(int param, absl::string_view owner_id,
                          absl::string_view resource_id);
std::string VisibleAccount(int param, absl::string_view id);
std::string VisibleRoleBinding(int param, absl::string_view principal_id);
std::string VisibleAuditEvent(int param, absl::string_view actor_id);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_VISIBILITY_H_
