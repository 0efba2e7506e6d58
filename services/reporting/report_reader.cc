#include "services/reporting/report_reader.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/replica_repository.h"

namespace caitiao::services {
namespace {

// The replay-state query answers at once or the replica counts as unreachable.
constexpr absl::Duration kReplicaCheckTime = absl::Seconds(2);
// How long to wait before looking again at a replica that seems to lag.
constexpr absl::Duration kSecondLook = absl::Milliseconds(50);

enum State { kOnReplica, kFallingBack, kRefusing };

// Errors meaning the replica did not answer (the pool's and the
// transaction's): it is down, or hung past the check's own time while the
// call still had time left.
bool Unreachable(const absl::Status& s, absl::Time deadline) {
  if (s.code() == absl::StatusCode::kDeadlineExceeded) return absl::Now() < deadline;
  return s.code() == absl::StatusCode::kUnavailable && domain::ReasonOf(s) != domain::reasons::kShuttingDown;
}

}  // namespace

void ReportReader::NoteState(int state, absl::string_view what, absl::string_view cause) {
  if (state_.exchange(state) == state) return;
  if (state == kOnReplica) {
    log::Info(what, {});
  } else {
    log::Warn(what, {{"cause", cause}});
  }
}

absl::Status ReportReader::Read(absl::Time deadline, std::string_view name, const Body& body) {
  domain::ReplicaFacts facts;
  facts.configured = replica_ != nullptr;
  std::optional<storage::ConnectionPool::Lease> lease;
  absl::Status replica_error;
  const auto read_facts = [&]() {
    storage::ReplayState state;
    replica_error = storage::RunTransactionOn(
        *lease, std::min(deadline, absl::Now() + kReplicaCheckTime), "ReplicaReplayState",
        storage::TxMode::kSnapshotReadOnly, [&](storage::Tx& tx) -> absl::Status {
          CAITIAO_ASSIGN_OR_RETURN(state, storage::ReadReplayState(tx));
          return absl::OkStatus();
        });
    facts.reachable = replica_error.ok();
    if (replica_error.ok()) {
      facts.caught_up = state.caught_up;
      facts.last_replay = state.last_replay;
      facts.now = state.now;
    }
  };
  if (replica_ != nullptr) {
    auto acquired = replica_->Acquire(deadline);
    if (acquired.ok()) {
      lease.emplace(std::move(*acquired));
      read_facts();
      // After an idle spell of the primary, the first new WAL received but not
      // yet replayed makes the lag look as long as the whole spell (it counts
      // from the last replayed commit). A replica that is really behind is
      // still behind a moment later; one that was merely catching up is not.
      const std::optional<absl::Duration> lag = replica_error.ok() ? domain::ReplicaLag(facts) : std::nullopt;
      if (replica_error.ok() && !facts.caught_up && (!lag || *lag > policy_.max_lag) &&
          absl::Now() + kSecondLook < deadline) {
        absl::SleepFor(kSecondLook);
        read_facts();
      }
    } else {
      replica_error = acquired.status();
    }
    // A busy replica pool or a server shutting down is not the replica's fault.
    if (!replica_error.ok() && !Unreachable(replica_error, deadline)) return replica_error;
  }

  const absl::StatusOr<domain::ReportSourceChoice> choice = domain::ChooseReportSource(facts, policy_);
  if (!choice.ok()) {
    NoteState(kRefusing, "reports refused: the reporting replica is not fit to read",
              replica_error.ok() ? choice.status().message() : replica_error.message());
    return choice.status();
  }
  if (choice->source == domain::ReportSource::kReplica) {
    NoteState(kOnReplica, "reports read the reporting replica", "");
    const absl::Time as_of = *choice->as_of;
    return storage::RunTransactionOn(*lease, deadline, name, storage::TxMode::kSnapshotReadOnly,
                                     [&](storage::Tx& tx) { return body(tx, as_of); });
  }
  lease.reset();  // back to the replica's pool before waiting for the primary's
  if (facts.configured) NoteState(kFallingBack, "reports fall back to the primary", choice->fallback_cause);
  return storage::RunTransaction(primary_, deadline, name, storage::TxMode::kSnapshotReadOnly,
                                 [&](storage::Tx& tx) -> absl::Status {
                                   CAITIAO_ASSIGN_OR_RETURN(const absl::Time as_of, storage::DatabaseNow(tx));
                                   return body(tx, as_of);
                                 });
}

}  // namespace caitiao::services
