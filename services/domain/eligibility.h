// Eligibility for delegation (委托调解的条件): whether a case may be handed
// to a mediation room. A case is eligible only when every criterion holds:
//
//   1. WITHIN_ARBITRATION_SCOPE (属于仲裁范围): a staff determination.
//   2. The acceptance conditions (符合受理条件, the Rules Art. 30), one staff
//      determination each: ACCEPTANCE_DISPUTE_TYPE, ACCEPTANCE_CLEAR_CLAIM,
//      ACCEPTANCE_PARTIES, ACCEPTANCE_JURISDICTION.
//   3. SUITABLE_FOR_MEDIATION (适宜调解解决): a staff judgement, always with a reason.
//   4. BOTH_PARTIES_CONSENT (双方当事人自愿调解): computed from consent records.
//   5. NOT_LABOR_RELATIONSHIP_CONFIRMATION: computed; no override exists.
//
// Warnings help staff but never block: LIMITATION_PERIOD_MAY_HAVE_EXPIRED
// (1 year, the Law Art. 27) and OTHER_OPEN_CASE_SAME_PARTIES.
//
//   ConsentSummary consent = SummarizeConsent(applicant_ids, respondent_ids, consents);
//   EligibilityInput in = ...;  // staff determinations, claims, consent, dates
//   absl::StatusOr<EligibilityResult> result = AssessEligibility(in);
//   if (result.ok()) CAITIAO_RETURN_IF_ERROR(CheckDelegable(*result));
//
// Pure: the caller supplies today's date.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/case_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

// Stable criterion codes, in the order AssessEligibility reports them.
inline constexpr char kWithinArbitrationScope[] = "WITHIN_ARBITRATION_SCOPE";
inline constexpr char kAcceptanceDisputeType[] = "ACCEPTANCE_DISPUTE_TYPE";
inline constexpr char kAcceptanceClearClaim[] = "ACCEPTANCE_CLEAR_CLAIM";
inline constexpr char kAcceptanceParties[] = "ACCEPTANCE_PARTIES";
inline constexpr char kAcceptanceJurisdiction[] = "ACCEPTANCE_JURISDICTION";
inline constexpr char kSuitableForMediation[] = "SUITABLE_FOR_MEDIATION";
inline constexpr char kBothPartiesConsent[] = "BOTH_PARTIES_CONSENT";
inline constexpr char kNotLaborRelationshipConfirmation[] = "NOT_LABOR_RELATIONSHIP_CONFIRMATION";
// Warning codes.
inline constexpr char kLimitationPeriodMayHaveExpired[] = "LIMITATION_PERIOD_MAY_HAVE_EXPIRED";
inline constexpr char kOtherOpenCaseSameParties[] = "OTHER_OPEN_CASE_SAME_PARTIES";

// ---- Criterion 5: the labor-relationship exclusion ----

// OK unless the dispute arises from confirming a labor relationship (确认劳动关系):
// some claim is kLaborRelationshipConfirmation, or the respondent contests
// that a labor relationship exists. Then FAILED_PRECONDITION with reason
// LABOR_RELATIONSHIP_CONFIRMATION and a message saying which (or both). There
// is deliberately no override: such an agreement could not even be reviewed
// by the commission (the Rules Art. 75(4)).
absl::Status CheckLaborRelationshipExclusion(const std::vector<DisputeType>& claim_types,
                                             bool respondent_contests_labor_relationship);

// ---- Criterion 4: consent (自愿调解) ----

enum class PartySide { kUnspecified = 0, kApplicant = 1, kRespondent = 2 };
enum class ConsentForm { kUnspecified = 0, kWritten = 1, kOralOnRecord = 2, kElectronic = 3 };

// One party's consent to mediation, as recorded (书面, 口头记录在案, 电子).
struct Consent {
  std::string party_id;
  PartySide side = PartySide::kUnspecified;
  absl::Time given;
  ConsentForm form = ConsentForm::kUnspecified;
  std::string evidence_ref;  // the signed form, the record of the oral consent, the e-signature
  std::optional<absl::Time> withdrawn;  // withdrawal ends mediation
  bool operator==(const Consent&) const = default;
};

