// The amount a mediation outcome earns its mediator (以案定补): the case's
// tier, the eligibility rules and the standard in force on the outcome day.
// Every outcome of a mediation a mediator conducted gets exactly one ledger
// entry; this decides what it says. Pure.
//
// The rules, first match wins (the entry's NoSubsidy says which):
//   no standard in force in the case's region on the outcome day -> 0, NO_STANDARD
//   the mediator is an established civil servant (在编公职人员)  -> 0, CIVIL_SERVANT
//   the certificate expired before the outcome day               -> 0, CERTIFICATE_EXPIRED
//   the outcome day is outside the mediator's term               -> 0, OUT_OF_TERM
//   success, the standard requires a session and none was held   -> 0, NO_SESSION
//   success                                                       -> the tier's amount
//   failure not among the standard's paid failures                -> 0, FAILURE_NOT_PAID
//   failure without a recorded session (not conducted properly)   -> 0, NO_SESSION
//   failure                                                       -> failed_case_fen
// and an amount of 0 from the standard itself is ZERO_AMOUNT.
#pragma once

#include <string>

#include "absl/time/civil_time.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {

// Collective (集体争议) when at least `collective_min_workers` workers are
// applicants; otherwise the staff designation (ordinary when unset).
SubsidyTier CaseTier(SubsidyTier designated, int worker_applicants, int collective_min_workers);

struct MediatorEligibility {
  bool established_civil_servant = false;
  absl::CivilDay certificate_expiry, term_start, term_end;  // inclusive
};

struct AccrualFacts {
  bool succeeded = false;
  MediationFailure failure = MediationFailure::kUnspecified;  // when not
  absl::CivilDay outcome_day;
  SubsidyTier designated = SubsidyTier::kOrdinary;
  int worker_applicants = 0;
  const SubsidyStandard* standard = nullptr;  // in force, or none
  MediatorEligibility mediator;
  int sessions = 0;
};

struct Accrual {
  SubsidyTier tier = SubsidyTier::kOrdinary;
  int64_t amount_fen = 0;
  NoSubsidy no_subsidy = NoSubsidy::kNone;
  std::string standard_id;
  // For people: "ordinary case: 800.00 yuan under 420100 from 2026-01-01 (鄂人社发〔2026〕1号)".
  std::string rule;
};

Accrual DecideAccrual(const AccrualFacts& facts);

}  // namespace caitiao::domain
