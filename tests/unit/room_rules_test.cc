#include "services/domain/room_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/room_types.h"
#include "services/domain/room_update.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

constexpr char kRoom[] = "room-1";

std::string ResidentId(const std::string& first17) {
  return first17 + std::string(1, ResidentIdCheckCharacter(first17));
}

MediationRoom ValidRoom() {
  MediationRoom r;
  r.id = kRoom;
  r.name = "武汉市劳动人事争议裁调对接工作室";
  r.kind = RoomKind::kJointDockingRoom;
  r.region_code = "420100";
  r.host_organization = "武汉市总工会";
  r.commission_ids = {"c-1"};
  r.capacity = 20;
  r.min_mediators = 3;
  r.opened_on = CivilDay(2024, 3, 1);
  return r;
}

Mediator ValidMediator() {
  Mediator m;
  m.id = "m-1";
  m.name = "调解员张某";
  m.resident_id_number = ResidentId("42010219750312011");
  m.source = MediatorSource::kLawyer;
  m.certificate_number = "鄂调证〔2025〕0001";
  m.certificate_expiry = CivilDay(2028, 12, 31);
  m.term_start = CivilDay(2025, 1, 1);
  m.term_end = CivilDay(2026, 12, 31);
  m.training_hours = 40;
  m.room_ids = {kRoom};
  m.status = MediatorStatus::kActive;
  return m;
}

std::vector<std::string> Fields(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const auto& item : v.items()) out.push_back(item.field);
  return out;
}

// ---- CheckMediatorCanTakeCase

struct TakeCase {
  const char* name;
  void (*change)(Mediator&);
  CivilDay today;
  const char* reason;  // nullptr: allowed
};

TEST(CheckMediatorCanTakeCase, AppliesEachConditionWithItsReasonAndInclusiveBounds) {
  const CivilDay in_term(2026, 6, 1);
  const TakeCase cases[] = {
      {"active member, certified, in term", [](Mediator&) {}, in_term, nullptr},
      {"suspended", [](Mediator& m) { m.status = MediatorStatus::kSuspended; }, in_term, "MEDIATOR_NOT_ACTIVE"},
      {"unspecified status", [](Mediator& m) { m.status = MediatorStatus::kUnspecified; }, in_term,
       "MEDIATOR_NOT_ACTIVE"},
      {"member of another room only", [](Mediator& m) { m.room_ids = {"room-2"}; }, in_term,
       "MEDIATOR_NOT_IN_ROOM"},
      {"member of no room", [](Mediator& m) { m.room_ids.clear(); }, in_term, "MEDIATOR_NOT_IN_ROOM"},
      {"member of several rooms", [](Mediator& m) { m.room_ids = {"room-0", kRoom, "room-2"}; }, in_term, nullptr},
      {"certificate expires today: still valid", [](Mediator& m) { m.certificate_expiry = CivilDay(2026, 6, 1); },
       in_term, nullptr},
      {"certificate expired yesterday", [](Mediator& m) { m.certificate_expiry = CivilDay(2026, 5, 31); }, in_term,
       "CERTIFICATE_EXPIRED"},
      {"first day of term", [](Mediator&) {}, CivilDay(2025, 1, 1), nullptr},
      {"last day of term", [](Mediator&) {}, CivilDay(2026, 12, 31), nullptr},
      {"day before the term", [](Mediator&) {}, CivilDay(2024, 12, 31), "MEDIATOR_OUT_OF_TERM"},
      {"day after the term", [](Mediator&) {}, CivilDay(2027, 1, 1), "MEDIATOR_OUT_OF_TERM"},
      {"suspended and out of term: status first", [](Mediator& m) { m.status = MediatorStatus::kSuspended; },
       CivilDay(2030, 1, 1), "MEDIATOR_NOT_ACTIVE"},
      {"not a member and expired: membership first",
       [](Mediator& m) {
         m.room_ids.clear();
         m.certificate_expiry = CivilDay(2020, 1, 1);
       },
       in_term, "MEDIATOR_NOT_IN_ROOM"},
      {"expired and out of term: certificate first", [](Mediator& m) { m.certificate_expiry = CivilDay(2026, 12, 31); },
       CivilDay(2027, 6, 1), "CERTIFICATE_EXPIRED"},
  };
  for (const auto& c : cases) {
    Mediator m = ValidMediator();
    c.change(m);
    const absl::Status s = CheckMediatorCanTakeCase(m, kRoom, c.today);
    if (c.reason == nullptr) {
      EXPECT_TRUE(s.ok()) << c.name << ": " << s;
      continue;
    }
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << c.name << ": " << s;
    EXPECT_EQ(ReasonOf(s).value_or(""), c.reason) << c.name << ": " << s;
    EXPECT_NE(s.message().find("调解员张某"), absl::string_view::npos) << c.name << " names the mediator: " << s;
  }
}

