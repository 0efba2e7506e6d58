// What the subsidy commands read from their arguments: periods, yuan
// amounts, years, tiers, funding sources, and a subsidy standard from a
// proto3-JSON file. Every error is INVALID_ARGUMENT naming the argument or
// flag, for a usage error (exit 2).
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "caitiao/v1/subsidy.pb.h"

namespace caitiao::cli {

// "2027-Q1".."2027-Q4" (quarter), "2027-H1"|"2027-H2" (half-year),
// "2027-01".."2027-12" (month) or "2027" (the year); Q and H in either case.
// `name` is what the error names: "PERIOD" for an argument, "--period" for a
// flag.
absl::StatusOr<caitiao::v1::Period> ParsePeriod(absl::string_view name, const std::string& text);

// Yuan with up to two decimals ("1234", "1234.5", "1234.56") as integer fen,
// exactly (no floating point). No sign, no thousands separators.
absl::StatusOr<int64_t> ParseYuan(absl::string_view name, const std::string& text);

// A four-digit year, e.g. "2027".
absl::StatusOr<int32_t> ParseYear(absl::string_view name, const std::string& text);

// "simple", "ordinary" or "complex": the tiers a case may be designated
// (collective is computed from the applicants, never designated).
absl::StatusOr<caitiao::v1::SubsidyTier> ParseDesignatedTier(const std::string& text);

// "hrss" (人社部门) or "union" (工会).
absl::StatusOr<caitiao::v1::FundingSource> ParseFundingSource(const std::string& text);

// `path` "-" reads stdin. Field names may be the .proto (snake_case) or JSON
// (lowerCamelCase) names; enums by name or number; int64 amounts as numbers
// or strings. Unknown fields are an error. INVALID_ARGUMENT carries the file
// name and the parser's message.
absl::StatusOr<caitiao::v1::SubsidyStandard> ReadSubsidyStandardJson(const std::string& path);

}  // namespace caitiao::cli
