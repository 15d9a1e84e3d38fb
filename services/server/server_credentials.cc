#include "services/server/server_credentials.h"

#include <grpc/grpc_security_constants.h>

namespace keyward::server {

std::string TransportName(const TlsConfig& tls) {
  if (tls.requires_client_certificates()) return "mTLS";
  if (tls.enabled()) return "TLS";
  return "plaintext";
}

grpc::SslServerCredentialsOptions ServerSslOptions(const TlsConfig& tls) {
  grpc::SslServerCredentialsOptions options(
      tls.requires_client_certificates()
          ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
          : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_key_cert_pairs.push_back(
      {tls.private_key.contents, tls.certificate.contents});
  if (tls.requires_client_certificates()) {
    options.pem_root_certs = tls.client_ca.contents;
  }
  return options;
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentials(
    const TlsConfig& tls) {
  if (!tls.enabled()) return grpc::InsecureServerCredentials();
  return grpc::SslServerCredentials(ServerSslOptions(tls));
}

}  // namespace keyward::server
