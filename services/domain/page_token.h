// PageTokenCodec: opaque, tamper-evident list page tokens. A token names the
// last item of the previous page (create_time, id) and is bound by an HMAC to
// the list and filters it came from, so a forged, altered or foreign token is
// INVALID_ARGUMENT instead of a surprising page.
//
// Thread-safety: immutable after construction; share freely.
#ifndef KEYWARD_SERVICES_DOMAIN_PAGE_TOKEN_H_
#define KEYWARD_SERVICES_DOMAIN_PAGE_TOKEN_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/crypto/secret.h"
#include "services/domain/types.h"

namespace keyward::domain {

// A list's token scope for one reader: a token handed to one caller is
// refused when another presents it.
inline std::string ReaderListScope(absl::string_view list_scope,
                                   absl::string_view caller_id) {
  return std::string(list_scope) + "|reader=" + std::string(caller_id);
}

// The cursor a token's payload ("v1|<create_time micros>|<id>") names;
// nullopt when malformed. Decode calls it once the MAC has matched; it is
// public for the fuzzer, which cannot forge a MAC to reach it.
std::optional<PageCursor> ParsePageCursor(absl::string_view payload);

class PageTokenCodec {
 public:
  explicit PageTokenCodec(const crypto::SecretHasher& hasher);

  // `scope` identifies the list and its filters, e.g.
  // "api_keys|owner=sa-1|resource=".
  std::string Encode(const PageCursor& cursor, absl::string_view scope) const;

  // Empty token → nullopt (first page).
  absl::StatusOr<std::optional<PageCursor>> Decode(
      absl::string_view token, absl::string_view scope) const;

  // Validates page_size and page_token together into a PageRequest.
  absl::StatusOr<PageRequest> MakeRequest(int page_size,
                                          absl::string_view page_token,
                                          absl::string_view scope) const;

  // One list page: validates page_size and page_token for `scope`, fetches
  // the page with `fetch(const PageRequest&)` and encodes its next token.
  template <typename T, typename Fetch>
  absl::StatusOr<Listed<T>> ListPage(int page_size,
                                     absl::string_view page_token,
                                     absl::string_view scope,
                                     Fetch fetch) const {
    absl::StatusOr<PageRequest> request =
        MakeRequest(page_size, page_token, scope);
    if (!request.ok()) return request.status();
    absl::StatusOr<Page<T>> page = fetch(*request);
    if (!page.ok()) return page.status();
    std::string next = NextToken(*page, scope);
    return Listed<T>{std::move(page->items), std::move(next)};
  }

  // The next_page_token for a page ("" on the last page).
  template <typename T>
  std::string NextToken(const Page<T>& page, absl::string_view scope) const {
    return page.next ? Encode(*page.next, scope) : std::string();
  }

 private:
  const crypto::SecretHasher& hasher_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_PAGE_TOKEN_H_
