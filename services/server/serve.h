// RunServe / RunMigrate: the keywardd commands. RunServe migrates, then serves
// gRPC until SIGINT or SIGTERM; then health turns NOT_SERVING while it keeps
// serving for the drain period (a second signal ends it early), then it
// accepts no new calls, gives in-flight calls the shutdown grace period to
// finish and returns the process exit code.
//
// Thread-safety: call once, from main, with SIGINT and SIGTERM blocked in
// every thread (see BlockShutdownSignals).
#ifndef KEYWARD_SERVICES_SERVER_SERVE_H_
#define KEYWARD_SERVICES_SERVER_SERVE_H_

#include "services/common/config.h"

namespace keyward::server {

int RunMigrate(const Config& config);
// Migrates, creates the first OrganizationAdmin and prints its Cloud key
// once on stdout as KEY:SECRET; exit code 1 when one already exists.
int RunBootstrap(const Config& config);
int RunServe(const Config& config);
// Migrates, evaluates the compliance policy over every key once (waiting
// for no interval, but for no other evaluation either: exit code 1 while
// another replica's holds the lease), stores the findings and prints
// {"keys_evaluated", "findings", "seconds"} as one JSON line on stdout.
int RunCompliance(const Config& config);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_SERVE_H_
