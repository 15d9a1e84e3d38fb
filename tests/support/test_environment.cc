#include "tests/support/test_environment.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

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

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace keyward::testing
