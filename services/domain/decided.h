// Decided<T>: what a write (every create, update and delete) returns — its
// result, as an absl::StatusOr<T> would hold it, and beside it the policy's
// decision on the write whenever the policy answered:
//   - allowed: the allowing decision, whose warnings and id the caller is
//     told (the API layer's trailer) — also when the write failed after it,
//     on a quota or a conflict;
//   - denied: PERMISSION_DENIED, and the denying decision with its
//     violations (the API layer's status details).
// There is no decision when the write failed before the policy was asked
// (validation, NOT_FOUND) or when no decision could be had (UNAVAILABLE);
// a write that succeeded always has one.
//
// It converts implicitly from a non-OK absl::Status, as absl::StatusOr does,
// so a write's early returns read like any other function's.
//
// Thread-safety: a plain value.
#ifndef KEYWARD_SERVICES_DOMAIN_DECIDED_H_
#define KEYWARD_SERVICES_DOMAIN_DECIDED_H_

#include <optional>
#include <type_traits>
#include <utility>

#include "absl/status/statusor.h"
#include "services/domain/policy.h"

namespace keyward::domain {

template <typename T>
class Decided {
 public:
  // A write that failed without a decision; `error` is not OK.
  Decided(absl::Status error)  // NOLINT(google-explicit-constructor)
      : result_(std::move(error)) {}
  Decided(absl::StatusOr<T> result, PolicyDecision decision)
      : result_(std::move(result)), decision_(std::move(decision)) {}

  bool ok() const { return result_.ok(); }
  const absl::Status& status() const { return result_.status(); }
  const absl::StatusOr<T>& result() const { return result_; }
  // Only when ok().
  const T& operator*() const { return *result_; }
  T& operator*() { return *result_; }
  const T* operator->() const { return &*result_; }
  T* operator->() { return &*result_; }

  const std::optional<PolicyDecision>& decision() const { return decision_; }

  // The write continued: once it succeeded so far, `next(value)` (which
  // returns an absl::StatusOr<U>) does the rest, under the same decision;
  // otherwise the failure carries over, with its decision if any.
  template <typename Next>
  auto Then(Next&& next) && {
    using Result = std::invoke_result_t<Next, const T&>;
    using U = typename Result::value_type;
    if (!result_.ok()) return Carry<U>(result_.status());
    Result continued = std::forward<Next>(next)(*result_);
    return Carry<U>(std::move(continued));
  }

 private:
  template <typename U>
  Decided<U> Carry(absl::StatusOr<U> result) {
    if (decision_) return Decided<U>(std::move(result), *std::move(decision_));
    return Decided<U>(std::move(result).status());  // failed undecided
  }

  absl::StatusOr<T> result_;
  std::optional<PolicyDecision> decision_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_DECIDED_H_
