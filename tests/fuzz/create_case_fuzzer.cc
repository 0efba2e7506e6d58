// CreateCase/UpdateCase request handling without the database: wire bytes ->
// caitiao.v1.CreateCaseRequest -> domain content -> validation, state machine
// and field-mask update. Proto enums are open, so any int32 reaches the
// domain casts; dates are arbitrary int32 triples.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "caitiao/v1/case_service.pb.h"
#include "services/cases/case_proto.h"
#include "services/domain/case_state.h"
#include "services/domain/case_update.h"
#include "services/domain/case_validation.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/text_rules.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

namespace domain = caitiao::domain;
using caitiao::fuzz::CheckViolations;
using caitiao::fuzz::IsCleanMessage;
using domain::CaseState;

// A fixed "today" keeps runs reproducible (validation takes no clock).
const absl::CivilDay kToday(2026, 3, 15);

bool CountIn(size_t n, size_t lo, size_t hi) { return n >= lo && n <= hi; }

// The documented bounds of case_validation.h, restated for content that
// validated clean.
void CheckAcceptedParty(const domain::Party& p) {
  FUZZ_CHECK(p.kind == domain::PartyKind::kWorker || p.kind == domain::PartyKind::kEmployer ||
             p.kind == domain::PartyKind::kOther);
  FUZZ_CHECK(CountIn(domain::CodePointCount(p.name), 1, domain::kMaxNameChars));
  FUZZ_CHECK(domain::CodePointCount(p.address) <= domain::kMaxAddressChars);
  FUZZ_CHECK(p.agents.size() <= domain::kMaxAgentsPerParty);
  for (const auto& a : p.agents) {
    FUZZ_CHECK(CountIn(domain::CodePointCount(a.name), 1, domain::kMaxNameChars));
    FUZZ_CHECK(CountIn(static_cast<int>(a.kind), 1, 6));
    FUZZ_CHECK(a.phone.empty() || !domain::PhoneProblem(a.phone));
  }
  FUZZ_CHECK(p.phone.empty() || !domain::PhoneProblem(p.phone));
  const bool has_id = !p.resident_id_number.empty();
  const bool has_code = !p.unified_social_credit_code.empty();
  const bool has_doc = p.other_identity_document.has_value();
  if (has_id) FUZZ_CHECK(!domain::ResidentIdNumberProblem(p.resident_id_number));
  if (has_code) FUZZ_CHECK(!domain::UnifiedSocialCreditCodeProblem(p.unified_social_credit_code));
  switch (p.kind) {
    case domain::PartyKind::kWorker:
      FUZZ_CHECK(has_id != has_doc && !has_code);
      break;
    case domain::PartyKind::kEmployer:
      FUZZ_CHECK(has_code && !has_id && !has_doc);
      break;
    default:
      FUZZ_CHECK(int{has_id} + int{has_code} + int{has_doc} <= 1);
  }
}

void CheckAcceptedContent(const domain::CaseContent& c) {
  FUZZ_CHECK(CountIn(c.applicants.size(), 1, domain::kMaxPartiesPerSide));
  FUZZ_CHECK(CountIn(c.respondents.size(), 1, domain::kMaxPartiesPerSide));
  FUZZ_CHECK(CountIn(c.claims.size(), 1, domain::kMaxClaims));
  for (const auto& p : c.applicants) CheckAcceptedParty(p);
  for (const auto& p : c.respondents) CheckAcceptedParty(p);
  for (const auto& cl : c.claims) {
    FUZZ_CHECK(CountIn(static_cast<int>(cl.dispute_type), 1, 6));
    FUZZ_CHECK(CountIn(domain::CodePointCount(cl.description), 1, domain::kMaxClaimDescriptionChars));
    if (cl.amount_fen) FUZZ_CHECK(*cl.amount_fen >= 0 && *cl.amount_fen <= domain::kMaxAmountFen);
  }
  FUZZ_CHECK(CountIn(domain::CodePointCount(c.facts_and_reasons), 1, domain::kMaxFactsChars));
  FUZZ_CHECK(c.application_date >= absl::CivilDay(domain::kMinApplicationYear, 1, 1));
  FUZZ_CHECK(c.application_date <= kToday);
}

// Validates like CreateCase does: proto-layer date problems first, then the
// domain's; anything accepted must meet the documented bounds.
void Validate(const domain::CaseContent& content, const domain::FieldViolations& proto_problems) {
  const domain::FieldViolations v = domain::ValidateCaseContent(content, kToday);
  CheckViolations(v);
  if (v.empty() && proto_problems.empty()) CheckAcceptedContent(content);
}

void CheckStatusText(const absl::Status& s) {
  FUZZ_CHECK(IsCleanMessage(std::string_view(s.message().data(), s.message().size())));
  CheckViolations(domain::FieldsOf(s));
}

