#include "storage/sql_values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace caitiao::storage {

std::string TimeParam(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

absl::Time TimeFromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

int64_t MicrosOf(absl::Time t) { return absl::ToUnixMicros(t); }

std::string DateParam(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::CivilDay DateFromText(std::string_view text) {
  absl::CivilDay day;
  absl::ParseCivilTime(absl::string_view(text.data(), text.size()), &day);
  return day;
}

std::string UuidArrayParam(const std::vector<std::string>& ids) {
  return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
}

bool LooksLikeUuid(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !absl::ascii_isxdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

}  // namespace caitiao::storage
