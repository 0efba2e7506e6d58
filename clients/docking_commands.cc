// consent, withdraw-consent, consents, assess, eligibility, propose, delegate,
// delegations: DockingService calls.
#include <iostream>
#include <memory>
#include <string>

#include "caitiao/v1/docking.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/docking_input.h"
#include "clients/docking_view.h"
#include "clients/flag_values.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::DockingService;

std::unique_ptr<DockingService::Stub> DockingStub(const Session& s) { return DockingService::NewStub(s.channel); }

int PrintConsent(const Session& s, const char* heading, const caitiao::v1::ConsentRecord& consent) {
  return PrintResult(s, consent, [heading](const caitiao::v1::ConsentRecord& c) {
    std::cout << heading << "\n\n";
    PrintConsentDetail(c, std::cout);
  });
}

int PrintEligibility(const Session& s, const char* heading, const caitiao::v1::EligibilityAssessment& assessment) {
  return PrintResult(s, assessment, [heading](const caitiao::v1::EligibilityAssessment& a) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintAssessment(a, std::cout);
  });
}

}  // namespace

int RecordConsentCommand(const Session& s, const Args& args) {
  caitiao::v1::RecordConsentRequest request;
  request.set_case_id(args[0]);
  const std::string party = absl::GetFlag(FLAGS_party);
  if (party.empty()) return UsageError("consent needs --party=applicant:N or --party=respondent:N");
  auto ref = ParsePartyRef(party);
  if (!ref.ok()) return UsageError(std::string(ref.status().message()));
  *request.mutable_party() = *ref;
  const std::string form = absl::GetFlag(FLAGS_form);
  if (form.empty()) return UsageError("consent needs --form=written|oral|electronic");
  auto parsed_form = ParseConsentForm(form);
  if (!parsed_form.ok()) return UsageError(std::string(parsed_form.status().message()));
  request.set_form(*parsed_form);
  request.set_evidence_ref(absl::GetFlag(FLAGS_evidence));
  if (request.evidence_ref().empty()) {
    return UsageError("consent needs --evidence=REF (the signed form's number, the record page, the e-signature id)");
  }
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    auto when = ParseInstant("at", at);
    if (!when.ok()) return UsageError(std::string(when.status().message()));
    *request.mutable_give_time() = *when;
  }
  request.set_request_id(RequestIdForChange());
  auto stub = DockingStub(s);
  caitiao::v1::ConsentRecord consent;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::RecordConsent, request, consent); rc != kExitOk) return rc;
  return PrintConsent(s, "Consent recorded.", consent);
}

int WithdrawConsentCommand(const Session& s, const Args& args) {
  caitiao::v1::WithdrawConsentRequest request;
  request.set_consent_id(args[0]);
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("withdraw-consent needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = DockingStub(s);
  caitiao::v1::ConsentRecord consent;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::WithdrawConsent, request, consent); rc != kExitOk) {
    return rc;
  }
  return PrintConsent(s, "Consent withdrawn: the case cannot be delegated (or stay in mediation) without it.", consent);
}

int ListConsentsCommand(const Session& s, const Args& args) {
  caitiao::v1::ListConsentsRequest request;
  request.set_case_id(args[0]);
  auto stub = DockingStub(s);
  caitiao::v1::ListConsentsResponse response;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::ListConsents, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, [](const caitiao::v1::ListConsentsResponse& r) {
    Table table = NewConsentTable();
    for (const auto& c : r.consents()) AddConsentRow(table, c);
    PrintListTable(table, "");
  });
}

int AssessCommand(const Session& s, const Args& args) {
  const std::string etag = absl::GetFlag(FLAGS_etag);
  if (etag.empty()) return UsageError("assess needs --etag (from `caitiao get CASE_ID`)");
  auto request = AssessmentFromFlags();
  if (!request.ok()) return UsageError(std::string(request.status().message()));
  request->set_case_id(args[0]);
  request->set_etag(etag);
  request->set_request_id(RequestIdForChange());
  auto stub = DockingStub(s);
  caitiao::v1::EligibilityAssessment assessment;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::AssessEligibility, *request, assessment); rc != kExitOk) {
    return rc;
  }
  return PrintEligibility(s, "Assessed.", assessment);
}

int GetEligibilityCommand(const Session& s, const Args& args) {
  caitiao::v1::GetEligibilityRequest request;
  request.set_case_id(args[0]);
  auto stub = DockingStub(s);
  caitiao::v1::EligibilityAssessment assessment;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::GetEligibility, request, assessment); rc != kExitOk) {
    return rc;
  }
  return PrintEligibility(s, nullptr, assessment);
}

int ProposeRoomsCommand(const Session& s, const Args& args) {
  caitiao::v1::ProposeRoomsRequest request;
  request.set_case_id(args[0]);
  auto stub = DockingStub(s);
  caitiao::v1::ProposeRoomsResponse response;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::ProposeRooms, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, [](const caitiao::v1::ProposeRoomsResponse& r) {
    Table table = NewProposalTable();
    for (const auto& p : r.proposals()) AddProposalRow(table, p);
    PrintListTable(table, "");
  });
}

int DelegateCommand(const Session& s, const Args& args) {
  caitiao::v1::DelegateCaseRequest request;
  request.set_case_id(args[0]);
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  request.set_room_id(*room);
  if (request.room_id().empty()) return UsageError("delegate needs --room=ID (see `caitiao propose CASE_ID`)");
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError("delegate needs --etag (from `caitiao get CASE_ID`)");
  const std::string route = absl::GetFlag(FLAGS_route);
  if (route.empty()) return UsageError("delegate needs --route=before-filing|after-filing");
  auto parsed_route = ParseRoute(route);
  if (!parsed_route.ok()) return UsageError(std::string(parsed_route.status().message()));
  request.set_route(*parsed_route);
  request.set_reason(absl::GetFlag(FLAGS_reason));
  request.set_request_id(RequestIdForChange());
  auto stub = DockingStub(s);
  caitiao::v1::Delegation delegation;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::DelegateCase, request, delegation); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, delegation, [](const caitiao::v1::Delegation& d) {
    std::cout << "Delegated: the case is DELEGATED and waits for the room to accept or decline.\n\n";
    PrintDelegationDetail(d, std::cout);
  });
}

int ListDelegationsCommand(const Session& s, const Args& args) {
  caitiao::v1::ListDelegationsRequest request;
  request.set_case_id(args[0]);
  auto stub = DockingStub(s);
  caitiao::v1::ListDelegationsResponse response;
  if (int rc = CallUnary(s, *stub, &DockingService::Stub::ListDelegations, request, response); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, response, [](const caitiao::v1::ListDelegationsResponse& r) {
    Table table = NewDelegationTable();
    for (const auto& d : r.delegations()) AddDelegationRow(table, d);
    PrintListTable(table, "");
  });
}

}  // namespace caitiao::cli