// ---- BelowMinimumMediators

TEST(BelowMinimumMediators, ComparesActiveMediatorsWithTheMinimum) {
  struct Row {
    int active, minimum;
    bool below;
  };
  const Row rows[] = {{0, 0, false}, {2, 3, true}, {3, 3, false}, {4, 3, false}, {0, 1, true}};
  for (const auto& row : rows) {
    MediationRoom r = ValidRoom();
    r.active_mediators = row.active;
    r.min_mediators = row.minimum;
    EXPECT_EQ(BelowMinimumMediators(r), row.below) << row.active << " active, minimum " << row.minimum;
    r.active = false;
    EXPECT_EQ(BelowMinimumMediators(r), row.below) << "an inactive room is judged the same";
  }
}

// ---- ValidateRoom

struct RoomProblem {
  const char* name;
  void (*change)(MediationRoom&);
  std::vector<std::string> fields;  // empty: valid
};

TEST(ValidateRoom, ReportsEachProblemAtItsField) {
  const RoomProblem cases[] = {
      {"valid", [](MediationRoom&) {}, {}},
      {"no name", [](MediationRoom& r) { r.name = ""; }, {"name"}},
      {"blank name", [](MediationRoom& r) { r.name = "\u3000"; }, {"name"}},
      {"name of 101 characters", [](MediationRoom& r) {
         r.name.clear();
         for (int i = 0; i < 101; ++i) r.name += "室";
       }, {"name"}},
      {"name of 100 characters", [](MediationRoom& r) {
         r.name.clear();
         for (int i = 0; i < 100; ++i) r.name += "室";
       }, {}},
      {"unspecified kind", [](MediationRoom& r) { r.kind = RoomKind::kUnspecified; }, {"kind"}},
      {"unknown kind number", [](MediationRoom& r) { r.kind = static_cast<RoomKind>(9); }, {"kind"}},
      {"union station", [](MediationRoom& r) { r.kind = RoomKind::kUnionLegalServiceStation; }, {}},
      {"resident tribunal", [](MediationRoom& r) { r.kind = RoomKind::kResidentArbitrationTribunal; }, {}},
      {"malformed region", [](MediationRoom& r) { r.region_code = "42010"; }, {"region_code"}},
      {"no host", [](MediationRoom& r) { r.host_organization = ""; }, {"host_organization"}},
      {"no commission", [](MediationRoom& r) { r.commission_ids.clear(); }, {"commission_ids"}},
      {"commission twice", [](MediationRoom& r) { r.commission_ids = {"c-1", "c-2", "c-1"}; },
       {"commission_ids[2]"}},
      {"empty commission id", [](MediationRoom& r) { r.commission_ids = {"c-1", ""}; }, {"commission_ids[1]"}},
      {"51 commissions", [](MediationRoom& r) {
         r.commission_ids.clear();
         for (int i = 0; i < 51; ++i) r.commission_ids.push_back(absl::StrCat("c-", i));
       }, {"commission_ids"}},
      {"capacity 0", [](MediationRoom& r) { r.capacity = 0; }, {"capacity"}},
      {"capacity 1", [](MediationRoom& r) { r.capacity = 1; }, {}},
      {"capacity 10000", [](MediationRoom& r) { r.capacity = 10000; }, {}},
      {"capacity 10001", [](MediationRoom& r) { r.capacity = 10001; }, {"capacity"}},
      {"negative minimum", [](MediationRoom& r) { r.min_mediators = -1; }, {"min_mediators"}},
      {"minimum 0", [](MediationRoom& r) { r.min_mediators = 0; }, {}},
      {"minimum 1000", [](MediationRoom& r) { r.min_mediators = 1000; }, {}},
      {"minimum 1001", [](MediationRoom& r) { r.min_mediators = 1001; }, {"min_mediators"}},
      {"opened 1999", [](MediationRoom& r) { r.opened_on = CivilDay(1999, 12, 31); }, {"opened_on"}},
      {"opened 2100", [](MediationRoom& r) { r.opened_on = CivilDay(2100, 1, 1); }, {"opened_on"}},
      {"everything wrong at once",
       [](MediationRoom& r) { r = MediationRoom{}; r.opened_on = CivilDay(1970, 1, 1); },
       {"name", "kind", "region_code", "host_organization", "commission_ids", "capacity", "opened_on"}},
  };
  for (const auto& c : cases) {
    MediationRoom r = ValidRoom();
    c.change(r);
    EXPECT_EQ(Fields(ValidateRoom(r)), c.fields) << c.name;
  }
}

