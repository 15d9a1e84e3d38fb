// The login context file and the order in which the url, the TLS CA and the
// credentials are resolved.
#include "cli/context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli/client.h"
#include "tests/support/temp_dir_test.h"

namespace keyward::cli {
namespace {

using ::testing::HasSubstr;

SecretPrompt NoPrompt() {
  return [](const std::string&, std::string*) { return false; };
}

Connection Resolve(const ConnectionFlags& flags, const Environment& env,
                   const std::optional<StoredContext>& context,
                   const SecretPrompt& prompt = NoPrompt()) {
  Connection connection;
  std::string error;
  EXPECT_TRUE(
      ResolveConnection(flags, env, context, prompt, &connection, &error))
      << error;
  return connection;
}

StoredContext Stored() {
  return {"stored:1", "STOREDKEY0000000", "stored-secret", "/ca.pem"};
}

TEST(ResolveConnectionTest, DefaultsToLoopbackPlaintextWithoutCredentials) {
  const Connection connection = Resolve({}, {}, std::nullopt);
  EXPECT_EQ(connection.url, "127.0.0.1:50051");
  EXPECT_EQ(connection.tls_ca, "");
  EXPECT_EQ(connection.api_key, "");
}

TEST(ResolveConnectionTest, TheLoginContextComesLast) {
  const Connection connection = Resolve({}, {}, Stored());
  EXPECT_EQ(connection.url, "stored:1");
  EXPECT_EQ(connection.tls_ca, "/ca.pem");
  EXPECT_EQ(connection.api_key, "STOREDKEY0000000");
  EXPECT_EQ(connection.api_secret, "stored-secret");
}

TEST(ResolveConnectionTest, EnvironmentBeatsTheContext) {
  const Connection connection = Resolve({},
                                        {{"KEYWARD_URL", "env:2"},
                                         {"KEYWARD_API_KEY", "ENVKEY"},
                                         {"KEYWARD_API_SECRET", "env-secret"}},
                                        Stored());
  EXPECT_EQ(connection.url, "env:2");
  // The context's CA belongs to the context's url.
  EXPECT_EQ(connection.tls_ca, "");
  EXPECT_EQ(connection.api_key, "ENVKEY");
  EXPECT_EQ(connection.api_secret, "env-secret");
}

TEST(ResolveConnectionTest, FlagsBeatTheEnvironment) {
  const Connection connection = Resolve({"flag:3", "/flag-ca.pem", "FLAGKEY"},
                                        {{"KEYWARD_URL", "env:2"},
                                         {"KEYWARD_TLS_CA", "/env-ca.pem"},
                                         {"KEYWARD_API_KEY", "ENVKEY"},
                                         {"KEYWARD_API_SECRET", "env-secret"}},
                                        Stored());
  EXPECT_EQ(connection.url, "flag:3");
  EXPECT_EQ(connection.tls_ca, "/flag-ca.pem");
  EXPECT_EQ(connection.api_key, "FLAGKEY");
  // A flag names only the key; its secret never comes from argv.
  EXPECT_EQ(connection.api_secret, "env-secret");
}

TEST(ResolveConnectionTest, AKeyWithoutASecretIsPromptedFor) {
  std::string asked;
  const Connection connection =
      Resolve({std::nullopt, std::nullopt, "FLAGKEY"}, {}, Stored(),
              [&](const std::string& key, std::string* secret) {
                asked = key;
                *secret = "typed";
                return true;
              });
  EXPECT_EQ(asked, "FLAGKEY");
  EXPECT_EQ(connection.api_key, "FLAGKEY");
  EXPECT_EQ(connection.api_secret, "typed");
}

TEST(ResolveConnectionTest, AKeyWithoutASecretFailsWhenNobodyCanBeAsked) {
  Connection connection;
  std::string error;
  EXPECT_FALSE(ResolveConnection({}, {{"KEYWARD_API_KEY", "ENVKEY"}},
                                 std::nullopt, NoPrompt(), &connection,
                                 &error));
  EXPECT_THAT(error, HasSubstr("KEYWARD_API_SECRET"));
  EXPECT_FALSE(ResolveConnection({std::nullopt, std::nullopt, ""}, {},
                                 std::nullopt, NoPrompt(), &connection,
                                 &error));
  EXPECT_THAT(error, HasSubstr("--api-key: empty"));
}

TEST(ConfigFilePathTest, FollowsAnAbsoluteXdgConfigHomeThenHome) {
  std::string error;
  EXPECT_EQ(ConfigFilePath({{"HOME", "/home/a"}}, "f.json", &error),
            "/home/a/.config/keyward/f.json");
  EXPECT_EQ(ConfigFilePath({{"HOME", "/home/a"}, {"XDG_CONFIG_HOME", "/x"}},
                           "f.json", &error),
            "/x/keyward/f.json");
  EXPECT_EQ(ConfigFilePath({{"HOME", "/home/a"}, {"XDG_CONFIG_HOME", "x"}},
                           "f.json", &error),
            "/home/a/.config/keyward/f.json");
  EXPECT_EQ(ConfigFilePath({}, "f.json", &error), "");
  EXPECT_THAT(error, HasSubstr("HOME"));
}

TEST(ContextPathTest, IsConfigJsonInTheConfigDirectory) {
  std::string error;
  EXPECT_EQ(ContextPath({{"XDG_CONFIG_HOME", "/x"}}, &error),
            "/x/keyward/config.json");
}

class ContextFileTest : public keyward::testing::TempDirTest {};

TEST_F(ContextFileTest, SavesPrivatelyAndLoadsBack) {
  const std::string path = dir_ + "/home/.config/keyward/config.json";
  std::string error;
  ASSERT_TRUE(SaveContext(path, Stored(), &error)) << error;
  EXPECT_EQ(keyward::testing::PermissionBits(path), 0600);
  EXPECT_EQ(keyward::testing::PermissionBits(dir_ + "/home/.config/keyward"),
            0700);

  std::optional<StoredContext> loaded;
  ASSERT_TRUE(LoadContext(path, &loaded, &error)) << error;
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->url, "stored:1");
  EXPECT_EQ(loaded->api_key, "STOREDKEY0000000");
  EXPECT_EQ(loaded->api_secret, "stored-secret");
  EXPECT_EQ(loaded->tls_ca, "/ca.pem");

