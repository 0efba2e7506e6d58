#include "services/common/proto_time.h"

namespace caitiao::services {

void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    seconds -= 1;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest * 1000));
}

absl::Time TimeFromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

void ToProto(absl::CivilDay d, caitiao::v1::Date* out) {
  out->set_year(static_cast<int32_t>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

absl::CivilDay DayFromProto(const caitiao::v1::Date& date, bool present, const std::string& field,
                            domain::FieldViolations* problems) {
  if (!present) {
    problems->Add(field, "is required (year, month, day)");
    return absl::CivilDay();
  }
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.year() < 1 || date.year() > 9999 || day.year() != date.year() || day.month() != date.month() ||
      day.day() != date.day()) {
    problems->Add(field, "is not a calendar date");
  }
  return day;
}

}  // namespace caitiao::services
