#include "services/domain/mediation_outcome.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "services/domain/enum_names.h"
#include "absl/strings/str_join.h"
#include "services/domain/case_transitions.h"
#include "services/domain/docking_types.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr std::array<const char*, 8> kFailureNames = {
    "UNSPECIFIED",     "PERIOD_EXPIRED", "CONSENT_WITHDRAWN", "PARTY_REFUSED",
    "ROOM_TERMINATED", "NOT_PERFORMED",  "REVIEW_REFUSED",    "SERVICE_REFUSED"};
constexpr std::array<const char*, 4> kMannerNames = {"UNSPECIFIED", "AWARD", "TRIBUNAL_MEDIATION", "TERMINATED"};
constexpr std::array<const char*, 5> kDocumentKindNames = {
    "UNSPECIFIED", "DELEGATION_LETTER", "MEDIATION_AGREEMENT", "REPLY_LETTER", "ARBITRAL_MEDIATION_DOCUMENT"};
constexpr int64_t kMaxAmountFen = 1'000'000'000'000;
constexpr size_t kMaxObligations = 50;


bool PartyExists(PartySide side, int position, int applicants, int respondents) {
  if (position < 0) return false;
  if (side == PartySide::kApplicant) return position < applicants;
  if (side == PartySide::kRespondent) return position < respondents;
  return false;
}

bool IsRecorded(const Agreement& a, std::string_view item) {
  return std::any_of(a.signatures.begin(), a.signatures.end(), [&](const SignatureItem& s) { return s.item == item; });
}

const Obligation* FindObligation(const Agreement& a, int position) {
  for (const auto& o : a.obligations) {
    if (o.position == position) return &o;
  }
  return nullptr;
}

bool AnyObligationOverdue(const Agreement& a, const std::vector<Performance>& performances, absl::CivilDay today) {
  return std::any_of(a.obligations.begin(), a.obligations.end(), [&](const Obligation& o) {
    return o.due < today && !IsObligationPerformed(o, performances);
  });
}

}  // namespace

const char* MediationFailureName(MediationFailure failure) { return NameIn(kFailureNames, failure); }
std::optional<MediationFailure> MediationFailureFromName(std::string_view name) {
  return FromNameIn<MediationFailure>(kFailureNames, name);
}
const char* ClosingMannerName(ClosingManner manner) { return NameIn(kMannerNames, manner); }
std::optional<ClosingManner> ClosingMannerFromName(std::string_view name) {
  return FromNameIn<ClosingManner>(kMannerNames, name);
}
const char* DocumentKindName(DocumentKind kind) { return NameIn(kDocumentKindNames, kind); }
std::optional<DocumentKind> DocumentKindFromName(std::string_view name) {
  return FromNameIn<DocumentKind>(kDocumentKindNames, name);
}

const char* SuccessOutcomeName(SuccessPath path) {
  return path == SuccessPath::kPerformed ? "SUCCEEDED_PERFORMED" : "SUCCEEDED_DOCUMENT";
}

std::vector<std::string> RequiredSignatureItems(int applicants, int respondents) {
  std::vector<std::string> out;
  for (int i = 0; i < applicants; ++i) out.push_back(PartyLabel(PartySide::kApplicant, i));
  for (int i = 0; i < respondents; ++i) out.push_back(PartyLabel(PartySide::kRespondent, i));
  out.push_back("MEDIATOR");
  out.push_back("ROOM_SEAL");
  return out;
}

std::vector<std::string> MissingSignatureItems(const Agreement& agreement, int applicants, int respondents) {
  std::vector<std::string> missing;
  for (auto& item : RequiredSignatureItems(applicants, respondents)) {
    if (!IsRecorded(agreement, item)) missing.push_back(std::move(item));
  }
  return missing;
}

bool IsAgreementEffective(const Agreement& agreement, int applicants, int respondents) {
  return !agreement.void_time && MissingSignatureItems(agreement, applicants, respondents).empty();
}

