#include <gtest/gtest.h>

#include "services/domain/delegation.h"
#include "services/domain/errors.h"
#include "services/domain/room_proposal.h"

namespace caitiao::domain {
namespace {

TEST(DelegationTest, CheckCanDelegate_EachRouteNeedsItsState) {
  const CaseState states[] = {CaseState::kReceived, CaseState::kFiled, CaseState::kWithdrawn,
                              CaseState::kDelegated, CaseState::kInMediation};
  for (CaseState s : states) {
    const absl::Status before = CheckCanDelegate(s, DelegationRoute::kBeforeFiling);
    const absl::Status after = CheckCanDelegate(s, DelegationRoute::kAfterFiling);
    EXPECT_EQ(before.ok(), s == CaseState::kReceived) << CaseStateName(s);
    EXPECT_EQ(after.ok(), s == CaseState::kFiled) << CaseStateName(s);
    if (!before.ok()) {
      EXPECT_EQ(before.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_EQ(ReasonOf(before).value_or(""), "INVALID_STATE");
    }
  }
  EXPECT_EQ(CheckCanDelegate(CaseState::kReceived, DelegationRoute::kUnspecified).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DelegationTest, OnlyADelegatedCaseAwaitsTheRoomAndADeclineReturnsByRoute) {
  for (CaseState s : {CaseState::kReceived, CaseState::kFiled, CaseState::kWithdrawn, CaseState::kInMediation}) {
    EXPECT_EQ(ReasonOf(CheckAwaitingRoom(s)).value_or(""), "INVALID_STATE") << CaseStateName(s);
  }
  EXPECT_TRUE(CheckAwaitingRoom(CaseState::kDelegated).ok());
  EXPECT_EQ(StateAfterDecline(DelegationRoute::kBeforeFiling), CaseState::kReceived);
  EXPECT_EQ(StateAfterDecline(DelegationRoute::kAfterFiling), CaseState::kFiled);
}

TEST(DelegationTest, LetterTemplateComesFromTheCaseNumberTemplate) {
  EXPECT_EQ(DelegationLetterTemplate("鄂武劳人仲案字〔{year}〕第{seq}号"), "鄂武劳人仲委调字〔{year}〕第{seq}号");
  EXPECT_EQ(DelegationLetterTemplate("宜劳仲〔{year}〕{seq}号"), "宜劳仲委调字〔{year}〕{seq}号");
  EXPECT_EQ(DelegationLetterTemplate("X-{year}-{seq}"), "X-{year}-{seq}委调字〔{year}〕第{seq}号");
}

TEST(DelegationTest, PeriodsFollowThePolicyAndTheRoute) {
  DeadlinePolicy policy;  // built-in: 15 / 10 / 3 working days
  EXPECT_EQ(AcceptanceWindowRule(policy), (DeadlineRule{PeriodKind::kWorkingDays, 3, false}));
  EXPECT_EQ(MediationPeriodRule(policy, DelegationRoute::kBeforeFiling),
            (DeadlineRule{PeriodKind::kCalendarDays, 15, true}));
  EXPECT_EQ(MediationPeriodRule(policy, DelegationRoute::kAfterFiling),
            (DeadlineRule{PeriodKind::kCalendarDays, 10, true}));
  policy.pre_filing_mediation_days = 20;
  policy.acceptance_working_days = 5;
  EXPECT_EQ(MediationPeriodRule(policy, DelegationRoute::kBeforeFiling).length, 20);
  EXPECT_EQ(AcceptanceWindowRule(policy).length, 5);
  const absl::CivilDay accepted(2026, 9, 30), consented(2026, 9, 20);
  EXPECT_EQ(MediationPeriodStart(DelegationRoute::kBeforeFiling, accepted, consented), accepted);
  EXPECT_EQ(MediationPeriodStart(DelegationRoute::kAfterFiling, accepted, consented), consented);
}

TEST(DelegationTest, NamesRoundTrip) {
  for (auto r : {DelegationRoute::kBeforeFiling, DelegationRoute::kAfterFiling}) {
    EXPECT_EQ(DelegationRouteFromName(DelegationRouteName(r)), r);
  }
  for (auto s : {DelegationStatus::kPending, DelegationStatus::kAccepted, DelegationStatus::kDeclined}) {
    EXPECT_EQ(DelegationStatusFromName(DelegationStatusName(s)), s);
  }
  EXPECT_FALSE(DelegationRouteFromName("UNSPECIFIED").has_value());
  EXPECT_STREQ(DelegationRouteName(static_cast<DelegationRoute>(42)), "UNSPECIFIED");
}

MediationRoom Room(std::string id, std::string region, int capacity, int open, bool active = true) {
  MediationRoom r;
  r.id = std::move(id);
  r.region_code = std::move(region);
  r.capacity = capacity;
  r.open_cases = open;
  r.active = active;
  return r;
}

std::vector<std::string> Order(const std::vector<RoomCandidate>& ranked) {
  std::vector<std::string> ids;
  for (const auto& c : ranked) ids.push_back(c.room.id);
  return ids;
}

TEST(RoomProposalTest, RanksAvailableThenNearThenLeastBusyThenById) {
  const std::vector<MediationRoom> rooms = {
      Room("a-city-busy", "420100", 10, 8),   Room("b-county", "420102", 10, 5),
      Room("c-city-idle", "420100", 10, 1),   Room("d-full", "420102", 3, 3),
      Room("e-inactive", "420102", 10, 0, false), Room("f-province", "420000", 10, 0),
      Room("g-other-city", "420500", 10, 0),  Room("h-county-twin", "420102", 10, 5),
  };
  const auto ranked = RankRooms(rooms, "420102");
  EXPECT_EQ(Order(ranked), (std::vector<std::string>{"b-county", "h-county-twin", "c-city-idle", "a-city-busy",
                                                     "f-province", "g-other-city", "e-inactive", "d-full"}))
      << "nearness outweighs load: the busy city room comes before the idle province room";
  for (size_t i = 0; i < ranked.size(); ++i) EXPECT_EQ(ranked[i].rank, static_cast<int>(i) + 1);
  EXPECT_TRUE(ranked[0].available);
  EXPECT_FALSE(ranked[6].available);
  EXPECT_EQ(ranked[6].reasons[0], "inactive: cannot take cases");
  EXPECT_EQ(ranked[7].reasons[0], "at capacity: 3 open cases of 3");
  EXPECT_EQ(ranked[0].reasons[0], "same region as the case (420102)");
  EXPECT_EQ(ranked[2].reasons[0], "parent region (420100) of the case's region (420102)");
  EXPECT_EQ(ranked[4].reasons[0], "higher region (420000) of the case's region (420102)");
  EXPECT_EQ(ranked[5].reasons[0], "another region (420500)");
}

TEST(RoomProposalTest, IsDeterministicWhateverTheInputOrder) {
  std::vector<MediationRoom> rooms = {Room("r3", "420100", 5, 2), Room("r1", "420100", 5, 2),
                                      Room("r2", "420100", 5, 2)};
  const auto first = Order(RankRooms(rooms, "420100"));
  std::reverse(rooms.begin(), rooms.end());
  EXPECT_EQ(Order(RankRooms(rooms, "420100")), first);
  EXPECT_EQ(first, (std::vector<std::string>{"r1", "r2", "r3"}));
  EXPECT_TRUE(RankRooms({}, "420100").empty());
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

// The facts of a delegation that succeeds; each test breaks one or two.
DelegationFacts Delegable() {
  DelegationFacts f;
  f.state = CaseState::kReceived;
  f.route = DelegationRoute::kBeforeFiling;
  f.substance_version = 3;
  f.claim_types = {DisputeType::kRemunerationCompensation};
  EligibilityAssessmentRecord latest;
  latest.substance_version = 3;
  f.latest = latest;
  EligibilityInput& in = f.current;
  const StaffDetermination yes{true, ""};
  in.within_scope = in.acceptance_dispute_type = in.acceptance_clear_claim = in.acceptance_parties =
      in.acceptance_jurisdiction = yes;
  in.suitable_for_mediation = {true, "both sides want to settle"};
  in.claim_types = f.claim_types;
  Consent a, r;
  a.party_id = "0";
  a.side = PartySide::kApplicant;
  a.form = ConsentForm::kWritten;
  a.evidence_ref = "同意书";
  r = a;
  r.side = PartySide::kRespondent;
  in.consent = SummarizeConsent({"0"}, {"0"}, {a, r});
  in.today = absl::CivilDay(2026, 3, 2);
  f.commission_id = "c1";
  f.room_id = "room-1";
  MediationRoom room;
  room.id = "room-1";
  room.commission_ids = {"c1"};
  room.capacity = 2;
  room.open_cases = 1;
  room.active = true;
  f.room = room;
  return f;
}

std::string ReasonOfDelegation(const DelegationFacts& f) {
  auto d = DecideDelegation(f);
  return d.ok() ? "OK" : ReasonOf(d.status()).value_or("?");
}

TEST(DecideDelegation, RefusesInTheDocumentedOrder) {
  EXPECT_EQ(ReasonOfDelegation(Delegable()), "OK");
  EXPECT_EQ(*DecideDelegation(Delegable()), CaseState::kDelegated);
  // The labor-relationship exclusion comes first, whatever else is wrong.
  DelegationFacts f = Delegable();
  f.claim_types = {DisputeType::kLaborRelationshipConfirmation};
  f.state = CaseState::kClosed;
  f.room.reset();
  EXPECT_EQ(ReasonOfDelegation(f), "LABOR_RELATIONSHIP_CONFIRMATION");
  f = Delegable();
  f.latest->respondent_contests_labor_relationship = true;
  EXPECT_EQ(ReasonOfDelegation(f), "LABOR_RELATIONSHIP_CONFIRMATION");
  // Then the state, then consent, then the assessment, then the room.
  f = Delegable();
  f.state = CaseState::kFiled;
  f.current.consent.any_withdrawn = true;
  EXPECT_EQ(ReasonOfDelegation(f), "INVALID_STATE");
  f.state = CaseState::kReceived;
  f.latest.reset();
  EXPECT_EQ(ReasonOfDelegation(f), "CONSENT_MISSING");
  f = Delegable();
  f.latest.reset();
  f.room.reset();
  EXPECT_EQ(ReasonOfDelegation(f), "NOT_ELIGIBLE");
  f = Delegable();
  f.latest->substance_version = 2;
  EXPECT_EQ(ReasonOfDelegation(f), "ELIGIBILITY_STALE");
  f = Delegable();
  f.current.suitable_for_mediation = {false, "the employer has closed"};
  EXPECT_EQ(ReasonOfDelegation(f), "NOT_ELIGIBLE");
  f = Delegable();
  f.room.reset();
  EXPECT_EQ(ReasonOfDelegation(f), "ROOM_NOT_FOUND");
  f = Delegable();
  f.room->commission_ids = {"c2"};
  f.room->active = false;
  EXPECT_EQ(ReasonOfDelegation(f), "ROOM_NOT_SERVING_COMMISSION");
  f.room->commission_ids = {"c1"};
  f.room->open_cases = 2;
  EXPECT_EQ(ReasonOfDelegation(f), "ROOM_INACTIVE");
  f.room->active = true;
  EXPECT_EQ(ReasonOfDelegation(f), "ROOM_AT_CAPACITY");
  EXPECT_FALSE(IsRoomAvailable(*f.room)) << "the same rule ProposeRooms ranks by";
}

TEST(DecideConflictDeclaration, NeedsARoomCaseAndAMemberOfThatRoom) {
  Mediator m;
  m.room_ids = {"room-1"};
  EXPECT_TRUE(DecideConflictDeclaration(CaseState::kInMediation, m, "m", "room-1").ok());
  EXPECT_EQ(ReasonOf(DecideConflictDeclaration(CaseState::kReceived, m, "m", "")), "INVALID_STATE");
  EXPECT_EQ(ReasonOf(DecideConflictDeclaration(CaseState::kDelegated, std::nullopt, "m", "room-1")),
            "MEDIATOR_NOT_FOUND");
  EXPECT_EQ(ReasonOf(DecideConflictDeclaration(CaseState::kDelegated, m, "m", "room-2")), "MEDIATOR_NOT_IN_ROOM");
}

}  // namespace
}  // namespace caitiao::domain
