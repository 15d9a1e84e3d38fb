#include "tests/support/keyward_server.h"

#include <cstdlib>
#include <iostream>

#include "tests/support/test_environment.h"

namespace keyward::testing {

KeywardServer::KeywardServer(std::map<std::string, std::string> env) {
  env.emplace("KEYWARD_DATABASE_URL", db_.url());
  env.emplace("KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL"));
  process_ = std::make_unique<KeywarddProcess>(env);
  if (!process_->Start()) {
    std::cerr << "keywardd did not start:\n" << process_->log() << "\n";
    std::abort();
  }
  channel_ = grpc::CreateChannel(process_->address(),
                                 grpc::InsecureChannelCredentials());
}

std::unique_ptr<grpc::ClientContext> KeywardServer::Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

}  // namespace keyward::testing
