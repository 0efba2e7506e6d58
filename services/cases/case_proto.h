// Translation between caitiao.v1 case messages and domain structs. No rules:
// values that are out of range pass through for the domain to refuse.
#pragma once

#include "caitiao/v1/case.pb.h"
#include "services/domain/case_types.h"
#include "services/domain/errors.h"

namespace caitiao::services {

// The editable content of `c`. A missing or impossible application date is
// reported in `problems` under "case.application_date".
domain::CaseContent ContentFromProto(const caitiao::v1::Case& c, domain::FieldViolations* problems);

void CaseToProto(const domain::CaseRecord& c, caitiao::v1::Case* out);
// CaseToProto with identity numbers and phones masked and
// personal_data_masked set: how every case leaves the server unless a GetCase
// asked for it unmasked.
void MaskedCaseToProto(domain::CaseRecord c, caitiao::v1::Case* out);
// As reporting answers show a case: domain::MaskForReporting.
void ReportingCaseToProto(domain::CaseRecord c, caitiao::v1::Case* out);
void EventToProto(const domain::CaseEvent& e, caitiao::v1::CaseEvent* out);

}  // namespace caitiao::services