int64_t PerformedOf(const std::vector<Performance>& performances, int position) {
  int64_t sum = 0;
  for (const auto& p : performances) {
    if (p.obligation == position) sum += p.act_done ? 1 : p.amount_fen;
  }
  return sum;
}

bool IsObligationPerformed(const Obligation& obligation, const std::vector<Performance>& performances) {
  const int64_t done = PerformedOf(performances, obligation.position);
  return obligation.kind == ObligationKind::kMoney ? done >= obligation.amount_fen : done >= 1;
}

std::optional<SuccessPath> MediationSuccess(const std::optional<Agreement>& agreement, int applicants,
                                            int respondents, const std::vector<Performance>& performances,
                                            bool arbitral_document_in_effect) {
  if (!agreement || !IsAgreementEffective(*agreement, applicants, respondents)) return std::nullopt;
  const bool all_performed =
      !agreement->obligations.empty() &&
      std::all_of(agreement->obligations.begin(), agreement->obligations.end(),
                  [&](const Obligation& o) { return IsObligationPerformed(o, performances); });
  if (all_performed) return SuccessPath::kPerformed;
  if (arbitral_document_in_effect) return SuccessPath::kArbitralDocument;
  return std::nullopt;
}

FieldViolations ValidateAgreementDraft(const AgreementDraft& draft, int applicants, int respondents,
                                       absl::CivilDay today) {
  FieldViolations v;
  if (auto p = TextProblem(draft.terms, 1, 20000, /*multiline=*/true)) v.Add("terms", *p);
  if (draft.obligations.empty()) v.Add("obligations", "at least one obligation is required");
  if (draft.obligations.size() > kMaxObligations) v.Add("obligations", "at most 50 obligations");
  for (size_t i = 0; i < draft.obligations.size() && i < kMaxObligations; ++i) {
    const Obligation& o = draft.obligations[i];
    const std::string at = absl::StrCat("obligations[", i, "]");
    if (!PartyExists(o.obligor_side, o.obligor_position, applicants, respondents)) {
      v.Add(at + ".obligor", "must name a party of the case (side and position)");
    }
    if (!PartyExists(o.obligee_side, o.obligee_position, applicants, respondents)) {
      v.Add(at + ".obligee", "must name a party of the case (side and position)");
    } else if (o.obligee_side == o.obligor_side) {
      v.Add(at + ".obligee", "must be on the other side from the obligor");
    }
    switch (o.kind) {
      case ObligationKind::kMoney:
        if (o.amount_fen < 1 || o.amount_fen > kMaxAmountFen) {
          v.Add(at + ".amount_fen", "a money obligation needs an amount of 1 to 10^12 fen");
        }
        if (auto p = TextProblem(o.description, 0, 2000, /*multiline=*/true)) v.Add(at + ".description", *p);
        break;
      case ObligationKind::kAct:
        if (o.amount_fen != 0) v.Add(at + ".amount_fen", "must be 0 for an act");
        if (auto p = TextProblem(o.description, 1, 2000, /*multiline=*/true)) v.Add(at + ".description", *p);
        break;
      case ObligationKind::kUnspecified:
        v.Add(at + ".kind", "must be MONEY or ACT");
        break;
    }
    if (o.due < today) v.Add(at + ".due_date", "must not be in the past");
  }
  return v;
}

absl::Status DecideDraft(CaseState state, const std::optional<Agreement>& current) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kDraftAgreement); !s.ok()) return s;
  if (current) {
    return Refuse(reasons::kAgreementOpen, absl::StrCat("agreement ", current->number,
                                                        " is current; void it (with a reason) to draft another"));
  }
  return absl::OkStatus();
}

