// The `keyward` entry point without the process around it: finds the
// command group and command, parses their flags together with the global
// ones (--url, --tls-ca, --api-key, -o), prints help and usage errors,
// resolves the connection for commands that talk to keywardd and runs the
// command. Returns the process exit code (see errors.h).
//
// Thread-safety: run one at a time (commands may prompt on the terminal).
#ifndef KEYWARD_CLI_DISPATCH_H_
#define KEYWARD_CLI_DISPATCH_H_

#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/context.h"

namespace keyward::cli {

// `args` is argv without the program name.
int RunCli(const std::vector<Group>& groups,
           const std::vector<std::string>& args, const Environment& env,
           std::ostream& out, std::ostream& err);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_DISPATCH_H_
