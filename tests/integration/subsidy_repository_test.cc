// Subsidy standards, the ledger, budgets and settlement batches against a
// real PostgreSQL: round trips, scopes and filters, one accrual per
// delegation and a reversal at most once (also from two connections at
// once), an entry in at most one live batch, budget sums by batch status,
// payment once, the settlement lock, and the append-only tables refusing
// edits in the database itself.
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/principal.h"
#include "services/domain/region_rules.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"
#include "storage/case_repository.h"
#include "storage/directory_repository.h"
#include "storage/docking_repository.h"
#include "storage/mediation_repository.h"
#include "storage/room_repository.h"
#include "storage/subsidy_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::BatchStatus;
using domain::CaseRecord;
using domain::FundingSource;
using domain::LedgerEntry;
using domain::SettlementBatch;
using domain::SubsidyStandard;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }
std::string Id(int kind, int n) { return absl::StrFormat("00000000-0000-4000-%04d-%012d", 8200 + kind, n); }

// Id kinds.
constexpr int kRoom = 1, kCase = 2, kDelegation = 3, kMediator = 4, kEntry = 5, kStandard = 6, kBudget = 7,
              kBatch = 8;

// A valid identity number, distinct for each n.
std::string ResidentId(int n) {
  const std::string first17 = absl::StrFormat("42010219800101%03d", n);
  return first17 + std::string(1, domain::ResidentIdCheckCharacter(first17));
}

domain::CaseScope EmptyScope() { return domain::CaseScope(); }
domain::CaseScope CommissionScope(const std::string& id) {
  domain::CaseScope s;
  s.commission_ids = {id};
  return s;
}
domain::CaseScope RoomScope(const std::string& id) {
  domain::CaseScope s;
  s.delegated_room_id = id;
  return s;
}
domain::CaseScope RegionScope(const std::string& code) {
  domain::CaseScope s;
  s.regions = {domain::SubtreeRange(code)};
  return s;
}

