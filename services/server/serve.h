// RunServe / RunMigrate: the keywardd commands. RunServe migrates, then serves
// gRPC until SIGINT or SIGTERM, then drains in-flight calls for the configured
// grace period and returns the process exit code.
//
// Thread-safety: call once, from main, with SIGINT and SIGTERM blocked in
// every thread (see BlockShutdownSignals).
#ifndef KEYWARD_SERVICES_SERVER_SERVE_H_
#define KEYWARD_SERVICES_SERVER_SERVE_H_

#include "services/common/config.h"

namespace keyward::server {

// Blocks SIGINT and SIGTERM so that only the thread that waits for them in
// RunServe receives them. Call before any thread starts.
void BlockShutdownSignals();

int RunMigrate(const Config& config);
// Migrates, creates the first OrganizationAdmin and prints its Cloud key
// once on stdout as KEY:SECRET; exit code 1 when one already exists.
int RunBootstrap(const Config& config);
int RunServe(const Config& config);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_SERVE_H_