// ---- ValidateMediator

struct MediatorProblem {
  const char* name;
  void (*change)(Mediator&);
  std::vector<std::string> fields;
};

TEST(ValidateMediator, ReportsEachProblemAtItsField) {
  const MediatorProblem cases[] = {
      {"valid", [](Mediator&) {}, {}},
      {"no name", [](Mediator& m) { m.name = ""; }, {"name"}},
      {"name with a line break", [](Mediator& m) { m.name = "张\n某"; }, {"name"}},
      {"no identity number", [](Mediator& m) { m.resident_id_number = ""; }, {"resident_id_number"}},
      {"wrong check character", [](Mediator& m) { m.resident_id_number.back() = m.resident_id_number.back() == '0' ? '1' : '0'; },
       {"resident_id_number"}},
      {"17 characters", [](Mediator& m) { m.resident_id_number.pop_back(); }, {"resident_id_number"}},
      {"unspecified source", [](Mediator& m) { m.source = MediatorSource::kUnspecified; }, {"source"}},
      {"unknown source number", [](Mediator& m) { m.source = static_cast<MediatorSource>(42); }, {"source"}},
      {"other source", [](Mediator& m) { m.source = MediatorSource::kOther; }, {}},
      {"no certificate", [](Mediator& m) { m.certificate_number = ""; }, {"certificate_number"}},
      {"certificate expiry 1999", [](Mediator& m) { m.certificate_expiry = CivilDay(1999, 1, 1); },
       {"certificate_expiry"}},
      {"term ends before it starts", [](Mediator& m) { m.term_end = CivilDay(2024, 12, 31); }, {"term_end"}},
      {"term ends the day it starts", [](Mediator& m) { m.term_end = m.term_start; }, {"term_end"}},
      {"one-day term", [](Mediator& m) { m.term_end = CivilDay(2025, 1, 2); }, {}},
      {"term start 1970", [](Mediator& m) { m.term_start = CivilDay(1970, 1, 1); }, {"term_start"}},
      {"negative training", [](Mediator& m) { m.training_hours = -1; }, {"training_hours"}},
      {"training 10001 hours", [](Mediator& m) { m.training_hours = 10001; }, {"training_hours"}},
      {"unspecified status", [](Mediator& m) { m.status = MediatorStatus::kUnspecified; }, {"status"}},
      {"suspended", [](Mediator& m) { m.status = MediatorStatus::kSuspended; }, {}},
      {"no rooms", [](Mediator& m) { m.room_ids.clear(); }, {}},
      {"room twice", [](Mediator& m) { m.room_ids = {kRoom, kRoom}; }, {"room_ids[1]"}},
      {"empty room id", [](Mediator& m) { m.room_ids = {""}; }, {"room_ids[0]"}},
  };
  for (const auto& c : cases) {
    Mediator m = ValidMediator();
    c.change(m);
    EXPECT_EQ(Fields(ValidateMediator(m)), c.fields) << c.name;
  }
}