absl::Status DecideVoid(CaseState state, const Agreement& agreement) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kVoidAgreement); !s.ok()) return s;
  if (agreement.void_time) {
    return Refuse(reasons::kAgreementVoided, absl::StrCat("agreement ", agreement.number, " is already voided"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SignatureDecision> DecideSignature(CaseState state, const Agreement& agreement,
                                                  const std::string& item, int applicants, int respondents) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kRecordSignature); !s.ok()) return s;
  if (agreement.void_time) {
    return Refuse(reasons::kAgreementVoided, absl::StrCat("agreement ", agreement.number, " was voided"));
  }
  const auto required = RequiredSignatureItems(applicants, respondents);
  if (std::find(required.begin(), required.end(), item) == required.end()) {
    return InvalidField("item", "must be a party (APPLICANT/<n> or RESPONDENT/<n>), MEDIATOR or ROOM_SEAL");
  }
  if (IsRecorded(agreement, item)) {
    return Refuse(reasons::kSignatureRecorded, absl::StrCat(item, " is already recorded on agreement ",
                                                            agreement.number));
  }
  Agreement with = agreement;
  SignatureItem added;
  added.item = item;
  with.signatures.push_back(added);
  SignatureDecision d;
  d.takes_effect = MissingSignatureItems(with, applicants, respondents).empty();
  d.next = d.takes_effect ? CaseState::kAgreementEffective : state;
  return d;
}

absl::StatusOr<PerformanceDecision> DecidePerformance(CaseState state, const Agreement& agreement,
                                                      int applicants, int respondents,
                                                      const std::vector<Performance>& so_far,
                                                      const Performance& next) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kRecordPerformance); !s.ok()) return s;
  const Obligation* o = FindObligation(agreement, next.obligation);
  if (o == nullptr) {
    return WithFields(Refuse(reasons::kObligationNotFound,
                             absl::StrCat("agreement ", agreement.number, " has no obligation ", next.obligation)),
                      {{"obligation", "no such obligation"}});
  }
  const int64_t done = PerformedOf(so_far, o->position);
  if (o->kind == ObligationKind::kMoney) {
    if (next.act_done) return InvalidField("act_done", "must be false for a money obligation");
    if (next.amount_fen < 1) return InvalidField("amount_fen", "must be at least 1 fen");
    if (next.amount_fen > o->amount_fen - done) {
      return WithFields(Refuse(reasons::kPerformanceExceedsObligation,
                               absl::StrCat("obligation ", o->position, " owes ", o->amount_fen - done,
                                            " fen more; ", next.amount_fen, " fen is too much")),
                        {{"amount_fen", "exceeds what is still owed"}});
    }
  } else {
    if (next.amount_fen != 0) return InvalidField("amount_fen", "must be 0 for an act");
    if (!next.act_done) return InvalidField("act_done", "must be true: record an act once it is done");
    if (done >= 1) {
      return Refuse(reasons::kPerformanceExceedsObligation, absl::StrCat("obligation ", o->position, " is already performed"));
    }
  }
  std::vector<Performance> with = so_far;
  with.push_back(next);
  PerformanceDecision d;
  d.success = MediationSuccess(agreement, applicants, respondents, with, /*arbitral_document_in_effect=*/false);
  d.next = d.success ? CaseState::kMediated : state;
  return d;
}

absl::Status DecideMediationExtension(CaseState state, int days, int extensions_so_far,
                                      const std::vector<std::string>& consenting_parties, int applicants,
                                      int respondents, const std::string& reason, const DeadlinePolicy& policy) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kExtendMediation); !s.ok()) return s;
  if (policy.max_extension_days <= 0) {
    return InvalidField("days", "the deadline policy in force allows no extension of the mediation period");
  }
  if (days < 1 || days > policy.max_extension_days) {
    return InvalidField("days", absl::StrCat("must be 1 to ", policy.max_extension_days,
                                             " calendar days (the deadline policy in force)"));
  }
  if (extensions_so_far >= policy.max_mediation_extensions) {
    return Refuse(reasons::kExtensionLimitReached,
                  absl::StrCat("the mediation period was extended ", extensions_so_far,
                               " time(s) already; the policy allows ", policy.max_mediation_extensions));
  }
  std::vector<std::string> missing;
  for (int side = 0; side < 2; ++side) {
    const int n = side == 0 ? applicants : respondents;
    for (int i = 0; i < n; ++i) {
      const std::string label = PartyLabel(side == 0 ? PartySide::kApplicant : PartySide::kRespondent, i);
      if (std::find(consenting_parties.begin(), consenting_parties.end(), label) == consenting_parties.end()) {
        missing.push_back(label);
      }
    }
  }
  if (!missing.empty()) {
    return Refuse(reasons::kExtensionConsentMissing,
                  absl::StrCat("every party must agree to the extension; missing: ", absl::StrJoin(missing, ", ")));
  }
  if (auto p = TextProblem(reason, 1, 2000, /*multiline=*/true)) return InvalidField("reason", *p);
  return absl::OkStatus();
}

