#include "tests/support/opa_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "tests/support/eventually.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

std::string OpaBinary() {
  const char* path = std::getenv("KEYWARD_TEST_OPA_BIN");
  return path != nullptr && *path != '\0' ? path : "opa";
}

// 32 random bytes, hex-encoded.
std::string RandomToken() {
  std::ifstream random("/dev/urandom", std::ios::binary);
  unsigned char bytes[32];
  random.read(reinterpret_cast<char*>(bytes), sizeof(bytes));
  if (!random) {
    std::cerr << "cannot read /dev/urandom for OPA's token\n";
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token.push_back(kHex[byte >> 4]);
    token.push_back(kHex[byte & 0xf]);
  }
  return token;
}

}  // namespace

OpaProcess::OpaProcess()
    : dir_(MakeTempDir()), token_(RandomToken()), port_(FreePort()) {
  policy_dir_ = dir_ + "/policy";
  token_file_ = dir_ + "/opa.token";
  {
    const int fd =
        open(token_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const std::string line = token_ + "\n";
    if (fd < 0 || write(fd, line.data(), line.size()) !=
                      static_cast<ssize_t>(line.size())) {
      std::cerr << "cannot write " << token_file_ << "\n";
      std::abort();
    }
    close(fd);
  }
  std::filesystem::copy(RequiredEnv("KEYWARD_TEST_POLICY_DIR"), policy_dir_,
                        std::filesystem::copy_options::recursive);
  Start();
}

OpaProcess::~OpaProcess() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string OpaProcess::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void OpaProcess::Start() {
  const std::string binary = OpaBinary();
  const std::string address = "127.0.0.1:" + std::to_string(port_);
  const std::string log = dir_ + "/opa.log";
  pid_ = fork();
  if (pid_ == 0) {
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    setenv("KEYWARD_OPA_TOKEN", token_.c_str(), 1);
    execlp(binary.c_str(), binary.c_str(), "run", "--server", "--addr",
           address.c_str(), "--authentication=token", "--authorization=basic",
           "--watch", "--log-level", "error", "--skip-version-check", "--set",
           "decision_logs.console=true", policy_dir_.c_str(),
           static_cast<char*>(nullptr));
    _exit(127);
  }
  bool exited = false;
  const bool healthy = PollUntil(
      [&] {
        exited = waitpid(pid_, nullptr, WNOHANG) == pid_;
        return exited || Healthy();
      },
      std::chrono::seconds(30));
  if (!healthy || exited) {
    std::cerr << "OPA (" << binary << ") did not start; see " << log << "\n";
    std::abort();
  }
}

void OpaProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGCONT);
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void OpaProcess::Pause() { kill(pid_, SIGSTOP); }

void OpaProcess::Resume() { kill(pid_, SIGCONT); }

void OpaProcess::WritePolicy(const std::string& name, const std::string& rego) {
  std::ofstream(policy_dir_ + "/keyward/" + name) << rego;
}

bool OpaProcess::Healthy() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(1, 0);
  const httplib::Result reply = client.Get("/health");
  return reply && reply->status == 200;
}

}  // namespace keyward::testing
