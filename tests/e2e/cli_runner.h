// CliRunner: the built `keyward` binary run as a child process the way a
// user runs it — with a controlled environment (PATH, HOME in a fresh
// directory so the login context is the test's own, KEYWARD_URL), stdin
// from a string, and stdout, stderr and the exit code captured. RunOnTerminal
// runs it on a pseudo-terminal instead, answering prompts.
//
// Thread-safety: use from one thread.
#ifndef KEYWARD_TESTS_E2E_CLI_RUNNER_H_
#define KEYWARD_TESTS_E2E_CLI_RUNNER_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace keyward::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliRunner {
 public:
  // `url` becomes KEYWARD_URL unless empty; `env` is added to every run
  // (e.g. KEYWARD_API_KEY and KEYWARD_API_SECRET once calls need them).
  explicit CliRunner(std::string url,
                     std::map<std::string, std::string> env = {});
  ~CliRunner();
  CliRunner(const CliRunner&) = delete;
  CliRunner& operator=(const CliRunner&) = delete;

  // Runs `keyward args...` with `input` on stdin (not a terminal). `env`
  // adds to or overrides the environment; a value of "" removes the
  // variable.
  CliResult Run(const std::vector<std::string>& args,
                const std::string& input = "",
                const std::map<std::string, std::string>& env = {}) const;

  // Runs `keyward args...` on a pseudo-terminal: whenever the output so far
  // contains the next prompt of `dialog`, types its answer. Returns the
  // exit code and everything the terminal showed (in `out`).
  CliResult RunOnTerminal(
      const std::vector<std::string>& args,
      const std::vector<std::pair<std::string, std::string>>& dialog,
      const std::map<std::string, std::string>& env = {}) const;

  const std::string& home() const { return home_; }
  std::string context_file() const {
    return home_ + "/.config/keyward/config.json";
  }

 private:
  std::vector<std::string> Environment(
      const std::map<std::string, std::string>& extra) const;

  std::string dir_;
  std::string home_;
  std::string url_;
  std::map<std::string, std::string> env_;
};

// "127.0.0.1:PORT" for a port nothing listens on.
std::string ClosedAddress();

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_E2E_CLI_RUNNER_H_
