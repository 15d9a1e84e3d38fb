// ClientAddressResolver: the address a call comes from, as far as throttling
// failed authentications is concerned. It is the gRPC peer's IP address,
// unless that peer is one of the configured trusted proxies (the HTTP
// gateway, a load balancer): then it is the right-most `x-forwarded-for`
// entry that is not itself a trusted proxy. A malformed entry met on the way
// means the header cannot be trusted, and the peer's address is used. From
// any other peer `x-forwarded-for` is ignored, so a client cannot move its
// failures onto someone else's address.
//
// Addresses are returned in CanonicalIpAddress form; a peer that is not an IP
// address (a Unix socket) is returned as gRPC names it.
//
// Thread-safety: immutable after construction; safe from any thread.
#ifndef KEYWARD_SERVICES_DOMAIN_CLIENT_ADDRESS_H_
#define KEYWARD_SERVICES_DOMAIN_CLIENT_ADDRESS_H_

#include <string>
#include <unordered_set>
#include <vector>

namespace keyward::domain {

class ClientAddressResolver {
 public:
  // `trusted_proxies` are IP addresses (Config has checked them; an entry
  // that is not one is ignored).
  explicit ClientAddressResolver(
      const std::vector<std::string>& trusted_proxies = {});

  // `peer` as gRPC gives it ("ipv4:127.0.0.1:5555"); `forwarded_for` the
  // values of every `x-forwarded-for` header of the call, in order.
  std::string ClientAddress(
      const std::string& peer,
      const std::vector<std::string>& forwarded_for) const;

 private:
  std::unordered_set<std::string> trusted_;
};

// The IP address of a gRPC peer: "ipv4:127.0.0.1:5555" → "127.0.0.1",
// "ipv6:%5B::1%5D:5555" or "ipv6:[::1]:5555" → "::1". A peer that is not an
// IP address ("unix:/run/keyward.sock") is returned unchanged.
std::string PeerAddress(const std::string& peer);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_CLIENT_ADDRESS_H_
