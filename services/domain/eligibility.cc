#include "services/domain/eligibility.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"
#include "services/domain/status_macros.h"

namespace caitiao::domain {
namespace {

constexpr const char* kCriterionOrder[] = {
    kWithinArbitrationScope, kAcceptanceDisputeType,
    kAcceptanceClearClaim,   kAcceptanceParties,
    kAcceptanceJurisdiction, kSuitableForMediation,
    kBothPartiesConsent,     kNotLaborRelationshipConfirmation,
};

bool Blank(const std::string& text) { return absl::StripAsciiWhitespace(text).empty(); }

std::string Counted(size_t n, const char* noun) {
  return absl::StrCat(n, " ", noun, n == 1 ? "" : "s");
}

// ---- consent ----

// The latest record (by `given`; the later one in the list on a tie) of the
// party, or nullptr.
const Consent* LatestConsent(const std::vector<Consent>& consents, const std::string& party_id,
                             PartySide side) {
  const Consent* latest = nullptr;
  for (const Consent& c : consents) {
    if (c.party_id != party_id || c.side != side) continue;
    if (latest == nullptr || latest->given <= c.given) latest = &c;
  }
  return latest;
}

struct SideConsent {
  bool all = false;
  std::vector<std::string> missing;    // "applicant a2"
  std::vector<std::string> withdrawn;  // "respondent r1"
};

SideConsent SummarizeSide(const std::vector<std::string>& ids, PartySide side,
                          const std::vector<Consent>& consents) {
  const char* noun = side == PartySide::kApplicant ? "applicant" : "respondent";
  SideConsent out;
  out.all = !ids.empty();
  for (const std::string& id : ids) {
    const Consent* latest = LatestConsent(consents, id, side);
    if (latest == nullptr) {
      out.missing.push_back(absl::StrCat(noun, " ", id));
    } else if (latest->withdrawn) {
      out.withdrawn.push_back(absl::StrCat(noun, " ", id));
    } else {
      continue;
    }
    out.all = false;
  }
  return out;
}

// ---- criteria ----

Criterion FromStaff(const char* code, const StaffDetermination& d) {
  return {.code = code,
          .passed = d.passed,
          .explanation = Blank(d.explanation) ? "determined by staff" : d.explanation};
}

Criterion ConsentCriterion(const ConsentSummary& consent) {
  const bool passed = consent.applicants_all && consent.respondents_all && !consent.any_withdrawn;
  std::string explanation = consent.explanation;
  if (Blank(explanation)) {
    explanation = passed ? "every applicant and respondent consents" : "consent is missing";
  }
  return {.code = kBothPartiesConsent, .passed = passed, .explanation = std::move(explanation)};
}

Criterion LaborRelationshipCriterion(const EligibilityInput& in) {
  const absl::Status status =
      CheckLaborRelationshipExclusion(in.claim_types, in.respondent_contests_labor_relationship);
  return {.code = kNotLaborRelationshipConfirmation,
          .passed = status.ok(),
          .explanation = status.ok() ? "no claim asks to confirm a labor relationship and the "
                                       "respondent does not contest that one exists"
                                     : std::string(status.message())};
}

// The last day of a one-year period counted from the day after `day`: the
// same date a year on, or the month's last day when there is none (29 Feb).
absl::CivilDay LastDayOfOneYearAfter(absl::CivilDay day) {
  const absl::CivilDay same(day.year() + 1, day.month(), day.day());
  if (same.month() == day.month()) return same;
  return absl::CivilDay(day.year() + 1, day.month() + 1, 1) - 1;
}

std::vector<Warning> Warnings(const EligibilityInput& in) {
  std::vector<Warning> warnings;
  if (in.infringement_date) {
    const absl::CivilDay last_day = LastDayOfOneYearAfter(*in.infringement_date);
    if (last_day < in.today) {
      warnings.push_back(
          {kLimitationPeriodMayHaveExpired,
           absl::StrCat("the 1-year limitation period (the Law Art. 27) counted from ",
                        absl::FormatCivilTime(*in.infringement_date), " ended on ",
                        absl::FormatCivilTime(last_day),
                        "; check for interruption, suspension or unpaid wages during "
                        "employment, which are not time-barred")});
    }
  }
  if (in.other_open_cases_same_parties > 0) {
    warnings.push_back(
        {kOtherOpenCaseSameParties,
         absl::StrCat(
             Counted(static_cast<size_t>(in.other_open_cases_same_parties), "other open case"),
             " between the same parties; check for a duplicate before delegating")});
  }
  return warnings;
}

FieldViolations CheckInput(const EligibilityInput& in) {
  FieldViolations v;
  const std::pair<const char*, const StaffDetermination*> staff[] = {
      {"within_arbitration_scope", &in.within_scope},
      {"acceptance_dispute_type", &in.acceptance_dispute_type},
      {"acceptance_clear_claim", &in.acceptance_clear_claim},
      {"acceptance_parties", &in.acceptance_parties},
      {"acceptance_jurisdiction", &in.acceptance_jurisdiction},
  };
  for (const auto& [field, d] : staff) {
    if (!d->passed && Blank(d->explanation)) {
      v.Add(absl::StrCat(field, ".explanation"), "is required when the determination fails");
    }
  }
  if (Blank(in.suitable_for_mediation.explanation)) {
    v.Add("suitable_for_mediation.explanation",
          "is required: record why the case is or is not suitable for mediation");
  }
  if (in.infringement_date && in.today < *in.infringement_date) {
    v.Add("infringement_date",
          absl::StrCat("cannot be after today (", absl::FormatCivilTime(in.today), ")"));
  }
  if (in.other_open_cases_same_parties < 0) {
    v.Add("other_open_cases_same_parties", "cannot be negative");
  }
  return v;
}

}  // namespace

absl::Status CheckLaborRelationshipExclusion(const std::vector<DisputeType>& claim_types,
                                             bool respondent_contests_labor_relationship) {
  std::vector<size_t> confirmation_claims;  // 1-based, as staff count them
  for (size_t i = 0; i < claim_types.size(); ++i) {
    if (claim_types[i] == DisputeType::kLaborRelationshipConfirmation) {
      confirmation_claims.push_back(i + 1);
    }
  }
  if (confirmation_claims.empty() && !respondent_contests_labor_relationship) {
    return absl::OkStatus();
  }
  std::vector<std::string> why;
  if (!confirmation_claims.empty()) {
    why.push_back(absl::StrCat(confirmation_claims.size() == 1 ? "claim " : "claims ",
                               absl::StrJoin(confirmation_claims, ", "), " of ", claim_types.size(),
                               confirmation_claims.size() == 1 ? " asks" : " ask",
                               " to confirm a labor relationship"));
  }
  if (respondent_contests_labor_relationship) {
    why.push_back("the respondent contests that a labor relationship exists");
  }
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          absl::StrJoin(why, " and "),
          "; a dispute over confirming a labor relationship is never delegated for mediation "
          "(the Rules Art. 75(4))")),
      reasons::kLaborRelationshipConfirmation);
}

