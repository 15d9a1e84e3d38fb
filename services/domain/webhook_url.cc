#include "services/domain/webhook_url.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/ip_address.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  const std::optional<std::string> ip = CanonicalIpAddress(host);
  if (!ip) return false;
  return *ip == "::1" || absl::StartsWith(*ip, "127.");
}

bool IsHostNameCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

absl::StatusOr<WebhookUrl> ParseWebhookUrl(absl::string_view field,
                                           absl::string_view url) {
  if (url.empty()) return InvalidField(field, "required");
  if (url.size() > kMaxWebhookUrlLength) {
    return InvalidField(
        field,
        absl::StrCat("longer than ", kMaxWebhookUrlLength, " characters"));
  }
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) {
      return InvalidField(field,
                          "must be printable ASCII without spaces (percent-"
                          "encode anything else)");
    }
  }
  if (absl::StrContains(url, '#')) {
    return InvalidField(field, "must not have a fragment (#…)");
  }
  WebhookUrl parsed;
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) {
    return InvalidField(field, "must be an absolute http:// or https:// URL");
  }
  parsed.scheme = absl::AsciiStrToLower(url.substr(0, scheme_end));
  if (parsed.scheme != "http" && parsed.scheme != "https") {
    return InvalidField(field, "the scheme must be http or https");
  }
  absl::string_view rest = url.substr(scheme_end + 3);
  const size_t authority_end = rest.find_first_of("/?");
  absl::string_view authority = rest.substr(0, authority_end);
  parsed.path = authority_end == absl::string_view::npos
                    ? "/"
                    : std::string(rest.substr(authority_end));
  if (!parsed.path.empty() && parsed.path[0] == '?') {
    parsed.path = "/" + parsed.path;
  }
  if (absl::StrContains(authority, '@')) {
    return InvalidField(field, "must not carry user information (user@…)");
  }
  absl::string_view host;
  absl::string_view port;
  if (absl::StartsWith(authority, "[")) {
    const size_t close = authority.find(']');
    if (close == absl::string_view::npos) {
      return InvalidField(field, "has an unclosed [ in its host");
    }
    host = authority.substr(1, close - 1);
    absl::string_view after = authority.substr(close + 1);
    if (!after.empty() && !absl::ConsumePrefix(&after, ":")) {
      return InvalidField(field, "has text after its IPv6 host");
    }
    port = after;
    if (!CanonicalIpAddress(std::string_view(host.data(), host.size()))) {
      return InvalidField(field, "has a malformed IPv6 host");
    }
  } else {
    const size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != absl::string_view::npos) port = authority.substr(colon + 1);
    for (char c : host) {
      if (!IsHostNameCharacter(c)) {
        return InvalidField(field, "has a malformed host");
      }
    }
  }
  if (host.empty()) return InvalidField(field, "has no host");
  parsed.host = absl::AsciiStrToLower(host);
  parsed.port = parsed.scheme == "https" ? 443 : 80;
  if (!port.empty() || absl::EndsWith(authority, ":")) {
    int number = 0;
    if (!absl::SimpleAtoi(port, &number) || number < 1 || number > 65535 ||
        !absl::ascii_isdigit(static_cast<unsigned char>(port[0]))) {
      return InvalidField(field, "has a port outside 1..65535");
    }
    parsed.port = number;
  }
  parsed.loopback = IsLoopbackHost(parsed.host);
  return parsed;
}

std::string WebhookOrigin(const WebhookUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  return absl::StrCat(url.scheme, "://", ipv6 ? "[" : "", url.host,
                      ipv6 ? "]" : "", ":", url.port);
}

}  // namespace keyward::domain
