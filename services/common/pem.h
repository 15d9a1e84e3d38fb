// Checks on the PEM text of keywardd's TLS settings, so a wrong file stops
// the process at start with a message instead of failing the first handshake.
// No function returns or quotes the text it was given: key material stays out
// of messages and logs.
//
// Thread-safety: stateless; safe from any thread.
#ifndef KEYWARD_SERVICES_COMMON_PEM_H_
#define KEYWARD_SERVICES_COMMON_PEM_H_

#include <string>

namespace keyward {

// "" when `pem` holds one or more PEM certificates and nothing unparseable
// after them; otherwise what is wrong, e.g. "does not look like a PEM
// certificate".
std::string CheckPemCertificates(const std::string& pem);

// "" when `pem` holds an unencrypted PEM private key; otherwise what is wrong.
std::string CheckPemPrivateKey(const std::string& pem);

// True when the first certificate in `certificate_pem` certifies the public
// half of `private_key_pem`. Both must have passed the checks above.
bool PemKeyMatchesCertificate(const std::string& certificate_pem,
                              const std::string& private_key_pem);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_PEM_H_
