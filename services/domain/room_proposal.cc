#include "services/domain/room_proposal.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/domain/delegation.h"
#include "services/domain/region_rules.h"

namespace caitiao::domain {
namespace {

constexpr int kElsewhere = 9;

// 0: the case's own region; 1: its parent; 2: its grandparent; then elsewhere.
int Proximity(const MediationRoom& room, std::string_view case_region) {
  if (room.region_code == case_region) return 0;
  if (RegionWithin(case_region, room.region_code)) {
    return static_cast<int>(LevelOfCode(case_region)) - static_cast<int>(LevelOfCode(room.region_code));
  }
  return kElsewhere;
}

}  // namespace

std::vector<RoomCandidate> RankRooms(const std::vector<MediationRoom>& rooms, std::string_view case_region_code) {
  std::vector<RoomCandidate> out;
  for (const auto& room : rooms) {
    RoomCandidate c;
    c.room = room;
    const int left = room.capacity - room.open_cases;
    c.available = IsRoomAvailable(room);
    if (!room.active) c.reasons.push_back("inactive: cannot take cases");
    if (left <= 0) {
      c.reasons.push_back(absl::StrCat("at capacity: ", room.open_cases, " open cases of ", room.capacity));
    }
    const int proximity = Proximity(room, case_region_code);
    if (proximity == 0) {
      c.reasons.push_back(absl::StrCat("same region as the case (", room.region_code, ")"));
    } else if (proximity == kElsewhere) {
      c.reasons.push_back(absl::StrCat("another region (", room.region_code, ")"));
    } else {
      c.reasons.push_back(absl::StrCat(proximity == 1 ? "parent" : "higher", " region (", room.region_code,
                                       ") of the case's region (", std::string(case_region_code), ")"));
    }
    if (c.available) {
      c.reasons.push_back(absl::StrCat(room.open_cases, " open cases, ", left, " places left of ", room.capacity));
    }
    out.push_back(std::move(c));
  }
  auto key = [&](const RoomCandidate& c) {
    return std::make_tuple(!c.available, Proximity(c.room, case_region_code), c.room.open_cases,
                           -(c.room.capacity - c.room.open_cases), c.room.id);
  };
  std::sort(out.begin(), out.end(), [&](const RoomCandidate& a, const RoomCandidate& b) { return key(a) < key(b); });
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i) + 1;
  return out;
}

}  // namespace caitiao::domain
