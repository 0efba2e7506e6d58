// The deadline policy: how long the periods of the docking process last, as
// versioned values per region with an effective date, and which version
// applies to a region on a given day. Pure: versions come in as data (storage
// reads them with DeadlinePoliciesFor), the day comes in as an argument.
//
// A region without a version of its own inherits its city's, then its
// province's; with none anywhere the built-in defaults below apply.
//
//   std::vector<DeadlinePolicyVersion> versions = ...;  // 420100 from 2026-01-01
//   EffectivePolicy p = EffectiveDeadlinePolicy(versions, "420102", absl::CivilDay(2026, 3, 1));
//   // p.source == "420100 from 2026-01-01"
//   EffectivePolicy q = EffectiveDeadlinePolicy(versions, "420500", absl::CivilDay(2026, 3, 1));
//   // q.source == "built-in defaults", q.policy == DeadlinePolicy{}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

// The period lengths. Each default is the value that applies when no region
// on the way up has a version in force.
struct DeadlinePolicy {
  // Mediation period of a case delegated before filing (立案前委托), in
  // calendar days from the room's acceptance: 15, the Law Art. 14.
  int pre_filing_mediation_days = 15;
  // Mediation period of a case delegated after filing (立案后委托), in
  // calendar days from both parties' consent: 10, the Rules Art. 70 as
  // practised (process.md, "Two delegation routes").
  int post_filing_mediation_days = 10;
  // How long a room has to accept or decline a delegation, in working days:
  // 3, a local policy default, configurable.
  int acceptance_working_days = 3;
  // The most calendar days one extension (agreed by both parties) may add to
  // a mediation period; 0 means no extension: 15, a local policy default,
  // configurable.
  int max_extension_days = 15;
  // How long the commission has to decide acceptance of a case that failed
  // mediation before filing, in working days from its return: 5, the Rules
  // Art. 69 with Art. 30's five-day acceptance decision.
  int acceptance_decision_working_days = 5;
  // The parties' joint application for arbitral review of their agreement,
  // in calendar days from its taking effect: 15, the Rules Art. 74.
  int review_application_days = 15;
  // The commission's review, in working days from the application: 5, the
  // Rules Art. 76; extendable once by 5 more.
  int review_working_days = 5;
  int review_extension_working_days = 5;
  // How many agreed extensions one mediation period may have: 1 ("once
  // unless policy allows more"), a local policy default.
  int max_mediation_extensions = 1;
  bool operator==(const DeadlinePolicy&) const = default;
};

// One version of a region's policy, in force from `effective_from` until the
// region's next version.
struct DeadlinePolicyVersion {
  std::string region_code;  // 6-digit GB/T 2260 code
  absl::CivilDay effective_from;
  DeadlinePolicy policy;
  std::string created_by;  // principal id
  absl::Time create_time;
  bool operator==(const DeadlinePolicyVersion&) const = default;
};

// The policy in force, and where it comes from: "420100 from 2026-01-01" (a
// region's version and its first day) or "built-in defaults".
struct EffectivePolicy {
  DeadlinePolicy policy;
  std::string source;
  bool operator==(const EffectivePolicy&) const = default;
};

inline constexpr char kBuiltInPolicySource[] = "built-in defaults";

// The regions whose versions apply to `region_code`, most specific first:
// the region itself, its city (code[0..4] + "00"), its province
// (code[0..2] + "0000"), without repeats: "420102" -> {"420102", "420100",
// "420000"}, "420100" -> {"420100", "420000"}, "420000" -> {"420000"}. A
// county-level unit directly under its province ("429004") lists a city code
// that exists in no directory ("429000"), which simply has no versions. A
// code that is not 6 characters long yields just itself.
std::vector<std::string> PolicyRegionChain(std::string_view region_code);

// The version in force for `region_code` on `day`: walking
// PolicyRegionChain, the first region that has a version with
// effective_from <= day gives the one with the latest effective_from;
// versions of other regions are ignored. nullptr when none applies. Points
// into `versions`.
const DeadlinePolicyVersion* VersionInForce(const std::vector<DeadlinePolicyVersion>& versions,
                                            std::string_view region_code, absl::CivilDay day);

// The policy of VersionInForce, or the built-in defaults when there is none.
EffectivePolicy EffectiveDeadlinePolicy(const std::vector<DeadlinePolicyVersion>& versions,
                                        std::string_view region_code, absl::CivilDay day);

// Range checks, field paths relative to the policy ("pre_filing_mediation_days"):
// the two mediation periods 1..365 calendar days, acceptance 1..30 working
// days, extension 0..365 calendar days.
FieldViolations ValidateDeadlinePolicy(const DeadlinePolicy& policy);

}  // namespace caitiao::domain
