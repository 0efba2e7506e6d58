// The human views of DockingService answers: consents, eligibility
// assessments, room proposals and delegations.
#pragma once

#include <ostream>
#include <string>

#include "caitiao/v1/docking.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// "applicant 0", "respondent 1".
std::string PartyText(const caitiao::v1::PartyRef& party);

// consents: one row per consent, withdrawn ones included.
Table NewConsentTable();
void AddConsentRow(Table& table, const caitiao::v1::ConsentRecord& consent);

// consent, withdraw-consent: one consent over several lines.
void PrintConsentDetail(const caitiao::v1::ConsentRecord& consent, std::ostream& out);

// assess, eligibility: the verdict, every criterion (✔/✘ with its
// explanation), the warnings and the case etag it was made on.
void PrintAssessment(const caitiao::v1::EligibilityAssessment& assessment, std::ostream& out);

// propose: one row per candidate room, best first.
Table NewProposalTable();
void AddProposalRow(Table& table, const caitiao::v1::RoomProposal& proposal);

// "before-filing (立案前)", "after-filing (立案后)".
std::string RouteText(caitiao::v1::DelegationRoute route);

// "PENDING", "ACCEPTED", "DECLINED".
std::string DelegationStatusName(caitiao::v1::DelegationStatus status);

// delegate, accept, decline: one delegation over several lines, its
// deadlines with how they were computed, and the case's new etag.
void PrintDelegationDetail(const caitiao::v1::Delegation& delegation, std::ostream& out);

// delegations: one row per delegation, newest first.
Table NewDelegationTable();
void AddDelegationRow(Table& table, const caitiao::v1::Delegation& delegation);

}  // namespace caitiao::cli
