// Early-return helpers for absl::Status, as in Abseil-using codebases.
#ifndef KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_
#define KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"

// Returns the status of `expr` from the enclosing function unless it is OK.
#define KEYWARD_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    const ::absl::Status keyward_status_ = (expr);     \
    if (!keyward_status_.ok()) return keyward_status_; \
  } while (false)

#endif  // KEYWARD_SERVICES_COMMON_STATUS_MACROS_H_