std::vector<std::string> IdsOf(const std::vector<LedgerEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

class SubsidyRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = SeedWuhanCommission(*pool_);
    Run([&](Tx& tx) -> absl::Status {
      return InsertRegion(tx, {"420200", "黄石市", domain::RegionLevel::kCity, "420000", {}}).status();
    });
    for (int n : {1, 2}) {
      const domain::MediationRoom room =
          caitiao::testing::SampleRoom(Id(kRoom, n), absl::StrCat("调解工作室", n), commission_, 5);
      Run([&](Tx& tx) { return InsertRoom(tx, room); });
    }
    for (int n : {1, 2}) {
      domain::Mediator m;
      m.id = Id(kMediator, n);
      m.name = absl::StrCat("调解员", n);
      m.resident_id_number = ResidentId(n);
      m.source = domain::MediatorSource::kLawyer;
      m.certificate_number = absl::StrCat("鄂调证-", n);
      m.certificate_expiry = absl::CivilDay(2028, 12, 31);
      m.term_start = absl::CivilDay(2025, 1, 1);
      m.term_end = absl::CivilDay(2027, 12, 31);
      m.training_hours = 40;
      m.room_ids = {Id(kRoom, 1), Id(kRoom, 2)};
      m.status = domain::MediatorStatus::kActive;
      m.create_time = m.update_time = absl::Now();
      Run([&](Tx& tx) { return InsertMediator(tx, m); });
    }
    SeedCase(1);
  }

  // Case n with its accepted delegation n to room 1 (one open delegation per
  // case, so one delegation per outcome needs one case each).
  void SeedCase(int n) {
    const CaseRecord c = caitiao::testing::SampleCase(Id(kCase, n), absl::StrCat("T-", n), commission_,
                                                      domain::CaseState::kInMediation);
    Run([&](Tx& tx) { return InsertCase(tx, c, "tester"); });
    const domain::Delegation d = caitiao::testing::SampleDelegation(Id(kDelegation, n), c.id, Id(kRoom, 1), n);
    Run([&](Tx& tx) { return InsertDelegation(tx, d); });
  }

  void Run(const TxBody& body) {
    absl::Status s = RunTransaction(*pool_, Deadline(), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }
  absl::Status Try(const TxBody& body) { return RunTransaction(*pool_, Deadline(), "test", body); }

  int64_t Scalar(const std::string& sql) {
    int64_t out = -1;
    Run([&](Tx& tx) -> absl::Status {
      out = tx.exec(sql)[0][0].as<int64_t>();
      return absl::OkStatus();
    });
    return out;
  }

  // An accrual of case n's outcome (mediator 1, room 1, Wuhan), entry id n.
  LedgerEntry Accrual(int n, int case_n, int64_t fen, absl::CivilDay day) {
    LedgerEntry e;
    e.id = Id(kEntry, n);
    e.kind = domain::LedgerEntryKind::kAccrual;
    e.case_id = Id(kCase, case_n);
    e.case_number = absl::StrCat("T-", case_n);
    e.delegation_id = Id(kDelegation, case_n);
    e.region_code = "420100";
    e.commission_id = commission_;
    e.room_id = Id(kRoom, 1);
    e.mediator_id = Id(kMediator, 1);
    e.outcome = "SUCCEEDED_DOCUMENT";
    e.outcome_time = absl::FromUnixMicros(1'790'000'000'000'000 + n);
    e.period_day = day;
    e.tier = domain::SubsidyTier::kOrdinary;
    e.amount_fen = fen;
    e.rule = "ORDINARY";
    e.created_by = "system";
    e.create_time = absl::FromUnixMicros(1'790'000'100'000'000 + n);
    return e;
  }

  LedgerEntry Reversal(int n, const LedgerEntry& of, absl::CivilDay day) {
    LedgerEntry r = domain::ReversalOf(of, day);
    r.id = Id(kEntry, n);
    r.reason = "误计";
    r.created_by = "token/funding";
    return r;
  }

  // Appends, expecting no error; the sequence or nullopt.
  std::optional<int64_t> Append(const LedgerEntry& e) {
    std::optional<int64_t> seq;
    Run([&](Tx& tx) -> absl::Status {
      auto r = AppendLedgerEntry(tx, e);
      if (!r.ok()) return r.status();
      seq = *r;
      return absl::OkStatus();
    });
    return seq;
  }

  std::optional<LedgerEntry> Find(const std::string& id, const domain::CaseScope& scope = domain::AllCases()) {
    std::optional<LedgerEntry> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = FindLedgerEntry(tx, id, scope);
      if (!r.ok()) return r.status();
      out = *r;
      return absl::OkStatus();
    });
    return out;
  }

  std::vector<LedgerEntry> List(const LedgerFilter& filter, const domain::CaseScope& scope = domain::AllCases(),
                                int64_t after = 0, int limit = 100) {
    std::vector<LedgerEntry> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = ListLedgerEntries(tx, filter, scope, after, limit);
      if (!r.ok()) return r.status();
      out = *r;
      return absl::OkStatus();
    });
    return out;
  }

  SubsidyStandard Standard(int n, const std::string& region, absl::CivilDay from) {
    SubsidyStandard s;
    s.id = Id(kStandard, n);
    s.region_code = region;
    s.effective_from = from;
    s.simple_fen = 30000;
    s.ordinary_fen = 50000;
    s.complex_fen = 80000;
    s.collective_fen = 120000;
    s.collective_min_workers = 10;
    s.failed_case_fen = 10000 + n;
    s.require_session = false;
    s.settlement_period = domain::SpanKind::kQuarter;
    s.basis = absl::StrCat("鄂人社发〔2026〕", n, "号");
    s.created_by = "token/admin";
    s.create_time = absl::FromUnixMicros(1'790'000'000'000'000 + n);
    return s;
  }

  // A DRAFT batch of Wuhan's 4th quarter of 2026.
  SettlementBatch Batch(int n, FundingSource source = FundingSource::kHrss, int64_t total = 0, int year = 2026) {
    SettlementBatch b;
    b.id = Id(kBatch, n);
    b.region_code = "420100";
    b.period.year = year;
    b.period.kind = domain::SpanKind::kQuarter;
    b.period.number = 4;
    b.source = source;
    b.status = BatchStatus::kDraft;
    b.total_fen = total;
    b.drafted_by = "token/a";
    b.draft_time = absl::FromUnixMicros(1'790'000'000'000'000 + n);
    return b;
  }

  // Takes a DRAFT batch through the steps to `status` (four eyes kept).
  static void Advance(SettlementBatch& b, BatchStatus status) {
    const absl::Time t = absl::FromUnixMicros(1'790'100'000'000'000);
    if (status == BatchStatus::kCancelled) {
      b.cancelled_by = "token/b";
      b.cancel_time = t;
      b.cancel_reason = "重做";
    }
    if (status == BatchStatus::kChecked || status == BatchStatus::kApproved || status == BatchStatus::kPaid) {
      b.checked_by = "token/b";
      b.check_time = t;
    }
    if (status == BatchStatus::kApproved || status == BatchStatus::kPaid) {
      b.approved_by = "token/c";
      b.approve_time = t + absl::Seconds(1);
    }
    if (status == BatchStatus::kPaid) {
      b.paid_by = "token/a";
      b.pay_time = t + absl::Seconds(2);
      b.payment_reference = "国库集中支付-1";
    }
    b.status = status;
  }

  void StoreBatch(const SettlementBatch& b, const std::vector<std::string>& entries) {
    Run([&](Tx& tx) { return InsertBatch(tx, b, entries); });
  }

  std::optional<SettlementBatch> FindB(const std::string& id, const domain::CaseScope& scope = domain::AllCases()) {
    std::optional<SettlementBatch> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = FindBatch(tx, id, scope, false);
      if (!r.ok()) return r.status();
      out = *r;
      return absl::OkStatus();
    });
    return out;
  }

  // Whether another backend of this database is waiting on a lock, asked
  // (on a connection of its own) for up to 5 s. A transaction holding a new
  // row calls it before committing, so the race is one for certain: the
  // other transaction's statement is blocked on that row.
  bool AnotherWaitsOnALock() {
    const absl::Time until = absl::Now() + absl::Seconds(5);
    while (absl::Now() < until) {
      if (Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND wait_event_type = 'Lock'") > 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

// Waits (briefly) until `count` reaches `n`: both transactions are open
// before either writes.
void ArriveAndWait(std::atomic<int>& count, int n) {
  ++count;
  while (count.load() < n) std::this_thread::yield();
}

TEST_F(SubsidyRepositoryTest, AppendOnlyTablesRefuseEditsInTheDatabase) {
  Run([&](Tx& tx) { return InsertStandard(tx, Standard(1, "420100", absl::CivilDay(2026, 1, 1))); });
  LedgerEntry e = Accrual(1, 1, 50000, absl::CivilDay(2026, 11, 30));
  e.standard_id = Id(kStandard, 1);
  ASSERT_TRUE(Append(e).has_value());
  domain::BudgetEntry budget;
  budget.id = Id(kBudget, 1);
  budget.region_code = "420100";
  budget.year = 2026;
  budget.source = FundingSource::kHrss;
  budget.amount_fen = 1'000'000;
  budget.note = "年初预算";
  budget.created_by = "token/funding";
  budget.create_time = absl::FromUnixMicros(1'790'000'000'000'000);
  Run([&](Tx& tx) { return InsertBudgetEntry(tx, budget); });
  SettlementBatch b = Batch(1, FundingSource::kHrss, 50000);
  StoreBatch(b, {e.id});
  Advance(b, BatchStatus::kPaid);
  const absl::Time paid = absl::FromUnixMicros(1'790'200'000'000'000);
  Run([&](Tx& tx) -> absl::Status {
    absl::Status s = UpdateBatch(tx, b);
    if (!s.ok()) return s;
    return RecordPayments(tx, b.id, paid);
  });

  for (const char* sql :
       {"UPDATE subsidy_ledger SET amount_fen = 1", "UPDATE subsidy_ledger SET reason = 'x'",
        "DELETE FROM subsidy_ledger", "UPDATE subsidy_standards SET ordinary_fen = 1",
        "DELETE FROM subsidy_standards", "UPDATE funding_budget_entries SET amount_fen = 1",
        "DELETE FROM funding_budget_entries", "UPDATE subsidy_payments SET paid_at = now()",
        "DELETE FROM subsidy_payments"}) {
    const absl::Status edit = Try([&](Tx& tx) -> absl::Status {
      tx.exec(sql);
      return absl::OkStatus();
    });
    EXPECT_FALSE(edit.ok()) << sql << " was allowed";
    // The trigger refused it, not some other constraint.
    EXPECT_TRUE(absl::StrContains(edit.message(), "append-only")) << edit << sql;
  }
  // Everything is as it was.
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 1);
  EXPECT_EQ(Scalar("SELECT amount_fen FROM subsidy_ledger"), 50000);
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger WHERE reason = ''"), 1);
  EXPECT_EQ(Scalar("SELECT ordinary_fen FROM subsidy_standards"), 50000);
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_standards"), 1);
  EXPECT_EQ(Scalar("SELECT amount_fen FROM funding_budget_entries"), 1'000'000);
  EXPECT_EQ(Scalar("SELECT count(*) FROM funding_budget_entries"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_payments"), 1);
  const auto found = Find(e.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->paid_time, paid);
  EXPECT_EQ(found->standard_id, Id(kStandard, 1));
}

TEST_F(SubsidyRepositoryTest, OneAccrualPerDelegationAndOneReversalPerEntry) {
  const LedgerEntry first = Accrual(1, 1, 50000, absl::CivilDay(2026, 11, 30));
  const auto seq = Append(first);
  ASSERT_TRUE(seq.has_value());
  EXPECT_GT(*seq, 0);
  // A second accrual of the same delegation (another id, another amount)
  // writes nothing.
  EXPECT_FALSE(Append(Accrual(2, 1, 80000, absl::CivilDay(2026, 12, 1))).has_value());
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 1);
  EXPECT_FALSE(Find(Id(kEntry, 2)).has_value());
  EXPECT_EQ(Find(first.id)->amount_fen, 50000);

  // A reversal is accepted once.
  const auto reversal_seq = Append(Reversal(3, first, absl::CivilDay(2027, 1, 4)));
  ASSERT_TRUE(reversal_seq.has_value());
  EXPECT_GT(*reversal_seq, *seq);
  const absl::Status again = Try([&](Tx& tx) -> absl::Status {
    auto r = AppendLedgerEntry(tx, Reversal(4, first, absl::CivilDay(2027, 1, 5)));
    if (!r.ok()) return r.status();
    if (!r->has_value()) return absl::AlreadyExistsError("nothing written");
    return absl::OkStatus();
  });
  EXPECT_FALSE(again.ok()) << "a second reversal of the same entry";
  EXPECT_TRUE(absl::StrContains(again.message(), "23505")) << again;
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 2);
  // The reversal keeps the delegation's accrual: still no second one.
  EXPECT_FALSE(Append(Accrual(5, 1, 50000, absl::CivilDay(2027, 1, 6))).has_value());
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 2);

  const auto original = Find(first.id);
  ASSERT_TRUE(original.has_value());
  EXPECT_EQ(original->reversed_by, Id(kEntry, 3));
  const auto r = Find(Id(kEntry, 3));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->kind, domain::LedgerEntryKind::kReversal);
  EXPECT_EQ(r->reverses, first.id);
  EXPECT_EQ(r->amount_fen, -50000);
  EXPECT_EQ(r->sequence, *reversal_seq);
  EXPECT_EQ(r->period_day, absl::CivilDay(2027, 1, 4));
  EXPECT_EQ(r->reason, "误计");
  EXPECT_TRUE(r->reversed_by.empty());
  // The database refuses the shapes the ledger never has.
  SeedCase(6);
  EXPECT_FALSE(Try([&](Tx& tx) {
                 return AppendLedgerEntry(tx, Accrual(6, 6, -1, absl::CivilDay(2026, 12, 1))).status();
               }).ok())
      << "a negative accrual";
  LedgerEntry unpaid_with_amount = Accrual(7, 6, 100, absl::CivilDay(2026, 12, 1));
  unpaid_with_amount.no_subsidy = domain::NoSubsidy::kNoSession;
  EXPECT_FALSE(Try([&](Tx& tx) { return AppendLedgerEntry(tx, unpaid_with_amount).status(); }).ok())
      << "no subsidy, yet an amount";
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 2);
}

TEST_F(SubsidyRepositoryTest, ConcurrentAccrualsOfOneDelegationWriteOneRow) {
  std::atomic<int> arrived{0};
  std::atomic<bool> first_done{false}, saw_waiter{false};
  std::optional<int64_t> got[2];
  absl::Status status[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      status[t] = RunTransaction(*pool_, Deadline(), "accrue", [&](Tx& tx) -> absl::Status {
        ArriveAndWait(arrived, 2);
        auto r = AppendLedgerEntry(tx, Accrual(10 + t, 1, 50000 + t, absl::CivilDay(2026, 11, 30)));
        if (!r.ok()) return r.status();
        got[t] = *r;
        // The first to insert commits only once the other's insert waits on its row.
        if (!first_done.exchange(true)) saw_waiter = AnotherWaitsOnALock();
        return absl::OkStatus();
      });
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(status[0].ok()) << status[0];
  EXPECT_TRUE(status[1].ok()) << status[1];
  EXPECT_TRUE(saw_waiter.load()) << "the two inserts did not overlap";
  EXPECT_EQ(got[0].has_value() + got[1].has_value(), 1) << "exactly one accrual is written";
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_ledger"), 1);
  const int winner = got[0].has_value() ? 0 : 1;
  const auto stored = Find(Id(kEntry, 10 + winner));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->sequence, *got[winner]);
  EXPECT_EQ(stored->amount_fen, 50000 + winner);
}

TEST_F(SubsidyRepositoryTest, StandardsRoundTripAndListBySubtreeWithCursor) {
  Run([&](Tx& tx) -> absl::Status {
    return InsertRegion(tx, {"420102", "江岸区", domain::RegionLevel::kCounty, "420100", {}}).status();
  });
  SubsidyStandard s1 = Standard(1, "420000", absl::CivilDay(2026, 1, 1));
  s1.effective_until = absl::CivilDay(2026, 12, 31);
  s1.paid_failures = {domain::MediationFailure::kPeriodExpired, domain::MediationFailure::kPartyRefused};
  s1.cap_period = domain::SpanKind::kQuarter;
  s1.cap_amount_fen = 500000;
  s1.cap_count = 20;
  s1.require_session = true;
  s1.settlement_period = domain::SpanKind::kHalfYear;
  const SubsidyStandard s2 = Standard(2, "420000", absl::CivilDay(2027, 1, 1));
  const SubsidyStandard s3 = Standard(3, "420100", absl::CivilDay(2026, 7, 1));
  const SubsidyStandard s4 = Standard(4, "420102", absl::CivilDay(2026, 1, 1));
  const SubsidyStandard s5 = Standard(5, "420200", absl::CivilDay(2026, 1, 1));
  // Inserted out of order: listing orders them.
  for (const SubsidyStandard* s : std::initializer_list<const SubsidyStandard*>{&s5, &s3, &s2, &s1, &s4}) {
    Run([&](Tx& tx) -> absl::Status {
      absl::Status st = LockStandardRegion(tx, s->region_code);
      if (!st.ok()) return st;
      return InsertStandard(tx, *s);
    });
  }
  // One version per region and start day.
  SubsidyStandard dup = Standard(6, "420100", absl::CivilDay(2026, 7, 1));
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertStandard(tx, dup); }).ok());
  // An end before the start is refused.
  SubsidyStandard backwards = Standard(7, "420100", absl::CivilDay(2027, 7, 1));
  backwards.effective_until = absl::CivilDay(2027, 6, 30);
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertStandard(tx, backwards); }).ok());

  Run([&](Tx& tx) -> absl::Status {
    auto found = FindStandard(tx, s1.id);
    EXPECT_TRUE(found.ok() && found->has_value());
    const SubsidyStandard& got = **found;
    EXPECT_EQ(got.region_code, "420000");
    EXPECT_EQ(got.effective_from, absl::CivilDay(2026, 1, 1));
    EXPECT_EQ(got.effective_until, absl::CivilDay(2026, 12, 31));
    EXPECT_EQ(got.simple_fen, 30000);
    EXPECT_EQ(got.ordinary_fen, 50000);
    EXPECT_EQ(got.complex_fen, 80000);
    EXPECT_EQ(got.collective_fen, 120000);
    EXPECT_EQ(got.collective_min_workers, 10);
    EXPECT_EQ(got.failed_case_fen, 10001);
    EXPECT_EQ(got.paid_failures, s1.paid_failures);
    EXPECT_EQ(got.cap_period, domain::SpanKind::kQuarter);
    EXPECT_EQ(got.cap_amount_fen, 500000);
    EXPECT_EQ(got.cap_count, 20);
    EXPECT_TRUE(got.require_session);
    EXPECT_EQ(got.settlement_period, domain::SpanKind::kHalfYear);
    EXPECT_EQ(got.basis, s1.basis);
    EXPECT_EQ(got.created_by, "token/admin");
    EXPECT_EQ(got.create_time, s1.create_time);
    auto open = FindStandard(tx, s2.id);
    EXPECT_FALSE((*open)->effective_until.has_value());
    EXPECT_EQ((*open)->cap_period, domain::SpanKind::kUnspecified);
    EXPECT_TRUE((*open)->paid_failures.empty());
    EXPECT_FALSE(FindStandard(tx, Id(kStandard, 99))->has_value());
    EXPECT_FALSE(FindStandard(tx, "not-a-uuid")->has_value());

    auto chain = StandardsOf(tx, {"420100", "420000"});
    EXPECT_TRUE(chain.ok());
    std::vector<std::string> ids;
    for (const auto& s : *chain) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{s1.id, s2.id, s3.id}));
    EXPECT_TRUE(StandardsOf(tx, {"429999"})->empty());

    auto wuhan = ListStandards(tx, domain::SubtreeRange("420100"), std::nullopt, 10);
    ids.clear();
    for (const auto& s : *wuhan) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{s3.id, s4.id}));
    return absl::OkStatus();
  });

  // Pages of two over everything, then over Hubei's subtree.
  for (const auto& subtree : {std::optional<domain::RegionCodeRange>(),
                              std::optional<domain::RegionCodeRange>(domain::SubtreeRange("420000"))}) {
    std::vector<std::string> all;
    std::vector<size_t> sizes;
    std::optional<StandardCursor> after;
    for (int page = 0; page < 10; ++page) {
      std::vector<SubsidyStandard> got;
      Run([&](Tx& tx) -> absl::Status {
        auto r = ListStandards(tx, subtree, after, 2);
        if (!r.ok()) return r.status();
        got = *r;
        return absl::OkStatus();
      });
      sizes.push_back(got.size());
      if (got.empty()) break;
      for (const auto& s : got) all.push_back(s.id);
      StandardCursor cursor;
      cursor.region_code = got.back().region_code;
      cursor.effective_from = got.back().effective_from;
      after = cursor;
    }
    EXPECT_EQ(all, (std::vector<std::string>{s1.id, s2.id, s3.id, s4.id, s5.id}));
    EXPECT_EQ(sizes, (std::vector<size_t>{2, 2, 1, 0}));
  }
}

