// Waiting for something to become true without sleeping a fixed time:
// poll a predicate, with a short backoff, until it holds or a deadline
// passes. The one place tests and their support code wait by polling.
//
// Eventually() is for test bodies: at its deadline it records a gtest
// failure naming what was awaited, so a wait that never ends cannot pass
// silently. PollUntil() is for support code that must report failure its
// own way (e.g. abort with a process's log when it did not start).
//
// Thread-safety: stateless; safe from any thread.
#ifndef KEYWARD_TESTS_SUPPORT_EVENTUALLY_H_
#define KEYWARD_TESTS_SUPPORT_EVENTUALLY_H_

#include <chrono>
#include <functional>
#include <string>

namespace keyward::testing {

// How long a test waits for something another process does (a flush, a
// notification, OPA reloading a rule) before it calls it a failure.
inline constexpr std::chrono::seconds kEventualDeadline{20};

// Calls `predicate` until it returns true or `timeout` has passed (it is
// always called at least once, and once more at the deadline); whether it
// returned true.
bool PollUntil(const std::function<bool()>& predicate,
               std::chrono::milliseconds timeout);

// PollUntil, and at the deadline a gtest failure "timed out after Ns
// waiting for <what>". Returns whether `predicate` held, so a test can stop:
//   ASSERT_TRUE(Eventually("the key to be revoked", [&] { ... }));
bool Eventually(const std::string& what, const std::function<bool()>& predicate,
                std::chrono::milliseconds timeout = kEventualDeadline);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_EVENTUALLY_H_
