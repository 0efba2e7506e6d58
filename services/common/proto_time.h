// Timestamps and legal dates between protobuf and Abseil.
#pragma once

#include <string>

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/common.pb.h"
#include "services/domain/errors.h"

namespace caitiao::services {

void ToProto(absl::Time t, google::protobuf::Timestamp* out);
absl::Time TimeFromProto(const google::protobuf::Timestamp& t);
void ToProto(absl::CivilDay d, caitiao::v1::Date* out);

// Adds a violation at `field` if the date is missing or not a real calendar
// date (2026-02-30 is refused, not rolled over).
absl::CivilDay DayFromProto(const caitiao::v1::Date& date, bool present, const std::string& field,
                            domain::FieldViolations* problems);

}  // namespace caitiao::services