TEST_F(SubsidyRepositoryTest, LedgerEntryRoundTripsWithinScopeOnly) {
  Run([&](Tx& tx) { return InsertStandard(tx, Standard(1, "420100", absl::CivilDay(2026, 1, 1))); });
  LedgerEntry e = Accrual(1, 1, 0, absl::CivilDay(2026, 11, 30));
  e.outcome = "FAILED";
  e.failure = domain::MediationFailure::kPartyRefused;
  e.tier = domain::SubsidyTier::kCollective;
  e.standard_id = Id(kStandard, 1);
  e.rule = "FAILED not paid";
  e.no_subsidy = domain::NoSubsidy::kFailureNotPaid;
  const auto seq = Append(e);
  ASSERT_TRUE(seq.has_value());

  const auto got = Find(e.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->sequence, *seq);
  EXPECT_EQ(got->kind, domain::LedgerEntryKind::kAccrual);
  EXPECT_EQ(got->case_id, e.case_id);
  EXPECT_EQ(got->case_number, "T-1");
  EXPECT_EQ(got->delegation_id, e.delegation_id);
  EXPECT_EQ(got->region_code, "420100");
  EXPECT_EQ(got->commission_id, commission_);
  EXPECT_EQ(got->room_id, Id(kRoom, 1));
  EXPECT_EQ(got->mediator_id, Id(kMediator, 1));
  EXPECT_EQ(got->outcome, "FAILED");
  EXPECT_EQ(got->failure, domain::MediationFailure::kPartyRefused);
  EXPECT_EQ(got->outcome_time, e.outcome_time);
  EXPECT_EQ(got->period_day, absl::CivilDay(2026, 11, 30));
  EXPECT_EQ(got->tier, domain::SubsidyTier::kCollective);
  EXPECT_EQ(got->amount_fen, 0);
  EXPECT_EQ(got->standard_id, Id(kStandard, 1));
  EXPECT_EQ(got->rule, "FAILED not paid");
  EXPECT_EQ(got->no_subsidy, domain::NoSubsidy::kFailureNotPaid);
  EXPECT_TRUE(got->reverses.empty());
  EXPECT_TRUE(got->reason.empty());
  EXPECT_EQ(got->created_by, "system");
  EXPECT_EQ(got->create_time, e.create_time);
  EXPECT_TRUE(got->reversed_by.empty());
  EXPECT_TRUE(got->batch_id.empty());
  EXPECT_FALSE(got->paid_time.has_value());

  // A succeeded outcome without a failure reads back kUnspecified.
  SeedCase(2);
  ASSERT_TRUE(Append(Accrual(2, 2, 50000, absl::CivilDay(2026, 12, 1))).has_value());
  EXPECT_EQ(Find(Id(kEntry, 2))->failure, domain::MediationFailure::kUnspecified);
  EXPECT_EQ(Find(Id(kEntry, 2))->no_subsidy, domain::NoSubsidy::kNone);
  EXPECT_TRUE(Find(Id(kEntry, 2))->standard_id.empty());

  // Inside the scope.
  EXPECT_TRUE(Find(e.id, domain::AllCases()).has_value());
  EXPECT_TRUE(Find(e.id, CommissionScope(commission_)).has_value());
  EXPECT_TRUE(Find(e.id, RoomScope(Id(kRoom, 1))).has_value());
  EXPECT_TRUE(Find(e.id, RegionScope("420000")).has_value());
  EXPECT_TRUE(Find(e.id, RegionScope("420100")).has_value());
  // Outside it.
  EXPECT_FALSE(Find(e.id, EmptyScope()).has_value());
  EXPECT_FALSE(Find(e.id, CommissionScope(Id(9, 1))).has_value());
  EXPECT_FALSE(Find(e.id, RoomScope(Id(kRoom, 2))).has_value());
  EXPECT_FALSE(Find(e.id, RegionScope("420200")).has_value());
  EXPECT_FALSE(Find(e.id, RegionScope("420102")).has_value());
  EXPECT_FALSE(Find(e.id, CommissionScope("not-a-uuid")).has_value());
  // Unknown or malformed ids.
  EXPECT_FALSE(Find(Id(kEntry, 99)).has_value());
  EXPECT_FALSE(Find("nope").has_value());
}

