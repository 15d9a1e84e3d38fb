// Builds the Mutation (time, dry-run flag, audit event) that accompanies
// every write, so each manager describes its writes the same way.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_DOMAIN_MUTATION_H_
#define KEYWARD_SERVICES_DOMAIN_MUTATION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "services/domain/audit.h"
#include "services/domain/clock.h"
#include "services/domain/validation.h"

namespace keyward::domain {

// `request_summary` holds the request's fields; never pass a secret.
Mutation MakeMutation(const Clock& clock, const Caller& caller,
                      std::string action, std::string target_id,
                      bool validate_only,
                      const nlohmann::json& request_summary);

// Checks the optional display_name and description of an update, adds the
// present ones to `summary`, and refuses an update that names neither.
absl::Status CheckNameAndDescriptionUpdate(
    const std::optional<std::string>& display_name,
    Presence display_name_presence,
    const std::optional<std::string>& description, nlohmann::json& summary);

// A list page as the API returns it.
template <typename T>
struct Listed {
  std::vector<T> items;
  std::string next_page_token;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_MUTATION_H_
