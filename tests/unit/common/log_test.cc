#include "services/common/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace keyward {
namespace {

using ::testing::HasSubstr;

// What Log writes to stderr while `write` runs.
template <typename Write>
std::string CaptureStderr(Write write) {
  std::FILE* file = std::tmpfile();
  const int saved = dup(STDERR_FILENO);
  dup2(fileno(file), STDERR_FILENO);
  write();
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::string text;
  std::rewind(file);
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) {
    text += static_cast<char>(c);
  }
  std::fclose(file);
  return text;
}

TEST(LogTest, OneEventIsOneLine) {
  const std::string text = CaptureStderr([] {
    using std::string_literals::operator""s;
    LogWarning("key 'A\r\n2026-01-01T00:00:00.000Z INFO forged\0\x1b[2J' ok"s);
  });
  EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
  EXPECT_THAT(text, HasSubstr("WARN key 'A\\x0d\\x0a2026-01-01T00:00:00.000Z "
                              "INFO forged\\x00\\x1b[2J' ok\n"));
}

TEST(LogTest, PrintableTextIsWrittenAsItIs) {
  EXPECT_THAT(CaptureStderr([] { LogInfo("serving on 127.0.0.1:1 — ok"); }),
              HasSubstr("INFO serving on 127.0.0.1:1 — ok\n"));
}

TEST(LogTest, TextLinesCarryFieldsAsNameValuePairs) {
  const std::string text = CaptureStderr([] {
    Log(LogLevel::kInfo, "rpc",
        {{"code", "OK"}, {"duration_ms", "1.50", true}});
  });
  EXPECT_THAT(text, HasSubstr(" INFO rpc code=OK duration_ms=1.50\n"));
}

// Restores the text format when a JSON test ends.
class JsonLogTest : public ::testing::Test {
 protected:
  JsonLogTest() { SetLogFormat(LogFormat::kJson); }
  ~JsonLogTest() override { SetLogFormat(LogFormat::kText); }
};

TEST_F(JsonLogTest, EachEventIsOneJsonObjectWithItsFields) {
  const std::string text = CaptureStderr([] {
    Log(LogLevel::kWarning, "rpc",
        {{"method", "/keyward.v1.ApiKeyService/VerifyApiKey"},
         {"duration_ms", "0.25", /*is_number=*/true}});
  });
  ASSERT_EQ(text.find('\n'), text.size() - 1) << text;
  const auto line = nlohmann::json::parse(text);
  EXPECT_EQ(line["level"], "WARN");
  EXPECT_EQ(line["message"], "rpc");
  EXPECT_EQ(line["method"], "/keyward.v1.ApiKeyService/VerifyApiKey");
  EXPECT_EQ(line["duration_ms"], 0.25);
  EXPECT_THAT(line["time"].get<std::string>(), testing::EndsWith("Z"));
}

TEST_F(JsonLogTest, QuotesControlCharactersAndBadUtf8CannotBreakTheObject) {
  using std::string_literals::operator""s;
  const std::string hostile =
      "x\", \"level\": \"ERROR\r\n{\"forged\": 1}\0\x1b\\ \xff\xc0\xaf é 🔑"s;
  const std::string text = CaptureStderr([&] {
    Log(LogLevel::kError, hostile, {{"peer", hostile}});
  });
  ASSERT_EQ(text.find('\n'), text.size() - 1) << text;
  const auto line = nlohmann::json::parse(text);  // throws if not JSON
  EXPECT_EQ(line["level"], "ERROR");
  EXPECT_EQ(line.size(), 4u) << text;  // time, level, message, peer
  const std::string expected =
      "x\", \"level\": \"ERROR\r\n{\"forged\": 1}\0\x1b\\ \uFFFD\uFFFD\uFFFD é 🔑"s;
  EXPECT_EQ(line["message"], expected);
  EXPECT_EQ(line["peer"], expected);
}

TEST(LogThrottleTest, LetsOneMessageThroughPerInterval) {
  LogThrottle hourly(std::chrono::hours(1));
  EXPECT_TRUE(hourly.Allow());
  EXPECT_FALSE(hourly.Allow());
  EXPECT_FALSE(hourly.Allow());
  LogThrottle unthrottled(std::chrono::milliseconds(0));
  EXPECT_TRUE(unthrottled.Allow());
  EXPECT_TRUE(unthrottled.Allow());
}

}  // namespace
}  // namespace keyward