TEST_F(SubsidyRepositoryTest, ListLedgerEntriesFiltersAndPages) {
  for (int n : {2, 3, 4}) SeedCase(n);
  const LedgerEntry e1 = Accrual(1, 1, 50000, absl::CivilDay(2026, 10, 10));
  LedgerEntry e2 = Accrual(2, 2, 30000, absl::CivilDay(2026, 11, 15));
  e2.room_id = Id(kRoom, 2);
  e2.mediator_id = Id(kMediator, 2);
  LedgerEntry e3 = Accrual(3, 3, 80000, absl::CivilDay(2026, 12, 20));
  e3.mediator_id = Id(kMediator, 2);
  e3.region_code = "420200";
  const LedgerEntry e4 = Accrual(4, 4, 50000, absl::CivilDay(2027, 1, 5));
  std::vector<int64_t> seq;
  for (const LedgerEntry* e : std::initializer_list<const LedgerEntry*>{&e1, &e2, &e3, &e4}) {
    auto s = Append(*e);
    ASSERT_TRUE(s.has_value());
    seq.push_back(*s);
  }
  const LedgerEntry e5 = Reversal(5, e1, absl::CivilDay(2027, 1, 6));
  ASSERT_TRUE(Append(e5).has_value());
  // e2 in a live draft batch; e3 paid, its batch's items then made not live
  // (so "unsettled" is tested on payment alone).
  StoreBatch(Batch(1), {e2.id});
  SettlementBatch paid_batch = Batch(2);
  StoreBatch(paid_batch, {e3.id});
  Advance(paid_batch, BatchStatus::kPaid);
  const absl::Time paid = absl::FromUnixMicros(1'790'300'000'000'000);
  Run([&](Tx& tx) -> absl::Status {
    absl::Status s = UpdateBatch(tx, paid_batch);
    if (!s.ok()) return s;
    s = RecordPayments(tx, paid_batch.id, paid);
    if (!s.ok()) return s;
    return ReleaseBatch(tx, paid_batch.id);
  });

  const std::vector<std::string> all = {e1.id, e2.id, e3.id, e4.id, e5.id};
  EXPECT_EQ(IdsOf(List({})), all);
  {
    LedgerFilter f;
    f.room_id = Id(kRoom, 2);
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e2.id}));
  }
  {
    LedgerFilter f;
    f.mediator_id = Id(kMediator, 2);
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e2.id, e3.id}));
  }
  {
    LedgerFilter f;
    f.case_id = Id(kCase, 1);
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e1.id, e5.id}));
  }
  {
    LedgerFilter f;
    f.first_day = absl::CivilDay(2026, 11, 15);
    f.last_day = absl::CivilDay(2026, 12, 20);
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e2.id, e3.id})) << "both ends inclusive";
    f.last_day.reset();
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e2.id, e3.id, e4.id, e5.id}));
    f.first_day.reset();
    f.last_day = absl::CivilDay(2026, 10, 10);
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e1.id}));
  }
  {
    LedgerFilter f;
    f.region = domain::SubtreeRange("420200");
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e3.id}));
    f.region = domain::SubtreeRange("420100");
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e1.id, e2.id, e4.id, e5.id}));
  }
  {
    LedgerFilter f;
    f.unsettled_only = true;
    EXPECT_EQ(IdsOf(List(f)), (std::vector<std::string>{e1.id, e4.id, e5.id}));
    f.mediator_id = Id(kMediator, 2);
    EXPECT_TRUE(List(f).empty());
  }
  {
    LedgerFilter f;
    f.room_id = "not-a-uuid";
    EXPECT_TRUE(List(f).empty());
  }
  // Paging by sequence.
  EXPECT_EQ(IdsOf(List({}, domain::AllCases(), seq[1], 2)), (std::vector<std::string>{e3.id, e4.id}));
  EXPECT_EQ(IdsOf(List({}, domain::AllCases(), seq[3], 2)), (std::vector<std::string>{e5.id}));
  // Scopes.
  EXPECT_EQ(IdsOf(List({}, RegionScope("420200"))), (std::vector<std::string>{e3.id}));
  EXPECT_EQ(IdsOf(List({}, RoomScope(Id(kRoom, 2)))), (std::vector<std::string>{e2.id}));
  EXPECT_EQ(IdsOf(List({}, CommissionScope(commission_))), all);
  EXPECT_TRUE(List({}, EmptyScope()).empty());
  EXPECT_TRUE(List({}, CommissionScope("bad")).empty());

  // What is read with the entries.
  const auto listed = List({});
  ASSERT_EQ(listed.size(), 5u);
  EXPECT_EQ(listed[0].reversed_by, e5.id);
  EXPECT_TRUE(listed[0].batch_id.empty());
  EXPECT_FALSE(listed[0].paid_time.has_value());
  EXPECT_EQ(listed[1].batch_id, Id(kBatch, 1));
  EXPECT_FALSE(listed[1].paid_time.has_value());
  EXPECT_TRUE(listed[2].batch_id.empty()) << "its batch's items are no longer live";
  EXPECT_EQ(listed[2].paid_time, paid);
  EXPECT_EQ(listed[4].reverses, e1.id);
  EXPECT_EQ(listed[4].amount_fen, -50000);
}

