// IP addresses as text: recognizing one and writing it in one canonical
// form, so that the same host compares equal however it was spelled
// ("::FFFF:127.0.0.1", "[::1]", "127.0.0.1"). Used for the client address
// that throttles failed authentications and for the trusted proxies of the
// configuration.
//
// Thread-safety: stateless functions; safe from any thread.
#ifndef KEYWARD_SERVICES_COMMON_IP_ADDRESS_H_
#define KEYWARD_SERVICES_COMMON_IP_ADDRESS_H_

#include <optional>
#include <string>
#include <string_view>

namespace keyward {

// The canonical text of an IPv4 or IPv6 address: dotted quad for IPv4 (an
// IPv4-mapped IPv6 address is written as its IPv4 address), RFC 5952 form
// for IPv6, without brackets. `text` may put an IPv6 address in brackets.
// nullopt for anything else: host names, ports, zone ids, CIDR ranges,
// surrounding spaces, empty text.
std::optional<std::string> CanonicalIpAddress(std::string_view text);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_IP_ADDRESS_H_
