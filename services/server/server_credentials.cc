#include "services/server/server_credentials.h"

#include <grpc/grpc_security_constants.h>

namespace keyward::server {
namespace {

bool TlsConfigured(const Config& config) {
  return !config.tls_certificate.empty();
}

bool ClientCertificatesRequired(const Config& config) {
  return TlsConfigured(config) && !config.tls_client_ca.empty();
}

}  // namespace

std::string TransportName(const Config& config) {
  if (ClientCertificatesRequired(config)) return "mTLS";
  if (TlsConfigured(config)) return "TLS";
  return "plaintext";
}

grpc::SslServerCredentialsOptions ServerSslOptions(const Config& config) {
  grpc::SslServerCredentialsOptions options(
      ClientCertificatesRequired(config)
          ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
          : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_key_cert_pairs.push_back(
      {config.tls_private_key, config.tls_certificate});
  if (ClientCertificatesRequired(config)) {
    options.pem_root_certs = config.tls_client_ca;
  }
  return options;
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentials(
    const Config& config) {
  if (!TlsConfigured(config)) return grpc::InsecureServerCredentials();
  return grpc::SslServerCredentials(ServerSslOptions(config));
}

}  // namespace keyward::server