TEST_F(SubsidyRepositoryTest, ConcurrentBatchesTakeAnEntryOnlyOnce) {
  const LedgerEntry e = Accrual(1, 1, 50000, absl::CivilDay(2026, 11, 30));
  ASSERT_TRUE(Append(e).has_value());
  std::atomic<int> arrived{0};
  std::atomic<bool> first_done{false}, saw_waiter{false};
  absl::Status status[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      status[t] = RunTransaction(*pool_, Deadline(), "draft", [&](Tx& tx) -> absl::Status {
        ArriveAndWait(arrived, 2);
        absl::Status s = InsertBatch(tx, Batch(1 + t, FundingSource::kHrss, 50000), {e.id});
        if (!s.ok()) return s;
        // The first to insert commits only once the other's insert waits on its item.
        if (!first_done.exchange(true)) saw_waiter = AnotherWaitsOnALock();
        return absl::OkStatus();
      });
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(saw_waiter.load()) << "the two inserts did not overlap";
  EXPECT_EQ(status[0].ok() + status[1].ok(), 1) << status[0] << " / " << status[1];
  const int winner = status[0].ok() ? 0 : 1;
  EXPECT_TRUE(absl::StrContains(status[1 - winner].message(), "23505")) << status[1 - winner];
  EXPECT_EQ(Scalar("SELECT count(*) FROM settlement_batches"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM settlement_items WHERE live"), 1);
  EXPECT_EQ(Find(e.id)->batch_id, Id(kBatch, 1 + winner));
  EXPECT_FALSE(FindB(Id(kBatch, 2 - winner)).has_value());

  // Still one live batch per entry, even without a race.
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertBatch(tx, Batch(3), {e.id}); }).ok());

  // Once the winner is cancelled and released, the entry is free again.
  SettlementBatch won = Batch(1 + winner, FundingSource::kHrss, 50000);
  Advance(won, BatchStatus::kCancelled);
  Run([&](Tx& tx) -> absl::Status {
    absl::Status s = LockSettlement(tx);
    if (!s.ok()) return s;
    s = UpdateBatch(tx, won);
    if (!s.ok()) return s;
    return ReleaseBatch(tx, won.id);
  });
  EXPECT_TRUE(Find(e.id)->batch_id.empty());
  Run([&](Tx& tx) -> absl::Status {
    auto status_of = LiveBatchStatusOf(tx, e.id);
    EXPECT_EQ(*status_of, BatchStatus::kUnspecified);
    return absl::OkStatus();
  });
  StoreBatch(Batch(3, FundingSource::kHrss, 50000), {e.id});
  EXPECT_EQ(Find(e.id)->batch_id, Id(kBatch, 3));
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(*LiveBatchStatusOf(tx, e.id), BatchStatus::kDraft);
    return absl::OkStatus();
  });
  const auto cancelled = FindB(won.id);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, BatchStatus::kCancelled);
  EXPECT_EQ(cancelled->cancelled_by, "token/b");
  EXPECT_EQ(cancelled->cancel_reason, "重做");
  EXPECT_EQ(cancelled->cancel_time, won.cancel_time);
  EXPECT_TRUE(cancelled->items.empty());
  EXPECT_TRUE(cancelled->held_back.empty());
  const auto fresh = FindB(Id(kBatch, 3));
  ASSERT_TRUE(fresh.has_value());
  ASSERT_EQ(fresh->items.size(), 1u);
  EXPECT_EQ(fresh->items[0].entry_id, e.id);
}

