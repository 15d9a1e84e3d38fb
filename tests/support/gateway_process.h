// GatewayProcess: the built keyward-gateway run as a child process in front
// of a keywardd, the way an operator runs it — on a port the kernel picks,
// with its log captured to a file the test can read. scripts/build builds the
// gateway (Go), CMake does not: when the binary is missing, Start() says so.
//
// Thread-safety: use from one thread.
#ifndef KEYWARD_TESTS_SUPPORT_GATEWAY_PROCESS_H_
#define KEYWARD_TESTS_SUPPORT_GATEWAY_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace keyward::testing {

class GatewayProcess {
 public:
  // `upstream` is keywardd's gRPC address ("127.0.0.1:PORT"); `args` are
  // further keyward-gateway flags. The gateway gets no KEYWARD_* variables
  // from the test's environment.
  explicit GatewayProcess(std::string upstream,
                          std::vector<std::string> args = {});
  ~GatewayProcess();  // kills the process if still running
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;

  // Starts the gateway and waits until GET /healthz answers 200 (keywardd
  // reachable and serving); false, with the reason in error(), if the binary
  // is missing or the gateway exits or times out first.
  bool Start(std::chrono::seconds timeout = std::chrono::seconds(60));

  // Sends `signal` and waits for the exit; the exit code, 128 + signal number
  // when the process died of a signal, or -1 on timeout.
  int Stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(30));

  // The HTTP address once started.
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  // Why Start() failed, with the gateway's log.
  const std::string& error() const { return error_; }
  std::string log() const;

  // Where the binary is expected (build/bin/keyward-gateway).
  static std::string Path();

 private:
  std::string dir_;
  std::string upstream_;
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  std::string host_;
  int port_ = 0;
  std::string error_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_GATEWAY_PROCESS_H_
