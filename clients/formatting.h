// Small value formatters for the human (non --json) output.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "caitiao/v1/common.pb.h"

namespace caitiao::cli {

// Fen (分) as yuan with two decimals, by integer arithmetic so no amount is
// ever rounded: 1234567 -> "12345.67", -5 -> "-0.05".
std::string FormatYuan(int64_t fen);

// Hides personal data in the human view: every character but the last four
// becomes '*' (counting UTF-8 characters, not bytes). Empty stays empty.
std::string MaskAllButLast4(absl::string_view text);

// An instant as "YYYY-MM-DD HH:MM:SS" in China Standard Time. A fixed +08:00
// offset equals Asia/Shanghai (no DST since 1991) and needs no tzdata.
// "-" when unset.
std::string FormatChinaTime(const google::protobuf::Timestamp& ts);

// True when the timestamp is set (not the epoch default).
bool HasTime(const google::protobuf::Timestamp& ts);

// The instant a timestamp stands for.
absl::Time TimeOf(const google::protobuf::Timestamp& ts);

// "YYYY-MM-DD HH:MM:SS (UTC+8)", or "" when unset (for lines left out).
std::string ChinaTimeLabelled(const google::protobuf::Timestamp& ts);

// "-" for an empty cell.
std::string DashIfEmpty(const std::string& s);

// "YYYY-MM-DD", or "-" when unset.
std::string FormatDate(const caitiao::v1::Date& date);

// An enum value name without its type prefix, e.g. ("CASE_STATE_FILED",
// "CASE_STATE_") -> "FILED".
std::string WithoutPrefix(const std::string& name, absl::string_view prefix);

// One "  label value" line of a detail view; nothing when `value` is empty.
void PrintLine(std::ostream& out, const char* label, const std::string& value);

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s);
// What CSV reports begin with: UTF-8's byte order mark, so that spreadsheet
// programs read Chinese text right.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

}  // namespace caitiao::cli
