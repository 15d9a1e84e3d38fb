#include "services/domain/client_address.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyward::domain {
namespace {

TEST(PeerAddressTest, TakesTheAddressOutOfAGrpcPeer) {
  EXPECT_EQ(PeerAddress("ipv4:127.0.0.1:5555"), "127.0.0.1");
  EXPECT_EQ(PeerAddress("ipv6:[::1]:5555"), "::1");
  EXPECT_EQ(PeerAddress("ipv6:%5B::1%5D:5555"), "::1");
  EXPECT_EQ(PeerAddress("ipv6:%5B2001:DB8::0001%5D:5555"), "2001:db8::1");
  EXPECT_EQ(PeerAddress("ipv6:%5B::ffff:10.0.0.1%5D:5555"), "10.0.0.1");
}

TEST(PeerAddressTest, LeavesOtherPeersAsTheyAre) {
  EXPECT_EQ(PeerAddress("unix:/run/keyward.sock"), "unix:/run/keyward.sock");
  EXPECT_EQ(PeerAddress("ipv4:not-an-address:1"), "ipv4:not-an-address:1");
  EXPECT_EQ(PeerAddress("nonsense"), "nonsense");
}

class ClientAddressTest : public ::testing::Test {
 protected:
  std::string From(const std::string& peer,
                   std::vector<std::string> forwarded_for) const {
    return resolver_.ClientAddress(peer, forwarded_for);
  }

  const ClientAddressResolver resolver_{{"10.0.0.1", "10.0.0.2", "::1"}};
};

TEST_F(ClientAddressTest, AnUntrustedPeerIsTheClientWhateverItForwards) {
  EXPECT_EQ(From("ipv4:192.0.2.1:5000", {}), "192.0.2.1");
  EXPECT_EQ(From("ipv4:192.0.2.1:5000", {"203.0.113.9"}), "192.0.2.1");
  EXPECT_EQ(From("ipv4:127.0.0.1:5000", {"203.0.113.9"}), "127.0.0.1");
}

TEST_F(ClientAddressTest, ATrustedProxyNamesTheClient) {
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"203.0.113.9"}), "203.0.113.9");
  EXPECT_EQ(From("ipv6:%5B::1%5D:443", {"203.0.113.9"}), "203.0.113.9");
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"2001:DB8::1"}), "2001:db8::1");
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"[2001:db8::1]"}), "2001:db8::1");
  // Without the header, the proxy itself.
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {}), "10.0.0.1");
}

TEST_F(ClientAddressTest, TheRightMostUntrustedEntryIsTheClient) {
  // The client forged the left-most entry; our proxies appended the rest.
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"198.51.100.1, 203.0.113.9, 10.0.0.2"}),
            "203.0.113.9");
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"198.51.100.1", "203.0.113.9,10.0.0.2"}),
            "203.0.113.9");
}

TEST_F(ClientAddressTest, OnlyTrustedEntriesMeanTheLeftMostOne) {
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"10.0.0.2, 10.0.0.1"}), "10.0.0.2");
}

TEST_F(ClientAddressTest, AMalformedEntryMeansThePeer) {
  for (const char* header :
       {"unknown", "203.0.113.9:8080", "", "203.0.113.9,,10.0.0.2",
        "evil.example", "203.0.113.9 x", "10.0.0.0/8"}) {
    EXPECT_EQ(From("ipv4:10.0.0.1:443", {header}), "10.0.0.1") << header;
  }
  // Left of the client, entries are the client's own business.
  EXPECT_EQ(From("ipv4:10.0.0.1:443", {"garbage, 203.0.113.9"}), "203.0.113.9");
}

}  // namespace
}  // namespace keyward::domain
