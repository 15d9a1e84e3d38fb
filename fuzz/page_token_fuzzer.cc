// List page tokens come back from callers. A forged token must never decode
// (the MAC), and the payload behind a MAC must parse safely and round-trip.
// The input is split at its first NUL: before it a whole token for Decode,
// after it a payload for ParsePageCursor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"
#include "services/crypto/secret.h"
#include "services/domain/page_token.h"

namespace {

using keyward::domain::PageCursor;
using keyward::domain::PageTokenCodec;
using keyward::domain::ParsePageCursor;

constexpr absl::string_view kScope = "api_keys|owner=|resource=|reader=u-1";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const keyward::crypto::SecretHasher hasher(std::string(32, 'p'));
  static const PageTokenCodec codec(hasher);
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const absl::string_view token = input.substr(0, nul);
  const absl::string_view payload = nul == absl::string_view::npos
                                        ? absl::string_view()
                                        : input.substr(nul + 1);

  auto decoded = codec.Decode(token, kScope);
  if (decoded.ok() && !token.empty()) std::abort();  // a forged MAC passed

  const std::optional<PageCursor> cursor = ParsePageCursor(payload);
  if (!cursor) return 0;
  auto again = codec.Decode(codec.Encode(*cursor, kScope), kScope);
  if (!again.ok() || !again->has_value() ||
      (*again)->create_time != cursor->create_time ||
      (*again)->id != cursor->id) {
    std::abort();
  }
  return 0;
}
