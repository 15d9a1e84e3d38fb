// Early-return helpers for absl::Status, as in Abseil-using codebases.
#ifndef KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_
#define KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"

// Returns the status of `expr` from the enclosing function unless it is OK.
#define KEYWARD_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    const ::absl::Status keyward_status_ = (expr);     \
    if (!keyward_status_.ok()) return keyward_status_; \
  } while (false)

#define KEYWARD_STATUS_CONCAT_INNER(a, b) a##b
#define KEYWARD_STATUS_CONCAT(a, b) KEYWARD_STATUS_CONCAT_INNER(a, b)

// Evaluates `expr` (an absl::StatusOr<T>); returns its status from the
// enclosing function unless OK, else moves the value into `lhs`, which may
// be a declaration ("auto x").
#define KEYWARD_ASSIGN_OR_RETURN(lhs, expr) \
  KEYWARD_ASSIGN_OR_RETURN_IMPL(            \
      KEYWARD_STATUS_CONCAT(keyward_statusor_, __LINE__), lhs, expr)
#define KEYWARD_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return statusor.status();            \
  lhs = std::move(*statusor)

#endif  // KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_
