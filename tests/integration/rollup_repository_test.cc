// The docking report's rollups against a real PostgreSQL: a known history
// of dated events over two quarters, written through AppendCaseEvent,
// gives every figure worked out by hand; the rollups read for any period
// (whole months and partial ones) equal the same sums worked out by
// scanning the events; rebuilding them from the events gives them again.
#include <algorithm>
#include <tuple>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_report.h"
#include "services/domain/identity_numbers.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/room_repository.h"
#include "storage/rollup_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::TestCluster;
using domain::CaseState;
using domain::DetailCount;
using domain::ReportDimension;

std::string Id(int kind, int n) { return absl::StrFormat("00000000-0000-4000-%04d-%012d", 8300 + kind, n); }
constexpr int kRoom = 1, kCase = 2, kDelegation = 3, kMediator = 4;

// Noon in China on the day.
absl::Time Noon(int month, int day) {
  return absl::FromCivil(absl::CivilSecond(2026, month, day, 12, 0, 0), domain::ChinaTimeZone());
}

bool SameSums(std::vector<domain::RollupSum> a, std::vector<domain::RollupSum> b) {
  auto key = [](const domain::RollupSum& s) {
    return std::tie(s.group, s.year, s.month, s.figure, s.detail, s.cases, s.amount_fen);
  };
  auto less = [&](const domain::RollupSum& x, const domain::RollupSum& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const domain::RollupSum& x, const domain::RollupSum& y) { return key(x) == key(y); });
}

class RollupRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = caitiao::testing::SeedWuhanCommission(*pool_);
    Run([&](Tx& tx) {
      return InsertRoom(tx, caitiao::testing::SampleRoom(Id(kRoom, 1), "江岸调解工作室", commission_, 10));
    });
    domain::Mediator m;
    m.id = Id(kMediator, 1);
    m.name = "调解员甲";
    const std::string first17 = "420102198001010011";
    m.resident_id_number = first17.substr(0, 17) + std::string(1, domain::ResidentIdCheckCharacter(first17.substr(0, 17)));
    m.source = domain::MediatorSource::kLawyer;
    m.certificate_number = "鄂调证-R1";
    m.certificate_expiry = absl::CivilDay(2028, 12, 31);
    m.term_start = absl::CivilDay(2025, 1, 1);
    m.term_end = absl::CivilDay(2027, 12, 31);
    m.room_ids = {Id(kRoom, 1)};
    m.status = domain::MediatorStatus::kActive;
    m.create_time = m.update_time = absl::Now();
    Run([&](Tx& tx) { return InsertMediator(tx, m); });

    // Case 1: a success by path A in February, 13 days after delegation.
    NewCase(1, CaseState::kMediated, Noon(2, 10));
    Event(1, "ELIGIBILITY_ASSESSED", Noon(2, 11), "eligible=true");
    Delegate(1, Noon(2, 12), domain::DelegationRoute::kBeforeFiling, true);
    Event(1, "CASE_DELEGATION_ACCEPTED", Noon(2, 13), absl::StrCat("mediator=", Id(kMediator, 1)), true);
    Event(1, "AGREEMENT_EFFECTIVE", Noon(2, 20), "agreement=A1 agreed_fen=300000", true);
    Event(1, "PERFORMANCE_RECORDED", Noon(2, 25), "agreement=A1 obligation=0 amount_fen=300000", true);
    Event(1, "MEDIATION_SUCCEEDED", Noon(2, 25), "path=SUCCEEDED_PERFORMED", true);
    // Case 2: ineligible (no consent, the labor relationship contested), withdrawn in March.
    NewCase(2, CaseState::kWithdrawn, Noon(2, 15));
    Event(2, "ELIGIBILITY_ASSESSED", Noon(2, 16),
          "eligible=false unmet=BOTH_PARTIES_CONSENT,NOT_LABOR_RELATIONSHIP_CONFIRMATION");
    Event(2, "CASE_WITHDRAWN", Noon(3, 1), "");
    // Case 3: delegated after filing on 31 March, declined in April.
    NewCase(3, CaseState::kFiled, Noon(3, 30));
    Delegate(3, Noon(3, 31), domain::DelegationRoute::kAfterFiling, false);
    Event(3, "CASE_DELEGATION_DECLINED", Noon(4, 2), "ground=NO_CAPACITY", true);
    // Case 4: failed in May (39 days), closed by award in June.
    NewCase(4, CaseState::kClosed, Noon(4, 10));
    Delegate(4, Noon(4, 11), domain::DelegationRoute::kBeforeFiling, true);
    Event(4, "CASE_DELEGATION_ACCEPTED", Noon(4, 12), absl::StrCat("mediator=", Id(kMediator, 1)), true);
    Event(4, "MEDIATION_FAILED", Noon(5, 20), "reason=PARTY_REFUSED reply_letter=L4", true);
    Event(4, "CASE_CLOSED", Noon(6, 10), "manner=AWARD");
    // Case 5: in mediation now, its deadline passed.
    NewCase(5, CaseState::kInMediation, Noon(6, 1));
    Delegate(5, Noon(6, 2), domain::DelegationRoute::kBeforeFiling, true);
    Run([&](Tx& tx) { return SetCaseDelegation(tx, Id(kCase, 5), Id(kRoom, 1), absl::CivilDay(2026, 6, 30)); });
  }

  void NewCase(int n, CaseState state, absl::Time received) {
    const auto c = caitiao::testing::SampleCase(Id(kCase, n), absl::StrCat("R-", n), commission_, state, received);
    Run([&](Tx& tx) { return InsertCase(tx, c, "tester"); });
    Event(n, "CASE_CREATED", received, "applicants=1 respondents=1");
  }

  void Delegate(int n, absl::Time when, domain::DelegationRoute route, bool accepted) {
    auto d = caitiao::testing::SampleDelegation(Id(kDelegation, n), Id(kCase, n), Id(kRoom, 1), n);
    d.route = route;
    d.delegate_time = when;
    d.status = accepted ? domain::DelegationStatus::kAccepted : domain::DelegationStatus::kDeclined;
    if (accepted) d.mediator_id = Id(kMediator, 1);
    Run([&](Tx& tx) { return InsertDelegation(tx, d); });
    // The room's acceptance assigns the mediator.
    if (accepted) Run([&](Tx& tx) { return UpdateDelegation(tx, d); });
    Event(n, "CASE_DELEGATED", when, absl::StrCat("room=", Id(kRoom, 1), " route=", domain::DelegationRouteName(route)),
          true);
  }

  void Event(int n, const std::string& kind, absl::Time when, const std::string& summary, bool in_room = false) {
    domain::CaseEvent e;
    e.case_id = Id(kCase, n);
    e.kind = kind;
    e.actor = "tester";
    e.actor_role = "ARBITRATION_STAFF";
    e.occur_time = when;
    e.summary = summary;
    if (in_room) e.room_id = Id(kRoom, 1);
    Run([&](Tx& tx) { return AppendCaseEvent(tx, e).status(); });
  }

  RollupQuery Query(absl::CivilDay first, absl::CivilDay last, ReportDimension by = ReportDimension::kNone) {
    return RollupQuery{first, last, domain::SubtreeRange("420000"), "", "", "", by};
  }

  std::vector<domain::RollupSum> Read(const RollupQuery& q, bool scan = false) {
    std::vector<domain::RollupSum> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = scan ? ScanRollups(tx, q) : ReadRollups(tx, q);
      if (!r.ok()) return r.status();
      out = *std::move(r);
      return absl::OkStatus();
    });
    return out;
  }

  // The whole period's total for the days.
  domain::DockingFigures Total(absl::CivilDay first, absl::CivilDay last) {
    std::vector<domain::OpenCount> open;
    Run([&](Tx& tx) -> absl::Status {
      auto r = ReadOpenCounts(tx, Query(first, last), {"DELEGATED", "IN_MEDIATION"}, absl::CivilDay(2026, 7, 1));
      if (!r.ok()) return r.status();
      open = *r;
      return absl::OkStatus();
    });
    auto rows = domain::DockingReport(Read(Query(first, last)), {}, open, {}, false, absl::CivilMonth(first),
                                      absl::CivilMonth(last));
    EXPECT_EQ(rows.size(), 1u);
    return rows.at(0).figures;
  }

  void Run(const TxBody& body) {
    absl::Status s = RunTransaction(*pool_, absl::Now() + absl::Seconds(30), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

TEST_F(RollupRepositoryTest, EveryFigureOfTheFirstQuarter) {
  const auto f = Total(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 3, 31));
  EXPECT_EQ(f.received, 3);
  EXPECT_EQ(f.assessed_eligible, 1);
  EXPECT_EQ(f.assessed_ineligible, 1);
  EXPECT_EQ(f.labor_relationship_excluded, 1);
  EXPECT_EQ(f.unmet_criteria, (std::vector<DetailCount>{{"BOTH_PARTIES_CONSENT", 1},
                                                         {"NOT_LABOR_RELATIONSHIP_CONFIRMATION", 1}}));
  EXPECT_EQ(f.delegated, 2);
  EXPECT_EQ(f.delegated_before_filing, 1);
  EXPECT_EQ(f.delegated_after_filing, 1);
  EXPECT_DOUBLE_EQ(*f.delegation_rate, 2.0 / 3.0);
  EXPECT_EQ(f.accepted, 1);
  EXPECT_EQ(f.declined, 0);
  EXPECT_EQ(f.agreements_effective, 1);
  EXPECT_EQ(f.succeeded, 1);
  EXPECT_EQ(f.succeeded_performed, 1);
  EXPECT_EQ(f.succeeded_document, 0);
  EXPECT_EQ(f.failed, 0);
  EXPECT_DOUBLE_EQ(*f.success_rate, 1.0);
  EXPECT_DOUBLE_EQ(*f.performance_rate, 1.0);
  EXPECT_EQ(f.median_days, 13);
  EXPECT_EQ(f.p90_days, 13);
  EXPECT_EQ(f.claimed_fen, 2 * 1234500);
  EXPECT_EQ(f.agreed_fen, 300000);
  EXPECT_EQ(f.performed_fen, 300000);
  EXPECT_EQ(f.open_now, 1) << "case 5, in mediation now whatever the period";
  EXPECT_EQ(f.overdue_now, 1);
}

TEST_F(RollupRepositoryTest, EveryFigureOfTheSecondQuarter) {
  const auto f = Total(absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 6, 30));
  EXPECT_EQ(f.received, 2);
  EXPECT_EQ(f.assessed_eligible + f.assessed_ineligible, 0);
  EXPECT_EQ(f.delegated, 2);
  EXPECT_EQ(f.delegated_before_filing, 2);
  EXPECT_DOUBLE_EQ(*f.delegation_rate, 1.0);
  EXPECT_EQ(f.accepted, 1);
  EXPECT_EQ(f.declined, 1);
  EXPECT_EQ(f.declines_by_ground, (std::vector<DetailCount>{{"NO_CAPACITY", 1}}));
  EXPECT_EQ(f.succeeded, 0);
  EXPECT_EQ(f.failed, 1);
  EXPECT_EQ(f.failures_by_reason, (std::vector<DetailCount>{{"PARTY_REFUSED", 1}}));
  EXPECT_DOUBLE_EQ(*f.success_rate, 0.0);
  EXPECT_FALSE(f.performance_rate.has_value()) << "no agreement took effect";
  EXPECT_EQ(f.median_days, 39);
  EXPECT_EQ(f.claimed_fen, 2 * 1234500);
  EXPECT_EQ(f.agreed_fen, 0);
}

