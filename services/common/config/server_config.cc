#include "services/common/config/server_config.h"

#include "services/common/option_values.h"
#include "services/common/server_address.h"

namespace keyward {

const OptionTable<ServerConfig>& ServerOptions() {
  using std::chrono::milliseconds;
  static const OptionTable<ServerConfig> kOptions = {
      {{"listen", "KEYWARD_LISTEN",
        "address to serve gRPC on (port 0 picks one)", kDefaultServerAddress},
       Into(&ServerConfig::listen, HostPort())},
      {{"allow-insecure", "KEYWARD_ALLOW_INSECURE",
        "allow plaintext on a non-loopback address", "false",
        /*is_switch=*/true},
       Into(&ServerConfig::allow_insecure, Boolean())},
      {{"max-threads", "KEYWARD_MAX_THREADS",
        "threads serving gRPC calls at most; calls beyond them get "
        "RESOURCE_EXHAUSTED",
        "64"},
       Into(&ServerConfig::max_threads, WholeNumber(4, 10000))},
      {{"max-receive-message-size", "KEYWARD_MAX_RECEIVE_MESSAGE_SIZE",
        "largest request message accepted (bytes, or with KiB or MiB); "
        "larger ones get RESOURCE_EXHAUSTED",
        "1MiB"},
       Into(&ServerConfig::max_receive_message_bytes,
            ByteSize(4 * 1024, 64 * 1024 * 1024))},
      {{"health-check-interval", "KEYWARD_HEALTH_CHECK_INTERVAL",
        "how often the database is probed for grpc.health.v1", "1s"},
       Into(&ServerConfig::health_check_interval, Duration(milliseconds(50)))},
      {{"drain-period", "KEYWARD_DRAIN_PERIOD",
        "on SIGINT/SIGTERM, how long health says NOT_SERVING while calls "
        "are still served (a second signal ends it early; 0: none)",
        "5s"},
       Into(&ServerConfig::drain_period, Duration(milliseconds(0)))},
      {{"shutdown-grace", "KEYWARD_SHUTDOWN_GRACE",
        "after the drain period, time in-flight calls get to finish while no "
        "new ones are accepted",
        "10s"},
       Into(&ServerConfig::shutdown_grace, Duration(milliseconds(0)))},
      {{"ready-file", "KEYWARD_READY_FILE",
        "file to write the bound address to once serving", ""},
       Into(&ServerConfig::ready_file, Text())},
      {{"event-poll-interval", "KEYWARD_EVENT_POLL_INTERVAL",
        "how often an event stream that has caught up looks for new events",
        "250ms"},
       Into(&ServerConfig::event_poll_interval, Duration(milliseconds(10)))},
      {{"max-event-streams", "KEYWARD_MAX_EVENT_STREAMS",
        "event streams (WatchEvents) open at once at most, each holding one "
        "of the --max-threads; more get RESOURCE_EXHAUSTED",
        "16"},
       Into(&ServerConfig::max_event_streams, WholeNumber(0, 10000))},
      {{"log-format", "KEYWARD_LOG_FORMAT",
        "text (time LEVEL message name=value …) or json (one object per "
        "line: time, level, message and, per call, request_id, method, "
        "code, duration_ms, peer)",
        "text"},
       Into(&ServerConfig::log_format, OneOf({"text", "json"}))},
  };
  return kOptions;
}

bool IsLoopbackListenAddress(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace keyward
