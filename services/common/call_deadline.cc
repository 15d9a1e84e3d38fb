#include "services/common/call_deadline.h"

namespace keyward {
namespace {

thread_local std::optional<Deadline> current_deadline;

}  // namespace

std::optional<Deadline> CurrentCallDeadline() { return current_deadline; }

ScopedCallDeadline::ScopedCallDeadline(Deadline deadline)
    : previous_(current_deadline) {
  if (deadline == Deadline::max()) {
    current_deadline.reset();
  } else {
    current_deadline = deadline;
  }
}

ScopedCallDeadline::~ScopedCallDeadline() { current_deadline = previous_; }

}  // namespace keyward
