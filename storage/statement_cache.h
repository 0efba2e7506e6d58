// Statements whose text is built per call (a list's filter decides its
// WHERE) but repeats across calls: each distinct text is prepared once per
// connection, as the fixed statements are, instead of being parsed and
// planned on every call.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace caitiao::storage {

// Runs `sql` with `params` bound, as a prepared statement named after the
// text's place in a process-wide table. Past kMaxCachedStatements distinct
// texts (a bound on what each connection keeps prepared) the rest run
// unprepared.
pqxx::result ExecCachedStatement(pqxx::transaction_base& tx, const std::string& sql,
                                 const std::vector<std::string>& params);

inline constexpr int kMaxCachedStatements = 512;

}  // namespace caitiao::storage
