// OpaProcess: an Open Policy Agent of a test's own, serving a private copy
// of the policy bundle (KEYWARD_TEST_POLICY_DIR) with --watch, so a test can
// add a rule at run time, pause OPA (SIGSTOP), or stop and restart it
// without disturbing other tests. It runs closed, the way scripts/run starts
// OPA: token authentication and the bundle's system.authz policy, with a
// random token of its own (KEYWARD_OPA_TOKEN in OPA's environment, and in
// token_file() for keywardd's --opa-token-file).
//
// Thread-safety: use from one thread.
#ifndef KEYWARD_TESTS_SUPPORT_OPA_PROCESS_H_
#define KEYWARD_TESTS_SUPPORT_OPA_PROCESS_H_

#include <sys/types.h>

#include <string>

namespace keyward::testing {

class OpaProcess {
 public:
  OpaProcess();   // copies the bundle and starts OPA; aborts if it cannot
  ~OpaProcess();  // kills OPA, removes the copy

  std::string url() const;
  const std::string& policy_dir() const { return policy_dir_; }
  // The bearer token decision calls need, and the file (mode 0600) holding it.
  const std::string& token() const { return token_; }
  const std::string& token_file() const { return token_file_; }

  void Pause();   // SIGSTOP: connections are accepted, nothing answers
  void Resume();  // SIGCONT
  void Stop();
  void Start();  // on the same port and bundle

  // Writes `rego` to <policy_dir>/keyward/<name>; OPA reloads it (--watch).
  void WritePolicy(const std::string& name, const std::string& rego);

 private:
  bool Healthy() const;

  std::string dir_;
  std::string policy_dir_;
  std::string token_;
  std::string token_file_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_OPA_PROCESS_H_