ReturnDecision ReturnToArbitration(DelegationRoute route) {
  ReturnDecision d;
  d.next = StateAfterDecline(route);
  d.acceptance_decision_due = route != DelegationRoute::kAfterFiling;
  return d;
}

absl::StatusOr<ReturnDecision> DecideTermination(const TerminationFacts& f) {
  if (absl::Status s = CheckCommandAllowed(f.state, CaseCommand::kTerminateMediation); !s.ok()) return s;
  const bool effective = f.state == CaseState::kAgreementEffective;
  switch (f.reason) {
    case MediationFailure::kPartyRefused:
    case MediationFailure::kRoomTerminated:
      if (f.reason == MediationFailure::kRoomTerminated) {
        if (auto p = TextProblem(f.note, 1, 2000, /*multiline=*/true)) {
          return InvalidField("note", absl::StrCat("ROOM_TERMINATED needs the room's reason: ", *p));
        }
      }
      if (effective) {
        return Refuse(reasons::kInvalidState,
                      "the agreement is in effect: mediation can now fail only as NOT_PERFORMED, once an "
                      "obligation is overdue");
      }
      break;
    case MediationFailure::kPeriodExpired:
      if (effective || !f.mediation_due || !(*f.mediation_due < f.today)) {
        return Refuse(reasons::kInvalidState,
                      absl::StrCat("PERIOD_EXPIRED needs the mediation period to have passed with no effective "
                                   "agreement; it is due ",
                                   f.mediation_due ? absl::FormatCivilTime(*f.mediation_due) : "(not set)"));
      }
      break;
    case MediationFailure::kNotPerformed:
      if (!effective || !f.agreement || !AnyObligationOverdue(*f.agreement, f.performances, f.today)) {
        return Refuse(reasons::kInvalidState,
                      "NOT_PERFORMED needs an effective agreement with an obligation past its due date and "
                      "not performed");
      }
      break;
    case MediationFailure::kConsentWithdrawn:
      return InvalidField("reason", "a withdrawn consent is recorded with WithdrawConsent, which ends mediation");
    case MediationFailure::kReviewRefused:
    case MediationFailure::kServiceRefused:
      return InvalidField("reason", "REVIEW_REFUSED and SERVICE_REFUSED are recorded by the commission's review");
    case MediationFailure::kUnspecified:
      return InvalidField("reason", "must be PERIOD_EXPIRED, PARTY_REFUSED, ROOM_TERMINATED or NOT_PERFORMED");
  }
  if (auto p = TextProblem(f.note, 0, 2000, /*multiline=*/true)) return InvalidField("note", *p);
  return ReturnToArbitration(f.route);
}

absl::StatusOr<std::optional<ReturnDecision>> DecideConsentWithdrawal(CaseState state, DelegationRoute route) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kWithdrawConsent); !s.ok()) return s;
  if (state == CaseState::kDelegated || state == CaseState::kInMediation) {
    return std::optional<ReturnDecision>(ReturnToArbitration(route));
  }
  return std::optional<ReturnDecision>();
}

}  // namespace caitiao::domain
