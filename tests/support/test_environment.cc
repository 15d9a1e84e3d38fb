#include "tests/support/test_environment.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

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
  std::string pattern = std::string(base != nullptr ? base : "/tmp") +
                        "/keyward-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  return pattern;
}

}  // namespace keyward::testing
