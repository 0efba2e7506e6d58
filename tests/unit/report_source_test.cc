#include "services/domain/report_source.h"

#include <gtest/gtest.h>

#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

ReplicaFacts Replica(absl::Duration behind, bool caught_up = false) {
  ReplicaFacts f;
  f.configured = true;
  f.reachable = true;
  f.caught_up = caught_up;
  f.last_replay = kNow - behind;
  f.now = kNow;
  return f;
}

ReplicaFacts Unreachable() {
  ReplicaFacts f;
  f.configured = true;
  f.now = kNow;
  return f;
}

ReportSourcePolicy Policy(bool fallback = false) { return {absl::Seconds(30), fallback}; }

TEST(ChooseReportSource, NoReplicaReadsThePrimary) {
  ReplicaFacts f;  // not configured: the rest is never looked at
  auto c = ChooseReportSource(f, Policy());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, ReportSource::kPrimary);
  EXPECT_FALSE(c->as_of.has_value()) << "the primary's as_of is its own now()";
  EXPECT_TRUE(c->fallback_cause.empty());
}

TEST(ChooseReportSource, AFreshReplicaIsReadAsOfItsLastReplayedCommit) {
  auto c = ChooseReportSource(Replica(absl::Seconds(3)), Policy());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, ReportSource::kReplica);
  EXPECT_EQ(c->lag, absl::Seconds(3));
  EXPECT_EQ(c->as_of, kNow - absl::Seconds(3));
  // At the bound exactly it is still fresh enough.
  auto at_bound = ChooseReportSource(Replica(absl::Seconds(30)), Policy());
  ASSERT_TRUE(at_bound.ok());
  EXPECT_EQ(at_bound->source, ReportSource::kReplica);
}

TEST(ChooseReportSource, ALaggingReplicaIsRefusedNamingTheLagAndTheBound) {
  auto c = ChooseReportSource(Replica(absl::Seconds(45)), Policy());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(c.status()), reasons::kReplicaLagging);
  EXPECT_NE(c.status().message().find("45s"), std::string_view::npos) << c.status();
  EXPECT_NE(c.status().message().find("30s"), std::string_view::npos) << c.status();
  // Just past the bound: the lag is not shown as equal to it.
  auto just = ChooseReportSource(Replica(absl::Seconds(30) + absl::Microseconds(300)), Policy());
  ASSERT_FALSE(just.ok());
  EXPECT_NE(just.status().message().find("lags 30.001s"), std::string_view::npos) << just.status();
}

TEST(ChooseReportSource, ALaggingReplicaWithFallbackReadsThePrimary) {
  auto c = ChooseReportSource(Replica(absl::Minutes(5)), Policy(true));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, ReportSource::kPrimary);
  EXPECT_FALSE(c->as_of.has_value());
  EXPECT_NE(c->fallback_cause.find("300s"), std::string::npos) << c->fallback_cause;
}

TEST(ChooseReportSource, AnUnreachableReplicaIsRefused) {
  auto c = ChooseReportSource(Unreachable(), Policy());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(c.status()), reasons::kReplicaUnavailable);
}

TEST(ChooseReportSource, AnUnreachableReplicaWithFallbackReadsThePrimary) {
  auto c = ChooseReportSource(Unreachable(), Policy(true));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, ReportSource::kPrimary);
  EXPECT_NE(c->fallback_cause.find("unreachable"), std::string::npos);
}

TEST(ChooseReportSource, ACaughtUpReplicaOfAnIdlePrimaryHasNoLag) {
  // The last commit replayed was an hour ago, but nothing is waiting: the
  // primary has simply written nothing since.
  auto c = ChooseReportSource(Replica(absl::Hours(1), /*caught_up=*/true), Policy());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, ReportSource::kReplica);
  EXPECT_EQ(c->lag, absl::ZeroDuration());
  EXPECT_EQ(c->as_of, kNow) << "everything received is replayed: current as of now";
  // A standby started with nothing to replay is caught up as well.
  ReplicaFacts fresh = Unreachable();
  fresh.reachable = true;
  fresh.caught_up = true;
  auto f = ChooseReportSource(fresh, Policy());
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->source, ReportSource::kReplica);
}

TEST(ChooseReportSource, ABehindReplicaThatReplayedNothingHasAnUnknownLag) {
  ReplicaFacts f = Unreachable();
  f.reachable = true;  // receiving, nothing replayed yet
  auto c = ChooseReportSource(f, Policy());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(ReasonOf(c.status()), reasons::kReplicaLagging);
  EXPECT_FALSE(ReplicaLag(f).has_value());
  auto with_fallback = ChooseReportSource(f, Policy(true));
  ASSERT_TRUE(with_fallback.ok());
  EXPECT_EQ(with_fallback->source, ReportSource::kPrimary);
}

TEST(ReplicaLag, ClockSkewNeverMakesItNegative) {
  EXPECT_EQ(ReplicaLag(Replica(-absl::Seconds(2))), absl::ZeroDuration());
}

}  // namespace
}  // namespace caitiao::domain
