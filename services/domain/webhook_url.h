// WebhookUrl: a receiver's URL taken apart, so that bad ones are refused
// with INVALID_ARGUMENT before the policy is asked, and the policy decides
// on facts (scheme, host, whether the host is a loopback address) instead of
// parsing URLs itself.
//
// Accepted: "http://" or "https://" (scheme case-insensitive), a host (a
// name, an IPv4 address or a bracketed IPv6 address), an optional port
// 1..65535, an optional path and query; at most kMaxWebhookUrlLength
// characters, printable ASCII only. Refused: other schemes, user
// information ("user:pass@"), fragments.
//
// Thread-safety: plain values and stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_WEBHOOK_URL_H_
#define KEYWARD_SERVICES_DOMAIN_WEBHOOK_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace keyward::domain {

inline constexpr size_t kMaxWebhookUrlLength = 2048;

struct WebhookUrl {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 address without brackets
  int port = 0;        // the scheme's default when the URL names none
  std::string path;    // with the query; "/" when empty
  // 127.0.0.0/8, ::1 (also IPv4-mapped) or "localhost".
  bool loopback = false;
};

// The parts of `url`, or INVALID_ARGUMENT naming `field` and the problem.
absl::StatusOr<WebhookUrl> ParseWebhookUrl(absl::string_view field,
                                           absl::string_view url);

// "<scheme>://<host>:<port>" (an IPv6 host in brackets): where to connect,
// and all of the URL the audit trail records (a path or query may carry the
// receiver's own token, as chat webhooks' do).
std::string WebhookOrigin(const WebhookUrl& url);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_WEBHOOK_URL_H_
