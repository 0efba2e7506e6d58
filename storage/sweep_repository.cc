#include "storage/sweep_repository.h"

#include "storage/sql_values.h"

namespace caitiao::storage {

void PrepareSweepStatements(pqxx::connection& conn) {
  conn.prepare("sweep_candidates",
               "(SELECT c.id::text, 0 FROM cases c WHERE c.state = 'IN_MEDIATION' AND c.current_due < $1::date "
               " ORDER BY c.current_due LIMIT $2) "
               "UNION ALL (SELECT DISTINCT a.case_id::text, 1 FROM agreements a "
               " JOIN cases c ON c.id = a.case_id AND c.state = 'AGREEMENT_EFFECTIVE' "
               " JOIN agreement_obligations o ON o.agreement_id = a.id AND o.due_date < $1::date "
               " WHERE a.voided_at IS NULL LIMIT $2) "
               "UNION ALL (SELECT c.id::text, 2 FROM cases c WHERE c.state = 'UNDER_REVIEW' AND c.current_due < $1::date "
               " ORDER BY c.current_due LIMIT $2) "
               "UNION ALL (SELECT c.id::text, 3 FROM cases c "
               " JOIN delegations d ON d.case_id = c.id AND d.status = 'PENDING' "
               " WHERE c.state = 'DELEGATED' AND c.current_due < $1::date AND NOT EXISTS ("
               "   SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'DELEGATION_ACCEPTANCE_OVERDUE' "
               "   AND e.summary LIKE 'delegation=' || d.id::text || '%') "
               " ORDER BY c.current_due LIMIT $2)");
}

absl::StatusOr<std::vector<SweepItem>> SweepCandidates(Tx& tx, absl::CivilDay today, int limit) {
  std::vector<SweepItem> out;
  for (const auto& row : tx.exec_prepared("sweep_candidates", DateParam(today), limit)) {
    out.push_back({row[0].as<std::string>(), static_cast<SweepKind>(row[1].as<int>())});
  }
  return out;
}

}  // namespace caitiao::storage
