// KeywarddProcess: the built keywardd run as a child process, the way an
// operator runs it — on a port the kernel picks, against a given database,
// with its log captured to a file the test can read. It talks to the OPA
// scripts/test started, with the token in KEYWARD_TEST_OPA_TOKEN_FILE
// (passed as KEYWARD_OPA_TOKEN_FILE), unless `env` says otherwise.
//
// Thread-safety: use from one thread.
#ifndef KEYWARD_TESTS_SUPPORT_KEYWARDD_PROCESS_H_
#define KEYWARD_TESTS_SUPPORT_KEYWARDD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace keyward::testing {

class KeywarddProcess {
 public:
  // `env` is added to a minimal environment (PATH, a pepper file, a ready
  // file, KEYWARD_LISTEN=127.0.0.1:0, KEYWARD_METRICS_LISTEN=127.0.0.1:0 so
  // that parallel instances never share a port, KEYWARD_DRAIN_PERIOD=0 so
  // that SIGTERM stops it without the drain) and overrides it.
  explicit KeywarddProcess(std::map<std::string, std::string> env,
                           std::vector<std::string> args = {"serve"});
  ~KeywarddProcess();  // kills the process if still running
  KeywarddProcess(const KeywarddProcess&) = delete;
  KeywarddProcess& operator=(const KeywarddProcess&) = delete;

  // Starts keywardd and waits until it writes its ready file; false (with
  // the log in the failure message) if it exits or times out first.
  bool Start(std::chrono::seconds timeout = std::chrono::seconds(60));

  // Runs keywardd to completion and returns its exit code.
  int RunToExit(std::chrono::seconds timeout = std::chrono::seconds(60));

  // Sends `signal` and waits for the exit; returns the exit code, or 128 +
  // signal number when the process died of a signal, or -1 on timeout.
  int Stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(30));
  // Sends `signal` without waiting.
  void Signal(int signal);
  // Waits for the exit; the exit code as Stop returns it.
  int WaitForExit(std::chrono::milliseconds timeout);

  // "127.0.0.1:PORT" once started.
  const std::string& address() const { return address_; }
  // Where it serves /metrics ("127.0.0.1:PORT", from its log) once started;
  // empty when metrics are off.
  std::string metrics_address() const;
  std::string log() const;

 private:
  void Spawn();

  std::string dir_;
  std::map<std::string, std::string> env_;
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  std::string address_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_KEYWARDD_PROCESS_H_
