// The key store of `keyward api-key store/use/verify`: the file beside the
// login context, kept private, and the rules for storing, using and
// choosing the key to verify.
#include "cli/key_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "services/crypto/secret.h"
#include "tests/support/temp_dir_test.h"
#include "tests/support/test_environment.h"

namespace keyward::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

constexpr char kKey[] = "KEY0000000000001";
constexpr char kOtherKey[] = "KEY0000000000002";

TEST(ApiKeyStorePathTest, IsApiKeysJsonBesideTheLoginContext) {
  std::string error;
  EXPECT_EQ(ApiKeyStorePath({{"XDG_CONFIG_HOME", "/x"}}, &error),
            "/x/keyward/api-keys.json");
}

class KeyStoreFileTest : public keyward::testing::TempDirTest {};

TEST_F(KeyStoreFileTest, SavesWithMode0600AndLoadsBack) {
  const std::string path = dir_ + "/home/.config/keyward/api-keys.json";
  ApiKeyStore store;
  StoreApiKey(&store, kKey, {"kwsec_one", "lkc-00000001"});
  StoreApiKey(&store, kOtherKey, {"kwsec_two", ""});
  std::string error;
  ASSERT_TRUE(UseApiKey(&store, kKey, "lkc-00000001", &error)) << error;
  ASSERT_TRUE(SaveApiKeyStore(path, store, &error)) << error;

  EXPECT_EQ(keyward::testing::PermissionBits(path), 0600);
  EXPECT_EQ(keyward::testing::PermissionBits(dir_ + "/home/.config/keyward"),
            0700);

  ApiKeyStore loaded;
  ASSERT_TRUE(LoadApiKeyStore(path, &loaded, &error)) << error;
  ASSERT_EQ(loaded.keys.size(), 2u);
  EXPECT_EQ(loaded.keys[kKey].secret, "kwsec_one");
  EXPECT_EQ(loaded.keys[kKey].resource, "lkc-00000001");
  EXPECT_EQ(loaded.keys[kOtherKey].secret, "kwsec_two");
  EXPECT_EQ(loaded.keys[kOtherKey].resource, "");
  EXPECT_THAT(loaded.active, ElementsAre(Pair("lkc-00000001", kKey)));

  // Written again, even over a file someone made readable, it is private.
  chmod(path.c_str(), 0644);
  ASSERT_TRUE(SaveApiKeyStore(path, loaded, &error)) << error;
  EXPECT_EQ(keyward::testing::PermissionBits(path), 0600);
}

TEST_F(KeyStoreFileTest, TheLoginContextIsLeftAlone) {
  const std::string context = dir_ + "/keyward/config.json";
  std::filesystem::create_directories(dir_ + "/keyward");
  std::ofstream(context) << R"({"api_key": "LOGIN"})";
  ApiKeyStore store;
  StoreApiKey(&store, kKey, {"kwsec_one", ""});
  std::string error;
  const std::string path = ApiKeyStorePath({{"XDG_CONFIG_HOME", dir_}}, &error);
  ASSERT_TRUE(SaveApiKeyStore(path, store, &error)) << error;
  EXPECT_EQ(keyward::testing::ReadFile(context), R"({"api_key": "LOGIN"})");
}

TEST_F(KeyStoreFileTest, AMissingFileIsAnEmptyStoreAndAMalformedOneAnError) {
  ApiKeyStore store;
  std::string error;
  ASSERT_TRUE(LoadApiKeyStore(dir_ + "/absent.json", &store, &error));
  EXPECT_THAT(store.keys, IsEmpty());
  EXPECT_THAT(store.active, IsEmpty());

  const std::string path = dir_ + "/bad.json";
  for (const char* text :
       {"{not json", "[]", R"({"api_keys": []})",
        R"({"api_keys": {"K": {"secret": 5}}})", R"({"active": {"r": 1}})"}) {
    std::ofstream(path) << text;
    EXPECT_FALSE(LoadApiKeyStore(path, &store, &error)) << text;
    EXPECT_THAT(error, HasSubstr(path));
  }
}

