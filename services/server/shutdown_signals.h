// Shutdown signals: SIGINT and SIGTERM, blocked in every thread and taken
// synchronously by the one thread that waits for them, so a signal never
// interrupts a thread at an arbitrary point.
//
// Thread-safety: BlockShutdownSignals before any thread starts; then wait
// from one thread.
#ifndef KEYWARD_SERVICES_SERVER_SHUTDOWN_SIGNALS_H_
#define KEYWARD_SERVICES_SERVER_SHUTDOWN_SIGNALS_H_

#include <chrono>

namespace keyward::server {

// Blocks SIGINT and SIGTERM (and ignores SIGPIPE) in the calling thread and
// the threads it starts afterwards.
void BlockShutdownSignals();

// Waits for SIGINT or SIGTERM and returns its number.
int WaitForShutdownSignal();

// Waits at most `timeout` for SIGINT or SIGTERM; its number, or 0 when none
// came in time.
int WaitForShutdownSignal(std::chrono::milliseconds timeout);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_SHUTDOWN_SIGNALS_H_
