// KeywardServer: a fresh database plus a keywardd serving it, and a channel
// to call it through generated stubs — the fixture of the API integration
// tests. Start one per test suite; tests create their own objects.
//
// Thread-safety: channel() may be used from several threads.
#ifndef KEYWARD_TESTS_SUPPORT_KEYWARD_SERVER_H_
#define KEYWARD_TESTS_SUPPORT_KEYWARD_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "tests/support/keywardd_process.h"
#include "tests/support/test_database.h"

namespace keyward::testing {

class KeywardServer {
 public:
  // `env` adds or overrides keywardd settings (KEYWARD_*).
  explicit KeywardServer(std::map<std::string, std::string> env = {});

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  TestDatabase& db() { return db_; }
  KeywarddProcess& process() { return *process_; }

  // A context with a deadline, so a hung server fails the test, not CI.
  static std::unique_ptr<grpc::ClientContext> Context();

 private:
  TestDatabase db_;
  std::unique_ptr<KeywarddProcess> process_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_KEYWARD_SERVER_H_
