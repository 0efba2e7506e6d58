#include "tests/fuzz/request_table.h"

#include <string_view>
#include <type_traits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "services/access/access_requests.h"
#include "services/cases/case_requests.h"
#include "services/coverage/coverage_requests.h"
#include "services/directory/directory_requests.h"
#include "services/docking/docking_requests.h"
#include "services/documents/document_requests.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/mediation/mediation_requests.h"
#include "services/policy/policy_requests.h"
#include "services/reporting/reporting_requests.h"
#include "services/review/review_requests.h"
#include "services/subsidy/subsidy_requests.h"
#include "tests/fuzz/fuzz_common.h"

namespace caitiao::fuzz {
namespace {

namespace v1 = caitiao::v1;
namespace s = caitiao::services;
using absl::StatusCode;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

absl::Status StatusOf(const absl::Status& st) { return st; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& st) {
  return st.status();
}

template <typename Request, typename Read>
RequestEntry Entry(const char* service, const char* method, Read read,
                   std::vector<StatusCode> codes = {StatusCode::kInvalidArgument}) {
  return RequestEntry{absl::StrCat("caitiao.v1.", service, "/", method), Request::descriptor(),
                      [] { return std::make_unique<Request>(); },
                      [read](const Message& m, const Caller& c) -> absl::Status {
                        return StatusOf(read(static_cast<const Request&>(m), c));
                      },
                      std::move(codes)};
}

// An entry whose Read function takes the request alone, or with the time,
// or with the caller's principal (and the time).
#define ONLY(Service, Method) \
  Entry<v1::Method##Request>(#Service, #Method, [](const v1::Method##Request& r, const Caller&) { return s::Read##Method##Request(r); })
#define AT_NOW(Service, Method) \
  Entry<v1::Method##Request>(#Service, #Method, [](const v1::Method##Request& r, const Caller& c) { return s::Read##Method##Request(r, c.now); })
#define BY(Service, Method, ...)                                                                       \
  Entry<v1::Method##Request>(                                                                           \
      #Service, #Method,                                                                                \
      [](const v1::Method##Request& r, const Caller& c) { return s::Read##Method##Request(r, c.principal); }, \
      __VA_ARGS__)

std::vector<RequestEntry> MakeTable() {
  const std::vector<StatusCode> invalid = {StatusCode::kInvalidArgument};
  const std::vector<StatusCode> invalid_or_denied = {StatusCode::kInvalidArgument, StatusCode::kPermissionDenied};
  const std::vector<StatusCode> invalid_or_no_room = {StatusCode::kInvalidArgument, StatusCode::kNotFound};
  return {
      // AccessService
      ONLY(AccessService, IssueToken),
      ONLY(AccessService, ListTokens),
      ONLY(AccessService, RevokeToken),
      ONLY(AccessService, CreateCertificateMapping),
      ONLY(AccessService, ListCertificateMappings),
      ONLY(AccessService, RevokeCertificateMapping),
      ONLY(AccessService, ListAuditRecords),
      // CaseService
      AT_NOW(CaseService, CreateCase),
      BY(CaseService, GetCase, invalid_or_denied),
      AT_NOW(CaseService, ListCases),
      ONLY(CaseService, UpdateCase),
      ONLY(CaseService, WithdrawCase),
      ONLY(CaseService, ListCaseEvents),
      ONLY(CaseService, FileCase),
      ONLY(CaseService, RefuseAcceptance),
      ONLY(CaseService, CloseCase),
      // CoverageService
      ONLY(CoverageService, LoadRegions),
      ONLY(CoverageService, MarkPilot),
      ONLY(CoverageService, UnmarkPilot),
      ONLY(CoverageService, SetCoverageTarget),
      AT_NOW(CoverageService, GetCoverage),
      // DirectoryService
      ONLY(DirectoryService, CreateRegion),
      ONLY(DirectoryService, ListRegions),
      ONLY(DirectoryService, CreateCommission),
      ONLY(DirectoryService, GetCommission),
      ONLY(DirectoryService, ListCommissions),
      ONLY(DirectoryService, CreateRoom),
      ONLY(DirectoryService, UpdateRoom),
      ONLY(DirectoryService, DeactivateRoom),
      ONLY(DirectoryService, GetRoom),
      ONLY(DirectoryService, ListRooms),
      ONLY(DirectoryService, CreateMediator),
      ONLY(DirectoryService, UpdateMediator),
      ONLY(DirectoryService, GetMediator),
      ONLY(DirectoryService, ListMediators),
      // DockingService
      AT_NOW(DockingService, RecordConsent),
      AT_NOW(DockingService, WithdrawConsent),
      ONLY(DockingService, ListConsents),
      ONLY(DockingService, AssessEligibility),
      ONLY(DockingService, GetEligibility),
      ONLY(DockingService, ProposeRooms),
      ONLY(DockingService, DelegateCase),
      ONLY(DockingService, ListDelegations),
      // RoomService
      Entry<v1::ListRoomQueueRequest>(
          "RoomService", "ListRoomQueue",
          [](const v1::ListRoomQueueRequest& r, const Caller& c) {
            return s::ReadListRoomQueueRequest(r, c.principal, c.now);
          },
          invalid_or_no_room),
      ONLY(RoomService, AcceptDelegation),
      ONLY(RoomService, DeclineDelegation),
      ONLY(RoomService, DeclareConflict),
      BY(RoomService, WatchRoomQueue, invalid_or_no_room),
      // DocumentService
      ONLY(DocumentService, GetDocument),
      ONLY(DocumentService, ListDocuments),
      ONLY(DocumentService, VerifyDocument),
      // MediationService
      AT_NOW(MediationService, RecordSession),
      ONLY(MediationService, ListSessions),
      ONLY(MediationService, ExtendMediation),
      ONLY(MediationService, DraftAgreement),
      ONLY(MediationService, GetAgreement),
      AT_NOW(MediationService, RecordSignature),
      ONLY(MediationService, VoidAgreement),
      AT_NOW(MediationService, RecordPerformance),
      ONLY(MediationService, TerminateMediation),
      // PolicyService
      ONLY(PolicyService, SetDeadlinePolicy),
      ONLY(PolicyService, ListDeadlinePolicies),
      AT_NOW(PolicyService, GetEffectiveDeadlinePolicy),
      ONLY(PolicyService, LoadHolidayCalendar),
      ONLY(PolicyService, ListHolidayCalendars),
      // ReportingService
      Entry<v1::SummarizeCasesRequest>(
          "ReportingService", "SummarizeCases",
          [](const v1::SummarizeCasesRequest& r, const Caller& c) { return s::ReadSummarizeCasesRequest(r, c.now); },
          invalid_or_denied),
      Entry<v1::ExportCasesRequest>(
          "ReportingService", "ExportCases",
          [](const v1::ExportCasesRequest& r, const Caller& c) { return s::ReadExportCasesRequest(r, c.now); },
          invalid_or_denied),
      BY(ReportingService, ListChanges, invalid),
      BY(ReportingService, WatchChanges, invalid),
      AT_NOW(ReportingService, GetDockingReport),
      AT_NOW(ReportingService, GetMediationShare),
      AT_NOW(ReportingService, ReviewRooms),
      // ReviewService
      AT_NOW(ReviewService, ApplyForReview),
      ONLY(ReviewService, GetReview),
      ONLY(ReviewService, ExtendReview),
      ONLY(ReviewService, MakeArbitralDocument),
      ONLY(ReviewService, RefuseReview),
      AT_NOW(ReviewService, RecordServiceReceipt),
      AT_NOW(ReviewService, RecordServiceRefusal),
      // SubsidyService
      AT_NOW(SubsidyService, CreateSubsidyStandard),
      ONLY(SubsidyService, ListSubsidyStandards),
      AT_NOW(SubsidyService, GetSubsidyStandard),
      ONLY(SubsidyService, SetCaseTier),
      ONLY(SubsidyService, ListLedgerEntries),
      ONLY(SubsidyService, ReverseLedgerEntry),
      ONLY(SubsidyService, AddBudget),
      ONLY(SubsidyService, GetBudget),
      ONLY(SubsidyService, DraftSettlementBatch),
      ONLY(SubsidyService, CheckSettlementBatch),
      ONLY(SubsidyService, ApproveSettlementBatch),
      ONLY(SubsidyService, PaySettlementBatch),
      ONLY(SubsidyService, CancelSettlementBatch),
      ONLY(SubsidyService, GetSettlementBatch),
      ONLY(SubsidyService, GetMediatorStatement),
  };
}

// One segment of a field path: "applicants[0]" -> name "applicants", index 0.
struct Segment {
  std::string name;
  int index = -1;  // -1: no index
};

bool ParseSegment(absl::string_view text, Segment* out) {
  const size_t open = text.find('[');
  if (open == absl::string_view::npos) {
    out->name = std::string(text);
    return !out->name.empty();
  }
  if (text.back() != ']' || open == 0) return false;
  out->name = std::string(text.substr(0, open));
  const absl::string_view digits = text.substr(open + 1, text.size() - open - 2);
  if (digits.empty() || digits.size() > 9) return false;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return false;
  }
  return absl::SimpleAtoi(digits, &out->index);
}

}  // namespace

