// Times as text for audit summaries and policy input: RFC 3339 in UTC with
// microseconds, e.g. "2026-11-26T08:00:00.123456Z".
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_TIME_TEXT_H_
#define KEYWARD_SERVICES_DOMAIN_TIME_TEXT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "services/domain/types.h"

namespace keyward::domain {

std::string FormatTime(Time time);

// The formatted time, or JSON null.
nlohmann::json OptionalTimeJson(const std::optional<Time>& time);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_TIME_TEXT_H_