TEST_F(SubsidyRepositoryTest, HoldBackTakesAnItemOutOfItsBatch) {
  SeedCase(2);
  Run([&](Tx& tx) -> absl::Status {
    SubsidyStandard s = Standard(1, "420100", absl::CivilDay(2026, 1, 1));
    s.cap_period = domain::SpanKind::kYear;
    s.cap_amount_fen = 60000;
    s.cap_count = 1;
    return InsertStandard(tx, s);
  });
  LedgerEntry e1 = Accrual(1, 1, 50000, absl::CivilDay(2026, 10, 10));
  LedgerEntry e2 = Accrual(2, 2, 30000, absl::CivilDay(2026, 11, 11));
  e1.standard_id = e2.standard_id = Id(kStandard, 1);
  ASSERT_TRUE(Append(e1).has_value());
  ASSERT_TRUE(Append(e2).has_value());
  const SettlementBatch b = Batch(1, FundingSource::kUnion, 80000);
  StoreBatch(b, {e1.id, e2.id});
  Run([&](Tx& tx) -> absl::Status {
    auto candidates = BatchCandidates(tx, b.id);
    EXPECT_EQ(candidates->size(), 2u);
    EXPECT_EQ((*candidates)[0].entry_id, e1.id);
    EXPECT_EQ((*candidates)[0].cap_period, domain::SpanKind::kYear);
    EXPECT_EQ((*candidates)[0].cap_amount_fen, 60000);
    EXPECT_EQ((*candidates)[0].cap_count, 1);
    EXPECT_FALSE((*candidates)[0].reversal);
    domain::HeldItem held;
    held.entry_id = e2.id;
    held.mediator_id = e2.mediator_id;
    held.amount_fen = e2.amount_fen;
    held.reason = domain::HoldReason::kCapCount;
    held.detail = "本年度已达1件";
    return HoldBack(tx, b.id, {held});
  });

  const auto found = FindB(b.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->region_code, "420100");
  EXPECT_EQ(found->period.year, 2026);
  EXPECT_EQ(found->period.kind, domain::SpanKind::kQuarter);
  EXPECT_EQ(found->period.number, 4);
  EXPECT_EQ(found->source, FundingSource::kUnion);
  EXPECT_EQ(found->status, BatchStatus::kDraft);
  EXPECT_EQ(found->total_fen, 80000);
  EXPECT_EQ(found->drafted_by, "token/a");
  EXPECT_EQ(found->draft_time, b.draft_time);
  EXPECT_FALSE(found->check_time.has_value());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].entry_id, e1.id);
  EXPECT_EQ(found->items[0].mediator_id, Id(kMediator, 1));
  EXPECT_EQ(found->items[0].case_number, "T-1");
  EXPECT_EQ(found->items[0].amount_fen, 50000);
  ASSERT_EQ(found->held_back.size(), 1u);
  EXPECT_EQ(found->held_back[0].entry_id, e2.id);
  EXPECT_EQ(found->held_back[0].mediator_id, Id(kMediator, 1));
  EXPECT_EQ(found->held_back[0].amount_fen, 30000);
  EXPECT_EQ(found->held_back[0].reason, domain::HoldReason::kCapCount);
  EXPECT_EQ(found->held_back[0].detail, "本年度已达1件");

  // The held entry is free: in no live batch, offered to the next one, and
  // listed as the mediator's held-back work.
  EXPECT_TRUE(Find(e2.id)->batch_id.empty());
  EXPECT_EQ(Find(e1.id)->batch_id, b.id);
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(*LiveBatchStatusOf(tx, e2.id), BatchStatus::kUnspecified);
    auto candidates = BatchCandidates(tx, b.id);
    EXPECT_EQ(candidates->size(), 1u);
    auto unbatched = FreeEntries(tx, domain::SubtreeRange("420100"), absl::CivilDay(2026, 10, 1),
                            absl::CivilDay(2026, 12, 31));
    EXPECT_EQ(unbatched->size(), 1u);
    EXPECT_EQ(unbatched->at(0).entry_id, e2.id);
    EXPECT_EQ(unbatched->at(0).cap_count, 1);
    auto held = HeldBackOf(tx, Id(kMediator, 1), absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 12, 31));
    EXPECT_EQ(held->size(), 1u);
    EXPECT_EQ(held->at(0).entry_id, e2.id);
    EXPECT_EQ(held->at(0).reason, domain::HoldReason::kCapCount);
    EXPECT_TRUE(HeldBackOf(tx, Id(kMediator, 2), absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 12, 31))->empty());
    return absl::OkStatus();
  });
  StoreBatch(Batch(2, FundingSource::kUnion, 30000), {e2.id});
  EXPECT_EQ(Find(e2.id)->batch_id, Id(kBatch, 2));
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_TRUE(HeldBackOf(tx, Id(kMediator, 1), absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 12, 31))->empty())
        << "in a live batch again";
    EXPECT_TRUE(FreeEntries(tx, domain::SubtreeRange("420100"), absl::CivilDay(2026, 1, 1),
                            absl::CivilDay(2026, 12, 31))
                    ->empty());
    // Locked read.
    auto locked = FindBatch(tx, b.id, domain::AllCases(), true);
    EXPECT_TRUE(locked.ok() && locked->has_value());
    return absl::OkStatus();
  });
  // Batches are scoped by region ranges only (an admin sees them all).
  EXPECT_TRUE(FindB(b.id, RegionScope("420000")).has_value());
  EXPECT_TRUE(FindB(b.id, RegionScope("420100")).has_value());
  EXPECT_FALSE(FindB(b.id, RegionScope("420200")).has_value());
  EXPECT_FALSE(FindB(b.id, CommissionScope(commission_)).has_value());
  EXPECT_FALSE(FindB(b.id, EmptyScope()).has_value());
  EXPECT_FALSE(FindB(Id(kBatch, 99)).has_value());
  EXPECT_FALSE(FindB("nope").has_value());
}