const std::vector<RequestEntry>& RequestTable() {
  static const auto* table = new std::vector<RequestEntry>(MakeTable());
  return *table;
}

const std::vector<Caller>& Callers() {
  static const auto* callers = [] {
    const absl::Time now = absl::FromUnixSeconds(1773561600);  // 2026-03-15 16:00 UTC
    auto* v = new std::vector<Caller>();
    domain::Principal admin{"token/admin", domain::Role::kAdmin, {}, true};
    domain::Principal staff{"token/staff", domain::Role::kArbitrationStaff,
                            {{"6f1c0e1a-3b7e-4a1e-9a51-2f7d7c8a9b01"}, "", {}}, false};
    domain::Principal room{"token/room", domain::Role::kRoomStaff,
                           {{}, "0b6c6a52-8c3e-4c1f-b0f0-0a4d7f1e2c33", {}}, false};
    domain::Principal reporting{"cert/reporting", domain::Role::kReporting, {{}, "", {"420000", "420100"}}, false};
    domain::Principal funding{"cert/funding", domain::Role::kFunding, {{}, "", {"420100"}}, false};
    for (const auto& p : {admin, staff, room, reporting, funding}) v->push_back({now, p});
    return v;
  }();
  return *callers;
}

std::string FieldPathProblem(const Message& message, const std::string& path) {
  const Message* m = &message;
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    Segment seg;
    if (!ParseSegment(parts[i], &seg)) return absl::StrCat("bad segment \"", parts[i], "\"");
    const auto* d = m->GetDescriptor();
    const FieldDescriptor* f = d->FindFieldByName(seg.name);
    if (f == nullptr) return absl::StrCat(d->full_name(), " has no field \"", seg.name, "\"");
    const auto* r = m->GetReflection();
    if (seg.index >= 0) {
      if (!f->is_repeated()) return absl::StrCat(seg.name, " is not repeated but is indexed");
      if (seg.index >= r->FieldSize(*m, f)) {
        return absl::StrCat(seg.name, "[", seg.index, "] is past the end (", r->FieldSize(*m, f), " elements)");
      }
    }
    if (i + 1 == parts.size()) return "";
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return absl::StrCat(seg.name, " is not a message");
    if (f->is_repeated()) {
      if (seg.index < 0) return absl::StrCat(seg.name, " is repeated but not indexed");
      m = &r->GetRepeatedMessage(*m, f, seg.index);
    } else {
      m = &r->GetMessage(*m, f);
    }
  }
  return "";
}

