#include "tests/support/gateway_process.h"

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/eventually.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {

GatewayProcess::GatewayProcess(std::string upstream,
                               std::vector<std::string> args)
    : dir_(MakeTempDir()),
      upstream_(std::move(upstream)),
      args_(std::move(args)) {}

GatewayProcess::~GatewayProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string GatewayProcess::Path() { return KEYWARD_GATEWAY_PATH; }

bool GatewayProcess::Start(std::chrono::seconds timeout) {
  if (access(Path().c_str(), X_OK) != 0) {
    error_ = "keyward-gateway is not built: no executable " + Path() +
             " (scripts/build builds it; CMake alone does not)";
    return false;
  }
  // Port 0: the kernel picks a free port, which the gateway writes to its
  // ready file ("HOST:PORT") once it serves.
  const std::string ready_file = dir_ + "/ready";
  // Metrics off: tests run gateways side by side, and 127.0.0.1:9465 is one.
  std::vector<std::string> argv_text = {
      Path(),         "--listen", "127.0.0.1:0",      "--upstream", upstream_,
      "--ready-file", ready_file, "--metrics-listen", "off"};
  argv_text.insert(argv_text.end(), args_.begin(), args_.end());
  pid_ =
      SpawnLogged(std::move(argv_text), {"PATH=/usr/local/bin:/usr/bin:/bin"},
                  dir_ + "/gateway.log");

  bool exited = false;
  const bool healthy_or_exited = PollUntil(
      [&] {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          exited = true;
          return true;
        }
        if (port_ == 0) {
          const std::string address = ReadFile(ready_file);
          const size_t colon = address.rfind(':');
          if (colon == std::string::npos) return false;
          host_ = address.substr(0, colon);
          port_ = std::stoi(address.substr(colon + 1));
        }
        httplib::Client client(host_, port_);
        client.set_connection_timeout(std::chrono::seconds(2));
        const httplib::Result health = client.Get("/healthz");
        return health && health->status == 200;
      },
      timeout);
  if (exited) pid_ = -1;
  if (!healthy_or_exited || exited) {
    error_ = std::string("keyward-gateway ") +
             (exited ? "exited" : "did not answer GET /healthz with 200") +
             " (upstream " + upstream_ + "); its log:\n" + log();
    return false;
  }
  return true;
}

int GatewayProcess::Stop(int signal, std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  return WaitForChildExit(&pid_, timeout);
}

std::string GatewayProcess::log() const {
  return ReadFile(dir_ + "/gateway.log");
}

}  // namespace keyward::testing
