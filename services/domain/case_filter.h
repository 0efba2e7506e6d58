// The ListCases filter: a small AIP-160 subset parsed into a struct that
// storage compiles to parameterised SQL. No SQL here.
//
// Grammar (whitespace between tokens is free; keywords case-sensitive):
//   filter     := "" | comparison ("AND" comparison)*
//   comparison := field op value
//   field      := commission_id | region_code | state | dispute_type |
//                 receive_time | party_name | party_resident_id_number |
//                 overdue | due_date
//   op         := "=" for commission_id, region_code, state, dispute_type,
//                 party_resident_id_number (exact, e.g. a resident id number),
//                 overdue (true | false: the case's current deadline has passed)
//                 "<" | "<=" for due_date (a quoted "YYYY-MM-DD": the current
//                 deadline - acceptance while DELEGATED, mediation while
//                 IN_MEDIATION - falls before it)
//                 ">=" | ">" | "<=" | "<" for receive_time
//                 ":" (has/substring) for party_name
//   value      := "double-quoted string" (\" and \\ escapes) | bare word
//                 [A-Za-z0-9_] (enum names; digits for region_code)
// state takes RECEIVED | FILED | WITHDRAWN (or CASE_STATE_ prefixed);
// dispute_type takes the DisputeType names, with or without "DISPUTE_TYPE_".
// receive_time takes an RFC 3339 timestamp in quotes.
// Each of the "=" fields and party_name may appear at most once; receive_time
// at most once per direction (lower, upper).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/case_types.h"

namespace caitiao::domain {

struct CaseFilter {
  std::optional<std::string> commission_id;
  std::optional<std::string> region_code;  // includes sub-regions
  std::optional<CaseState> state;
  std::optional<DisputeType> dispute_type;  // any claim of that type
  // receive_time >= min and < max_exclusive. ">" t is ">=" t+1µs and "<=" t is
  // "<" t+1µs, as stored times have microsecond precision.
  std::optional<absl::Time> receive_time_min;
  std::optional<absl::Time> receive_time_max_exclusive;
  std::optional<std::string> party_name_contains;  // 1..100 chars
  // Any party's resident identity number, exactly (personal data:
  // matched by keyed hash, never stored in clear).
  std::optional<std::string> party_resident_id_number;
  // The case's current deadline has passed (true) or not or has none (false),
  // as of `today`.
  std::optional<bool> overdue;
  // The case's current deadline is before this day ("<=" d parses as "<" d+1).
  std::optional<absl::CivilDay> due_before;
  // Not parsed: set by the caller to today's date in China before a query
  // that uses `overdue`.
  absl::CivilDay today;

  bool operator==(const CaseFilter&) const = default;
};

// INVALID_ARGUMENT (reason FILTER_INVALID, field "filter") naming the position
// and what was expected, for syntax errors, unknown fields, wrong operators,
// bad values (region code, enum name, timestamp) and repeated fields.
absl::StatusOr<CaseFilter> ParseCaseFilter(std::string_view filter);

// A canonical text of the filter: equal filters give equal text whatever the
// order or spelling of the source. Page tokens fingerprint it.
std::string CanonicalCaseFilter(const CaseFilter& filter);

}  // namespace caitiao::domain