TEST_F(SubsidyRepositoryTest, HeldBackOfListsAnEntryHeldTwiceOnce) {
  const LedgerEntry e = Accrual(1, 1, 50000, absl::CivilDay(2026, 10, 10));
  ASSERT_TRUE(Append(e).has_value());
  // Held back by a first batch's check, then again by a later interim
  // batch's; neither batch is cancelled.
  for (int n : {1, 2}) {
    SettlementBatch b = Batch(n);
    b.draft_time = absl::FromUnixMicros(1'790'000'000'000'000 + n * 1'000'000);
    StoreBatch(b, {e.id});
    domain::HeldItem held;
    held.entry_id = e.id;
    held.mediator_id = e.mediator_id;
    held.amount_fen = e.amount_fen;
    held.reason = n == 1 ? domain::HoldReason::kCapCount : domain::HoldReason::kCapAmount;
    held.detail = absl::StrCat("第", n, "次");
    Run([&](Tx& tx) { return HoldBack(tx, b.id, {held}); });
  }
  Run([&](Tx& tx) -> absl::Status {
    auto held = HeldBackOf(tx, Id(kMediator, 1), absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 12, 31));
    EXPECT_TRUE(held.ok());
    EXPECT_EQ(held->size(), 1u) << "one entry, listed once";
    if (!held->empty()) {
      EXPECT_EQ(held->at(0).entry_id, e.id);
      EXPECT_EQ(held->at(0).reason, domain::HoldReason::kCapAmount) << "the latest check's reason";
      EXPECT_EQ(held->at(0).detail, "第2次");
    }
    return absl::OkStatus();
  });
}