TEST_F(RollupRepositoryTest, PartialMonthsComeFromTheDaysAndMonthsFromTheMonths) {
  // 12 Feb .. 20 May: Feb and May in part, March and April whole.
  const auto f = Total(absl::CivilDay(2026, 2, 12), absl::CivilDay(2026, 5, 20));
  EXPECT_EQ(f.received, 3) << "cases 2, 3 and 4; not case 1 (10 Feb) nor 5 (1 Jun)";
  EXPECT_EQ(f.delegated, 3) << "12 Feb, 31 Mar, 11 Apr";
  EXPECT_EQ(f.succeeded, 1);
  EXPECT_EQ(f.failed, 1) << "20 May, the last day";
  const auto h1 = Read(Query(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 6, 30)));
  int closed_award = 0, closed_mediation = 0, withdrawn = 0;
  for (const auto& s : h1) {
    if (s.figure == "CLOSED" && s.detail == "AWARD") closed_award += static_cast<int>(s.cases);
    if (s.figure == "CLOSED" && s.detail == "MEDIATION") closed_mediation += static_cast<int>(s.cases);
    if (s.figure == "CLOSED" && s.detail == "WITHDRAWN") withdrawn += static_cast<int>(s.cases);
  }
  EXPECT_EQ(std::make_tuple(closed_award, closed_mediation, withdrawn), std::make_tuple(1, 1, 1));
}