  // Saving again replaces the file and keeps it private.
  StoredContext other = Stored();
  other.url = "other:2";
  ASSERT_TRUE(SaveContext(path, other, &error)) << error;
  ASSERT_TRUE(LoadContext(path, &loaded, &error)) << error;
  EXPECT_EQ(loaded->url, "other:2");
  EXPECT_EQ(keyward::testing::PermissionBits(path), 0600);

  bool removed = false;
  ASSERT_TRUE(RemoveContext(path, &removed, &error));
  EXPECT_TRUE(removed);
  ASSERT_TRUE(RemoveContext(path, &removed, &error));
  EXPECT_FALSE(removed);
}

TEST_F(ContextFileTest, AMissingFileIsNoContextAndAMalformedOneAnError) {
  std::optional<StoredContext> loaded;
  std::string error;
  ASSERT_TRUE(LoadContext(dir_ + "/absent.json", &loaded, &error));
  EXPECT_FALSE(loaded.has_value());

  const std::string path = dir_ + "/bad.json";
  std::ofstream(path) << "{not json";
  EXPECT_FALSE(LoadContext(path, &loaded, &error));
  EXPECT_THAT(error, HasSubstr(path));
  std::ofstream(path) << R"({"url": 5})";
  EXPECT_FALSE(LoadContext(path, &loaded, &error));
  EXPECT_THAT(error, HasSubstr("url must be a string"));
}

TEST(BasicAuthorizationTest, EncodesKeyColonSecretInBase64) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(BasicAuthorization("KEY", "sec\xff"), "Basic S0VZOnNlY/8=");
}

}  // namespace
}  // namespace keyward::cli