TEST(CheckKeyToStoreTest, AcceptsOnlyAKeyIdAndAWellFormedSecret) {
  const std::string secret = crypto::NewSecret();
  std::string error;
  EXPECT_TRUE(CheckKeyToStore(kKey, secret, &error)) << error;

  EXPECT_FALSE(CheckKeyToStore("key0000000000001", secret, &error));
  EXPECT_THAT(error, HasSubstr("is not an API key id"));
  EXPECT_FALSE(CheckKeyToStore("KEY", secret, &error));
  EXPECT_FALSE(CheckKeyToStore(kKey, "", &error));
  EXPECT_THAT(error, HasSubstr("no secret given"));

  // A typo breaks the checksum; the message never repeats the secret.
  std::string mistyped = secret;
  mistyped[10] = mistyped[10] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {mistyped, secret.substr(0, secret.size() - 1),
                                 "kwinv_" + secret.substr(6)}) {
    EXPECT_FALSE(CheckKeyToStore(kKey, bad, &error)) << bad;
    EXPECT_THAT(error, HasSubstr("not an API key secret"));
    EXPECT_THAT(error, Not(HasSubstr(bad)));
  }
}

TEST(UseApiKeyTest, NeedsAStoredKeyForThatResource) {
  ApiKeyStore store;
  std::string error;
  EXPECT_FALSE(UseApiKey(&store, kKey, "lkc-00000001", &error));
  EXPECT_THAT(error, HasSubstr("api-key store " + std::string(kKey)));

  StoreApiKey(&store, kKey, {"kwsec_one", "lkc-00000001"});
  EXPECT_FALSE(UseApiKey(&store, kKey, "lkc-00000002", &error));
  EXPECT_THAT(error, HasSubstr("stored for resource lkc-00000001"));
  EXPECT_THAT(store.active, IsEmpty());

  // A key stored without a resource is bound to the first it is used for.
  StoreApiKey(&store, kOtherKey, {"kwsec_two", ""});
  ASSERT_TRUE(UseApiKey(&store, kOtherKey, "lkc-00000002", &error)) << error;
  EXPECT_EQ(store.keys[kOtherKey].resource, "lkc-00000002");
  EXPECT_THAT(store.active, ElementsAre(Pair("lkc-00000002", kOtherKey)));
}

TEST(UseApiKeyTest, ReplacingAKeyEndsItsUseForAnotherResource) {
  ApiKeyStore store;
  std::string error;
  StoreApiKey(&store, kKey, {"kwsec_one", "lkc-00000001"});
  ASSERT_TRUE(UseApiKey(&store, kKey, "lkc-00000001", &error));
  StoreApiKey(&store, kKey, {"kwsec_new", "lkc-00000001"});
  EXPECT_THAT(store.active, ElementsAre(Pair("lkc-00000001", kKey)));
  StoreApiKey(&store, kKey, {"kwsec_new", "lkc-00000009"});
  EXPECT_THAT(store.active, IsEmpty());
}

TEST(KeyToVerifyTest, TheGivenKeyElseTheActiveOneForTheResource) {
  ApiKeyStore store;
  std::string error;
  EXPECT_EQ(KeyToVerify(store, kOtherKey, "lkc-00000001", &error), kOtherKey);
  EXPECT_EQ(KeyToVerify(store, "", "lkc-00000001", &error), "");
  EXPECT_THAT(error, HasSubstr("api-key use KEY --resource lkc-00000001"));

  StoreApiKey(&store, kKey, {"kwsec_one", "lkc-00000001"});
  ASSERT_TRUE(UseApiKey(&store, kKey, "lkc-00000001", &error));
  EXPECT_EQ(KeyToVerify(store, "", "lkc-00000001", &error), kKey);
  ASSERT_NE(StoredSecret(store, kKey), nullptr);
  EXPECT_EQ(*StoredSecret(store, kKey), "kwsec_one");
  EXPECT_EQ(StoredSecret(store, kOtherKey), nullptr);
}

}  // namespace
}  // namespace keyward::cli
