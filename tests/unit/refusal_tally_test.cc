#include "services/domain/refusal_tally.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace caitiao::domain {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

RefusalKind Kind(const std::string& peer, const std::string& reason = "TOKEN_UNKNOWN") {
  return {peer, "-", "-", "caitiao.v1.CaseService/GetCase", "UNAUTHENTICATED", reason};
}

TEST(RefusalTally, TheFirstOfAKindIsWrittenAndTheRestOfItsIntervalFoldedIntoOne) {
  RefusalTally tally(absl::Seconds(10), 100);
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.0.0.1"), kT0, "r0"));
  for (int i = 1; i <= 1999; ++i) {
    EXPECT_FALSE(tally.Admit(Kind("ipv4:10.0.0.1"), kT0 + absl::Milliseconds(i * 4), absl::StrCat("r", i)));
  }
  EXPECT_TRUE(tally.Due(kT0 + absl::Seconds(9)).empty()) << "the interval has not ended";
  auto due = tally.Due(kT0 + absl::Seconds(10));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].repeats, 1999);
  EXPECT_EQ(due[0].last, kT0 + absl::Milliseconds(1999 * 4));
  EXPECT_EQ(due[0].last_request_id, "r1999");
  EXPECT_TRUE(tally.Due(kT0 + absl::Seconds(20)).empty()) << "each count is returned once";
  EXPECT_EQ(tally.tracked(), 0u);
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.0.0.1"), kT0 + absl::Seconds(21), "next")) << "a new interval";
}

TEST(RefusalTally, KindsDifferByPeerCallerMethodAndReason) {
  RefusalTally tally(absl::Seconds(10), 100);
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.0.0.1"), kT0, "a"));
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.0.0.2"), kT0, "b"));
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.0.0.1", "CREDENTIALS_MISSING"), kT0, "c"));
  RefusalKind other_method = Kind("ipv4:10.0.0.1");
  other_method.method = "caitiao.v1.CaseService/ListCases";
  EXPECT_TRUE(tally.Admit(other_method, kT0, "d"));
  RefusalKind known = Kind("ipv4:10.0.0.1", "TOKEN_REVOKED");
  known.principal = "token/1";
  EXPECT_TRUE(tally.Admit(known, kT0, "e"));
  EXPECT_FALSE(tally.Admit(known, kT0 + absl::Seconds(1), "f"));
  auto due = tally.Due(absl::InfiniteFuture());
  ASSERT_EQ(due.size(), 1u) << "only kinds with repeats make a second record";
  EXPECT_EQ(due[0].kind.principal, "token/1");
  EXPECT_EQ(due[0].repeats, 1);
}

TEST(RefusalTally, AnIntervalEndedBeforeDueKeepsItsCount) {
  RefusalTally tally(absl::Seconds(10), 100);
  EXPECT_TRUE(tally.Admit(Kind("p"), kT0, "a"));
  EXPECT_FALSE(tally.Admit(Kind("p"), kT0 + absl::Seconds(5), "b"));
  EXPECT_TRUE(tally.Admit(Kind("p"), kT0 + absl::Seconds(12), "c")) << "written: its interval is new";
  EXPECT_FALSE(tally.Admit(Kind("p"), kT0 + absl::Seconds(13), "d"));
  auto due = tally.Due(kT0 + absl::Seconds(14));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].repeats, 1);
  EXPECT_EQ(due[0].last_request_id, "b");
  due = tally.Due(kT0 + absl::Seconds(22));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].last_request_id, "d");
}

TEST(RefusalTally, PastItsBoundNewPeersFoldUnderAnyPeer) {
  RefusalTally tally(absl::Seconds(10), 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(tally.Admit(Kind(absl::StrCat("ipv4:10.0.0.", i)), kT0, "x"));
  EXPECT_TRUE(tally.Admit(Kind("ipv4:10.9.9.1"), kT0, "y")) << "the first under \"*\" is written";
  for (int i = 2; i < 1000; ++i) {
    EXPECT_FALSE(tally.Admit(Kind(absl::StrCat("ipv4:10.9.", i / 250, ".", i % 250)), kT0,
                             "z"));
  }
  EXPECT_EQ(tally.tracked(), 4u) << "memory stays bounded";
  auto due = tally.Due(absl::InfiniteFuture());
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind.peer, "*");
  EXPECT_EQ(due[0].repeats, 998);
}

TEST(PeerHost, DropsThePort) {
  EXPECT_EQ(PeerHost("ipv4:10.1.2.3:5555"), "ipv4:10.1.2.3");
  EXPECT_EQ(PeerHost("ipv6:[::1]:5555"), "ipv6:[::1]");
  EXPECT_EQ(PeerHost("ipv6:[::1]"), "ipv6:[::1]");
  EXPECT_EQ(PeerHost("unix:/tmp/s"), "unix:/tmp/s");
  EXPECT_EQ(PeerHost(""), "");
}

}  // namespace
}  // namespace caitiao::domain
