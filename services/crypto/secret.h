// Bearer tokens — API-key secrets and invitation tokens — and their storage
// form.
//
// Both kinds share one format and differ only in their prefix: the prefix
// ("kwsec_" for a key's secret, "kwinv_" for an invitation) + 43 base64url
// characters (256 random bits) + 6 base64url characters of checksum (the
// first 36 bits of SHA-256 over the prefix and body). The prefix lets leak
// scanners find them and tell them apart; the checksum lets a mistyped token
// be rejected without a database lookup, and, covering the prefix, keeps a
// secret with its prefix swapped from passing as an invitation (or back).
//
// The server stores only HMAC-SHA256(pepper, token); the pepper lives
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
inline constexpr std::string_view kInvitationTokenPrefix = "kwinv_";
// Random body and checksum, in base64url characters.
inline constexpr size_t kTokenBodyLength = 43;
inline constexpr size_t kTokenChecksumLength = 6;
inline constexpr size_t kSecretLength =
    kSecretPrefix.size() + kTokenBodyLength + kTokenChecksumLength;
inline constexpr size_t kInvitationTokenLength =
    kInvitationTokenPrefix.size() + kTokenBodyLength + kTokenChecksumLength;

// A fresh token with `prefix` from the CSPRNG.
std::string NewToken(std::string_view prefix);

// True when `token` has `prefix` and the length, alphabet and checksum of a
// token made by NewToken(prefix).
bool IsWellFormedToken(std::string_view token, std::string_view prefix);

// An API key's secret.
inline std::string NewSecret() { return NewToken(kSecretPrefix); }
inline bool IsWellFormedSecret(std::string_view secret) {
  return IsWellFormedToken(secret, kSecretPrefix);
}

// An invitation's token (AccountService.CreateInvitation).
inline std::string NewInvitationToken() {
  return NewToken(kInvitationTokenPrefix);
}
inline bool IsWellFormedInvitationToken(std::string_view token) {
  return IsWellFormedToken(token, kInvitationTokenPrefix);
}

// The message the pepper check value is the HMAC of. No token has this form,
// so a check value never equals a secret's or invitation token's hash.
inline constexpr std::string_view kPepperCheckMessage =
    "keyward pepper check v1";

class SecretHasher {
 public:
  explicit SecretHasher(std::string pepper);

  // HMAC-SHA256(pepper, secret): 32 raw bytes. For secrets and invitation
  // tokens alike (their prefixes keep the two apart).
  std::string Hash(std::string_view secret) const;

  // Whether `secret` hashes to `stored_hash`, compared in constant time.
  bool Matches(std::string_view secret, std::string_view stored_hash) const;

  // HMAC-SHA256(pepper, kPepperCheckMessage): 32 raw bytes that tell one
  // pepper from another without revealing it (recovering the pepper from it
  // means guessing 32+ random bytes). keywardd stores it at first start and
  // refuses to start under a pepper whose check differs.
  std::string PepperCheck() const;

  // HMAC-SHA256 under a key derived from the pepper for `purpose`, so that
  // other uses (page tokens) never share a key with secret hashing.
  std::string Mac(std::string_view purpose, std::string_view data) const;

 private:
  std::string pepper_;
};

// HMAC-SHA256(key, data): 32 raw bytes.
std::string HmacSha256(std::string_view key, std::string_view data);

// Constant-time equality of two byte strings of any length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace keyward::crypto

#endif  // KEYWARD_SERVICES_CRYPTO_SECRET_H_
