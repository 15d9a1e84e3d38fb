// Randomness from OpenSSL's CSPRNG, for ids and secrets.
//
// Thread-safety: every function may be called from any thread.
#ifndef KEYWARD_SERVICES_CRYPTO_RANDOM_H_
#define KEYWARD_SERVICES_CRYPTO_RANDOM_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace keyward::crypto {

// `count` bytes from the CSPRNG. Aborts the process if the CSPRNG fails:
// issuing a predictable id or secret would be worse than stopping.
std::string RandomBytes(size_t count);

// `length` characters drawn uniformly from `alphabet` (at most 256
// characters), without modulo bias.
std::string RandomString(size_t length, std::string_view alphabet);

}  // namespace keyward::crypto

#endif  // KEYWARD_SERVICES_CRYPTO_RANDOM_H_
