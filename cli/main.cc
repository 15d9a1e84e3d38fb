// keyward: the command-line client of Keyward. See `keyward --help`.
#include <grpc/support/log.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/context.h"
#include "cli/dispatch.h"
#include "services/common/environment.h"

namespace {

// gRPC's own log lines (e.g. TLS handshake failures) would repeat, less
// clearly, the error keyward prints; GRPC_VERBOSITY brings them back.
void DiscardGrpcLog(gpr_log_func_args*) {}

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("GRPC_VERBOSITY") == nullptr) {
    gpr_set_log_function(DiscardGrpcLog);
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int code =
      keyward::cli::RunCli(keyward::cli::AllGroups(), args,
                           keyward::ProcessEnvironment(), std::cout, std::cerr);
  std::cout.flush();
  return code;
}
