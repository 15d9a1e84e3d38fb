// A Clock that stands where the test puts it, for domain unit tests.
//
// Thread-safety: none; single-threaded use (or set before threads start).
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_FAKE_CLOCK_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_FAKE_CLOCK_H_

#include <chrono>
#include <cstdint>

#include "services/domain/clock.h"

namespace keyward::domain::testing {

class FixedClock : public Clock {
 public:
  explicit FixedClock(Time now) : now_(now) {}
  Time Now() const override { return now_; }
  void Advance(std::chrono::microseconds by) { now_ += by; }

 private:
  Time now_;
};

inline Time At(int64_t seconds) { return Time(std::chrono::seconds(seconds)); }

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_FAKE_CLOCK_H_
