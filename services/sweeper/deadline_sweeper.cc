#include "services/sweeper/deadline_sweeper.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/common/call_context.h"
#include "services/common/ids.h"
#include "services/common/log.h"
#include "services/domain/case_events.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/status_macros.h"
#include "services/mediation/mediation_work.h"
#include "services/review/review_work.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/sweep_repository.h"
#include "storage/transaction.h"

namespace caitiao::services {
namespace {

// pg_advisory_lock key of the sweeper: "CTSW".
constexpr int64_t kSweeperLockKey = 0x43545357;
constexpr int kBatch = 200;
constexpr absl::Duration kActionTime = absl::Seconds(10);

CallContext SystemCall(absl::Time now) {
  CallContext call;
  call.request_id = NewRequestId();
  call.method = "caitiao.system/DeadlineSweeper";
  call.principal.id = "system/sweeper";
  call.principal.role = domain::Role::kAdmin;
  call.now = now;
  call.deadline = now + kActionTime;
  call.mutating = true;
  return call;
}

// One action on one case in its own transaction. NOT_FOUND, FAILED_PRECONDITION
// and ABORTED mean the facts changed (another server or a user acted first):
// nothing to do.
absl::StatusOr<bool> Act(storage::ConnectionPool& pool, const storage::SweepItem& item, absl::Time now) {
  const CallContext call = SystemCall(now);
  bool acted = false;
  absl::Status s = storage::RunTransaction(pool, absl::Now() + kActionTime, "DeadlineSweep", [&](storage::Tx& tx) -> absl::Status {
    acted = false;
    CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, item.case_id));
    const std::string etag = domain::EtagOf(c.version);
    switch (item.kind) {
      case storage::SweepKind::kMediationPeriodOver:
        CAITIAO_RETURN_IF_ERROR(TerminateMediation(tx, call, c.id, etag, domain::MediationFailure::kPeriodExpired,
                                                   "the mediation period ended without an effective agreement")
                                    .status());
        break;
      case storage::SweepKind::kObligationOverdue:
        CAITIAO_RETURN_IF_ERROR(TerminateMediation(tx, call, c.id, etag, domain::MediationFailure::kNotPerformed,
                                                   "an obligation of the agreement is overdue and unperformed")
                                    .status());
        break;
      case storage::SweepKind::kReviewPeriodOver:
        // The review may have been extended since the candidates were read.
        if (!c.current_due || !(*c.current_due < domain::ChinaDay(now))) return absl::OkStatus();
        CAITIAO_RETURN_IF_ERROR(RefuseReview(tx, call, c.id, etag, domain::ReviewRefusal::kOther,
                                             "the review period ended without a decision")
                                    .status());
        break;
      case storage::SweepKind::kAcceptanceOverdue: {
        CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, c.id, etag));
        if (mc.c.state != domain::CaseState::kDelegated || !mc.d || !mc.c.current_due ||
            !(*mc.c.current_due < domain::ChinaDay(now))) {
          return absl::OkStatus();
        }
        auto event = MakeCaseEvent(call, mc.c, domain::events::kAcceptanceOverdue, mc.c.state,
                                   absl::StrCat("delegation=", mc.d->id, " due=", absl::FormatCivilTime(*mc.c.current_due)));
        event.room_id = mc.d->room_id;
        CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
        CAITIAO_RETURN_IF_ERROR(storage::NotifyRoomQueue(tx, mc.d->room_id));
        break;
      }
    }
    acted = true;
    return absl::OkStatus();
  });
  if (s.ok()) return acted;
  switch (s.code()) {
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
      return false;
    default:
      return s;
  }
}

const char* KindName(storage::SweepKind kind) {
  switch (kind) {
    case storage::SweepKind::kMediationPeriodOver: return "mediation_period_over";
    case storage::SweepKind::kObligationOverdue: return "obligation_overdue";
    case storage::SweepKind::kReviewPeriodOver: return "review_period_over";
    case storage::SweepKind::kAcceptanceOverdue: return "acceptance_overdue";
  }
  return "unknown";
}

}  // namespace

DeadlineSweeper::DeadlineSweeper(std::string dsn, storage::ConnectionPool& pool, absl::Duration interval,
                                 std::string name)
    : dsn_(std::move(dsn)), pool_(pool), interval_(interval), name_(std::move(name)) {}