TEST_F(RollupRepositoryTest, RollupsEqualTheScanOfTheEventsForAnyPeriodAndBreakdown) {
  const std::pair<absl::CivilDay, absl::CivilDay> periods[] = {
      {absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 6, 30)},
      {absl::CivilDay(2026, 2, 12), absl::CivilDay(2026, 5, 20)},
      {absl::CivilDay(2026, 3, 31), absl::CivilDay(2026, 3, 31)},
      {absl::CivilDay(2026, 2, 26), absl::CivilDay(2026, 4, 1)}};
  for (const auto& [first, last] : periods) {
    for (auto by : {ReportDimension::kNone, ReportDimension::kRegion, ReportDimension::kCommission,
                    ReportDimension::kRoom, ReportDimension::kMediator}) {
      const auto q = Query(first, last, by);
      const auto read = Read(q);
      EXPECT_FALSE(read.empty());
      EXPECT_TRUE(SameSums(read, Read(q, /*scan=*/true)))
          << absl::FormatCivilTime(first) << ".." << absl::FormatCivilTime(last) << " by " << static_cast<int>(by);
    }
  }
  RollupQuery mediator = Query(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 6, 30));
  mediator.mediator_id = Id(kMediator, 1);
  EXPECT_TRUE(SameSums(Read(mediator), Read(mediator, true)));
  int64_t accepted = 0, failed = 0;
  for (const auto& s : Read(mediator)) {
    if (s.figure == "ACCEPTED") accepted += s.cases;
    if (s.figure == "FAILED") failed += s.cases;
  }
  EXPECT_EQ(std::make_pair(accepted, failed), std::make_pair(int64_t{2}, int64_t{1}));
}

TEST_F(RollupRepositoryTest, RebuildingFromTheEventsGivesTheSameRollups) {
  const auto q = Query(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 6, 30), ReportDimension::kMediator);
  const auto before = Read(q);
  int64_t events = -1;
  auto first = RebuildRollupsIfNeeded(*pool_);
  ASSERT_TRUE(first.ok()) << first.status();
  Run([&](Tx& tx) -> absl::Status {
    tx.exec("UPDATE report_rollup_state SET built = false");
    tx.exec("DELETE FROM report_rollup_days");
    return absl::OkStatus();
  });
  auto rebuilt = RebuildRollupsIfNeeded(*pool_);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  events = *rebuilt;
  EXPECT_EQ(events, 20) << "every counted event: 7 + 3 + 3 + 5 + 2";
  EXPECT_TRUE(SameSums(Read(q), before));
  auto again = RebuildRollupsIfNeeded(*pool_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "built: nothing to do";
}

}  // namespace
}  // namespace caitiao::storage
