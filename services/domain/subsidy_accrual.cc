#include "services/domain/subsidy_accrual.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"

namespace caitiao::domain {
namespace {

std::string Under(const SubsidyStandard& s) {
  return absl::StrCat("under ", s.region_code, " from ", absl::FormatCivilTime(s.effective_from), " (", s.basis,
                      ")");
}

Accrual Nothing(Accrual a, NoSubsidy why, std::string rule) {
  a.amount_fen = 0;
  a.no_subsidy = why;
  a.rule = std::move(rule);
  return a;
}

}  // namespace

SubsidyTier CaseTier(SubsidyTier designated, int worker_applicants, int collective_min_workers) {
  if (worker_applicants >= collective_min_workers) return SubsidyTier::kCollective;
  if (designated == SubsidyTier::kSimple || designated == SubsidyTier::kComplex) return designated;
  return SubsidyTier::kOrdinary;
}

Accrual DecideAccrual(const AccrualFacts& f) {
  Accrual a;
  const SubsidyStandard* s = f.standard;
  a.tier = CaseTier(f.designated, f.worker_applicants, s ? s->collective_min_workers : kDefaultCollectiveMinWorkers);
  const std::string day = absl::FormatCivilTime(f.outcome_day);
  if (s == nullptr) return Nothing(a, NoSubsidy::kNoStandard, absl::StrCat("no subsidy standard in force on ", day));
  a.standard_id = s->id;
  const MediatorEligibility& m = f.mediator;
  if (m.established_civil_servant) {
    return Nothing(a, NoSubsidy::kCivilServant,
                   absl::StrCat("the mediator is an established civil servant (在编公职人员) ", Under(*s)));
  }
  if (m.certificate_expiry < f.outcome_day) {
    return Nothing(a, NoSubsidy::kCertificateExpired,
                   absl::StrCat("the mediator's certificate expired on ", absl::FormatCivilTime(m.certificate_expiry),
                                ", before the outcome on ", day, ", ", Under(*s)));
  }
  if (f.outcome_day < m.term_start || f.outcome_day > m.term_end) {
    return Nothing(a, NoSubsidy::kOutOfTerm,
                   absl::StrCat("the outcome on ", day, " is outside the mediator's term ",
                                absl::FormatCivilTime(m.term_start), "..", absl::FormatCivilTime(m.term_end), ", ",
                                Under(*s)));
  }
  if (f.succeeded) {
    if (s->require_session && f.sessions == 0) {
      return Nothing(a, NoSubsidy::kNoSession, absl::StrCat("no session was recorded, as required ", Under(*s)));
    }
    a.amount_fen = TierAmount(*s, a.tier);
    const std::string tier = absl::AsciiStrToLower(SubsidyTierName(a.tier));
    if (a.amount_fen == 0) {
      return Nothing(a, NoSubsidy::kZeroAmount, absl::StrCat(tier, " case: the standard pays 0 ", Under(*s)));
    }
    a.rule = absl::StrCat(tier, " case: ", YuanText(a.amount_fen), " ", Under(*s));
    return a;
  }
  const bool paid = std::find(s->paid_failures.begin(), s->paid_failures.end(), f.failure) != s->paid_failures.end();
  if (!paid) {
    return Nothing(a, NoSubsidy::kFailureNotPaid,
                   absl::StrCat("a failure for ", MediationFailureName(f.failure), " is not paid ", Under(*s)));
  }
  if (f.sessions == 0) {
    return Nothing(a, NoSubsidy::kNoSession,
                   absl::StrCat("a failed case earns only when conducted properly (a session recorded) ", Under(*s)));
  }
  a.amount_fen = s->failed_case_fen;
  if (a.amount_fen == 0) {
    return Nothing(a, NoSubsidy::kZeroAmount, absl::StrCat("failed case: the standard pays 0 ", Under(*s)));
  }
  a.rule = absl::StrCat("failed case conducted properly (", MediationFailureName(f.failure), "): ",
                        YuanText(a.amount_fen), " ", Under(*s));
  return a;
}

}  // namespace caitiao::domain
