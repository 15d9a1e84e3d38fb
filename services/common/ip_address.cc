#include "services/common/ip_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace keyward {
namespace {

// Longer than any address inet_pton accepts; rejects huge input early.
constexpr size_t kMaxAddressText = 64;

}  // namespace

std::optional<std::string> CanonicalIpAddress(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
    if (text.find(':') == std::string_view::npos) return std::nullopt;
  }
  if (text.empty() || text.size() > kMaxAddressText) return std::nullopt;
  // inet_pton reads a C string: nothing but what addresses are made of, so
  // a NUL cannot end the text early.
  for (const char c : text) {
    const bool address_char = (c >= '0' && c <= '9') ||
                              (c >= 'a' && c <= 'f') ||
                              (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    if (!address_char) return std::nullopt;
  }
  const std::string nul_terminated(text);
  char buffer[INET6_ADDRSTRLEN];
  in_addr v4{};
  if (inet_pton(AF_INET, nul_terminated.c_str(), &v4) == 1) {
    if (inet_ntop(AF_INET, &v4, buffer, sizeof(buffer)) == nullptr) {
      return std::nullopt;
    }
    return std::string(buffer);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, nul_terminated.c_str(), &v6) != 1) {
    return std::nullopt;
  }
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], sizeof(v4));
    if (inet_ntop(AF_INET, &v4, buffer, sizeof(buffer)) == nullptr) {
      return std::nullopt;
    }
    return std::string(buffer);
  }
  if (inet_ntop(AF_INET6, &v6, buffer, sizeof(buffer)) == nullptr) {
    return std::nullopt;
  }
  return std::string(buffer);
}

}  // namespace keyward
