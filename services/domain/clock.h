// Clock: where the domain learns the time, injected so tests can fix it.
//
// Thread-safety: implementations must be safe to call from any thread.
#ifndef KEYWARD_SERVICES_DOMAIN_CLOCK_H_
#define KEYWARD_SERVICES_DOMAIN_CLOCK_H_

#include "services/domain/types.h"

namespace keyward::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Time Now() const = 0;
};

class SystemClock : public Clock {
 public:
  Time Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_CLOCK_H_
