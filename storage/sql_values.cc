#include "storage/sql_values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace caitiao::storage {

std::string TimeParam(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

absl::Time TimeFromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

std::optional<absl::Time> OptionalTimeFromMicros(const pqxx::field& micros) {
  if (micros.is_null()) return std::nullopt;
  return TimeFromMicros(micros.as<int64_t>());
}

int64_t MicrosOf(absl::Time t) { return absl::ToUnixMicros(t); }

std::string DateParam(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::CivilDay DateFromText(std::string_view text) {
  absl::CivilDay day;
  absl::ParseCivilTime(absl::string_view(text.data(), text.size()), &day);
  return day;
}

std::string MicrosColumn(const char* column) {
  return absl::StrCat("(extract(epoch FROM ", column, ") * 1000000)::bigint");
}

std::string UuidArrayParam(const std::vector<std::string>& ids) { return PlainArrayParam(ids); }

bool LooksLikeUuid(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !absl::ascii_isxdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

}  // namespace caitiao::storage

namespace caitiao::storage {

std::string HexParam(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

std::string BytesFromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return "";
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string PlainArrayParam(const std::vector<std::string>& values) {
  return absl::StrCat("{", absl::StrJoin(values, ","), "}");
}

std::vector<std::string> SplitArrayText(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    out.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace caitiao::storage

namespace caitiao::storage {

std::string QuotedArrayParam(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace caitiao::storage
