// The gRPC server's settings: where it listens, its limits, health probing
// and how it shuts down. Defaults live in ServerOptions() alone; the members'
// initializers are only the empty values an OptionSet overwrites.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_SERVER_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_SERVER_CONFIG_H_

#include <chrono>
#include <string>

#include "services/common/options.h"

namespace keyward {

struct ServerConfig {
  std::string listen;           // host:port
  bool allow_insecure = false;  // plaintext on a non-loopback address
  // Threads serving calls (calls beyond them get RESOURCE_EXHAUSTED) and the
  // largest request message accepted.
  int max_threads = 0;
  int max_receive_message_bytes = 0;
  std::chrono::milliseconds health_check_interval{0};
  // On SIGINT/SIGTERM: health NOT_SERVING while still serving for
  // drain_period, then no new calls and shutdown_grace for in-flight ones.
  std::chrono::milliseconds drain_period{0};
  std::chrono::milliseconds shutdown_grace{0};
  std::string ready_file;  // written with the bound address once serving
  // Event streams (WatchEvents): how often one looks for new events once
  // caught up, and how many may be open at once (each holds a thread).
  std::chrono::milliseconds event_poll_interval{0};
  int max_event_streams = 0;
  std::string log_format;  // "text" or "json"
};

const OptionTable<ServerConfig>& ServerOptions();

// True when `listen` ("host:port", "[v6]:port", "localhost:port") names a
// loopback address only.
bool IsLoopbackListenAddress(const std::string& listen);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_SERVER_CONFIG_H_
