// Persistence of the append-only audit log.
#pragma once

#include <cstdint>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/access_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareAuditStatements(pqxx::connection& conn);

// Returns the assigned sequence.
absl::StatusOr<int64_t> AppendAuditRecord(Tx& tx, const domain::AuditRecord& record);

// Newest first (by sequence), before `before_sequence` (0: from the newest).
absl::StatusOr<std::vector<domain::AuditRecord>> ListAuditRecords(Tx& tx, const domain::AuditQuery& query,
                                                                  int64_t before_sequence, int limit);

}  // namespace caitiao::storage
