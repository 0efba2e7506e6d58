// Command flag values the flag types cannot check themselves: calendar days,
// instants, enum words, and the single value of a repeatable flag. Every
// error is INVALID_ARGUMENT naming the flag, for a usage error (exit 2).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "caitiao/v1/common.pb.h"

namespace caitiao::cli {

// "YYYY-MM-DD", a real calendar day.
absl::StatusOr<caitiao::v1::Date> ParseDate(absl::string_view flag, const std::string& text);

// "START..END", two days, e.g. 2025-01-01..2026-12-31.
absl::StatusOr<std::pair<caitiao::v1::Date, caitiao::v1::Date>> ParseDateRange(absl::string_view flag,
                                                                               const std::string& text);

// An RFC 3339 instant with its offset, e.g. 2026-11-28T10:00:00+08:00.
absl::StatusOr<google::protobuf::Timestamp> ParseInstant(absl::string_view flag, const std::string& text);

// The value of a repeatable flag a command takes once ("" if not given).
absl::StatusOr<std::string> OneValue(absl::string_view flag, const std::vector<std::string>& values);

// The enum value name a user's word stands for: `prefix` + the word in upper
// case with '-' as '_' ("in-mediation", "CASE_STATE_") -> "CASE_STATE_IN_MEDIATION".
// A word that already starts with the prefix is kept as it is.
std::string EnumValueName(absl::string_view prefix, const std::string& word);

// The reverse, for people: ("MEDIATOR_SOURCE_PART_TIME_ARBITRATOR",
// "MEDIATOR_SOURCE_") -> "part-time-arbitrator".
std::string EnumWord(const std::string& name, absl::string_view prefix);

}  // namespace caitiao::cli
