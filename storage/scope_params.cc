#include "storage/scope_params.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "storage/sql_values.h"

namespace caitiao::storage {

ScopeParams::ScopeParams(const domain::CaseScope& scope)
    : everything(scope.everything), commissions(UuidArrayParam(scope.commission_ids)), room(scope.delegated_room_id) {
  std::vector<std::string> lo, hi;
  for (const auto& range : scope.regions) {
    lo.push_back(range.first);
    hi.push_back(range.last);
  }
  firsts = PlainArrayParam(lo);
  lasts = PlainArrayParam(hi);
}

std::string BoundScopePredicate(int first, const char* commission_column, const char* room_column,
                                const char* region_column) {
  return absl::StrCat("($", first, " OR ", commission_column, " = ANY($", first + 1, "::uuid[]) OR ", room_column,
                      " = NULLIF($", first + 2, ", '')::uuid OR EXISTS (SELECT 1 FROM unnest($", first + 3,
                      "::text[], $", first + 4, "::text[]) AS r(lo, hi) WHERE ", region_column,
                      " BETWEEN r.lo AND r.hi))");
}

bool ScopeIdsWellFormed(const domain::CaseScope& scope) {
  for (const auto& id : scope.commission_ids) {
    if (!LooksLikeUuid(id)) return false;
  }
  return scope.delegated_room_id.empty() || LooksLikeUuid(scope.delegated_room_id);
}

}  // namespace caitiao::storage
