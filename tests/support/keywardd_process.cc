#include "tests/support/keywardd_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/eventually.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {

KeywarddProcess::KeywarddProcess(std::map<std::string, std::string> env,
                                 std::vector<std::string> args)
    : dir_(MakeTempDir()), args_(std::move(args)) {
  const std::string pepper_file = dir_ + "/pepper";
  {
    std::ofstream pepper(pepper_file);
    pepper << "test-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
  }
  // keywardd refuses a pepper file group or others may read.
  std::filesystem::permissions(
      pepper_file,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  env_ = {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"KEYWARD_LISTEN", "127.0.0.1:0"},
      {"KEYWARD_METRICS_LISTEN", "127.0.0.1:0"},
      {"KEYWARD_DRAIN_PERIOD", "0"},
      {"KEYWARD_PEPPER_FILE", pepper_file},
      {"KEYWARD_READY_FILE", dir_ + "/ready"},
  };
  // The OPA scripts/test starts is closed: keywardd needs its token. A test
  // that starts its own OPA passes that one's token file in `env`.
  const char* opa_token_file = std::getenv("KEYWARD_TEST_OPA_TOKEN_FILE");
  if (opa_token_file != nullptr && *opa_token_file != '\0') {
    env_["KEYWARD_OPA_TOKEN_FILE"] = opa_token_file;
  }
  // Under scripts/test sanitize keywardd is instrumented too: a report ends
  // it (failing the test that called it) with the options the tests run with.
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
                           "ASAN_SYMBOLIZER_PATH"}) {
    const char* value = std::getenv(name);
    if (value != nullptr) env_[name] = value;
  }
  for (auto& [name, value] : env) env_[name] = value;
}

KeywarddProcess::~KeywarddProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void KeywarddProcess::Spawn() {
  std::vector<std::string> argv_text = {KEYWARDD_PATH};
  argv_text.insert(argv_text.end(), args_.begin(), args_.end());
  std::vector<std::string> env_text;
  for (const auto& [name, value] : env_) env_text.push_back(name + "=" + value);

  pid_ = SpawnLogged(std::move(argv_text), std::move(env_text),
                     dir_ + "/keywardd.log");
}

bool KeywarddProcess::Start(std::chrono::seconds timeout) {
  const std::string ready = env_["KEYWARD_READY_FILE"];
  std::filesystem::remove(ready);  // a restart's, left by the last run
  Spawn();
  bool exited = false;
  const bool ready_or_exited = PollUntil(
      [&] {
        if (std::filesystem::exists(ready)) return true;
        int status = 0;
        exited = waitpid(pid_, &status, WNOHANG) == pid_;
        return exited;
      },
      timeout);
  if (exited) pid_ = -1;
  if (!ready_or_exited || exited) return false;
  address_ = ReadFile(ready);
  while (!address_.empty() && address_.back() == '\n') address_.pop_back();
  return true;
}

int KeywarddProcess::RunToExit(std::chrono::seconds timeout) {
  Spawn();
  return WaitForExit(timeout);
}

int KeywarddProcess::Stop(int signal, std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  Signal(signal);
  return WaitForExit(timeout);
}

void KeywarddProcess::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

int KeywarddProcess::WaitForExit(std::chrono::milliseconds timeout) {
  return WaitForChildExit(&pid_, timeout);
}

std::string KeywarddProcess::metrics_address() const {
  // keywardd logs "metrics on http://HOST:PORT/metrics" before it is ready.
  static const std::regex kLine("metrics on http://([^ /]+)/metrics");
  const std::string text = log();
  std::smatch match;
  if (!std::regex_search(text, match, kLine)) return "";
  return match[1];
}

std::string KeywarddProcess::log() const {
  return ReadFile(dir_ + "/keywardd.log");
}

}  // namespace keyward::testing
