#include "tests/e2e/cli_runner.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

constexpr auto kTimeout = std::chrono::seconds(60);

[[noreturn]] void Exec(const std::vector<std::string>& args,
                       const std::vector<std::string>& env) {
  std::vector<std::string> argv_text = {KEYWARD_CLI_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : env) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  execve(argv[0], argv.data(), envp.data());
  _exit(127);
}

}  // namespace

CliRunner::CliRunner(std::string url, std::map<std::string, std::string> env)
    : dir_(MakeTempDir()),
      home_(dir_ + "/home"),
      url_(std::move(url)),
      env_(std::move(env)) {
  std::filesystem::create_directories(home_);
}

CliRunner::~CliRunner() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<std::string> CliRunner::Environment(
    const std::map<std::string, std::string>& extra) const {
  std::map<std::string, std::string> env = {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"HOME", home_}};
  if (!url_.empty()) env["KEYWARD_URL"] = url_;
  for (const auto& [name, value] : env_) env[name] = value;
  for (const auto& [name, value] : extra) {
    if (value.empty()) {
      env.erase(name);
    } else {
      env[name] = value;
    }
  }
  std::vector<std::string> entries;
  for (const auto& [name, value] : env) entries.push_back(name + "=" + value);
  return entries;
}

CliResult CliRunner::Run(const std::vector<std::string>& args,
                         const std::string& input,
                         const std::map<std::string, std::string>& env) const {
  static int run = 0;
  const std::string base = dir_ + "/run" + std::to_string(++run);
  std::ofstream(base + ".in") << input;
  const std::vector<std::string> environment = Environment(env);

  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open((base + ".in").c_str(), O_RDONLY);
    const int out = open((base + ".out").c_str(), O_WRONLY | O_CREAT, 0600);
    const int err = open((base + ".err").c_str(), O_WRONLY | O_CREAT, 0600);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    setsid();  // no controlling terminal: the CLI must not find one
    Exec(args, environment);
  }
  CliResult result;
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) {
    result.exit_code = ExitCode(status);
  }
  result.out = ReadFile(base + ".out");
  result.err = ReadFile(base + ".err");
  return result;
}

CliResult CliRunner::RunOnTerminal(
    const std::vector<std::string>& args,
    const std::vector<std::pair<std::string, std::string>>& dialog,
    const std::map<std::string, std::string>& env) const {
  const std::vector<std::string> environment = Environment(env);
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) Exec(args, environment);

  CliResult result;
  if (pid < 0) return result;
  size_t next = 0;      // the next dialog entry to answer
  size_t searched = 0;  // output before this offset matched earlier prompts
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (next < dialog.size()) {
      const size_t at = result.out.find(dialog[next].first, searched);
      if (at != std::string::npos) {
        searched = at + dialog[next].first.size();
        const std::string& answer = dialog[next].second;
        if (write(master, answer.data(), answer.size()) < 0) break;
        ++next;
        continue;
      }
    }
    struct pollfd fd = {master, POLLIN, 0};
    if (poll(&fd, 1, 1000) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(master, buffer, sizeof(buffer));
    if (n <= 0) break;  // EIO once the child has exited and closed the pty
    result.out.append(buffer, static_cast<size_t>(n));
  }
  close(master);
  int status = 0;
  if (waitpid(pid, &status, 0) == pid) result.exit_code = ExitCode(status);
  return result;
}

std::string ClosedAddress() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);  // nothing listens on the port any more
  return "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

}  // namespace keyward::testing
