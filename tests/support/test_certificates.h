// TestCertificateAuthority: a throwaway certificate authority made at run time
// with OpenSSL (P-256 keys, SHA-256 signatures, valid from an hour ago for a
// day), issuing server and client certificates for TLS tests, so no test
// depends on checked-in key material or on the `openssl` command.
//
// Thread-safety: const methods may be called from several threads.
#ifndef KEYWARD_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define KEYWARD_TESTS_SUPPORT_TEST_CERTIFICATES_H_

#include <memory>
#include <string>
#include <vector>

namespace keyward::testing {

// A certificate and its private key, both PEM (the key unencrypted PKCS#8).
struct CertifiedKey {
  std::string certificate_pem;
  std::string private_key_pem;
};

class TestCertificateAuthority {
 public:
  // A self-signed CA certificate with subject CN=`common_name`. Throws
  // std::runtime_error if OpenSSL fails.
  explicit TestCertificateAuthority(const std::string& common_name);
  ~TestCertificateAuthority();
  TestCertificateAuthority(const TestCertificateAuthority&) = delete;
  TestCertificateAuthority& operator=(const TestCertificateAuthority&) = delete;

  // The CA certificate, PEM: what clients trust, or what a server verifies
  // client certificates with.
  const std::string& certificate_pem() const { return certificate_pem_; }

  // A server certificate (extendedKeyUsage serverAuth) with subjectAltName
  // DNS entries for `dns_names` and IP entries for `ip_addresses`.
  CertifiedKey IssueServerCertificate(
      const std::vector<std::string>& dns_names,
      const std::vector<std::string>& ip_addresses) const;

  // A client certificate (extendedKeyUsage clientAuth), subject
  // CN=`common_name`.
  CertifiedKey IssueClientCertificate(const std::string& common_name) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string certificate_pem_;
};

// Writes `text` to `path` (mode 0600); throws std::runtime_error on failure.
void WriteTextFile(const std::string& path, const std::string& text);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_TEST_CERTIFICATES_H_
