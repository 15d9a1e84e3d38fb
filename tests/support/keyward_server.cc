#include "tests/support/keyward_server.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {

namespace {

std::string& CurrentAuthorization() {
  static std::string authorization;
  return authorization;
}

}  // namespace

std::string KeywardServer::BootstrapAdmin(
    const std::string& database_url, std::map<std::string, std::string> env) {
  env["KEYWARD_DATABASE_URL"] = database_url;
  KeywarddProcess bootstrap(env,
                            {"bootstrap", "--email", "admin@keyward.test"});
  if (bootstrap.RunToExit() != 0) {
    std::cerr << "keywardd bootstrap failed:\n" << bootstrap.log() << "\n";
    std::abort();
  }
  // The one line of the form KEY:kwsec_….
  std::istringstream lines(bootstrap.log());
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 17 && line[16] == ':' &&
        line.compare(17, 6, "kwsec_") == 0) {
      return line;
    }
  }
  std::cerr << "no KEY:SECRET in bootstrap output:\n" << bootstrap.log();
  std::abort();
}

std::string KeywardServer::BasicAuthorization(
    const std::string& key_and_secret) {
  std::string encoded;
  absl::Base64Escape(key_and_secret, &encoded);
  return "Basic " + encoded;
}

std::string KeywardServer::UseAdmin(const std::string& key_and_secret) {
  std::string previous = CurrentAuthorization();
  CurrentAuthorization() = BasicAuthorization(key_and_secret);
  return previous;
}

void KeywardServer::RestoreAuthorization(const std::string& previous) {
  CurrentAuthorization() = previous;
}

void KeywardServer::Authorize(grpc::ClientContext& context) {
  context.AddMetadata("authorization", CurrentAuthorization());
}

KeywardServer::KeywardServer(std::map<std::string, std::string> env) {
  const std::string credentials = BootstrapAdmin(db_.url());
  admin_key_ = credentials.substr(0, 16);
  admin_secret_ = credentials.substr(17);
  admin_id_ = db_.QueryValue("SELECT owner_id FROM api_keys WHERE id = '" +
                             admin_key_ + "'");
  UseAdmin(credentials);
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
  Authorize(*context);
  return context;
}

}  // namespace keyward::testing
