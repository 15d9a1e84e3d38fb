// KeywardServer: a fresh database plus a keywardd serving it, and a channel
// to call it through generated stubs — the fixture of the API integration
// tests. It bootstraps an OrganizationAdmin first (`keywardd bootstrap`),
// and Context() carries that admin's Cloud key. Start one per test suite;
// tests create their own objects.
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

  // A context with a deadline, so a hung server fails the test, not CI,
  // authenticated as the admin of the most recently started KeywardServer.
  static std::unique_ptr<grpc::ClientContext> Context();
  // Adds that admin's authorization metadata to a context of the caller's.
  static void Authorize(grpc::ClientContext& context);

  const std::string& admin_id() const { return admin_id_; }
  const std::string& admin_key() const { return admin_key_; }
  const std::string& admin_secret() const { return admin_secret_; }

  // Bootstraps an admin on `database_url` with keywardd and returns
  // KEY:SECRET; `env` adds settings (e.g. a pepper file other than
  // KeywarddProcess's default test pepper).
  static std::string BootstrapAdmin(
      const std::string& database_url,
      std::map<std::string, std::string> env = {});
  // Makes Context() and Authorize() use KEY:SECRET; returns the previous
  // authorization value so a fixture can restore it.
  static std::string UseAdmin(const std::string& key_and_secret);
  static void RestoreAuthorization(const std::string& previous);
  // "Basic base64(KEY:SECRET)".
  static std::string BasicAuthorization(const std::string& key_and_secret);

 private:
  TestDatabase db_;
  std::string admin_id_;
  std::string admin_key_;
  std::string admin_secret_;
  std::unique_ptr<KeywarddProcess> process_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_KEYWARD_SERVER_H_
