// API-key secrets and their storage form.
//
// A secret reads "kwsec_" + 43 base64url characters (256 random bits) + 6
// base64url characters of checksum (the first 36 bits of SHA-256 over the
// prefix and body). The prefix lets leak scanners find secrets; the checksum
// lets a mistyped secret be rejected without a database lookup.
//
// The server stores only HMAC-SHA256(pepper, secret); the pepper lives
// outside the database, so a database dump alone does not allow testing
// guesses.
//
// Thread-safety: free functions are stateless; a SecretHasher is immutable
// and may be shared.
#ifndef KEYWARD_SERVICES_CRYPTO_SECRET_H_
#define KEYWARD_SERVICES_CRYPTO_SECRET_H_

#include <string>
#include <string_view>

namespace keyward::crypto {

inline constexpr std::string_view kSecretPrefix = "kwsec_";
inline constexpr size_t kSecretLength = 6 + 43 + 6;

// A fresh secret from the CSPRNG.
std::string NewSecret();

// True when `secret` has the prefix, length, alphabet and checksum of a
// secret made by NewSecret.
bool IsWellFormedSecret(std::string_view secret);

class SecretHasher {
 public:
  explicit SecretHasher(std::string pepper);

  // HMAC-SHA256(pepper, secret): 32 raw bytes.
  std::string Hash(std::string_view secret) const;

  // Whether `secret` hashes to `stored_hash`, compared in constant time.
  bool Matches(std::string_view secret, std::string_view stored_hash) const;

  // HMAC-SHA256 under a key derived from the pepper for `purpose`, so that
  // other uses (page tokens) never share a key with secret hashing.
  std::string Mac(std::string_view purpose, std::string_view data) const;

 private:
  std::string pepper_;
};

// Constant-time equality of two byte strings of any length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace keyward::crypto

#endif  // KEYWARD_SERVICES_CRYPTO_SECRET_H_
