// Mediation rooms (裁调对接工作室) and mediators (调解员) as plain domain
// structs, with the stored names of their enums.
//
// A room is a joint HRSS-union room that mediates cases delegated by the
// arbitration commissions it serves; it has a capacity (open cases) and a
// minimum number of active mediators (local policy). A mediator belongs to
// zero or more rooms and may take a case only while active, certified and in
// term (see room_rules.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace caitiao::domain {

// Values equal caitiao.v1.RoomKind.
enum class RoomKind {
  kUnspecified = 0,
  kJointDockingRoom = 1,              // 裁调对接工作室
  kUnionLegalServiceStation = 2,      // 工会法律服务工作站 (inside an arbitration court)
  kResidentArbitrationTribunal = 3,   // 劳动争议仲裁驻庭 (inside a union worker-service centre)
};

struct MediationRoom {
  std::string id, name;
  RoomKind kind = RoomKind::kUnspecified;
  std::string region_code, host_organization;
  std::vector<std::string> commission_ids;  // the commissions it serves
  int capacity = 0;                         // open cases it can hold
  int min_mediators = 0;                    // active mediators it must have (policy)
  absl::CivilDay opened_on;
  bool active = true;
  absl::Time create_time, update_time;
  int64_t version = 0;
  // Derived, filled by storage reads: cases delegated to the room and not
  // finished (DELEGATED, IN_MEDIATION, AGREEMENT_EFFECTIVE), and member mediators with status ACTIVE.
  int open_cases = 0;
  int active_mediators = 0;
};

// Values equal caitiao.v1.MediatorSource: where a mediator was selected from.
enum class MediatorSource {
  kUnspecified = 0,
  kUnionLegalTeam = 1,            // 工会法律服务队伍
  kLawyer = 2,                    // 律师
  kPartTimeArbitrator = 3,        // 兼职仲裁员
  kPeoplesMediator = 4,           // 人民调解员
  kRetiredJudgeOrProcurator = 5,  // 退休法官、检察官
  kUnionCadre = 6,                // 工会干部
  kHrssCadre = 7,                 // 人社干部
  kOther = 8,
};

// Values equal caitiao.v1.MediatorStatus.
enum class MediatorStatus { kUnspecified = 0, kActive = 1, kSuspended = 2 };

struct Mediator {
  std::string id, name, resident_id_number, certificate_number;
  MediatorSource source = MediatorSource::kUnspecified;
  absl::CivilDay certificate_expiry, term_start, term_end;  // all inclusive
  int training_hours = 0;
  bool established_civil_servant = false;  // 在编公职人员: usually no subsidy
  std::vector<std::string> room_ids;
  MediatorStatus status = MediatorStatus::kUnspecified;
  absl::Time create_time, update_time;
  int64_t version = 0;
};

// Stored names: "JOINT_DOCKING_ROOM", "LAWYER", "ACTIVE", ... An out-of-range
// value reads as "UNSPECIFIED"; UNSPECIFIED is never a stored value, so the
// FromName functions refuse it.
const char* RoomKindName(RoomKind kind);
std::optional<RoomKind> RoomKindFromName(std::string_view name);
const char* MediatorSourceName(MediatorSource source);
std::optional<MediatorSource> MediatorSourceFromName(std::string_view name);
const char* MediatorStatusName(MediatorStatus status);
std::optional<MediatorStatus> MediatorStatusFromName(std::string_view name);

}  // namespace caitiao::domain
