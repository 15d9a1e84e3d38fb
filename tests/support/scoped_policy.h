// ScopedPolicy: a Rego rule file added to an OpaProcess of a test's own for
// as long as the object lives. The constructor returns once OPA has loaded
// the file and the destructor once OPA has dropped it again, so a rule
// never leaks into the next test, not even when an ASSERT ends this one
// early, and no test races OPA's reload (--watch).
//
// To know when OPA has (un)loaded the file, it carries one extra warning
// rule that only fires for a probe input of its own; the constructor and
// destructor ask OPA's decision endpoint for that probe. `rego` must
// therefore be in `package keyward` (as every rule keywardd reads is).
//
// Thread-safety: use from one thread.
#ifndef KEYWARD_TESTS_SUPPORT_SCOPED_POLICY_H_
#define KEYWARD_TESTS_SUPPORT_SCOPED_POLICY_H_

#include <string>

#include "tests/support/opa_process.h"

namespace keyward::testing {

class ScopedPolicy {
 public:
  // Writes `rego` to <policy_dir>/keyward/<name> (name ends in .rego) and
  // waits for OPA to load it; a gtest failure if it does not in time.
  ScopedPolicy(OpaProcess& opa, std::string name, const std::string& rego);
  // Removes the file and waits for OPA to drop it.
  ~ScopedPolicy();

  ScopedPolicy(const ScopedPolicy&) = delete;
  ScopedPolicy& operator=(const ScopedPolicy&) = delete;

 private:
  // Whether OPA's decision for the probe input carries this file's marker.
  bool Loaded() const;

  OpaProcess& opa_;
  const std::string name_;
  const std::string path_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_SCOPED_POLICY_H_