FieldViolations ValidateConsent(const Consent& consent) {
  FieldViolations v;
  if (Blank(consent.party_id)) v.Add("party_id", "is required");
  if (consent.side != PartySide::kApplicant && consent.side != PartySide::kRespondent) {
    v.Add("side", "must be APPLICANT or RESPONDENT");
  }
  if (consent.form != ConsentForm::kWritten && consent.form != ConsentForm::kOralOnRecord &&
      consent.form != ConsentForm::kElectronic) {
    v.Add("form", "must be WRITTEN, ORAL_ON_RECORD or ELECTRONIC");
  }
  if (Blank(consent.evidence_ref)) {
    v.Add("evidence_ref",
          "is required: the signed form, the record of the oral consent or the electronic "
          "signature");
  }
  if (consent.withdrawn && *consent.withdrawn < consent.given) {
    v.Add("withdrawn", "cannot be before the consent was given");
  }
  return v;
}

ConsentSummary SummarizeConsent(const std::vector<std::string>& applicant_ids,
                                const std::vector<std::string>& respondent_ids,
                                const std::vector<Consent>& consents) {
  const SideConsent applicants = SummarizeSide(applicant_ids, PartySide::kApplicant, consents);
  const SideConsent respondents = SummarizeSide(respondent_ids, PartySide::kRespondent, consents);

  std::vector<std::string> missing = applicants.missing;
  missing.insert(missing.end(), respondents.missing.begin(), respondents.missing.end());
  std::vector<std::string> withdrawn = applicants.withdrawn;
  withdrawn.insert(withdrawn.end(), respondents.withdrawn.begin(), respondents.withdrawn.end());

  std::vector<std::string> problems;
  if (applicant_ids.empty()) problems.push_back("no applicant is listed");
  if (respondent_ids.empty()) problems.push_back("no respondent is listed");
  if (!missing.empty())
    problems.push_back(absl::StrCat("no consent from ", absl::StrJoin(missing, ", ")));
  if (!withdrawn.empty()) {
    problems.push_back(absl::StrCat("consent withdrawn by ", absl::StrJoin(withdrawn, ", ")));
  }

  ConsentSummary summary;
  summary.applicants_all = applicants.all;
  summary.respondents_all = respondents.all;
  summary.any_withdrawn = !withdrawn.empty();
  summary.explanation =
      problems.empty() ? absl::StrCat("all ", Counted(applicant_ids.size(), "applicant"), " and ",
                                      Counted(respondent_ids.size(), "respondent"), " consent")
                       : absl::StrJoin(problems, "; ");
  return summary;
}

