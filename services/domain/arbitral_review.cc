#include "services/domain/arbitral_review.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "services/domain/case_transitions.h"
#include "services/domain/docking_types.h"
#include "services/domain/enum_names.h"
#include "services/domain/eligibility.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr std::array<const char*, 7> kRefusalNames = {
    "UNSPECIFIED", "VIOLATES_MANDATORY_LAW", "HARMS_OTHER_INTERESTS", "SUSPECTED_FALSE_EVIDENCE",
    "NOT_VOLUNTARY", "UNCLEAR", "OTHER"};

std::vector<std::string> PartyItems(int applicants, int respondents) {
  std::vector<std::string> items;
  for (int i = 0; i < applicants; ++i) items.push_back(PartyLabel(PartySide::kApplicant, i));
  for (int i = 0; i < respondents; ++i) items.push_back(PartyLabel(PartySide::kRespondent, i));
  return items;
}

absl::Status CheckReceiptItem(const ArbitralReview& review, const std::string& item, int applicants,
                              int respondents) {
  const auto parties = PartyItems(applicants, respondents);
  if (std::find(parties.begin(), parties.end(), item) == parties.end()) {
    return InvalidField("item", "must be a party of the case: APPLICANT/<n> or RESPONDENT/<n>");
  }
  for (const auto& r : review.receipts) {
    if (r.item == item) return Refuse(reasons::kReceiptRecorded, absl::StrCat(item, "'s service is already recorded"));
  }
  return absl::OkStatus();
}

absl::StatusOr<CaseState> NextOf(CaseState state, CaseCommand command) {
  if (absl::Status s = CheckCommandAllowed(state, command); !s.ok()) return s;
  return FindTransition(state, command)->to.front();
}

}  // namespace

const char* ReviewRefusalName(ReviewRefusal refusal) { return NameIn(kRefusalNames, refusal); }
std::optional<ReviewRefusal> ReviewRefusalFromName(std::string_view name) {
  return FromNameIn<ReviewRefusal>(kRefusalNames, name);
}

DeadlineRule ReviewApplicationRule(const DeadlinePolicy& policy) {
  return DeadlineRule{PeriodKind::kCalendarDays, policy.review_application_days, true};
}
DeadlineRule ReviewPeriodRule(const DeadlinePolicy& policy) {
  return DeadlineRule{PeriodKind::kWorkingDays, policy.review_working_days, false};
}
DeadlineRule ReviewExtensionRule(const DeadlinePolicy& policy) {
  return DeadlineRule{PeriodKind::kWorkingDays, policy.review_extension_working_days, false};
}

absl::StatusOr<CaseState> DecideReviewApplication(CaseState state, const std::vector<DisputeType>& claim_types,
                                                  bool respondent_contests, absl::CivilDay window_due,
                                                  absl::CivilDay applied_on) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kApplyForReview); !s.ok()) return s;
  if (absl::Status s = CheckLaborRelationshipExclusion(claim_types, respondent_contests); !s.ok()) {
    return Refuse(reasons::kLaborRelationshipConfirmation,
                  "an agreement in a dispute over confirming a labor relationship is never reviewed into an "
                  "arbitral mediation document (the Rules Art. 75(4))");
  }
  if (applied_on > window_due) {
    return Refuse(reasons::kReviewWindowPassed,
                  absl::StrCat("the joint application had to be made by ", absl::FormatCivilTime(window_due),
                               " (the days after the agreement took effect have passed)"));
  }
  return FindTransition(state, CaseCommand::kApplyForReview)->to.front();
}

absl::Status DecideReviewExtension(CaseState state, const ArbitralReview& review, const std::string& reason) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kExtendReview); !s.ok()) return s;
  if (review.extended_due) {
    return Refuse(reasons::kReviewAlreadyExtended, "the review was extended once already; decide it now");
  }
  if (auto p = TextProblem(reason, 1, 2000, /*multiline=*/true)) return InvalidField("reason", *p);
  return absl::OkStatus();
}

absl::StatusOr<CaseState> DecideDocument(CaseState state) { return NextOf(state, CaseCommand::kMakeDocument); }

absl::StatusOr<ReturnDecision> DecideReviewRefusal(CaseState state, DelegationRoute route, ReviewRefusal refusal,
                                                   const std::string& note) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kRefuseReview); !s.ok()) return s;
  if (refusal == ReviewRefusal::kUnspecified || !ReviewRefusalFromName(ReviewRefusalName(refusal))) {
    return InvalidField("refusal", "must be one of the Rules Art. 78 grounds");
  }
  if (auto p = TextProblem(note, refusal == ReviewRefusal::kOther ? 1 : 0, 2000, /*multiline=*/true)) {
    return InvalidField("note", refusal == ReviewRefusal::kOther ? absl::StrCat("OTHER needs a note: ", *p) : *p);
  }
  return ReturnToArbitration(route);
}

absl::StatusOr<ReceiptDecision> DecideServiceReceipt(CaseState state, const ArbitralReview& review,
                                                     const std::string& item, const Agreement& agreement,
                                                     int applicants, int respondents,
                                                     const std::vector<Performance>& performances) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kRecordServiceReceipt); !s.ok()) return s;
  if (absl::Status s = CheckReceiptItem(review, item, applicants, respondents); !s.ok()) return s;
  size_t signed_for = 1;  // this one
  for (const auto& r : review.receipts) signed_for += r.refused ? 0 : 1;
  ReceiptDecision d;
  const bool in_effect = signed_for == PartyItems(applicants, respondents).size();
  d.success = in_effect ? MediationSuccess(agreement, applicants, respondents, performances, true) : std::nullopt;
  d.next = d.success ? CaseState::kMediated : state;
  return d;
}

absl::StatusOr<ReturnDecision> DecideServiceRefusal(CaseState state, DelegationRoute route,
                                                    const ArbitralReview& review, const std::string& item,
                                                    int applicants, int respondents) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kRecordServiceRefusal); !s.ok()) return s;
  if (absl::Status s = CheckReceiptItem(review, item, applicants, respondents); !s.ok()) return s;
  return ReturnToArbitration(route);
}

}  // namespace caitiao::domain
