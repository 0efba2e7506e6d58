#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/errors.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/room_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::CaseRecord;
using domain::CaseState;
using domain::Delegation;
using domain::DelegationStatus;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }
std::string Id(int kind, int n) { return absl::StrFormat("00000000-0000-4000-%04d-%012d", 8000 + kind, n); }

class DockingRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = SeedWuhanCommission(*pool_);
    const domain::MediationRoom room = caitiao::testing::SampleRoom(Id(1, 1), "调解工作室", commission_, 2);
    Run([&](Tx& tx) { return InsertRoom(tx, room); });
  }

  void Run(const TxBody& body) {
    absl::Status s = RunTransaction(*pool_, Deadline(), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }
  absl::Status Try(const TxBody& body) { return RunTransaction(*pool_, Deadline(), "test", body); }

  CaseRecord NewCase(int n) {
    CaseRecord c = caitiao::testing::SampleCase(Id(2, n), absl::StrCat("T-", n), commission_, CaseState::kReceived,
                                                absl::FromUnixSeconds(1790000000 + n));
    Run([&](Tx& tx) { return InsertCase(tx, c, "tester"); });
    return c;
  }

  Delegation NewDelegation(int n, const std::string& case_id, absl::Time at) {
    Delegation d;
    d.id = Id(3, n);
    d.case_id = case_id;
    d.room_id = Id(1, 1);
    d.route = domain::DelegationRoute::kBeforeFiling;
    d.status = DelegationStatus::kPending;
    d.letter_number = absl::StrCat("鄂武劳人仲委调字〔2026〕第", n, "号");
    d.delegated_by = "token/staff";
    d.delegate_time = at;
    d.acceptance_due = {absl::CivilDay(2026, 11, 27), absl::CivilDay(2026, 12, 2),
                        {domain::PeriodKind::kWorkingDays, 3, false}, "2026:国办发明电〔2025〕7号", false};
    d.acceptance_policy = "built-in defaults";
    return d;
  }

  // Puts the case where DelegateCase leaves it.
  void MarkDelegated(CaseRecord& c, const Delegation& d) {
    c.state = CaseState::kDelegated;
    Run([&](Tx& tx) -> absl::Status {
      if (absl::Status s = InsertDelegation(tx, d); !s.ok()) return s;
      if (absl::Status s = UpdateCase(tx, c, false); !s.ok()) return s;
      return SetCaseDelegation(tx, c.id, d.room_id, d.acceptance_due.due);
    });
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

TEST_F(DockingRepositoryTest, OneCurrentConsentPerPartyAndWithdrawalIsRecordedOnIt) {
  CaseRecord c = NewCase(1);
  domain::ConsentRecord consent;
  consent.id = Id(4, 1);
  consent.case_id = c.id;
  consent.side = domain::PartySide::kApplicant;
  consent.position = 0;
  consent.form = domain::ConsentForm::kWritten;
  consent.given = absl::FromUnixSeconds(1790000100);
  consent.evidence_ref = "同意书1";
  consent.recorded_by = "token/staff";
  consent.record_time = absl::FromUnixSeconds(1790000200);
  Run([&](Tx& tx) { return InsertConsent(tx, consent); });
  domain::ConsentRecord again = consent;
  again.id = Id(4, 2);
  absl::Status twice = Try([&](Tx& tx) { return InsertConsent(tx, again); });
  EXPECT_EQ(twice.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(domain::ReasonOf(twice).value_or(""), "CONSENT_EXISTS");

  consent.withdrawn = absl::FromUnixSeconds(1790000300);
  consent.withdrawal_reason = "不愿调解";
  consent.withdrawn_by = "token/room";
  Run([&](Tx& tx) { return MarkConsentWithdrawn(tx, consent); });
  Run([&](Tx& tx) { return InsertConsent(tx, again); });  // a new consent after the withdrawal
  std::vector<domain::ConsentRecord> listed;
  Run([&](Tx& tx) -> absl::Status {
    auto r = ListConsents(tx, c.id);
    if (r.ok()) listed = *r;
    return r.status();
  });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, consent.id);
  EXPECT_EQ(listed[0].withdrawn, consent.withdrawn);
  EXPECT_EQ(listed[0].withdrawal_reason, "不愿调解");
  EXPECT_EQ(listed[0].form, domain::ConsentForm::kWritten);
  EXPECT_FALSE(listed[1].withdrawn.has_value());
}

TEST_F(DockingRepositoryTest, AssessmentRoundTripsWithCriteriaAndWarningsAndTheLatestWins) {
  CaseRecord c = NewCase(1);
  domain::EligibilityAssessmentRecord a;
  a.id = Id(5, 1);
  a.case_id = c.id;
  a.case_version = 3;
  a.substance_version = 3;
  a.result.criteria = {{"WITHIN_ARBITRATION_SCOPE", true, ""}, {"NOT_LABOR_RELATIONSHIP_CONFIRMATION", false, "确认劳动关系"}};
  a.result.warnings = {{"LIMITATION_PERIOD_MAY_HAVE_EXPIRED", "超过一年"}};
  a.result.eligible = false;
  a.respondent_contests_labor_relationship = true;
  a.infringement_date = absl::CivilDay(2025, 2, 28);
  a.assessed_by = "token/staff";
  a.assess_time = absl::FromUnixSeconds(1790000000);
  Run([&](Tx& tx) { return InsertAssessment(tx, a); });
  domain::EligibilityAssessmentRecord later = a;
  later.id = Id(5, 2);
  later.result.eligible = true;
  later.result.criteria = {{"WITHIN_ARBITRATION_SCOPE", true, "属于"}};
  later.result.warnings = {};
  later.infringement_date.reset();
  later.assess_time = a.assess_time + absl::Seconds(5);
  Run([&](Tx& tx) { return InsertAssessment(tx, later); });
  std::optional<domain::EligibilityAssessmentRecord> found;
  Run([&](Tx& tx) -> absl::Status {
    auto r = LatestAssessment(tx, c.id);
    if (r.ok()) found = *r;
    return r.status();
  });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, later.id);
  EXPECT_EQ(found->result, later.result);
  EXPECT_FALSE(found->infringement_date.has_value());
  EXPECT_EQ(found->substance_version, 3);
}

TEST_F(DockingRepositoryTest, DelegationLifecycleAndOneOpenDelegationPerCase) {
  CaseRecord c = NewCase(1);
  Delegation d = NewDelegation(1, c.id, absl::FromUnixSeconds(1790000000));
  MarkDelegated(c, d);
  Delegation second = NewDelegation(2, c.id, absl::FromUnixSeconds(1790000001));
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertDelegation(tx, second); }).ok())
      << "a case has one pending or accepted delegation at a time";
  std::optional<Delegation> open;
  Run([&](Tx& tx) -> absl::Status {
    auto r = OpenDelegation(tx, c.id);
    if (r.ok()) open = *r;
    return r.status();
  });
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->acceptance_due, d.acceptance_due);
  EXPECT_EQ(open->letter_number, d.letter_number);

  open->status = DelegationStatus::kDeclined;
  open->declined_by = "token/room";
  open->decline_time = absl::FromUnixSeconds(1790000500);
  open->decline_reason = "满员";
  Run([&](Tx& tx) { return UpdateDelegation(tx, *open); });
  Run([&](Tx& tx) { return InsertDelegation(tx, second); });  // allowed once the first is declined
  second.status = DelegationStatus::kAccepted;
  second.mediator_id = "";
  second.accepted_by = "token/room";
  second.accept_time = absl::FromUnixSeconds(1790000600);
  second.mediation_due = domain::Deadline{absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 16),
                                          {domain::PeriodKind::kCalendarDays, 15, true}, "", false};
  second.mediation_policy = "420100 from 2026-01-01";
  Run([&](Tx& tx) { return UpdateDelegation(tx, second); });
  std::vector<Delegation> history;
  Run([&](Tx& tx) -> absl::Status {
    auto r = ListDelegations(tx, c.id);
    if (r.ok()) history = *r;
    return r.status();
  });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, second.id);
  EXPECT_EQ(history[0].status, DelegationStatus::kAccepted);
  EXPECT_EQ(history[0].mediation_due, second.mediation_due);
  EXPECT_EQ(history[0].mediation_policy, "420100 from 2026-01-01");
  EXPECT_EQ(history[1].status, DelegationStatus::kDeclined);
  EXPECT_EQ(history[1].decline_reason, "满员");
  EXPECT_EQ(history[1].decline_time, open->decline_time);
  EXPECT_FALSE(Try([&](Tx& tx) {
                 Delegation dup = NewDelegation(3, NewCase(3).id, absl::Now());
                 dup.letter_number = d.letter_number;
                 return InsertDelegation(tx, dup);
               }).ok())
      << "letter numbers are unique";
}

