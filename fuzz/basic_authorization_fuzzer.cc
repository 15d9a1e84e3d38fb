// The `authorization: Basic …` header of every authenticated call: anything a
// client sends. What parses must hold to the promises of basic_credentials.h
// and survive being encoded and parsed again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "absl/strings/escaping.h"
#include "services/domain/basic_credentials.h"

namespace {

using keyward::domain::BasicCredentials;
using keyward::domain::kMaxCredentialBytes;
using keyward::domain::ParseBasicAuthorization;

bool IsCredentialText(const std::string& text) {
  if (text.empty() || text.size() > kMaxCredentialBytes) return false;
  for (char c : text) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const std::optional<BasicCredentials> parsed = ParseBasicAuthorization(value);
  if (!parsed) return 0;
  if (!IsCredentialText(parsed->key) || !IsCredentialText(parsed->secret) ||
      parsed->key.find(':') != std::string::npos) {
    std::abort();
  }
  const std::optional<BasicCredentials> again = ParseBasicAuthorization(
      "Basic " + absl::Base64Escape(parsed->key + ":" + parsed->secret));
  if (!again || again->key != parsed->key || again->secret != parsed->secret) {
    std::abort();
  }
  return 0;
}
