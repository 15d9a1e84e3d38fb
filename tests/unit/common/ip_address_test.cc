#include "services/common/ip_address.h"

#include <gtest/gtest.h>

namespace keyward {
namespace {

TEST(CanonicalIpAddressTest, WritesEachAddressOneWay) {
  EXPECT_EQ(CanonicalIpAddress("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(CanonicalIpAddress("::1"), "::1");
  EXPECT_EQ(CanonicalIpAddress("[::1]"), "::1");
  EXPECT_EQ(CanonicalIpAddress("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(CanonicalIpAddress("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(CanonicalIpAddress("::FFFF:c000:0201"), "192.0.2.1");
}

TEST(CanonicalIpAddressTest, RejectsWhatIsNotAnAddress) {
  for (const char* text :
       {"", "localhost", "127.0.0.1:80", "[::1]:80", "[127.0.0.1]", "1.2.3",
        "1.2.3.4.5", "256.0.0.1", "010.0.0.1", " 127.0.0.1", "127.0.0.1 ",
        "10.0.0.0/8", "fe80::1%eth0", "::1::2", "[::1"}) {
    EXPECT_FALSE(CanonicalIpAddress(text).has_value()) << text;
  }
  EXPECT_FALSE(CanonicalIpAddress(std::string("127.0.0.1\0x", 11)));
  EXPECT_FALSE(CanonicalIpAddress(std::string(100, '1')));
}

}  // namespace
}  // namespace keyward
