// ServerCredentials: the transport keywardd serves on, chosen from the TLS
// settings — TLS with the configured certificate, mutual TLS when a client CA
// is configured (a client certificate it signed is then required), else
// plaintext (which Config only allows on loopback or with --allow-insecure).
//
// Thread-safety: stateless; safe from any thread.
#ifndef KEYWARD_SERVICES_SERVER_SERVER_CREDENTIALS_H_
#define KEYWARD_SERVICES_SERVER_SERVER_CREDENTIALS_H_

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "services/common/config/tls_config.h"

namespace keyward::server {

// "mTLS", "TLS" or "plaintext", for the log.
std::string TransportName(const TlsConfig& tls);

// The SSL options for `tls`; only meaningful when TLS is enabled.
grpc::SslServerCredentialsOptions ServerSslOptions(const TlsConfig& tls);

// SslServerCredentials(ServerSslOptions(tls)) when TLS is enabled, else
// InsecureServerCredentials().
std::shared_ptr<grpc::ServerCredentials> ServerCredentials(
    const TlsConfig& tls);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_SERVER_CREDENTIALS_H_