std::string RefusalProblem(const RequestEntry& entry, const Message& request, const absl::Status& refusal) {
  if (refusal.ok()) return "";
  bool allowed = false;
  for (StatusCode c : entry.codes) allowed = allowed || refusal.code() == c;
  if (!allowed) return absl::StrCat("code ", absl::StatusCodeToString(refusal.code()), " is not one the method documents");
  const std::string_view message(refusal.message().data(), refusal.message().size());
  if (!IsValidUtf8(message)) return "the message is not valid UTF-8";
  const std::optional<std::string> reason = domain::ReasonOf(refusal);
  if (!reason) return "a refusal without a reason";
  const domain::ReasonInfo* info = domain::FindReason(*reason);
  if (info == nullptr) return absl::StrCat("reason ", *reason, " is not in the catalogue");
  if (info->code != refusal.code()) {
    return absl::StrCat("reason ", *reason, " travels with ", absl::StatusCodeToString(info->code), ", not ",
                        absl::StatusCodeToString(refusal.code()));
  }
  const std::vector<domain::FieldViolation> fields = domain::FieldsOf(refusal);
  if (*reason == domain::reasons::kFieldInvalid && fields.empty()) return "FIELD_INVALID without a field";
  for (const auto& v : fields) {
    if (v.field.empty() || !IsCleanMessage(v.field)) return absl::StrCat("unclean field path \"", v.field, "\"");
    if (v.description.empty() || !IsCleanMessage(v.description)) {
      return absl::StrCat("unclean description at ", v.field, ": \"", v.description, "\"");
    }
    if (std::string p = FieldPathProblem(request, v.field); !p.empty()) {
      return absl::StrCat("violation at \"", v.field, "\": ", p);
    }
  }
  return "";
}

}  // namespace caitiao::fuzz
