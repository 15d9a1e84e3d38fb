// CallDeadline: the deadline of the RPC the current thread is serving, so
// that code far below the handler (the connection pool) can bound its work
// by it without every interface in between passing it along. A handler's
// CallRunner sets it for the duration of the call; gRPC's synchronous server
// runs a call on one thread from start to finish. Threads that serve no call
// (background writers, the health monitor) see none.
//
// Thread-safety: the deadline is per thread.
#ifndef KEYWARD_SERVICES_COMMON_CALL_DEADLINE_H_
#define KEYWARD_SERVICES_COMMON_CALL_DEADLINE_H_

#include <chrono>
#include <optional>

namespace keyward {

using Deadline = std::chrono::system_clock::time_point;

// The current thread's call deadline; nullopt outside a call or when the
// caller set none.
std::optional<Deadline> CurrentCallDeadline();

// Sets the current thread's call deadline until destroyed, then restores the
// previous one. Deadline::max() means none.
class ScopedCallDeadline {
 public:
  explicit ScopedCallDeadline(Deadline deadline);
  ~ScopedCallDeadline();
  ScopedCallDeadline(const ScopedCallDeadline&) = delete;
  ScopedCallDeadline& operator=(const ScopedCallDeadline&) = delete;

 private:
  std::optional<Deadline> previous_;
};

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CALL_DEADLINE_H_