// ---- Names, masks and etags

TEST(RoomTypes, StoredNamesRoundTripAndUnspecifiedIsNeverStored) {
  for (RoomKind k : {RoomKind::kJointDockingRoom, RoomKind::kUnionLegalServiceStation,
                     RoomKind::kResidentArbitrationTribunal}) {
    EXPECT_EQ(RoomKindFromName(RoomKindName(k)), k) << RoomKindName(k);
  }
  for (int i = 1; i <= 8; ++i) {
    const auto s = static_cast<MediatorSource>(i);
    EXPECT_EQ(MediatorSourceFromName(MediatorSourceName(s)), s) << MediatorSourceName(s);
  }
  EXPECT_EQ(MediatorStatusFromName("SUSPENDED"), MediatorStatus::kSuspended);
  EXPECT_EQ(RoomKindFromName("UNSPECIFIED"), std::nullopt);
  EXPECT_STREQ(RoomKindName(static_cast<RoomKind>(7)), "UNSPECIFIED");
  EXPECT_STREQ(MediatorSourceName(MediatorSource::kRetiredJudgeOrProcurator), "RETIRED_JUDGE_OR_PROCURATOR");
}

TEST(RoomUpdate, MaskPathsAreTheProtoFieldNamesAndOnlyNamedFieldsChange) {
  EXPECT_EQ(RoomFieldFromPath("min_mediators").value(), RoomField::kMinMediators);
  EXPECT_EQ(MediatorFieldFromPath("room_ids").value(), MediatorField::kRoomIds);
  for (const char* bad : {"id", "etag", "open_cases", "Name", ""}) {
    auto f = RoomFieldFromPath(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(FieldsOf(f.status()).at(0).field, "update_mask");
  }
  EXPECT_FALSE(MediatorFieldFromPath("version").ok());

  MediationRoom patch;
  patch.capacity = 5;
  patch.name = "ignored";
  const MediationRoom updated = ApplyRoomUpdate(ValidRoom(), patch, {RoomField::kCapacity});
  EXPECT_EQ(updated.capacity, 5);
  EXPECT_EQ(updated.name, ValidRoom().name);

  Mediator mpatch;
  mpatch.status = MediatorStatus::kSuspended;
  mpatch.room_ids = {"room-9"};
  const Mediator m = ApplyMediatorUpdate(ValidMediator(), mpatch, {MediatorField::kStatus, MediatorField::kRoomIds});
  EXPECT_EQ(m.status, MediatorStatus::kSuspended);
  EXPECT_EQ(m.room_ids, std::vector<std::string>{"room-9"});
  EXPECT_EQ(m.name, ValidMediator().name);
}

TEST(RoomUpdate, EtagIsRequiredAndMustBeCurrent) {
  const absl::Status missing = CheckDirectoryEtag("", 3, "room", "room.etag");
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(missing).at(0).field, "room.etag");
  const absl::Status stale = CheckDirectoryEtag("v2", 3, "room", "room.etag");
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(stale).value_or(""), "ETAG_MISMATCH");
  EXPECT_NE(stale.message().find("room changed"), absl::string_view::npos) << stale;
  EXPECT_TRUE(CheckDirectoryEtag("v3", 3, "room", "room.etag").ok());
}

}  // namespace
}  // namespace caitiao::domain
