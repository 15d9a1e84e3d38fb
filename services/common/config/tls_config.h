// TLS for keywardd's gRPC port: the PEM files, read once at parse time. TLS
// is on when a certificate is set (a private key then is too); client
// certificates are required (mTLS) when a client CA is set.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_TLS_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_TLS_CONFIG_H_

#include <string>
#include <vector>

#include "services/common/option_values.h"
#include "services/common/options.h"

namespace keyward {

struct TlsConfig {
  SettingFile certificate;  // the server's, then any chain
  SettingFile private_key;  // never logged
  SettingFile client_ca;    // CA certificates client certificates chain to

  bool enabled() const { return !certificate.contents.empty(); }
  bool requires_client_certificates() const {
    return enabled() && !client_ca.contents.empty();
  }
};

const OptionTable<TlsConfig>& TlsOptions();

// Appends a line to `problems` for each setting that makes no sense with the
// others (a certificate without its key, a client CA without TLS, ...).
void CheckTlsConfig(const TlsConfig& tls, std::vector<std::string>& problems);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_TLS_CONFIG_H_
