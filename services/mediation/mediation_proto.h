// Translation between caitiao.v1 mediation and document messages and the
// domain's values. No rules here: a request's problems of shape (an
// impossible date, an unknown enum value) are collected for the caller.
#pragma once

#include <vector>

#include "caitiao/v1/document.pb.h"
#include "caitiao/v1/mediation.pb.h"
#include "services/domain/case_types.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/mediation_types.h"

namespace caitiao::services {

void SessionToProto(const domain::MediationSession& s, caitiao::v1::MediationSession* out);

// The obligations of a DraftAgreementRequest, with `problems` at
// "obligations[i].<field>".
domain::AgreementDraft DraftFromProto(const caitiao::v1::DraftAgreementRequest& req, domain::FieldViolations* problems);

// The agreement with what each obligation has had performed and the items
// still missing, and the case's state and etag after the call.
void AgreementToProto(const domain::Agreement& a, const std::vector<domain::Performance>& performances,
                      const domain::CaseRecord& c, caitiao::v1::Agreement* out);

void DocumentToProto(const domain::Document& d, caitiao::v1::Document* out);

}  // namespace caitiao::services
