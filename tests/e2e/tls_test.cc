// keywardd serving TLS and mutual TLS, with a CA and certificates the test
// makes at run time, called through generated stubs the way a client in
// another network would; and the refusal to serve plaintext on a
// non-loopback address.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "tests/support/grpc_probe.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_database.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// "HOST:PORT" → "127.0.0.1:PORT", to reach a server bound to any address.
std::string LoopbackAddress(const std::string& address) {
  return "127.0.0.1" + address.substr(address.rfind(':'));
}

std::string LocalhostAddress(const std::string& address) {
  return "localhost" + address.substr(address.rfind(':'));
}

// TLS channel credentials trusting `root_pem`, presenting `client` if given.
std::shared_ptr<grpc::ChannelCredentials> TlsClient(
    const std::string& root_pem, const CertifiedKey* client = nullptr) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = root_pem;
  if (client != nullptr) {
    options.pem_private_key = client->private_key_pem;
    options.pem_cert_chain = client->certificate_pem;
  }
  return grpc::SslCredentials(options);
}

class TlsTest : public ::testing::Test {
 protected:
  TlsTest()
      : dir_(MakeTempDir()),
        ca_("Keyward test CA"),
        other_ca_("Some other CA"),
        server_(ca_.IssueServerCertificate({"localhost"}, {"127.0.0.1"})),
        client_(ca_.IssueClientCertificate("keyward-test-client")),
        // The same name as the good client, from a CA keywardd does not trust.
        stranger_(other_ca_.IssueClientCertificate("keyward-test-client")) {
    WriteTextFile(CertFile(), server_.certificate_pem);
    WriteTextFile(KeyFile(), server_.private_key_pem);
    WriteTextFile(ClientCaFile(), ca_.certificate_pem());
  }
  ~TlsTest() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string CertFile() const { return dir_ + "/server.pem"; }
  std::string KeyFile() const { return dir_ + "/server.key"; }
  std::string ClientCaFile() const { return dir_ + "/client-ca.pem"; }

  std::map<std::string, std::string> PlaintextEnv() const {
    return {{"KEYWARD_DATABASE_URL", db_.url()}};
  }
  std::map<std::string, std::string> TlsEnv() const {
    auto env = PlaintextEnv();
    env["KEYWARD_TLS_CERT_FILE"] = CertFile();
    env["KEYWARD_TLS_KEY_FILE"] = KeyFile();
    return env;
  }

  // The health check's status over `credentials`; EXPECTs SERVING on
  // success.
  static grpc::Status Health(
      const std::string& address,
      const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
    ServingStatus serving = HealthCheckResponse::UNKNOWN;
    const grpc::Status status = CheckHealth(address, credentials, &serving);
    if (status.ok()) {
      EXPECT_EQ(serving, HealthCheckResponse::SERVING);
    }
    return status;
  }

  std::string dir_;
  TestDatabase db_;
  TestCertificateAuthority ca_;
  TestCertificateAuthority other_ca_;
  CertifiedKey server_;
  CertifiedKey client_;
  CertifiedKey stranger_;
};

TEST_F(TlsTest, ServesHealthOverTlsToAClientTrustingTheCa) {
  KeywarddProcess keywardd(TlsEnv());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();

  const grpc::Status by_ip =
      Health(keywardd.address(), TlsClient(ca_.certificate_pem()));
  EXPECT_TRUE(by_ip.ok()) << by_ip.error_message();
  const grpc::Status by_name = Health(LocalhostAddress(keywardd.address()),
                                      TlsClient(ca_.certificate_pem()));
  EXPECT_TRUE(by_name.ok()) << by_name.error_message();

  const std::string log = keywardd.log();
  EXPECT_THAT(log, HasSubstr("serving on " + keywardd.address() + " (TLS)"));
  EXPECT_THAT(log, Not(HasSubstr("PRIVATE KEY")));
}

TEST_F(TlsTest, RefusesPlaintextClientsAndClientsNotTrustingItsCertificate) {
  KeywarddProcess keywardd(TlsEnv());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();

  EXPECT_EQ(Health(keywardd.address(), grpc::InsecureChannelCredentials())
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Health(keywardd.address(), TlsClient(other_ca_.certificate_pem()))
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // A TLS server needs no client certificate unless a client CA is set.
  EXPECT_TRUE(
      Health(keywardd.address(), TlsClient(ca_.certificate_pem(), &client_))
          .ok());
}

TEST_F(TlsTest, MutualTlsAdmitsOnlyClientCertificatesFromTheClientCa) {
  KeywarddProcess keywardd(TlsEnv(),
                           {"serve", "--tls-client-ca-file", ClientCaFile()});
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  EXPECT_THAT(keywardd.log(),
              HasSubstr("serving on " + keywardd.address() + " (mTLS)"));

  const std::string root = ca_.certificate_pem();
  EXPECT_EQ(Health(keywardd.address(), TlsClient(root)).error_code(),
            grpc::StatusCode::UNAVAILABLE)
      << "no client certificate";
  EXPECT_EQ(
      Health(keywardd.address(), TlsClient(root, &stranger_)).error_code(),
      grpc::StatusCode::UNAVAILABLE)
      << "a client certificate from another CA";
  EXPECT_EQ(Health(keywardd.address(), grpc::InsecureChannelCredentials())
                .error_code(),
            grpc::StatusCode::UNAVAILABLE)
      << "plaintext";
  const grpc::Status admitted =
      Health(keywardd.address(), TlsClient(root, &client_));
  EXPECT_TRUE(admitted.ok()) << admitted.error_message();
}

TEST_F(TlsTest, RefusesPlaintextOnAllInterfacesWithoutAllowInsecure) {
  auto env = PlaintextEnv();
  env["KEYWARD_LISTEN"] = "0.0.0.0:0";
  KeywarddProcess keywardd(env);
  EXPECT_EQ(keywardd.RunToExit(), 2);
  const std::string log = keywardd.log();
  EXPECT_THAT(log, HasSubstr("KEYWARD_LISTEN: 0.0.0.0:0 is not a loopback "
                             "address; serving plaintext there needs "
                             "--allow-insecure"));
  EXPECT_THAT(log, HasSubstr("--tls-cert-file"));
}

TEST_F(TlsTest, ServesTlsOnAllInterfaces) {
  auto env = TlsEnv();
  env["KEYWARD_LISTEN"] = "0.0.0.0:0";
  KeywarddProcess keywardd(env);
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  EXPECT_THAT(keywardd.address(), StartsWith("0.0.0.0:"));
  const grpc::Status status = Health(LoopbackAddress(keywardd.address()),
                                     TlsClient(ca_.certificate_pem()));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(TlsTest, RefusesToStartWithAKeyThatIsNotTheCertificates) {
  const std::string other_key = dir_ + "/other.key";
  WriteTextFile(other_key, client_.private_key_pem);
  auto env = TlsEnv();
  env["KEYWARD_TLS_KEY_FILE"] = other_key;
  KeywarddProcess keywardd(env);
  EXPECT_EQ(keywardd.RunToExit(), 2);
  const std::string log = keywardd.log();
  EXPECT_THAT(log, HasSubstr("KEYWARD_TLS_KEY_FILE: is not the private key"));
  EXPECT_THAT(log, Not(HasSubstr("PRIVATE KEY")));
}

}  // namespace
}  // namespace keyward::testing
