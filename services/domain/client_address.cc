#include "services/domain/client_address.h"

#include <optional>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/common/ip_address.h"

namespace keyward::domain {
namespace {

// The host of "host:port" or "[v6]:port"; nullopt without a port.
std::optional<std::string_view> HostOf(std::string_view host_port) {
  if (!host_port.empty() && host_port.front() == '[') {
    const size_t close = host_port.find(']');
    if (close == std::string_view::npos || close + 1 >= host_port.size() ||
        host_port[close + 1] != ':') {
      return std::nullopt;
    }
    return host_port.substr(1, close - 1);
  }
  const size_t colon = host_port.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return host_port.substr(0, colon);
}

}  // namespace

ClientAddressResolver::ClientAddressResolver(
    const std::vector<std::string>& trusted_proxies) {
  for (const std::string& proxy : trusted_proxies) {
    if (std::optional<std::string> address = CanonicalIpAddress(proxy)) {
      trusted_.insert(*std::move(address));
    }
  }
}

std::string ClientAddressResolver::ClientAddress(
    const std::string& peer,
    const std::vector<std::string>& forwarded_for) const {
  const std::string peer_address = PeerAddress(peer);
  if (trusted_.count(peer_address) == 0 || forwarded_for.empty()) {
    return peer_address;
  }
  // Every hop appends the address it received the request from, so the
  // entries to the right were written by our own proxies and the first
  // untrusted one from the right is the client. Further left, the client
  // could have written anything.
  std::vector<std::string_view> entries;
  for (const std::string& header : forwarded_for) {
    for (absl::string_view entry : absl::StrSplit(header, ',')) {
      entry = absl::StripAsciiWhitespace(entry);
      entries.emplace_back(entry.data(), entry.size());
    }
  }
  std::string client = peer_address;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    std::optional<std::string> address = CanonicalIpAddress(*it);
    if (!address) return peer_address;
    client = *std::move(address);
    if (trusted_.count(client) == 0) break;
  }
  // Every entry a trusted proxy: the left-most one is as near to the client
  // as we can tell.
  return client;
}

std::string PeerAddress(const std::string& peer) {
  const size_t scheme_end = peer.find(':');
  if (scheme_end == std::string::npos) return peer;
  const std::string_view scheme(peer.data(), scheme_end);
  if (scheme != "ipv4" && scheme != "ipv6") return peer;
  // gRPC writes the peer as a URI, percent-encoding an IPv6 address's
  // brackets.
  const std::string host_port = absl::StrReplaceAll(
      absl::string_view(peer).substr(scheme_end + 1),
      {{"%5B", "["}, {"%5D", "]"}, {"%5b", "["}, {"%5d", "]"}});
  const std::optional<std::string_view> host = HostOf(host_port);
  if (!host) return peer;
  std::optional<std::string> address = CanonicalIpAddress(*host);
  return address ? *std::move(address) : peer;
}

}  // namespace keyward::domain
