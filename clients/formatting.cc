#include "clients/formatting.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace caitiao::cli {

std::string FormatYuan(int64_t fen) {
  // Work on the magnitude as unsigned so even INT64_MIN negates safely.
  const bool negative = fen < 0;
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

std::string MaskAllButLast4(absl::string_view text) {
  // Start offsets of each UTF-8 character (bytes that are not 10xxxxxx).
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= 4) return std::string(text);
  const size_t keep_from = starts[starts.size() - 4];
  return std::string(starts.size() - 4, '*') + std::string(text.substr(keep_from));
}

std::string FormatChinaTime(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", TimeOf(ts), absl::FixedTimeZone(8 * 60 * 60));
}

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

bool HasTime(const google::protobuf::Timestamp& ts) { return ts.seconds() != 0 || ts.nanos() != 0; }

std::string ChinaTimeLabelled(const google::protobuf::Timestamp& ts) {
  return HasTime(ts) ? FormatChinaTime(ts) + " (UTC+8)" : "";
}

std::string DashIfEmpty(const std::string& s) { return s.empty() ? "-" : s; }

std::string FormatDate(const caitiao::v1::Date& date) {
  if (date.year() == 0) return "-";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string WithoutPrefix(const std::string& name, absl::string_view prefix) {
  return std::string(absl::StripPrefix(name, prefix));
}

void PrintLine(std::ostream& out, const char* label, const std::string& value) {
  if (!value.empty()) out << "  " << label << value << '\n';
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

}  // namespace caitiao::cli