TEST_F(DockingRepositoryTest, RoomQueueFiltersAndPagesAndTheRoomCountsItsOpenCases) {
  std::vector<CaseRecord> cases;
  for (int n = 1; n <= 2; ++n) {
    CaseRecord c = NewCase(n);
    Delegation d = NewDelegation(n, c.id, absl::FromUnixSeconds(1790000000 + n));
    d.acceptance_due.due = absl::CivilDay(2026, 12, n);
    MarkDelegated(c, d);
    cases.push_back(c);
  }
  auto queue = [&](RoomQueueQuery q, std::optional<RoomQueueCursor> after = std::nullopt) {
    std::vector<std::string> ids;
    q.room_id = Id(1, 1);
    EXPECT_TRUE(Try([&](Tx& tx) -> absl::Status {
                  auto r = ListRoomQueue(tx, q, after, 10);
                  if (r.ok()) {
                    for (auto& d : *r) ids.push_back(d.case_id);
                  }
                  return r.status();
                }).ok());
    return ids;
  };
  EXPECT_EQ(queue({}), (std::vector<std::string>{cases[0].id, cases[1].id})) << "oldest delegation first";
  RoomQueueQuery overdue;
  overdue.overdue_as_of = absl::CivilDay(2026, 12, 2);
  EXPECT_EQ(queue(overdue), std::vector<std::string>{cases[0].id});
  RoomQueueQuery before;
  before.due_before = absl::CivilDay(2026, 12, 1);
  EXPECT_TRUE(queue(before).empty());
  RoomQueueQuery in_mediation;
  in_mediation.state = CaseState::kInMediation;
  EXPECT_TRUE(queue(in_mediation).empty());
  EXPECT_EQ(queue({}, RoomQueueCursor{absl::FromUnixSeconds(1790000001), Id(3, 1)}),
            std::vector<std::string>{cases[1].id});
  std::optional<domain::MediationRoom> room;
  Run([&](Tx& tx) -> absl::Status {
    auto r = FindRoom(tx, Id(1, 1), false);
    if (r.ok()) room = *r;
    return r.status();
  });
  ASSERT_TRUE(room.has_value());
  EXPECT_EQ(room->open_cases, 2) << "the room is full: capacity 2";
  std::optional<CaseRecord> reread;
  Run([&](Tx& tx) -> absl::Status {
    auto r = FindCase(tx, cases[0].id, domain::AllCases(), false);
    if (r.ok()) reread = *r;
    return r.status();
  });
  ASSERT_TRUE(reread.has_value());
  EXPECT_EQ(reread->delegated_room_id, Id(1, 1));
  EXPECT_EQ(reread->current_due, absl::CivilDay(2026, 12, 1));
}

