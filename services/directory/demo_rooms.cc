// The demo's mediation rooms and mediators: a room of every kind in the demo
// regions, each serving its region's demo commission, with mediators from
// several sources. The Wuhan joint docking room (kDemoWuhanRoomId, the scope
// of the demo room-staff token) has enough active, certified, in-term
// mediators; the Yichang tribunal is below its minimum and one of its
// mediators is out of term, as real directories are.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/directory/room_admin.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/status_macros.h"
#include "storage/directory_repository.h"
#include "storage/room_repository.h"

namespace caitiao::services {
namespace {

using domain::MediatorSource;
using domain::MediatorStatus;
using domain::RoomKind;

constexpr char kJianganRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4202";
constexpr char kYichangRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4203";
constexpr char kXiangyangRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4204";
constexpr char kXiantaoRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4205";

struct DemoRoom {
  const char* id;
  const char* name;
  RoomKind kind;
  const char* region_code;  // served: that region's demo commission
  const char* host;
  int capacity;
  int min_mediators;
  absl::CivilDay opened_on;
};

struct DemoMediator {
  const char* id;
  const char* name;
  const char* id_first17;  // the check character is computed
  MediatorSource source;
  const char* certificate;
  absl::CivilDay term_start, term_end;
  bool civil_servant;
  MediatorStatus status;
  std::vector<std::string> rooms;
};

const absl::CivilDay kCertificateExpiry(2028, 12, 31);
const absl::CivilDay kTermStart(2025, 1, 1);
// Terms run to the certificates' expiry, so that the demo room can take
// cases for some years yet.
const absl::CivilDay kTermEnd(2028, 12, 31);

std::vector<DemoRoom> Rooms() {
  return {
      {kDemoWuhanRoomId, "武汉市劳动人事争议裁调对接工作室", RoomKind::kJointDockingRoom, "420100",
       "武汉市人力资源和社会保障局、武汉市总工会", 20, 3, absl::CivilDay(2024, 3, 1)},
      {kJianganRoomId, "江岸区工会法律服务工作站", RoomKind::kUnionLegalServiceStation, "420102",
       "武汉市江岸区劳动人事争议仲裁院", 10, 2, absl::CivilDay(2024, 6, 15)},
      {kYichangRoomId, "宜昌市劳动争议仲裁驻庭", RoomKind::kResidentArbitrationTribunal, "420500",
       "宜昌市总工会职工服务中心", 15, 3, absl::CivilDay(2025, 1, 10)},
      {kXiangyangRoomId, "襄阳市劳动人事争议裁调对接工作室", RoomKind::kJointDockingRoom, "420600",
       "襄阳市人力资源和社会保障局、襄阳市总工会", 12, 2, absl::CivilDay(2025, 4, 1)},
      {kXiantaoRoomId, "仙桃市工会法律服务工作站", RoomKind::kUnionLegalServiceStation, "429004",
       "仙桃市劳动人事争议仲裁院", 8, 1, absl::CivilDay(2025, 9, 1)},
  };
}

std::vector<DemoMediator> Mediators() {
  const MediatorStatus active = MediatorStatus::kActive;
  return {
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4301", "调解员张某", "42010219750312011", MediatorSource::kUnionLegalTeam,
       "鄂调证〔2025〕0001", kTermStart, kTermEnd, false, active, {kDemoWuhanRoomId, kJianganRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4302", "调解员李某", "42010619800624022", MediatorSource::kLawyer,
       "鄂调证〔2025〕0002", kTermStart, kTermEnd, false, active, {kDemoWuhanRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4303", "调解员王某", "42010319580105033",
       MediatorSource::kRetiredJudgeOrProcurator, "鄂调证〔2025〕0003", kTermStart, kTermEnd, false, active,
       {kDemoWuhanRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4304", "调解员赵某", "42010419830917044", MediatorSource::kHrssCadre,
       "鄂调证〔2025〕0004", kTermStart, kTermEnd, true, active, {kDemoWuhanRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4305", "调解员刘某", "42010219790208055", MediatorSource::kUnionCadre,
       "鄂调证〔2025〕0005", kTermStart, kTermEnd, false, active, {kJianganRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4306", "调解员陈某", "42010219660430066", MediatorSource::kPeoplesMediator,
       "鄂调证〔2025〕0006", kTermStart, kTermEnd, false, active, {kJianganRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4307", "调解员杨某", "42050219770719077",
       MediatorSource::kPartTimeArbitrator, "鄂调证〔2025〕0007", kTermStart, kTermEnd, false, active,
       {kYichangRoomId}},
      // Appointed for 2023-2024 and never renewed: still ACTIVE on paper, but
      // out of term, so no case can be assigned to them.
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4308", "调解员黄某", "42050219711111088", MediatorSource::kLawyer,
       "鄂调证〔2023〕0008", absl::CivilDay(2023, 1, 1), absl::CivilDay(2024, 12, 31), false, active,
       {kYichangRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4309", "调解员周某", "42060219820514099", MediatorSource::kUnionLegalTeam,
       "鄂调证〔2025〕0009", kTermStart, kTermEnd, false, active, {kXiangyangRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4310", "调解员吴某", "42060619740823101", MediatorSource::kOther,
       "鄂调证〔2025〕0010", kTermStart, kTermEnd, false, active, {kXiangyangRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4311", "调解员郑某", "42060219690302112", MediatorSource::kLawyer,
       "鄂调证〔2025〕0011", kTermStart, kTermEnd, false, MediatorStatus::kSuspended, {kXiangyangRoomId}},
      {"7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4312", "调解员孙某", "42900419860127123", MediatorSource::kPeoplesMediator,
       "鄂调证〔2025〕0012", kTermStart, kTermEnd, false, active, {kXiantaoRoomId}},
  };
}

// The demo commission of exactly this region (not of its sub-regions); ""
// when it has none. (A string, not an optional: GCC 12 under ASan warns on
// the optional's destructor.)
absl::StatusOr<std::string> CommissionOf(storage::Tx& tx, const std::string& region) {
  CAITIAO_ASSIGN_OR_RETURN(auto found,
                           storage::ListCommissions(tx, domain::RegionCodeRange{region, region}, std::nullopt, 1));
  if (found.empty()) return std::string();
  return found[0].id;
}

// A write that finds its natural key taken leaves the existing record alone.
absl::Status IgnoreExisting(const absl::Status& s) { return absl::IsAlreadyExists(s) ? absl::OkStatus() : s; }

}  // namespace

absl::Status LoadDemoRooms(storage::Tx& tx, absl::Time now) {
  for (const DemoRoom& d : Rooms()) {
    CAITIAO_ASSIGN_OR_RETURN(auto existing, storage::FindRoom(tx, d.id, /*lock=*/false));
    if (existing) continue;
    CAITIAO_ASSIGN_OR_RETURN(const std::string commission, CommissionOf(tx, d.region_code));
    if (commission.empty()) continue;  // the region was there before the demo, without its commission
    domain::MediationRoom room;
    room.id = d.id;
    room.name = d.name;
    room.kind = d.kind;
    room.region_code = d.region_code;
    room.host_organization = d.host;
    room.commission_ids = {commission};
    room.capacity = d.capacity;
    room.min_mediators = d.min_mediators;
    room.opened_on = d.opened_on;
    room.active = true;
    room.create_time = room.update_time = now;
    CAITIAO_RETURN_IF_ERROR(IgnoreExisting(storage::InsertRoom(tx, room)));
  }
  for (const DemoMediator& d : Mediators()) {
    CAITIAO_ASSIGN_OR_RETURN(auto existing, storage::FindMediator(tx, d.id, /*lock=*/false));
    if (existing) continue;
    domain::Mediator m;
    m.id = d.id;
    m.name = d.name;
    m.resident_id_number = absl::StrCat(d.id_first17, std::string(1, domain::ResidentIdCheckCharacter(d.id_first17)));
    m.source = d.source;
    m.certificate_number = d.certificate;
    m.certificate_expiry = kCertificateExpiry;
    m.term_start = d.term_start;
    m.term_end = d.term_end;
    m.training_hours = 40;
    m.established_civil_servant = d.civil_servant;
    m.status = d.status;
    for (const auto& room : d.rooms) {
      CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindRoom(tx, room, /*lock=*/false));
      if (found) m.room_ids.push_back(room);
    }
    m.create_time = m.update_time = now;
    CAITIAO_RETURN_IF_ERROR(IgnoreExisting(storage::InsertMediator(tx, m)));
  }
  return absl::OkStatus();
}

}  // namespace caitiao::services
