#include "services/coverage/coverage_requests.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/coverage/coverage_proto.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr size_t kMaxListBytes = 2000000;

// "province_code": a valid code of a province.
void CheckProvinceCode(const std::string& code, const std::string& field, domain::FieldViolations* problems) {
  if (auto p = domain::RegionCodeProblem(code)) {
    problems->Add(field, *p);
  } else if (domain::LevelOfCode(code) != domain::RegionLevel::kProvince) {
    problems->Add(field, "must be a province (xx0000): coverage is counted per province");
  }
}

absl::StatusOr<domain::PilotEntry> PilotEntryOf(const std::string& region_code, const v1::Date& effective_from,
                                                bool has_effective_from, const std::string& note, bool pilot) {
  domain::FieldViolations problems;
  domain::PilotEntry entry;
  entry.region_code = region_code;
  entry.pilot = pilot;
  entry.note = note;
  entry.effective_from = DayFromProto(effective_from, has_effective_from, "effective_from", &problems);
  // The level is checked against the stored region; a province code is
  // refused here already, since its level follows from the code.
  problems.AddUnreported(domain::ValidatePilotEntry(entry, domain::LevelOfCode(region_code)));
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return entry;
}

}  // namespace

absl::Status AsCsvTextProblem(const absl::Status& status) {
  return domain::WithFields(status, {{"csv_text", std::string(status.message())}});
}

absl::StatusOr<std::vector<domain::RegionListEntry>> CheckRegionListText(const std::string& text) {
  if (text.empty()) return domain::InvalidField("csv_text", "is required: the region list as CSV");
  if (text.size() > kMaxListBytes) {
    return domain::InvalidField("csv_text", absl::StrCat("must be at most ", kMaxListBytes, " bytes"));
  }
  auto parsed = domain::ParseRegionList(text);
  if (!parsed.ok()) return AsCsvTextProblem(parsed.status());
  return parsed;
}

absl::StatusOr<std::vector<domain::RegionListEntry>> ReadLoadRegionsRequest(const v1::LoadRegionsRequest& req) {
  return CheckRegionListText(req.csv_text());
}

absl::StatusOr<domain::PilotEntry> ReadMarkPilotRequest(const v1::MarkPilotRequest& req) {
  return PilotEntryOf(req.region_code(), req.effective_from(), req.has_effective_from(), req.note(), true);
}

absl::StatusOr<domain::PilotEntry> ReadUnmarkPilotRequest(const v1::UnmarkPilotRequest& req) {
  return PilotEntryOf(req.region_code(), req.effective_from(), req.has_effective_from(), req.note(), false);
}

absl::StatusOr<domain::CoverageTarget> ReadSetCoverageTargetRequest(const v1::SetCoverageTargetRequest& req) {
  domain::FieldViolations problems;
  domain::CoverageTarget target = TargetFromProto(req.target(), &problems);
  problems.Merge("target", domain::ValidateCoverageTarget(target));
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return target;
}

absl::StatusOr<absl::CivilDay> ReadGetCoverageRequest(const v1::GetCoverageRequest& req, absl::Time now) {
  domain::FieldViolations problems;
  CheckProvinceCode(req.province_code(), "province_code", &problems);
  absl::CivilDay day = domain::ChinaDay(now);
  if (req.has_date()) day = DayFromProto(req.date(), true, "date", &problems);
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return day;
}

}  // namespace caitiao::services
