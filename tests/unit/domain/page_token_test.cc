#include "services/domain/page_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/crypto/secret.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;

constexpr char kScope[] = "api_keys|owner=|resource=|reader=u-1";

class PageTokenTest : public ::testing::Test {
 protected:
  crypto::SecretHasher hasher_{std::string(32, 'p')};
  PageTokenCodec codec_{hasher_};
};

TEST_F(PageTokenTest, ACursorRoundTripsUnderItsScopeOnly) {
  const PageCursor cursor{Time(std::chrono::microseconds(1700000000123456)),
                          "u-abc12345"};
  const std::string token = codec_.Encode(cursor, kScope);
  auto decoded = codec_.Decode(token, kScope);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_TRUE(decoded->has_value());
  EXPECT_EQ((*decoded)->create_time, cursor.create_time);
  EXPECT_EQ((*decoded)->id, cursor.id);
  auto elsewhere =
      codec_.Decode(token, "api_keys|owner=u-2|resource=|reader=u-1");
  EXPECT_EQ(elsewhere.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(elsewhere.status().message()),
              HasSubstr("page_token"));
}

TEST_F(PageTokenTest, ParsesOnlyWellFormedCursors) {
  EXPECT_TRUE(ParsePageCursor("v1|-5|u-abc").has_value());
  EXPECT_FALSE(ParsePageCursor("").has_value());
  EXPECT_FALSE(ParsePageCursor("v2|5|u-abc").has_value());
  EXPECT_FALSE(ParsePageCursor("v1|five|u-abc").has_value());
  EXPECT_FALSE(ParsePageCursor("v1|5").has_value());
  EXPECT_FALSE(ParsePageCursor("v1|5|").has_value());
}

// Found by fuzz/page_token_fuzzer: a cursor with a long id encoded into a
// token over Decode's length limit. Keyward's ids are far shorter, but the
// codec must hold on its own.
TEST_F(PageTokenTest, EveryCursorItParsesEncodesIntoATokenItDecodes) {
  EXPECT_FALSE(ParsePageCursor("v1|5|" + std::string(129, 'a')).has_value());
  const auto longest =
      ParsePageCursor("v1|-9223372036854775808|" + std::string(128, ')'));
  ASSERT_TRUE(longest.has_value());
  auto decoded = codec_.Decode(codec_.Encode(*longest, kScope), kScope);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ((*decoded)->id, longest->id);
}

TEST_F(PageTokenTest, AnEmptyTokenIsTheFirstPage) {
  auto decoded = codec_.Decode("", kScope);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_FALSE(decoded->has_value());
}

TEST_F(PageTokenTest, AlteredForgedOrForeignTokensAreInvalidArgument) {
  const std::string token = codec_.Encode(
      PageCursor{Time(std::chrono::microseconds(42)), "u-abc12345"}, kScope);
  std::string altered = token;
  altered[2] = altered[2] == 'A' ? 'B' : 'A';
  // Another cursor ("v1|42|u-zzzzzzzz") under this token's MAC.
  const std::string forged =
      "djF8NDJ8dS16enp6enp6eg." + token.substr(token.find('.') + 1);
  crypto::SecretHasher other_hasher{std::string(32, 'q')};
  const PageTokenCodec other_server(other_hasher);
  const std::string foreign = other_server.Encode(
      PageCursor{Time(std::chrono::microseconds(42)), "u-abc12345"}, kScope);
  for (const std::string& bad :
       {altered, forged, foreign, std::string("garbage"), std::string("."),
        token + std::string(600, 'A'), token.substr(0, token.size() - 2)}) {
    auto decoded = codec_.Decode(bad, kScope);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(decoded.status().message()),
                HasSubstr("page_token: is not a token from the previous page"));
  }
}

TEST_F(PageTokenTest, AReadersTokenIsRefusedToAnotherReader) {
  const PageCursor cursor{Time(std::chrono::microseconds(7)), "sa-abc12345"};
  const std::string token =
      codec_.Encode(cursor, ReaderListScope("accounts|type=", "u-alice001"));
  EXPECT_TRUE(
      codec_.Decode(token, ReaderListScope("accounts|type=", "u-alice001"))
          .ok());
  EXPECT_EQ(
      codec_.Decode(token, ReaderListScope("accounts|type=", "u-mallory1"))
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(PageTokenTest, MakeRequestChecksPageSizeAndToken) {
  auto first = codec_.MakeRequest(0, "", kScope);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->page_size, kDefaultPageSize);
  EXPECT_FALSE(first->after.has_value());

  const PageCursor cursor{Time(std::chrono::microseconds(9)), "u-abc12345"};
  auto next = codec_.MakeRequest(10, codec_.Encode(cursor, kScope), kScope);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->page_size, 10);
  ASSERT_TRUE(next->after.has_value());
  EXPECT_EQ(next->after->id, "u-abc12345");

  EXPECT_THAT(
      std::string(codec_.MakeRequest(101, "", kScope).status().message()),
      HasSubstr("page_size"));
  EXPECT_THAT(
      std::string(codec_.MakeRequest(10, "nope", kScope).status().message()),
      HasSubstr("page_token"));
}

TEST_F(PageTokenTest, ListPageHandsTheNextTokenOnAndNoneAfterTheLastPage) {
  const PageCursor last_of_page{Time(std::chrono::microseconds(5)), "b"};
  PageRequest seen;
  auto page = codec_.ListPage<std::string>(
      2, "", kScope, [&](const PageRequest& request) {
        seen = request;
        return absl::StatusOr<Page<std::string>>(
            Page<std::string>{{"a", "b"}, last_of_page});
      });
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(seen.page_size, 2);
  EXPECT_EQ(page->items, (std::vector<std::string>{"a", "b"}));
  auto after = codec_.Decode(page->next_page_token, kScope);
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->id, "b");

  auto last = codec_.ListPage<std::string>(
      2, page->next_page_token, kScope, [&](const PageRequest& request) {
        seen = request;
        return absl::StatusOr<Page<std::string>>(
            Page<std::string>{{"c"}, std::nullopt});
      });
  ASSERT_TRUE(last.ok()) << last.status();
  ASSERT_TRUE(seen.after.has_value());
  EXPECT_EQ(seen.after->id, "b");
  EXPECT_EQ(last->next_page_token, "");
}

TEST_F(PageTokenTest, ListPageFetchesNothingForABadRequest) {
  bool fetched = false;
  auto page =
      codec_.ListPage<std::string>(-1, "", kScope, [&](const PageRequest&) {
        fetched = true;
        return absl::StatusOr<Page<std::string>>(Page<std::string>{});
      });
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(fetched);
}

}  // namespace
}  // namespace keyward::domain
