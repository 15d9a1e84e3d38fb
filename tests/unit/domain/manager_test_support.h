// What each manager's unit test builds before its manager: a fixed clock,
// page tokens, the fake policy, and a caller. A test class derives from
// ManagerTest and declares its repository and manager after these, so they
// are built from them.
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_MANAGER_TEST_SUPPORT_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_MANAGER_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <chrono>

#include "services/crypto/secret.h"
#include "services/domain/caller.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/page_token.h"
#include "tests/unit/domain/fake_clock.h"
#include "tests/unit/domain/fake_policy.h"
#include "tests/unit/domain/fake_repositories.h"

namespace keyward::domain::testing {

class ManagerTest : public ::testing::Test {
 protected:
  ManagerTest()
      : clock_(At(1'700'000'000)),
        hasher_("pepper"),
        page_tokens_(hasher_),
        policy_(clock_) {
    caller_.id = "u-caller01";
  }

  FixedClock clock_;
  crypto::SecretHasher hasher_;
  PageTokenCodec page_tokens_;
  FakePolicy policy_;
  Caller caller_;
};

// For managers whose deletes cascade to API keys: a guard that looks back
// kActiveWindow, over a recorder that counts its flushes.
class CascadingManagerTest : public ManagerTest {
 protected:
  static constexpr std::chrono::minutes kActiveWindow{15};

  FlushCountingRecorder recorder_;
  KeysInUseGuard keys_in_use_{recorder_, kActiveWindow};
};

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_MANAGER_TEST_SUPPORT_H_
