#include "services/cases/case_intake.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/ids.h"
#include "services/domain/case_closing.h"
#include "services/domain/case_events.h"
#include "services/domain/case_number.h"
#include "services/domain/case_state.h"
#include "services/domain/case_validation.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/directory_repository.h"
#include "storage/mediation_repository.h"

namespace caitiao::services {
namespace {

using domain::CaseRecord;
using domain::CaseState;

absl::Status CaseNotFound(const std::string& id) { return domain::NotFound("case with id", id, domain::reasons::kCaseNotFound); }

}  // namespace

domain::CaseEvent MakeCaseEvent(const CallContext& call, const CaseRecord& c, std::string kind,
                           CaseState from, std::string summary) {
  domain::CaseEvent e;
  e.case_id = c.id;
  e.kind = std::move(kind);
  e.from_state = from;
  e.to_state = c.state;
  e.actor = call.principal.id;
  e.actor_role = domain::RoleName(call.principal.role);
  e.occur_time = call.now;
  e.summary = std::move(summary);
  e.request_id = call.request_id;
  return e;
}

absl::StatusOr<CaseRecord> CreateCase(storage::Tx& tx, const CallContext& call, const NewCase& request) {
  CAITIAO_ASSIGN_OR_RETURN(const CaseState initial, domain::InitialState(request.route_stage));
  // Outside the caller's commissions reads as absent: existence is not revealed.
  std::optional<domain::Commission> commission;
  if (domain::MayActForCommission(call.principal, request.commission_id)) {
    CAITIAO_ASSIGN_OR_RETURN(commission, storage::FindCommission(tx, request.commission_id));
  }
  if (!commission) {
    return domain::WithFields(
        domain::WithReason(absl::NotFoundError(absl::StrCat("no commission with id ",
                                                            domain::QuoteForMessage(request.commission_id))),
                           domain::reasons::kCommissionNotFound),
        {{"case.commission_id", "no such commission"}});
  }

  const int year = static_cast<int>(domain::ChinaDay(call.now).year());
  CAITIAO_ASSIGN_OR_RETURN(int64_t seq, storage::NextCaseSequence(tx, commission->id, year));
  CaseRecord c;
  c.id = NewUuid();
  c.case_number = domain::FormatCaseNumber(commission->case_number_template, year, seq);
  c.commission_id = commission->id;
  c.region_code = commission->region_code;
  c.state = initial;
  c.content = request.content;
  c.receive_time = call.now;
  c.update_time = call.now;
  c.version = 1;
  c.substance_version = 1;
  CAITIAO_RETURN_IF_ERROR(storage::InsertCase(tx, c, call.principal.id));
  call.resource = absl::StrCat("cases/", c.id);
  auto event = MakeCaseEvent(call, c, domain::events::kCaseCreated, CaseState::kUnspecified,
                        absl::StrCat("applicants=", c.content.applicants.size(),
                                     " respondents=", c.content.respondents.size(),
                                     " claims=", c.content.claims.size()));
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  return c;
}

absl::StatusOr<CaseRecord> GetCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                   bool lock) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  call.resource = absl::StrCat("cases/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindCase(tx, id, domain::CaseScopeOf(call.principal), lock));
  if (!found) return CaseNotFound(id);
  return *std::move(found);
}

absl::StatusOr<CaseRecord> UpdateCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                      const std::string& etag, const domain::CaseContent& patch,
                                      const std::set<domain::CaseField>& fields) {
  CAITIAO_ASSIGN_OR_RETURN(CaseRecord c, GetCase(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEditable(c.state));
  domain::CaseContent updated = domain::ApplyCaseUpdate(c.content, patch, fields);
  domain::FieldViolations problems;
  problems.Merge("case", domain::ValidateCaseContent(updated, domain::ChinaDay(call.now)));
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());

  std::vector<std::string> names;
  for (auto f : fields) names.push_back(domain::CaseFieldPath(f));
  c.content = std::move(updated);
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/true));
  c.version += 1;
  auto event = MakeCaseEvent(call, c, domain::events::kCaseUpdated, c.state, absl::StrCat("fields=", absl::StrJoin(names, ",")));
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  return c;
}

namespace {

// A case leaving the commission's desk has no deadline pending any more
// (e.g. the acceptance decision of a case returned from mediation).
absl::Status ClearDue(storage::Tx& tx, CaseRecord& c) {
  if (!c.current_due) return absl::OkStatus();
  c.current_due.reset();
  return storage::SetCaseDelegation(tx, c.id, c.delegated_room_id, std::nullopt);
}

absl::StatusOr<CaseRecord> SaveDecision(storage::Tx& tx, const CallContext& call, CaseRecord& c, CaseState from,
                                        const char* kind, std::string summary) {
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  CAITIAO_RETURN_IF_ERROR(ClearDue(tx, c));
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, MakeCaseEvent(call, c, kind, from, std::move(summary))).status());
  call.resource = absl::StrCat("cases/", c.id);
  return c;
}

}  // namespace

absl::StatusOr<CaseRecord> WithdrawCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                        const std::string& etag, const std::string& reason) {
  CAITIAO_ASSIGN_OR_RETURN(CaseRecord c, GetCase(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  const CaseState from = c.state;
  CAITIAO_ASSIGN_OR_RETURN(c.state, domain::Withdraw(from));
  c.withdrawal_reason = reason;
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  CAITIAO_RETURN_IF_ERROR(ClearDue(tx, c));
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, MakeCaseEvent(call, c, domain::events::kCaseWithdrawn, from, "")).status());
  return c;
}

absl::StatusOr<CaseRecord> FileCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                    const std::string& etag) {
  CAITIAO_ASSIGN_OR_RETURN(CaseRecord c, GetCase(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  const CaseState from = c.state;
  CAITIAO_ASSIGN_OR_RETURN(c.state, domain::DecideFiling(from));
  return SaveDecision(tx, call, c, from, domain::events::kCaseFiled, "");
}

absl::StatusOr<CaseRecord> RefuseAcceptance(storage::Tx& tx, const CallContext& call, const std::string& id,
                                            const std::string& etag, const std::string& reason) {
  CAITIAO_ASSIGN_OR_RETURN(CaseRecord c, GetCase(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  const CaseState from = c.state;
  CAITIAO_ASSIGN_OR_RETURN(c.state, domain::DecideAcceptanceRefusal(from, reason));
  c.closing_note = reason;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, c));
  return SaveDecision(tx, call, c, from, domain::events::kAcceptanceRefused, "");
}

absl::StatusOr<CaseRecord> CloseCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                     const std::string& etag, domain::ClosingManner manner, const std::string& note) {
  CAITIAO_ASSIGN_OR_RETURN(CaseRecord c, GetCase(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  const CaseState from = c.state;
  CAITIAO_ASSIGN_OR_RETURN(c.state, domain::DecideClosing(from, manner, note));
  c.closing_manner = domain::ClosingMannerName(manner);
  c.closing_note = note;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, c));
  return SaveDecision(tx, call, c, from, domain::events::kCaseClosed, absl::StrCat("manner=", c.closing_manner));
}

}  // namespace caitiao::services
