#include "tests/support/test_environment.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/support/eventually.h"

namespace keyward::testing {

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::cerr << name
              << " is not set: run the tests through scripts/test, which "
                 "starts PostgreSQL and OPA and exports it\n";
    std::abort();
  }
  return value;
}

bool ControlTestPostgres(const std::string& verb) {
  const std::string command =
      RequiredEnv("KEYWARD_TEST_PG_CONTROL") + " " + verb + " >&2";
  return std::system(command.c_str()) == 0;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr ? base : "/tmp") + "/keyward-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  return pattern;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int PermissionBits(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 0777);
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t SpawnLogged(std::vector<std::string> argv, std::vector<std::string> env,
                  const std::string& log_path) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  dup2(log, STDOUT_FILENO);
  dup2(log, STDERR_FILENO);
  std::vector<char*> argv_pointers;
  for (auto& arg : argv) argv_pointers.push_back(arg.data());
  argv_pointers.push_back(nullptr);
  std::vector<char*> env_pointers;
  for (auto& entry : env) env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);
  execve(argv_pointers[0], argv_pointers.data(), env_pointers.data());
  _exit(127);
}

int WaitForChildExit(pid_t* pid, std::chrono::milliseconds timeout) {
  if (*pid <= 0) return -1;
  int status = 0;
  if (!PollUntil([&] { return waitpid(*pid, &status, WNOHANG) == *pid; },
                 timeout)) {
    return -1;
  }
  *pid = -1;
  return ExitCode(status);
}

}  // namespace keyward::testing
