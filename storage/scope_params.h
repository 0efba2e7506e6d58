// A caller's CaseScope bound as five parameters of a prepared statement, so
// one statement serves every role: everything, commission ids, room id ('' for
// none), and the first and last codes of the region ranges. Cases and ledger
// entries are scoped by the same rule (see domain::CaseScopeOf).
#pragma once

#include <string>

#include "services/domain/principal.h"

namespace caitiao::storage {

struct ScopeParams {
  explicit ScopeParams(const domain::CaseScope& scope);
  bool everything;
  std::string commissions, room, firsts, lasts;
};

// The predicate over the given columns with the scope bound from parameter
// $first on ($first .. $first+4, in ScopeParams' order).
std::string BoundScopePredicate(int first, const char* commission_column, const char* room_column,
                                const char* region_column);

// A scope's ids are server-checked UUIDs; one that is not cannot match.
bool ScopeIdsWellFormed(const domain::CaseScope& scope);

}  // namespace caitiao::storage