TEST_F(DockingRepositoryTest, DocumentSequencesCountPerCommissionKindAndYear) {
  std::vector<int64_t> got;
  Run([&](Tx& tx) -> absl::Status {
    for (auto [kind, year] : {std::pair{"DELEGATION_LETTER", 2026}, std::pair{"DELEGATION_LETTER", 2026},
                              std::pair{"REPLY_LETTER", 2026}, std::pair{"DELEGATION_LETTER", 2027}}) {
      auto r = NextDocumentSequence(tx, commission_, kind, year);
      if (!r.ok()) return r.status();
      got.push_back(*r);
    }
    return absl::OkStatus();
  });
  EXPECT_EQ(got, (std::vector<int64_t>{1, 2, 1, 1}));
}

TEST_F(DockingRepositoryTest, RoomEventsAreReadByRoomInSequenceOrder) {
  CaseRecord c = NewCase(1);
  for (const char* kind : {"CASE_DELEGATED", "CASE_DELEGATION_DECLINED"}) {
    domain::CaseEvent e{0, c.id, kind, CaseState::kReceived, CaseState::kDelegated, "a", "room_staff",
                        absl::Now(), "", "rid", Id(1, 1)};
    Run([&](Tx& tx) { return AppendCaseEvent(tx, e).status(); });
  }
  domain::CaseEvent other{0, c.id, "CONSENT_RECORDED", CaseState::kReceived, CaseState::kReceived, "a", "staff",
                          absl::Now(), "", "rid", ""};
  Run([&](Tx& tx) { return AppendCaseEvent(tx, other).status(); });
  std::vector<domain::CaseEvent> events;
  Run([&](Tx& tx) -> absl::Status {
    auto r = ListRoomEvents(tx, Id(1, 1), 0, 10);
    if (r.ok()) events = *r;
    return r.status();
  });
  ASSERT_EQ(events.size(), 2u) << "events without a room are not the room's";
  EXPECT_EQ(events[0].kind, "CASE_DELEGATED");
  EXPECT_LT(events[0].sequence, events[1].sequence);
  Run([&](Tx& tx) -> absl::Status {
    auto r = ListRoomEvents(tx, Id(1, 1), events[0].sequence, 10);
    if (r.ok()) events = *r;
    return r.status();
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "CASE_DELEGATION_DECLINED");
}

}  // namespace
}  // namespace caitiao::storage
