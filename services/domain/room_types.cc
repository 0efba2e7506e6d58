#include "services/domain/room_types.h"

#include <array>

#include "services/domain/enum_names.h"

namespace caitiao::domain {
namespace {

// Each table is indexed by the enum value (equal to the proto's).
constexpr std::array<const char*, 4> kRoomKindNames = {
    "UNSPECIFIED", "JOINT_DOCKING_ROOM", "UNION_LEGAL_SERVICE_STATION", "RESIDENT_ARBITRATION_TRIBUNAL"};
constexpr std::array<const char*, 9> kSourceNames = {
    "UNSPECIFIED", "UNION_LEGAL_TEAM", "LAWYER",     "PART_TIME_ARBITRATOR", "PEOPLES_MEDIATOR",
    "RETIRED_JUDGE_OR_PROCURATOR", "UNION_CADRE", "HRSS_CADRE", "OTHER"};
constexpr std::array<const char*, 3> kStatusNames = {"UNSPECIFIED", "ACTIVE", "SUSPENDED"};

}  // namespace

const char* RoomKindName(RoomKind kind) { return NameIn(kRoomKindNames, kind); }
std::optional<RoomKind> RoomKindFromName(std::string_view name) {
  return FromNameIn<RoomKind>(kRoomKindNames, name);
}

const char* MediatorSourceName(MediatorSource source) { return NameIn(kSourceNames, source); }
std::optional<MediatorSource> MediatorSourceFromName(std::string_view name) {
  return FromNameIn<MediatorSource>(kSourceNames, name);
}

const char* MediatorStatusName(MediatorStatus status) { return NameIn(kStatusNames, status); }
std::optional<MediatorStatus> MediatorStatusFromName(std::string_view name) {
  return FromNameIn<MediatorStatus>(kStatusNames, name);
}

}  // namespace caitiao::domain
