#include "tests/support/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace keyward::testing {
namespace {

struct OpenSslDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(X509* certificate) const { X509_free(certificate); }
  void operator()(BIO* bio) const { BIO_free(bio); }
  void operator()(BIGNUM* number) const { BN_free(number); }
};
using Key = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using Certificate = std::unique_ptr<X509, OpenSslDeleter>;
using Bio = std::unique_ptr<BIO, OpenSslDeleter>;
using BigNumber = std::unique_ptr<BIGNUM, OpenSslDeleter>;

// An extension as `openssl x509 -extfile` would spell it: NID and value.
using Extensions = std::vector<std::pair<int, std::string>>;

constexpr long kValidFromSecondsAgo = 60 * 60;
constexpr long kValidForSeconds = 24 * 60 * 60;

[[noreturn]] void Fail(const std::string& what) {
  char reason[256] = "";
  ERR_error_string_n(ERR_get_error(), reason, sizeof(reason));
  ERR_clear_error();
  throw std::runtime_error("test certificates: " + what + ": " + reason);
}

void Check(bool ok, const std::string& what) {
  if (!ok) Fail(what);
}

Key NewKey() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  Check(key != nullptr, "generating a P-256 key");
  return key;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string CertificatePem(X509* certificate) {
  Bio bio(BIO_new(BIO_s_mem()));
  Check(bio != nullptr && PEM_write_bio_X509(bio.get(), certificate) == 1,
        "writing a certificate");
  return BioText(bio.get());
}

std::string PrivateKeyPem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  Check(bio != nullptr &&
            PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                     nullptr, nullptr) == 1,
        "writing a private key");
  return BioText(bio.get());
}

// A certificate for `subject_key` named CN=`common_name`, signed by
// `issuer_key`; `issuer` is the issuer's certificate, or null for a
// self-signed one.
Certificate NewCertificate(EVP_PKEY* subject_key,
                           const std::string& common_name, X509* issuer,
                           EVP_PKEY* issuer_key, const Extensions& extensions) {
  Certificate certificate(X509_new());
  Check(certificate != nullptr, "allocating a certificate");
  X509* cert = certificate.get();
  Check(X509_set_version(cert, X509_VERSION_3) == 1, "setting the version");

  BigNumber serial(BN_new());
  Check(
      serial != nullptr &&
          BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
          BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) !=
              nullptr,
      "choosing a serial number");

  Check(X509_gmtime_adj(X509_getm_notBefore(cert), -kValidFromSecondsAgo) !=
                nullptr &&
            X509_gmtime_adj(X509_getm_notAfter(cert), kValidForSeconds) !=
                nullptr,
        "setting the validity period");

  X509_NAME* subject = X509_get_subject_name(cert);
  Check(X509_NAME_add_entry_by_txt(
            subject, "CN", MBSTRING_UTF8,
            reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
            0) == 1,
        "setting the subject");
  Check(X509_set_issuer_name(cert, issuer != nullptr
                                       ? X509_get_subject_name(issuer)
                                       : subject) == 1,
        "setting the issuer");
  Check(X509_set_pubkey(cert, subject_key) == 1, "setting the public key");

  for (const auto& [nid, value] : extensions) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer != nullptr ? issuer : cert, cert, nullptr,
                   nullptr, 0);
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    Check(extension != nullptr, "making extension " + value);
    const int added = X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    Check(added == 1, "adding extension " + value);
  }

  Check(X509_sign(cert, issuer_key, EVP_sha256()) > 0,
        "signing the certificate");
  return certificate;
}

}  // namespace

struct TestCertificateAuthority::State {
  Key key;
  Certificate certificate;
};

TestCertificateAuthority::TestCertificateAuthority(
    const std::string& common_name)
    : state_(std::make_unique<State>()) {
  state_->key = NewKey();
  state_->certificate =
      NewCertificate(state_->key.get(), common_name, nullptr, state_->key.get(),
                     {{NID_basic_constraints, "critical,CA:TRUE"},
                      {NID_key_usage, "critical,keyCertSign,cRLSign"},
                      {NID_subject_key_identifier, "hash"}});
  certificate_pem_ = CertificatePem(state_->certificate.get());
}

TestCertificateAuthority::~TestCertificateAuthority() = default;

CertifiedKey TestCertificateAuthority::IssueServerCertificate(
    const std::vector<std::string>& dns_names,
    const std::vector<std::string>& ip_addresses) const {
  std::string alt_names;
  for (const std::string& name : dns_names) {
    alt_names += (alt_names.empty() ? "DNS:" : ",DNS:") + name;
  }
  for (const std::string& address : ip_addresses) {
    alt_names += (alt_names.empty() ? "IP:" : ",IP:") + address;
  }
  Key key = NewKey();
  Certificate certificate =
      NewCertificate(key.get(), "keyward test server",
                     state_->certificate.get(), state_->key.get(),
                     {{NID_basic_constraints, "critical,CA:FALSE"},
                      {NID_key_usage, "critical,digitalSignature"},
                      {NID_ext_key_usage, "serverAuth"},
                      {NID_subject_key_identifier, "hash"},
                      {NID_authority_key_identifier, "keyid:always"},
                      {NID_subject_alt_name, alt_names}});
  return {CertificatePem(certificate.get()), PrivateKeyPem(key.get())};
}

CertifiedKey TestCertificateAuthority::IssueClientCertificate(
    const std::string& common_name) const {
  Key key = NewKey();
  Certificate certificate = NewCertificate(
      key.get(), common_name, state_->certificate.get(), state_->key.get(),
      {{NID_basic_constraints, "critical,CA:FALSE"},
       {NID_key_usage, "critical,digitalSignature"},
       {NID_ext_key_usage, "clientAuth"},
       {NID_subject_key_identifier, "hash"},
       {NID_authority_key_identifier, "keyid:always"}});
  return {CertificatePem(certificate.get()), PrivateKeyPem(key.get())};
}

void WriteTextFile(const std::string& path, const std::string& text) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
}

}  // namespace keyward::testing