DeadlineSweeper::~DeadlineSweeper() { Stop(); }

void DeadlineSweeper::Start() {
  if (interval_ <= absl::ZeroDuration() || thread_.joinable()) return;
  started_ns_.store(absl::ToUnixNanos(absl::Now()), std::memory_order_relaxed);
  thread_ = std::thread([this] { Loop(); });
}

void DeadlineSweeper::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void DeadlineSweeper::Loop() {
  while (!stop_.WaitForNotificationWithTimeout(interval_)) {
    absl::StatusOr<int> done = SweepOnce(absl::Now());
    if (!done.ok()) log::Warn("sweep failed", {{"detail", std::string(done.status().message())}});
  }
  Unlock();
}

absl::StatusOr<bool> DeadlineSweeper::TryLock() {
  try {
    if (!lock_conn_ || !lock_conn_->is_open()) lock_conn_ = std::make_unique<pqxx::connection>(dsn_);
    pqxx::nontransaction n(*lock_conn_);
    return n.exec_params1("SELECT pg_try_advisory_lock($1)", kSweeperLockKey)[0].as<bool>();
  } catch (const std::exception& e) {
    lock_conn_.reset();  // a broken connection holds no lock; reconnect next round
    log::Warn("sweep lock unavailable", {{"detail", e.what()}});
    return absl::UnavailableError(e.what());
  }
}

void DeadlineSweeper::Unlock() {
  if (!lock_conn_) return;
  try {
    pqxx::nontransaction n(*lock_conn_);
    n.exec_params("SELECT pg_advisory_unlock($1)", kSweeperLockKey);
  } catch (const std::exception&) {
    lock_conn_.reset();
  }
}

void DeadlineSweeper::NoteCompleted() {
  last_completed_ns_.store(absl::ToUnixNanos(absl::Now()), std::memory_order_relaxed);
}

DeadlineSweeper::Stats DeadlineSweeper::GetStats() const {
  Stats s;
  s.swept = swept_.load(std::memory_order_relaxed);
  s.locked_elsewhere = locked_elsewhere_.load(std::memory_order_relaxed);
  s.failed = failed_.load(std::memory_order_relaxed);
  if (const int64_t ns = started_ns_.load(std::memory_order_relaxed); ns != 0) s.started = absl::FromUnixNanos(ns);
  if (const int64_t ns = last_completed_ns_.load(std::memory_order_relaxed); ns != 0) {
    s.last_completed = absl::FromUnixNanos(ns);
  }
  s.interval = interval_;
  return s;
}

absl::StatusOr<int> DeadlineSweeper::SweepOnce(absl::Time now) {
  absl::StatusOr<bool> locked = TryLock();
  if (!locked.ok()) {  // already logged; the next round tries again
    failed_.fetch_add(1, std::memory_order_relaxed);
    return 0;
  }
  if (!*locked) {
    locked_elsewhere_.fetch_add(1, std::memory_order_relaxed);
    NoteCompleted();
    return 0;
  }
  absl::StatusOr<int> acted = SweepLocked(now);
  if (acted.ok()) {
    swept_.fetch_add(1, std::memory_order_relaxed);
    NoteCompleted();
  } else {
    failed_.fetch_add(1, std::memory_order_relaxed);
  }
  return acted;
}

absl::StatusOr<int> DeadlineSweeper::SweepLocked(absl::Time now) {
  struct Release {
    DeadlineSweeper* self;
    ~Release() { self->Unlock(); }
  } release{this};
  std::vector<storage::SweepItem> items;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool_, absl::Now() + kActionTime, "SweepCandidates",
                                                  [&](storage::Tx& tx) -> absl::Status {
                                                    CAITIAO_ASSIGN_OR_RETURN(
                                                        items, storage::SweepCandidates(tx, domain::ChinaDay(now), kBatch));
                                                    return absl::OkStatus();
                                                  }));
  int acted = 0;
  for (const auto& item : items) {
    if (stop_.HasBeenNotified()) break;
    CAITIAO_ASSIGN_OR_RETURN(const bool done, Act(pool_, item, now));
    if (!done) continue;
    ++acted;
    log::Info("swept", {{"server", name_}, {"case_id", item.case_id}, {"action", KindName(item.kind)}});
  }
  return acted;
}

}  // namespace caitiao::services
