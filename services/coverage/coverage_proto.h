// Translation between caitiao.v1 coverage messages and the domain.
#pragma once

#include "caitiao/v1/coverage.pb.h"
#include "services/coverage/coverage_admin.h"
#include "services/domain/coverage.h"
#include "services/domain/errors.h"

namespace caitiao::services {

void PilotEntryToProto(const domain::PilotEntry& e, caitiao::v1::PilotEntry* out);
// Dates that are missing or not calendar dates are reported in `problems`
// under "<prefix>effective_from" and "<prefix>pilot_start".
domain::CoverageTarget TargetFromProto(const caitiao::v1::CoverageTarget& t, domain::FieldViolations* problems);
void TargetToProto(const domain::CoverageTarget& t, caitiao::v1::CoverageTarget* out);
void CoverageToProto(const ProvinceCoverage& c, caitiao::v1::CoverageReport* out);

}  // namespace caitiao::services