// The state machine on any state value, including out-of-range casts.
void CheckStateMachine(CaseState state) {
  const bool open = state == CaseState::kReceived || state == CaseState::kFiled;
  const absl::Status editable = domain::CheckEditable(state);
  FUZZ_CHECK(editable.ok() == open);
  if (!editable.ok()) {
    FUZZ_CHECK(editable.code() == absl::StatusCode::kFailedPrecondition);
    FUZZ_CHECK(domain::ReasonOf(editable) == "CASE_NOT_EDITABLE");
    CheckStatusText(editable);
  }
  const absl::StatusOr<CaseState> withdrawn = domain::Withdraw(state);
  FUZZ_CHECK(withdrawn.ok() == open);
  if (withdrawn.ok()) {
    FUZZ_CHECK(*withdrawn == CaseState::kWithdrawn);
    FUZZ_CHECK(domain::IsTerminal(*withdrawn));
    FUZZ_CHECK(!domain::CheckEditable(*withdrawn).ok());
    FUZZ_CHECK(domain::ReasonOf(domain::Withdraw(*withdrawn).status()) == "CASE_ALREADY_WITHDRAWN");
  } else {
    FUZZ_CHECK(withdrawn.status().code() == absl::StatusCode::kFailedPrecondition);
    CheckStatusText(withdrawn.status());
  }
  // Out-of-range values allow nothing, so they read as terminal too.
  const bool terminal = !(open || state == CaseState::kDelegated || state == CaseState::kInMediation ||
                          state == CaseState::kAgreementEffective || state == CaseState::kUnderReview ||
                          state == CaseState::kDocumentService);
  FUZZ_CHECK(domain::IsTerminal(state) == terminal);
}

// A valid stored case to patch: UpdateCase merges the request into one.
domain::CaseContent StoredContent() {
  domain::Party worker;
  worker.kind = domain::PartyKind::kWorker;
  worker.name = "张三";
  worker.resident_id_number = "11010519491231002";
  worker.resident_id_number += domain::ResidentIdCheckCharacter(worker.resident_id_number);
  domain::Party employer;
  employer.kind = domain::PartyKind::kEmployer;
  employer.name = "武汉某建设有限公司";
  employer.unified_social_credit_code = "91420100M000100Y4";
  employer.unified_social_credit_code +=
      domain::UnifiedSocialCreditCheckCharacter(employer.unified_social_credit_code);
  domain::CaseContent c;
  c.applicants = {worker};
  c.respondents = {employer};
  c.claims = {{domain::DisputeType::kRemunerationCompensation, "支付拖欠工资", 1'234'500}};
  c.facts_and_reasons = "申请人于2025年入职，被拖欠工资三个月。";
  c.application_date = absl::CivilDay(2026, 3, 1);
  FUZZ_CHECK(domain::ValidateCaseContent(c, kToday).empty());
  return c;
}

// Update-mask paths: the request has no FieldMask, so its free strings stand
// in for one (request_id split like the JSON form "applicants,claims").
std::vector<std::string> MaskPaths(const caitiao::v1::CreateCaseRequest& req) {
  std::vector<std::string> paths = absl::StrSplit(req.request_id(), ',');
  paths.push_back(req.case_().id());
  paths.push_back(req.case_().etag());
  paths.push_back(req.case_().commission_id());
  return paths;
}

void CheckUpdate(const caitiao::v1::CreateCaseRequest& req, const domain::CaseContent& patch,
                 const domain::FieldViolations& proto_problems) {
  static const domain::CaseContent stored = StoredContent();
  std::set<domain::CaseField> fields;
  for (const std::string& path : MaskPaths(req)) {
    const absl::StatusOr<domain::CaseField> f = domain::CaseFieldFromPath(path);
    if (f.ok()) {
      FUZZ_CHECK(domain::CaseFieldPath(*f) == path);
      fields.insert(*f);
    } else {
      FUZZ_CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
      const auto v = domain::FieldsOf(f.status());
      FUZZ_CHECK(v.size() == 1 && v[0].field == "update_mask");
      CheckStatusText(f.status());
    }
  }
  const domain::CaseContent updated = domain::ApplyCaseUpdate(stored, patch, fields);
  auto from = [&](domain::CaseField f) -> const domain::CaseContent& {
    return fields.count(f) ? patch : stored;
  };
  FUZZ_CHECK(updated.applicants == from(domain::CaseField::kApplicants).applicants);
  FUZZ_CHECK(updated.respondents == from(domain::CaseField::kRespondents).respondents);
  FUZZ_CHECK(updated.claims == from(domain::CaseField::kClaims).claims);
  FUZZ_CHECK(updated.facts_and_reasons == from(domain::CaseField::kFactsAndReasons).facts_and_reasons);
  FUZZ_CHECK(updated.application_date == from(domain::CaseField::kApplicationDate).application_date);
  // The service ignores date problems unless the date is being changed.
  Validate(updated, fields.count(domain::CaseField::kApplicationDate) ? proto_problems
                                                                       : domain::FieldViolations{});

  const absl::Status etag = domain::CheckEtag(req.case_().etag(), 3);
  FUZZ_CHECK(etag.ok() == (req.case_().etag() == "v3"));
  if (!etag.ok()) CheckStatusText(etag);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  caitiao::v1::CreateCaseRequest req;
  if (!req.ParseFromArray(data, static_cast<int>(size))) return 0;

  domain::FieldViolations proto_problems;
  const domain::CaseContent content = caitiao::services::ContentFromProto(req.case_(), &proto_problems);
  CheckViolations(proto_problems);
  Validate(content, proto_problems);

  const auto stage = static_cast<domain::RouteStage>(req.route_stage());
  const absl::StatusOr<CaseState> initial = domain::InitialState(stage);
  if (stage == domain::RouteStage::kReceived || stage == domain::RouteStage::kFiled) {
    FUZZ_CHECK(initial.ok());
    FUZZ_CHECK(static_cast<int>(*initial) == static_cast<int>(stage));  // same numbering
    CheckStateMachine(*initial);
  } else {
    FUZZ_CHECK(!initial.ok() && initial.status().code() == absl::StatusCode::kInvalidArgument);
    CheckStatusText(initial.status());
  }
  // Output-only in a request, but it is an arbitrary int32 the same casts see.
  CheckStateMachine(static_cast<CaseState>(req.case_().state()));

  CheckUpdate(req, content, proto_problems);
  return 0;
}