absl::StatusOr<EligibilityResult> AssessEligibility(const EligibilityInput& input) {
  CAITIAO_RETURN_IF_ERROR(CheckInput(input).ToStatus());
  EligibilityResult result;
  result.criteria = {
      FromStaff(kWithinArbitrationScope, input.within_scope),
      FromStaff(kAcceptanceDisputeType, input.acceptance_dispute_type),
      FromStaff(kAcceptanceClearClaim, input.acceptance_clear_claim),
      FromStaff(kAcceptanceParties, input.acceptance_parties),
      FromStaff(kAcceptanceJurisdiction, input.acceptance_jurisdiction),
      FromStaff(kSuitableForMediation, input.suitable_for_mediation),
      ConsentCriterion(input.consent),
      LaborRelationshipCriterion(input),
  };
  result.warnings = Warnings(input);
  result.eligible = std::all_of(result.criteria.begin(), result.criteria.end(),
                                [](const Criterion& c) { return c.passed; });
  return result;
}

absl::Status CheckDelegable(const EligibilityResult& result) {
  std::vector<std::string> failed;
  bool labor_relationship = false;
  bool consent = false;
  for (const char* code : kCriterionOrder) {
    bool present = false;
    bool passed = true;
    for (const Criterion& c : result.criteria) {
      if (c.code != code) continue;
      present = true;
      passed = passed && c.passed;
    }
    if (!present) {
      failed.push_back(absl::StrCat(code, " (not assessed)"));
    } else if (!passed) {
      failed.push_back(code);
      labor_relationship =
          labor_relationship || code == std::string(kNotLaborRelationshipConfirmation);
      consent = consent || code == std::string(kBothPartiesConsent);
    }
  }
  if (failed.empty()) return absl::OkStatus();
  const char* reason = labor_relationship ? reasons::kLaborRelationshipConfirmation
                       : consent          ? reasons::kConsentMissing
                                          : reasons::kNotEligible;
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat("the case cannot be delegated; failed criteria: ",
                                                 absl::StrJoin(failed, ", "))),
      reason);
}

const char* PartySideName(PartySide side) {
  switch (side) {
    case PartySide::kUnspecified:
      return "PARTY_SIDE_UNSPECIFIED";
    case PartySide::kApplicant:
      return "APPLICANT";
    case PartySide::kRespondent:
      return "RESPONDENT";
  }
  return "PARTY_SIDE_UNSPECIFIED";
}

const char* ConsentFormName(ConsentForm form) {
  switch (form) {
    case ConsentForm::kUnspecified:
      return "CONSENT_FORM_UNSPECIFIED";
    case ConsentForm::kWritten:
      return "WRITTEN";
    case ConsentForm::kOralOnRecord:
      return "ORAL_ON_RECORD";
    case ConsentForm::kElectronic:
      return "ELECTRONIC";
  }
  return "CONSENT_FORM_UNSPECIFIED";
}

FieldViolations CheckContestClearing(bool previously_contested, bool contests_now, const std::string& reason,
                                     const std::string& evidence_ref) {
  FieldViolations v;
  if (previously_contested && !contests_now) {
    if (auto p = TextProblem(reason, 1, 2000, /*multiline=*/true)) {
      v.Add("contest_cleared_reason",
            absl::StrCat("the respondent's contest of the labor relationship was recorded; say why it no longer "
                         "holds: ", *p));
    }
    if (auto p = TextProblem(evidence_ref, 1, 200)) {
      v.Add("contest_cleared_evidence_ref", absl::StrCat("where the evidence for clearing the contest is: ", *p));
    }
  } else {
    if (!reason.empty()) v.Add("contest_cleared_reason", "only when clearing a contest an earlier assessment recorded");
    if (!evidence_ref.empty()) {
      v.Add("contest_cleared_evidence_ref", "only when clearing a contest an earlier assessment recorded");
    }
  }
  return v;
}

std::optional<PartySide> PartySideFromName(std::string_view name) {
  for (PartySide side : {PartySide::kApplicant, PartySide::kRespondent}) {
    if (name == PartySideName(side)) return side;
  }
  return std::nullopt;
}

}  // namespace caitiao::domain
