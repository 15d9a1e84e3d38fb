#include "services/domain/page_token.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/domain/signed_token.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr char kPurpose[] = "page-token";
constexpr char kVersion[] = "v1";
// Our ids are far shorter; the bound keeps every token Encode makes from a
// parsed cursor under Decode's length limit.
constexpr size_t kMaxCursorIdLength = 128;

absl::Status BadToken() {
  return InvalidField("page_token",
                      "is not a token from the previous page of this list "
                      "with the same filters");
}

}  // namespace

PageTokenCodec::PageTokenCodec(const crypto::SecretHasher& hasher)
    : hasher_(hasher) {}

std::string PageTokenCodec::Encode(const PageCursor& cursor,
                                   absl::string_view scope) const {
  const std::string payload =
      absl::StrCat(kVersion, "|", cursor.create_time.time_since_epoch().count(),
                   "|", cursor.id);
  return SignToken(hasher_, kPurpose, scope, payload);
}

std::optional<PageCursor> ParsePageCursor(absl::string_view payload) {
  const size_t first = payload.find('|');
  if (first == absl::string_view::npos) return std::nullopt;
  const size_t second = payload.find('|', first + 1);
  int64_t micros = 0;
  if (second == absl::string_view::npos ||
      payload.substr(0, first) != kVersion ||
      !absl::SimpleAtoi(payload.substr(first + 1, second - first - 1),
                        &micros)) {
    return std::nullopt;
  }
  const absl::string_view id = payload.substr(second + 1);
  if (id.empty() || id.size() > kMaxCursorIdLength) return std::nullopt;
  return PageCursor{Time(std::chrono::microseconds(micros)), std::string(id)};
}

absl::StatusOr<std::optional<PageCursor>> PageTokenCodec::Decode(
    absl::string_view token, absl::string_view scope) const {
  if (token.empty()) return std::nullopt;
  const std::optional<std::string> payload =
      OpenToken(hasher_, kPurpose, scope, token);
  if (!payload) return BadToken();
  std::optional<PageCursor> cursor = ParsePageCursor(*payload);
  if (!cursor) return BadToken();
  return cursor;
}

absl::StatusOr<PageRequest> PageTokenCodec::MakeRequest(
    int page_size, absl::string_view page_token,
    absl::string_view scope) const {
  absl::StatusOr<int> size = CheckPageSize(page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<std::optional<PageCursor>> after = Decode(page_token, scope);
  if (!after.ok()) return after.status();
  return PageRequest{*size, *after};
}

}  // namespace keyward::domain
