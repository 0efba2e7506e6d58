#include "services/domain/report_source.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

// "2.051s", "30s": up to the next millisecond, so a lag just past its
// bound never reads as equal to it.
std::string Seconds(absl::Duration d) {
  return absl::StrCat(absl::ToDoubleSeconds(absl::Ceil(d, absl::Milliseconds(1))), "s");
}

ReportSourceChoice Primary(std::string cause) {
  ReportSourceChoice c;
  c.source = ReportSource::kPrimary;
  c.fallback_cause = std::move(cause);
  return c;
}

}  // namespace

std::optional<absl::Duration> ReplicaLag(const ReplicaFacts& facts) {
  if (facts.caught_up) return absl::ZeroDuration();
  if (!facts.last_replay) return std::nullopt;
  return std::max(absl::ZeroDuration(), facts.now - *facts.last_replay);
}

absl::StatusOr<ReportSourceChoice> ChooseReportSource(const ReplicaFacts& facts, const ReportSourcePolicy& policy) {
  if (!facts.configured) return Primary("");
  if (!facts.reachable) {
    if (policy.fallback) return Primary("the reporting replica is unreachable");
    return Refuse(reasons::kReplicaUnavailable,
                  "the reporting replica cannot be reached; retry later (reports are not read from the primary "
                  "without --reporting_fallback)");
  }
  const std::optional<absl::Duration> lag = ReplicaLag(facts);
  if (!lag || *lag > policy.max_lag) {
    const std::string how = lag ? absl::StrCat("lags ", Seconds(*lag), " behind the primary")
                                : std::string("has replayed nothing yet and is behind the primary");
    if (policy.fallback) {
      return Primary(absl::StrCat("the reporting replica ", how, ", past the bound of ", Seconds(policy.max_lag)));
    }
    return Refuse(reasons::kReplicaLagging,
                  absl::StrCat("the reporting replica ", how, ", past the bound of ", Seconds(policy.max_lag),
                               "; retry once it has caught up"));
  }
  ReportSourceChoice c;
  c.source = ReportSource::kReplica;
  c.lag = *lag;
  c.as_of = facts.caught_up ? facts.now : *facts.last_replay;
  return c;
}

}  // namespace caitiao::domain
