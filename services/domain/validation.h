// Input rules shared by every service. Each check returns INVALID_ARGUMENT
// whose message starts with the field name ("display_name: …"), so a client
// can point at the field.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_VALIDATION_H_
#define KEYWARD_SERVICES_DOMAIN_VALIDATION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/domain/ids.h"

namespace keyward::domain {

inline constexpr size_t kMaxTextLength = 1024;
inline constexpr size_t kMaxEmailLength = 254;
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 100;

enum class Presence { kRequired, kOptional };

// Display names and descriptions: valid UTF-8, at most 1,024 code points, no
// control characters; required ones must not be blank.
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       Presence presence);

// A short lower-case word: stage, cloud, region ([a-z][a-z0-9-]{0,31}).
absl::Status CheckWord(absl::string_view field, absl::string_view value);

absl::Status CheckEmail(absl::string_view field, absl::string_view value);

// The id is present and well formed for one of `kinds`; the message names
// what was expected.
absl::Status CheckId(absl::string_view field, absl::string_view value,
                     std::initializer_list<IdKind> kinds);

// The resource a key opens: "cloud" or a well-formed resource id.
absl::Status CheckKeyResourceId(absl::string_view field,
                                absl::string_view value);

// 0 → the default; 1..100 as is; anything else INVALID_ARGUMENT.
absl::StatusOr<int> CheckPageSize(int page_size);

// Checks the optional display_name and description of an update, adds the
// present ones to `summary`, and refuses an update that names neither.
absl::Status CheckNameAndDescriptionUpdate(
    const std::optional<std::string>& display_name,
    Presence display_name_presence,
    const std::optional<std::string>& description, nlohmann::json& summary);

// INVALID_ARGUMENT "<field>: <problem>".
absl::Status InvalidField(absl::string_view field, absl::string_view problem);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VALIDATION_H_
