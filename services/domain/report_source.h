// Where a report reads from (报表读副本): the primary, or a streaming
// replica (a read-only hot standby) when one is configured, reachable and
// fresh enough. Pure: the shell reads the replica's replay state, calls
// ChooseReportSource, then runs the report where it says (or answers the
// refusal).
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace caitiao::domain {

enum class ReportSource { kPrimary, kReplica };

// What the shell found out about the replica just before the report.
struct ReplicaFacts {
  bool configured = false;  // --reporting_database given
  bool reachable = false;   // it answered the replay-state query
  // Replayed all the WAL it received (receive LSN = replay LSN), or it is
  // not in recovery at all: nothing is waiting, so the lag is 0 however old
  // the last replayed transaction (an idle primary).
  bool caught_up = false;
  // Commit time (the primary's clock) of the last transaction replayed;
  // unset if none was replayed since the standby started.
  std::optional<absl::Time> last_replay;
  absl::Time now;  // the replica's clock when the facts were read
};

struct ReportSourcePolicy {
  absl::Duration max_lag = absl::Seconds(30);  // --reporting_max_lag
  bool fallback = false;                       // --reporting_fallback: read the primary instead of refusing
};

struct ReportSourceChoice {
  ReportSource source = ReportSource::kPrimary;
  // The replica's lag (0 on the primary, or when caught up).
  absl::Duration lag = absl::ZeroDuration();
  // The moment the replica's figures are current to: the replica's now
  // when caught up, else its last replayed commit. Unset for the primary,
  // whose now() the shell reads in the report's transaction.
  std::optional<absl::Time> as_of;
  // Why the primary was chosen although a replica is configured (fallback),
  // for the log; empty otherwise.
  std::string fallback_cause;
};

// No replica: the primary. A reachable replica within max_lag: the replica.
// Lagging past max_lag: UNAVAILABLE (REPLICA_LAGGING, naming the lag and the
// bound), or the primary with fallback. Unreachable: UNAVAILABLE
// (REPLICA_UNAVAILABLE), or the primary with fallback.
absl::StatusOr<ReportSourceChoice> ChooseReportSource(const ReplicaFacts& facts, const ReportSourcePolicy& policy);

// The replica's lag by `facts` (reachable ones): 0 when caught up, else its
// clock minus the last replayed commit (never negative); unset when it is
// behind but replayed nothing yet (the lag is unknown).
std::optional<absl::Duration> ReplicaLag(const ReplicaFacts& facts);

}  // namespace caitiao::domain