TEST_F(SubsidyRepositoryTest, BudgetLineSumsEntriesAndCountsApprovedAndPaidBatches) {
  int n = 0;
  auto budget = [&](const std::string& region, int year, FundingSource source, int64_t fen) {
    domain::BudgetEntry e;
    e.id = Id(kBudget, ++n);
    e.region_code = region;
    e.year = year;
    e.source = source;
    e.amount_fen = fen;
    e.note = absl::StrCat("预算", n);
    e.created_by = "token/funding";
    e.create_time = absl::FromUnixMicros(1'790'000'000'000'000 + n);
    Run([&](Tx& tx) { return InsertBudgetEntry(tx, e); });
  };
  budget("420100", 2026, FundingSource::kHrss, 1'000'000);
  budget("420100", 2026, FundingSource::kHrss, 200'000);  // a top-up
  budget("420100", 2026, FundingSource::kUnion, 300'000);
  budget("420100", 2027, FundingSource::kHrss, 999);
  budget("420200", 2026, FundingSource::kHrss, 5'000);
  // A budget entry is positive.
  domain::BudgetEntry zero;
  zero.id = Id(kBudget, 99);
  zero.region_code = "420100";
  zero.year = 2026;
  zero.source = FundingSource::kHrss;
  zero.note = "零";
  zero.created_by = "token/funding";
  zero.create_time = absl::Now();
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertBudgetEntry(tx, zero); }).ok());

  int b = 0;
  auto batch = [&](BatchStatus status, int64_t total, FundingSource source = FundingSource::kHrss,
                   int year = 2026) {
    SettlementBatch s = Batch(++b, source, total, year);
    StoreBatch(s, {});
    if (status == BatchStatus::kDraft) return;
    Advance(s, status);
    Run([&](Tx& tx) { return UpdateBatch(tx, s); });
  };
  batch(BatchStatus::kDraft, 100);
  batch(BatchStatus::kChecked, 200);
  batch(BatchStatus::kApproved, 400);
  batch(BatchStatus::kApproved, 4000);
  batch(BatchStatus::kPaid, 800);
  batch(BatchStatus::kCancelled, 1600);
  batch(BatchStatus::kApproved, 3200, FundingSource::kUnion);
  batch(BatchStatus::kPaid, 6400, FundingSource::kHrss, 2027);

  Run([&](Tx& tx) -> absl::Status {
    auto hrss = BudgetLineOf(tx, "420100", 2026, FundingSource::kHrss);
    EXPECT_TRUE(hrss.ok());
    EXPECT_EQ(hrss->source, FundingSource::kHrss);
    EXPECT_EQ(hrss->budgeted_fen, 1'200'000);
    EXPECT_EQ(hrss->approved_fen, 4400);
    EXPECT_EQ(hrss->paid_fen, 800);
    EXPECT_EQ(hrss->remaining(), 1'200'000 - 4400 - 800);
    auto union_line = BudgetLineOf(tx, "420100", 2026, FundingSource::kUnion);
    EXPECT_EQ(union_line->budgeted_fen, 300'000);
    EXPECT_EQ(union_line->approved_fen, 3200);
    EXPECT_EQ(union_line->paid_fen, 0);
    auto next_year = BudgetLineOf(tx, "420100", 2027, FundingSource::kHrss);
    EXPECT_EQ(next_year->budgeted_fen, 999);
    EXPECT_EQ(next_year->approved_fen, 0);
    EXPECT_EQ(next_year->paid_fen, 6400);
    auto huangshi = BudgetLineOf(tx, "420200", 2026, FundingSource::kHrss);
    EXPECT_EQ(huangshi->budgeted_fen, 5000);
    EXPECT_EQ(huangshi->approved_fen + huangshi->paid_fen, 0);
    auto none = BudgetLineOf(tx, "420200", 2030, FundingSource::kUnion);
    EXPECT_EQ(none->budgeted_fen + none->approved_fen + none->paid_fen, 0);

    auto entries = BudgetEntriesOf(tx, "420100", 2026);
    EXPECT_EQ(entries->size(), 3u);
    EXPECT_EQ(entries->at(0).id, Id(kBudget, 1));
    EXPECT_EQ(entries->at(0).region_code, "420100");
    EXPECT_EQ(entries->at(0).year, 2026);
    EXPECT_EQ(entries->at(0).source, FundingSource::kHrss);
    EXPECT_EQ(entries->at(0).amount_fen, 1'000'000);
    EXPECT_EQ(entries->at(0).note, "预算1");
    EXPECT_EQ(entries->at(0).created_by, "token/funding");
    EXPECT_EQ(entries->at(0).create_time, absl::FromUnixMicros(1'790'000'000'000'001));
    EXPECT_EQ(entries->at(2).source, FundingSource::kUnion);
    return absl::OkStatus();
  });
}

TEST_F(SubsidyRepositoryTest, PaymentsAreRecordedOncePerEntry) {
  SeedCase(2);
  const LedgerEntry e1 = Accrual(1, 1, 50000, absl::CivilDay(2026, 10, 10));
  const LedgerEntry e2 = Accrual(2, 2, 30000, absl::CivilDay(2026, 11, 11));
  ASSERT_TRUE(Append(e1).has_value());
  ASSERT_TRUE(Append(e2).has_value());
  SettlementBatch b = Batch(1, FundingSource::kHrss, 80000);
  StoreBatch(b, {e1.id, e2.id});
  // Four eyes in the database: the drafter does not approve.
  SettlementBatch self = b;
  Advance(self, BatchStatus::kApproved);
  self.approved_by = self.drafted_by;
  EXPECT_FALSE(Try([&](Tx& tx) { return UpdateBatch(tx, self); }).ok());
  // Approved: counted in prior settlements of the mediator's year.
  Advance(b, BatchStatus::kApproved);
  Run([&](Tx& tx) { return UpdateBatch(tx, b); });
  Run([&](Tx& tx) -> absl::Status {
    auto prior = PriorSettledOf(tx, {Id(kMediator, 1), Id(kMediator, 2)}, 2026);
    EXPECT_EQ(prior->size(), 2u);
    EXPECT_TRUE(PriorSettledOf(tx, {Id(kMediator, 1)}, 2027)->empty());
    EXPECT_TRUE(PriorSettledOf(tx, {Id(kMediator, 2)}, 2026)->empty());
    EXPECT_EQ(*LiveBatchStatusOf(tx, e1.id), BatchStatus::kApproved);
    return absl::OkStatus();
  });

  Advance(b, BatchStatus::kPaid);
  const absl::Time first = absl::FromUnixMicros(1'790'400'000'000'000);
  Run([&](Tx& tx) -> absl::Status {
    absl::Status s = LockSettlement(tx);
    if (!s.ok()) return s;
    s = UpdateBatch(tx, b);
    if (!s.ok()) return s;
    return RecordPayments(tx, b.id, first);
  });
  const absl::Status twice = Try([&](Tx& tx) { return RecordPayments(tx, b.id, absl::Now()); });
  EXPECT_FALSE(twice.ok()) << "a batch paid twice";
  EXPECT_TRUE(absl::StrContains(twice.message(), "23505")) << twice;
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_payments"), 2);
  EXPECT_EQ(Find(e1.id)->paid_time, first);
  EXPECT_EQ(Find(e2.id)->paid_time, first);
  const auto found = FindB(b.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, BatchStatus::kPaid);
  EXPECT_EQ(found->paid_by, "token/a");
  EXPECT_EQ(found->pay_time, b.pay_time);
  EXPECT_EQ(found->approved_by, "token/c");
  EXPECT_EQ(found->approve_time, b.approve_time);
  EXPECT_EQ(found->checked_by, "token/b");
  EXPECT_EQ(found->check_time, b.check_time);
  EXPECT_EQ(found->payment_reference, "国库集中支付-1");
  EXPECT_EQ(found->items.size(), 2u);

  // Paid once whatever happens to batches: released and put in another
  // batch, the entry still cannot be paid again.
  Run([&](Tx& tx) { return ReleaseBatch(tx, b.id); });
  StoreBatch(Batch(2, FundingSource::kHrss, 50000), {e1.id});
  EXPECT_FALSE(Try([&](Tx& tx) { return RecordPayments(tx, Id(kBatch, 2), absl::Now()); }).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM subsidy_payments"), 2);
  EXPECT_EQ(Scalar(absl::StrCat("SELECT count(*) FROM subsidy_payments WHERE batch_id = '", b.id, "'")), 2);
}

TEST_F(SubsidyRepositoryTest, LockSettlementSerializesTransactions) {
  std::atomic<bool> locked{false};
  std::atomic<bool> committing{false};
  absl::Status holder_status;
  std::thread holder([&] {
    holder_status = RunTransaction(*pool_, Deadline(), "holder", [&](Tx& tx) -> absl::Status {
      absl::Status s = LockSettlement(tx);
      if (!s.ok()) return s;
      locked = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      committing = true;  // the commit follows right after
      return absl::OkStatus();
    });
  });
  while (!locked.load()) std::this_thread::yield();
  bool saw_commit = false;
  const absl::Time start = absl::Now();
  absl::Duration waited;
  const absl::Status waiter = RunTransaction(*pool_, Deadline(), "waiter", [&](Tx& tx) -> absl::Status {
    absl::Status s = LockSettlement(tx);
    if (!s.ok()) return s;
    saw_commit = committing.load();
    waited = absl::Now() - start;
    return absl::OkStatus();
  });
  holder.join();
  EXPECT_TRUE(holder_status.ok()) << holder_status;
  EXPECT_TRUE(waiter.ok()) << waiter;
  EXPECT_TRUE(saw_commit) << "the second LockSettlement returned while the first transaction was open";
  EXPECT_GE(waited, absl::Milliseconds(200));
  // Released at commit: a later transaction takes it at once.
  const absl::Time again = absl::Now();
  Run([&](Tx& tx) { return LockSettlement(tx); });
  EXPECT_LT(absl::Now() - again, absl::Seconds(5));
}

TEST_F(SubsidyRepositoryTest, CaseTierDesignationAndSessionCount) {
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(*CaseTierDesignation(tx, Id(kCase, 1)), domain::SubsidyTier::kOrdinary) << "the default";
    absl::Status s = SetCaseTierDesignation(tx, Id(kCase, 1), domain::SubsidyTier::kComplex);
    if (!s.ok()) return s;
    EXPECT_EQ(*SessionsOfDelegation(tx, Id(kDelegation, 1)), 0);
    return absl::OkStatus();
  });
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(*CaseTierDesignation(tx, Id(kCase, 1)), domain::SubsidyTier::kComplex);
    return absl::OkStatus();
  });
  // COLLECTIVE is computed, never designated.
  EXPECT_FALSE(Try([&](Tx& tx) {
                 return SetCaseTierDesignation(tx, Id(kCase, 1), domain::SubsidyTier::kCollective);
               }).ok());
  domain::MediationSession s;
  s.id = Id(9, 1);
  s.case_id = Id(kCase, 1);
  s.delegation_id = Id(kDelegation, 1);
  s.held = absl::Now();
  s.place = "调解室";
  s.attendees = {"APPLICANT/0"};
  s.summary = "首次调解";
  s.recorded_by = "token/room";
  s.record_time = absl::Now();
  Run([&](Tx& tx) { return InsertSession(tx, s); });
  Run([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(*SessionsOfDelegation(tx, Id(kDelegation, 1)), 1);
    return absl::OkStatus();
  });
}

}  // namespace
}  // namespace caitiao::storage
