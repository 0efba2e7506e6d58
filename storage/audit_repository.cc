#include "storage/audit_repository.h"

#include "absl/strings/str_cat.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

constexpr char kAuditColumns[] =
    "sequence, (extract(epoch FROM occurred_at) * 1000000)::bigint, principal, role, method, resource, "
    "outcome, reason, request_id, unmasked_fields, peer, repeats";

// Refusals are the two codes that mean "not this caller".
constexpr char kRefusedOutcomes[] = "('UNAUTHENTICATED', 'PERMISSION_DENIED')";

}  // namespace

void PrepareAuditStatements(pqxx::connection& conn) {
  conn.prepare("audit_insert",
               "INSERT INTO audit_records (occurred_at, principal, role, method, resource, outcome, reason, "
               "request_id, unmasked_fields, peer, repeats) VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, "
               "$9::text[], $10, $11) RETURNING sequence");
  conn.prepare("audit_list",
               absl::StrCat("SELECT ", kAuditColumns,
                            " FROM audit_records WHERE ($1 = '' OR principal = $1) AND ($2 = '' OR method = $2) "
                            "AND ($3 = '' OR outcome = $3) AND ($4 = '' OR resource = $4) "
                            "AND (NOT $5 OR outcome IN ",
                            kRefusedOutcomes,
                            ") AND (NOT $6 OR cardinality(unmasked_fields) > 0) "
                            "AND ($7::timestamptz IS NULL OR occurred_at >= $7::timestamptz) "
                            "AND ($8::timestamptz IS NULL OR occurred_at < $8::timestamptz) "
                            "AND ($9 = 0 OR sequence < $9) ORDER BY sequence DESC LIMIT $10"));
}

absl::StatusOr<int64_t> AppendAuditRecord(Tx& tx, const domain::AuditRecord& a) {
  // Field paths are fixed server-generated identifiers ("applicants[0].phone"),
  // quoted for the array literal.
  std::string fields = "{";
  for (size_t i = 0; i < a.unmasked_fields.size(); ++i) {
    absl::StrAppend(&fields, i ? "," : "", "\"", a.unmasked_fields[i], "\"");
  }
  fields += "}";
  return tx
      .exec_prepared1("audit_insert", TimeParam(a.time), a.principal, a.role, a.method, a.resource, a.outcome,
                      a.reason, a.request_id, fields, a.peer, a.repeats)[0]
      .as<int64_t>();
}

absl::StatusOr<std::vector<domain::AuditRecord>> ListAuditRecords(Tx& tx, const domain::AuditQuery& q,
                                                                  int64_t before_sequence, int limit) {
  auto time_or_null = [](const std::optional<absl::Time>& t) -> std::optional<std::string> {
    if (!t) return std::nullopt;
    return TimeParam(*t);
  };
  const auto start = time_or_null(q.start_time);
  const auto end = time_or_null(q.end_time);
  pqxx::result r = tx.exec_prepared("audit_list", q.principal, q.method, q.outcome, q.resource, q.refused_only,
                                    q.unmasked_only, start ? start->c_str() : nullptr,
                                    end ? end->c_str() : nullptr, before_sequence, limit);
  std::vector<domain::AuditRecord> out;
  for (const auto& row : r) {
    domain::AuditRecord a;
    a.sequence = row[0].as<int64_t>();
    a.time = TimeFromMicros(row[1].as<int64_t>());
    a.principal = row[2].as<std::string>();
    a.role = row[3].as<std::string>();
    a.method = row[4].as<std::string>();
    a.resource = row[5].as<std::string>();
    a.outcome = row[6].as<std::string>();
    a.reason = row[7].as<std::string>();
    a.request_id = row[8].as<std::string>();
    auto parser = row[9].as_array();
    for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next()) {
      if (item.first == pqxx::array_parser::string_value) a.unmasked_fields.push_back(item.second);
    }
    a.peer = row[10].as<std::string>();
    a.repeats = row[11].as<int64_t>();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace caitiao::storage
