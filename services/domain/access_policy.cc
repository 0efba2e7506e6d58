#include "services/domain/access_policy.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

constexpr Role kAdmin = Role::kAdmin;
constexpr Role kStaff = Role::kArbitrationStaff;
constexpr Role kRoom = Role::kRoomStaff;
constexpr Role kReporting = Role::kReporting;
constexpr Role kFunding = Role::kFunding;

std::vector<MethodPolicy> BuildTable() {
  const std::vector<Role> everyone = {kAdmin, kStaff, kRoom, kReporting, kFunding};
  // The ledger's readers: funding officers of its regions, staff of its
  // commissions, the room whose mediator earned it.
  const std::vector<Role> ledger_readers = {kAdmin, kFunding, kStaff, kRoom};
  return {
      // DirectoryService: everyone reads the directory; only admins change it.
      {"caitiao.v1.DirectoryService/CreateRegion", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/ListRegions", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/CreateCommission", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/GetCommission", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/ListCommissions", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/CreateRoom", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/UpdateRoom", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/DeactivateRoom", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/GetRoom", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/ListRooms", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/CreateMediator", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/UpdateMediator", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.DirectoryService/GetMediator", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.DirectoryService/ListMediators", everyone, ScopeRule::kNone, false},
      // CaseService: staff write their commissions' cases; rooms read the
      // cases delegated to them.
      {"caitiao.v1.CaseService/CreateCase", {kAdmin, kStaff}, ScopeRule::kCommission, true},
      {"caitiao.v1.CaseService/GetCase", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.CaseService/ListCases", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.CaseService/UpdateCase", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.CaseService/WithdrawCase", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.CaseService/ListCaseEvents", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.CaseService/FileCase", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.CaseService/RefuseAcceptance", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.CaseService/CloseCase", {kAdmin, kStaff}, ScopeRule::kCase, true},
      // ReportingService: aggregates and masked exports, read only.
      {"caitiao.v1.ReportingService/SummarizeCases", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/ExportCases", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/ListChanges", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/WatchChanges", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/GetDockingReport", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/GetMediationShare", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      {"caitiao.v1.ReportingService/ReviewRooms", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      // DockingService: consent, eligibility and delegation of a commission's
      // cases; rooms may read consents and delegations of cases delegated to
      // them and record a party's withdrawal of consent during mediation.
      {"caitiao.v1.DockingService/RecordConsent", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.DockingService/WithdrawConsent", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.DockingService/ListConsents", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.DockingService/AssessEligibility", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.DockingService/GetEligibility", {kAdmin, kStaff}, ScopeRule::kCase, false},
      {"caitiao.v1.DockingService/ProposeRooms", {kAdmin, kStaff}, ScopeRule::kCase, false},
      {"caitiao.v1.DockingService/DelegateCase", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.DockingService/ListDelegations", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      // RoomService: a room's own queue.
      {"caitiao.v1.RoomService/ListRoomQueue", {kAdmin, kRoom}, ScopeRule::kRoom, false},
      {"caitiao.v1.RoomService/AcceptDelegation", {kAdmin, kRoom}, ScopeRule::kRoom, true},
      {"caitiao.v1.RoomService/DeclineDelegation", {kAdmin, kRoom}, ScopeRule::kRoom, true},
      {"caitiao.v1.RoomService/DeclareConflict", {kAdmin, kRoom}, ScopeRule::kRoom, true},
      {"caitiao.v1.RoomService/WatchRoomQueue", {kAdmin, kRoom}, ScopeRule::kRoom, false},
      // MediationService: the room's work on a case it accepted; staff read
      // the sessions and the agreement of their commissions' cases.
      {"caitiao.v1.MediationService/RecordSession", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/ListSessions", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.MediationService/ExtendMediation", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/DraftAgreement", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/GetAgreement", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.MediationService/RecordSignature", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/VoidAgreement", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/RecordPerformance", {kAdmin, kRoom}, ScopeRule::kCase, true},
      {"caitiao.v1.MediationService/TerminateMediation", {kAdmin, kRoom}, ScopeRule::kCase, true},
      // ReviewService: the commission's arbitral review (path B); the room
      // may read it.
      {"caitiao.v1.ReviewService/ApplyForReview", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.ReviewService/GetReview", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.ReviewService/ExtendReview", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.ReviewService/MakeArbitralDocument", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.ReviewService/RefuseReview", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.ReviewService/RecordServiceReceipt", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.ReviewService/RecordServiceRefusal", {kAdmin, kStaff}, ScopeRule::kCase, true},
      // DocumentService: whoever may see the case may see its documents.
      {"caitiao.v1.DocumentService/GetDocument", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.DocumentService/ListDocuments", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      {"caitiao.v1.DocumentService/VerifyDocument", {kAdmin, kStaff, kRoom}, ScopeRule::kCase, false},
      // SubsidyService: funding officers (经费管理) run standards, budgets and
      // settlement in their regions; the standards are public; the ledger is
      // read by whoever's cases earned it; reporting reads budgets.
      {"caitiao.v1.SubsidyService/CreateSubsidyStandard", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/ListSubsidyStandards", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.SubsidyService/GetSubsidyStandard", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.SubsidyService/SetCaseTier", {kAdmin, kStaff}, ScopeRule::kCase, true},
      {"caitiao.v1.SubsidyService/ListLedgerEntries", ledger_readers, ScopeRule::kCase, false},
      {"caitiao.v1.SubsidyService/ReverseLedgerEntry", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/AddBudget", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/GetBudget", {kAdmin, kFunding, kReporting}, ScopeRule::kFundingRegion, false},
      {"caitiao.v1.SubsidyService/DraftSettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/CheckSettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/ApproveSettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/PaySettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/CancelSettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, true},
      {"caitiao.v1.SubsidyService/GetSettlementBatch", {kAdmin, kFunding}, ScopeRule::kFundingRegion, false},
      {"caitiao.v1.SubsidyService/GetMediatorStatement", ledger_readers, ScopeRule::kCase, false},
      // CoverageService: admins load the region list, mark pilots and set
      // targets; reporting jobs read the coverage of provinces in their regions.
      {"caitiao.v1.CoverageService/LoadRegions", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.CoverageService/MarkPilot", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.CoverageService/UnmarkPilot", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.CoverageService/SetCoverageTarget", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.CoverageService/GetCoverage", {kAdmin, kReporting}, ScopeRule::kReportingRegion, false},
      // AccessService: administration of credentials and the audit log.
      {"caitiao.v1.AccessService/IssueToken", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.AccessService/ListTokens", {kAdmin}, ScopeRule::kGlobal, false},
      {"caitiao.v1.AccessService/RevokeToken", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.AccessService/CreateCertificateMapping", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.AccessService/ListCertificateMappings", {kAdmin}, ScopeRule::kGlobal, false},
      {"caitiao.v1.AccessService/RevokeCertificateMapping", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.AccessService/ListAuditRecords", {kAdmin}, ScopeRule::kGlobal, false},
      // PolicyService: everyone reads the deadline policy and the holiday
      // calendars; only admins change them.
      {"caitiao.v1.PolicyService/SetDeadlinePolicy", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.PolicyService/ListDeadlinePolicies", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.PolicyService/GetEffectiveDeadlinePolicy", everyone, ScopeRule::kNone, false},
      {"caitiao.v1.PolicyService/LoadHolidayCalendar", {kAdmin}, ScopeRule::kGlobal, true},
      {"caitiao.v1.PolicyService/ListHolidayCalendars", everyone, ScopeRule::kNone, false},
  };
}

}  // namespace

const std::vector<MethodPolicy>& AccessPolicyTable() {
  static const std::vector<MethodPolicy>* table = new std::vector<MethodPolicy>(BuildTable());
  return *table;
}

const MethodPolicy* FindMethodPolicy(std::string_view method) {
  for (const auto& policy : AccessPolicyTable()) {
    if (policy.method == method) return &policy;
  }
  return nullptr;
}

absl::Status Authorize(const Principal& p, std::string_view method, const MethodPolicy* policy) {
  if (policy == nullptr) {
    return WithReason(absl::PermissionDeniedError(absl::StrCat(
                          "method ", std::string(method), " is not in the permission table; nobody may call it")),
                      reasons::kMethodNotInPolicy);
  }
  for (Role r : policy->roles) {
    if (r == p.role) return absl::OkStatus();
  }
  std::vector<std::string> allowed;
  for (Role r : policy->roles) allowed.push_back(RoleName(r));
  return WithReason(absl::PermissionDeniedError(absl::StrCat("role ", RoleName(p.role), " may not call ",
                                                             std::string(method), "; allowed: ",
                                                             absl::StrJoin(allowed, ", "))),
                    reasons::kRoleNotAllowed);
}

}  // namespace caitiao::domain