struct ConsentSummary {
  bool applicants_all = false;   // every applicant has a current consent
  bool respondents_all = false;  // every respondent has a current consent
  bool any_withdrawn = false;    // some party's latest consent is withdrawn
  std::string explanation;       // names the parties (by id) lacking consent
  bool operator==(const ConsentSummary&) const = default;
};

// The problems with one consent record before it is stored: party_id,
// side, form and evidence_ref are required, and a withdrawal cannot precede
// the consent. Fields are named as in Consent ("evidence_ref"); empty if valid.
FieldViolations ValidateConsent(const Consent& consent);

// Whether every applicant and every respondent currently consents. A party's
// current consent is its latest record (by `given`) for that id and side; it
// counts unless withdrawn, so a fresh consent after a withdrawal counts again.
// A side with no parties listed is never "all". Records of other parties are
// ignored; records are taken as valid (see ValidateConsent).
ConsentSummary SummarizeConsent(const std::vector<std::string>& applicant_ids,
                                const std::vector<std::string>& respondent_ids,
                                const std::vector<Consent>& consents);

// ---- The assessment ----

// A staff determination (criteria 1-3): the result and why.
struct StaffDetermination {
  bool passed = false;
  std::string explanation;
  bool operator==(const StaffDetermination&) const = default;
};

struct EligibilityInput {
  StaffDetermination within_scope;             // 1 属于仲裁范围
  StaffDetermination acceptance_dispute_type;  // 2 the Rules Art. 30: type in scope
  StaffDetermination acceptance_clear_claim;   //   a clear claim with facts and reasons
  StaffDetermination acceptance_parties;       //   direct interest; respondent identified
  StaffDetermination acceptance_jurisdiction;  //   the commission has jurisdiction
  StaffDetermination suitable_for_mediation;   // 3 适宜调解解决: explanation always required
  std::vector<DisputeType> claim_types;        // 5
  bool respondent_contests_labor_relationship = false;  // 5
  ConsentSummary consent;                               // 4, from SummarizeConsent
  std::optional<absl::CivilDay> infringement_date;  // 知道或者应当知道权利被侵害之日
  absl::CivilDay today;
  int other_open_cases_same_parties = 0;
};

struct Criterion {
  std::string code;
  bool passed = false;
  std::string explanation;
  bool operator==(const Criterion&) const = default;
};

struct Warning {
  std::string code;
  std::string text;
  bool operator==(const Warning&) const = default;
};

struct EligibilityResult {
  std::vector<Criterion> criteria;  // every criterion, in the order of the codes above
  std::vector<Warning> warnings;
  bool eligible = false;  // every criterion passed
  bool operator==(const EligibilityResult&) const = default;
};

// Assesses every criterion and adds the warnings. INVALID_ARGUMENT
// (FIELD_INVALID) naming each field at fault: a failed staff determination
// without an explanation ("within_arbitration_scope.explanation": the request's
// field paths), a suitability
// judgement without one either way ("suitable_for_mediation.explanation"),
// an infringement date after today, or a negative open-case count.
//
// The limitation warning follows the Civil Code's counting: the period starts
// the day after the infringement date and its last day is the same date one
// year on (29 Feb → 28 Feb); it is raised from the day after that.
absl::StatusOr<EligibilityResult> AssessEligibility(const EligibilityInput& input);

// OK if `result` holds every criterion, all passed; otherwise
// FAILED_PRECONDITION with reason LABOR_RELATIONSHIP_CONFIRMATION if that
// criterion failed, else CONSENT_MISSING if consent failed, else
// NOT_ELIGIBLE, the message listing every failed (or missing) criterion code.
absl::Status CheckDelegable(const EligibilityResult& result);

// Stable upper-case names: "APPLICANT", "WRITTEN", ...
// A respondent's contest of the labor relationship, once recorded, is
// cleared only by an assessment that says why and where the evidence is:
// with `previously_contested` and not `contests_now`, a reason (1..2000
// characters, at contest_cleared_reason) and an evidence reference (1..200,
// at contest_cleared_evidence_ref) are required; otherwise both must be
// empty.
FieldViolations CheckContestClearing(bool previously_contested, bool contests_now, const std::string& reason,
                                     const std::string& evidence_ref);

const char* PartySideName(PartySide side);  // "APPLICANT", "RESPONDENT"
std::optional<PartySide> PartySideFromName(std::string_view name);
const char* ConsentFormName(ConsentForm form);

}  // namespace caitiao::domain
