// What scripts/test provides to the integration and e2e tests through the
// environment: the PostgreSQL and OPA it started, and how to stop and start
// that PostgreSQL. A missing variable fails the test loudly rather than
// skipping it, so a misconfigured run cannot pass by testing nothing.
//
// Thread-safety: read-only; safe from any thread.
#ifndef KEYWARD_TESTS_SUPPORT_TEST_ENVIRONMENT_H_
#define KEYWARD_TESTS_SUPPORT_TEST_ENVIRONMENT_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace keyward::testing {

// The variable's value; aborts the test binary with a hint when unset.
std::string RequiredEnv(const char* name);

// Superuser URL of the test PostgreSQL (KEYWARD_TEST_DATABASE_URL).
inline std::string AdminDatabaseUrl() {
  return RequiredEnv("KEYWARD_TEST_DATABASE_URL");
}

// Runs `$KEYWARD_TEST_PG_CONTROL <verb>` (verb: stop | start); true on
// success.
bool ControlTestPostgres(const std::string& verb);

// A fresh directory under $TMPDIR (or /tmp), removed by the caller.
std::string MakeTempDir();

// The whole file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

// The permission bits of `path` (e.g. 0600); -1 when it cannot be stat'ed.
int PermissionBits(const std::string& path);

// A waitpid status as a shell would report it: the exit code, or 128 + the
// signal that ended the process; -1 otherwise.
int ExitCode(int status);

// Starts `argv` (argv[0] a path) as a child process with exactly the
// environment `env` ("NAME=value" entries), its stdout and stderr appended to
// `log_path`; returns its pid.
pid_t SpawnLogged(std::vector<std::string> argv, std::vector<std::string> env,
                  const std::string& log_path);

// Waits up to `timeout` for the child `*pid` to exit; then sets *pid to -1
// and returns its ExitCode. -1 on timeout or when *pid is not a child.
int WaitForChildExit(pid_t* pid, std::chrono::milliseconds timeout);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_TEST_ENVIRONMENT_H_
