// The requests of caitiao.v1.MediationService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/mediation.pb.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/mediation_types.h"

namespace caitiao::services {

struct NewSession {
  std::string case_id;
  std::string etag;
  domain::MediationSession session;  // held, online, place, attendees, summary
};

struct ExtensionRequest {
  std::string case_id;
  std::string etag;
  int days = 0;
  std::vector<std::pair<std::string, std::string>> consents;  // party label, evidence
  std::string reason;
};

// Field checks before a transaction opens (attendees are checked against the
// case inside it; `now` is the call's time). INVALID_ARGUMENT.
absl::Status CheckNewSession(absl::Time now, const NewSession& request);

// RecordSession: the session (held now unless the request says), attendees
// as labels: APPLICANT/<n>, RESPONDENT/<n>, MEDIATOR, AGENT:<name>.
absl::StatusOr<NewSession> ReadRecordSessionRequest(const caitiao::v1::RecordSessionRequest& req, absl::Time now);
absl::Status ReadListSessionsRequest(const caitiao::v1::ListSessionsRequest& req);
absl::StatusOr<ExtensionRequest> ReadExtendMediationRequest(const caitiao::v1::ExtendMediationRequest& req);
absl::StatusOr<domain::AgreementDraft> ReadDraftAgreementRequest(const caitiao::v1::DraftAgreementRequest& req);
absl::Status ReadGetAgreementRequest(const caitiao::v1::GetAgreementRequest& req);
// RecordSignature: the signature (signed now unless the request says).
absl::StatusOr<domain::SignatureItem> ReadRecordSignatureRequest(const caitiao::v1::RecordSignatureRequest& req,
                                                                 absl::Time now);
absl::Status ReadVoidAgreementRequest(const caitiao::v1::VoidAgreementRequest& req);
// RecordPerformance: the performance (on the China day of `now` unless the
// request says; never later).
absl::StatusOr<domain::Performance> ReadRecordPerformanceRequest(const caitiao::v1::RecordPerformanceRequest& req,
                                                                 absl::Time now);
absl::StatusOr<domain::MediationFailure> ReadTerminateMediationRequest(
    const caitiao::v1::TerminateMediationRequest& req);

}  // namespace caitiao::services
