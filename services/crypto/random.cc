#include "services/crypto/random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace keyward::crypto {

std::string RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                              static_cast<int>(count)) != 1) {
    std::fputs("keywardd: the OpenSSL CSPRNG failed\n", stderr);
    std::abort();
  }
  return bytes;
}

std::string RandomString(size_t length, std::string_view alphabet) {
  // Accept only bytes below the largest multiple of the alphabet size, so
  // every character is equally likely.
  const unsigned limit = 256 - (256 % alphabet.size());
  std::string result;
  result.reserve(length);
  while (result.size() < length) {
    for (unsigned char byte : RandomBytes(length - result.size() + 8)) {
      if (byte >= limit) continue;
      result += alphabet[byte % alphabet.size()];
      if (result.size() == length) break;
    }
  }
  return result;
}

}  // namespace keyward::crypto
