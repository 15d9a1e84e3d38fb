#include "services/common/config/tls_config.h"

#include "services/common/pem.h"

namespace keyward {
namespace {

ValueParser<SettingFile> PemFile(std::string (*check)(const std::string&)) {
  return EmptyTurnsOff(
      FileContents([check](std::string& contents) { return check(contents); }));
}

}  // namespace

const OptionTable<TlsConfig>& TlsOptions() {
  static const OptionTable<TlsConfig> kOptions = {
      {{"tls-cert-file", "KEYWARD_TLS_CERT_FILE",
        "PEM server certificate (then any intermediates); serve TLS", ""},
       Into(&TlsConfig::certificate, PemFile(CheckPemCertificates))},
      {{"tls-key-file", "KEYWARD_TLS_KEY_FILE",
        "PEM private key of --tls-cert-file (unencrypted)", ""},
       Into(&TlsConfig::private_key, PemFile(CheckPemPrivateKey))},
      {{"tls-client-ca-file", "KEYWARD_TLS_CLIENT_CA_FILE",
        "PEM CA certificate(s); clients must present a certificate it "
        "signed (mTLS)",
        ""},
       Into(&TlsConfig::client_ca, PemFile(CheckPemCertificates))},
  };
  return kOptions;
}

void CheckTlsConfig(const TlsConfig& tls, std::vector<std::string>& problems) {
  const bool have_certificate = !tls.certificate.contents.empty();
  const bool have_key = !tls.private_key.contents.empty();
  if (have_certificate && !have_key) {
    problems.push_back(
        "--tls-key-file / KEYWARD_TLS_KEY_FILE: required with "
        "--tls-cert-file (the certificate's private key)");
  } else if (have_key && !have_certificate) {
    problems.push_back(
        "--tls-cert-file / KEYWARD_TLS_CERT_FILE: required with "
        "--tls-key-file (the key's certificate)");
  } else if (have_certificate &&
             !PemKeyMatchesCertificate(tls.certificate.contents,
                                       tls.private_key.contents)) {
    problems.push_back(
        "--tls-key-file / KEYWARD_TLS_KEY_FILE: is not the private key of "
        "the first certificate in --tls-cert-file");
  }
  if (!tls.client_ca.contents.empty() && !have_certificate) {
    problems.push_back(
        "--tls-client-ca-file / KEYWARD_TLS_CLIENT_CA_FILE: client "
        "certificates need TLS: set --tls-cert-file and --tls-key-file too");
  }
}

}  // namespace keyward
