#include "services/common/pem.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace keyward {
namespace {

struct OpenSslDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
  void operator()(X509* certificate) const { X509_free(certificate); }
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Bio = std::unique_ptr<BIO, OpenSslDeleter>;
using Certificate = std::unique_ptr<X509, OpenSslDeleter>;
using Key = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;

Bio ReadOnlyBio(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Never prompts on a terminal for an encrypted key's passphrase.
int NoPassphrase(char*, int, int, void*) { return -1; }

Key ReadPrivateKey(const std::string& pem) {
  Bio bio = ReadOnlyBio(pem);
  if (bio == nullptr) return nullptr;
  return Key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
}

Certificate ReadFirstCertificate(const std::string& pem) {
  Bio bio = ReadOnlyBio(pem);
  if (bio == nullptr) return nullptr;
  return Certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

}  // namespace

std::string CheckPemCertificates(const std::string& pem) {
  const std::string problem = "does not look like a PEM certificate";
  Bio bio = ReadOnlyBio(pem);
  if (bio == nullptr) return problem;
  ERR_clear_error();
  int certificates = 0;
  while (Certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))) {
    ++certificates;
  }
  // Running out of PEM blocks ends the loop with "no start line"; any other
  // error is a block that is there but broken.
  const unsigned long error = ERR_peek_last_error();
  const bool clean_end = ERR_GET_LIB(error) == ERR_LIB_PEM &&
                         ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
  ERR_clear_error();
  if (certificates == 0 || !clean_end) return problem;
  return "";
}

std::string CheckPemPrivateKey(const std::string& pem) {
  if (pem.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string::npos ||
      pem.find("Proc-Type: 4,ENCRYPTED") != std::string::npos) {
    return "is an encrypted private key; keywardd needs it unencrypted "
           "(protect the file with its permissions instead)";
  }
  Key key = ReadPrivateKey(pem);
  ERR_clear_error();
  if (key == nullptr) return "does not look like a PEM private key";
  return "";
}

bool PemKeyMatchesCertificate(const std::string& certificate_pem,
                              const std::string& private_key_pem) {
  Certificate certificate = ReadFirstCertificate(certificate_pem);
  Key key = ReadPrivateKey(private_key_pem);
  const bool matches =
      certificate != nullptr && key != nullptr &&
      X509_check_private_key(certificate.get(), key.get()) == 1;
  ERR_clear_error();
  return matches;
}

}  // namespace keyward
