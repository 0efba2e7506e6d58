// Which mediation room to delegate a case to (ProposeRooms): every room that
// serves the case's commission, ranked, with the reasons for each place.
//
// Order: rooms that can take the case now (active, capacity left) before the
// others; then the case's own region, then its parent region, then higher
// regions, then any other; then the fewest open cases; then the most capacity left; then
// the room id, so the same data always gives the same ranking.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/domain/room_types.h"

namespace caitiao::domain {

struct RoomCandidate {
  MediationRoom room;
  int rank = 0;            // 1 = the best
  bool available = false;  // active and under capacity
  std::vector<std::string> reasons;  // plain sentences, in the order they were weighed
};

std::vector<RoomCandidate> RankRooms(const std::vector<MediationRoom>& rooms, std::string_view case_region_code);

}  // namespace caitiao::domain
