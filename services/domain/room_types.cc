#include "services/domain/room_types.h"

#include <array>

namespace caitiao::domain {
namespace {

// Each table is indexed by the enum value (equal to the proto's).
constexpr std::array<const char*, 4> kRoomKindNames = {
    "UNSPECIFIED", "JOINT_DOCKING_ROOM", "UNION_LEGAL_SERVICE_STATION", "RESIDENT_ARBITRATION_TRIBUNAL"};
constexpr std::array<const char*, 9> kSourceNames = {
    "UNSPECIFIED", "UNION_LEGAL_TEAM", "LAWYER",     "PART_TIME_ARBITRATOR", "PEOPLES_MEDIATOR",
    "RETIRED_JUDGE_OR_PROCURATOR", "UNION_CADRE", "HRSS_CADRE", "OTHER"};
constexpr std::array<const char*, 3> kStatusNames = {"UNSPECIFIED", "ACTIVE", "SUSPENDED"};

template <typename Enum, size_t N>
const char* NameOf(const std::array<const char*, N>& names, Enum value) {
  const auto index = static_cast<size_t>(value);
  return index < N ? names[index] : names[0];
}

template <typename Enum, size_t N>
std::optional<Enum> FromName(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* RoomKindName(RoomKind kind) { return NameOf(kRoomKindNames, kind); }
std::optional<RoomKind> RoomKindFromName(std::string_view name) {
  return FromName<RoomKind>(kRoomKindNames, name);
}

const char* MediatorSourceName(MediatorSource source) { return NameOf(kSourceNames, source); }
std::optional<MediatorSource> MediatorSourceFromName(std::string_view name) {
  return FromName<MediatorSource>(kSourceNames, name);
}

const char* MediatorStatusName(MediatorStatus status) { return NameOf(kStatusNames, status); }
std::optional<MediatorStatus> MediatorStatusFromName(std::string_view name) {
  return FromName<MediatorStatus>(kStatusNames, name);
}

}  // namespace caitiao::domain
