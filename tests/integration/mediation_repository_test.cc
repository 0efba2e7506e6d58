// Sessions, agreements, signatures, performances and documents against a real
// PostgreSQL: round trips, one current agreement per case, performance sums,
// numbers that are never reused under concurrency, and the append-only
// tables refusing edits in the database itself.
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/mediation_outcome.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/mediation_repository.h"
#include "storage/room_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::CaseRecord;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }
std::string Id(int kind, int n) { return absl::StrFormat("00000000-0000-4000-%04d-%012d", 8100 + kind, n); }

class MediationRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = SeedWuhanCommission(*pool_);
    const domain::MediationRoom room = caitiao::testing::SampleRoom(Id(1, 1), "调解工作室", commission_, 5);
    Run([&](Tx& tx) { return InsertRoom(tx, room); });
    const CaseRecord c =
        caitiao::testing::SampleCase(Id(2, 1), "T-1", commission_, domain::CaseState::kInMediation);
    Run([&](Tx& tx) { return InsertCase(tx, c, "tester"); });
    const domain::Delegation d = caitiao::testing::SampleDelegation(Id(3, 1), c.id, room.id, 1);
    Run([&](Tx& tx) { return InsertDelegation(tx, d); });
  }

  void Run(const TxBody& body) {
    absl::Status s = RunTransaction(*pool_, Deadline(), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }
  absl::Status Try(const TxBody& body) { return RunTransaction(*pool_, Deadline(), "test", body); }

  domain::Agreement Draft(int n) {
    domain::Agreement a;
    a.id = Id(4, n);
    a.case_id = Id(2, 1);
    a.delegation_id = Id(3, 1);
    a.number = absl::StrCat("鄂武劳人仲调协字〔2026〕第", n, "号");
    a.terms = "分两期支付";
    domain::Obligation money;
    money.obligor_side = domain::PartySide::kRespondent;
    money.obligee_side = domain::PartySide::kApplicant;
    money.kind = domain::ObligationKind::kMoney;
    money.amount_fen = 1000;
    money.due = absl::CivilDay(2027, 1, 31);
    domain::Obligation act = money;
    act.position = 1;
    act.kind = domain::ObligationKind::kAct;
    act.amount_fen = 0;
    act.description = "出具证明";
    a.obligations = {money, act};
    a.total_fen = 1000;
    a.drafted_by = "token/room";
    a.draft_time = absl::FromUnixSeconds(1'790'000'000);
    return a;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

TEST_F(MediationRepositoryTest, AgreementRoundTripsWithObligationsSignaturesAndPerformances) {
  const domain::Agreement a = Draft(1);
  Run([&](Tx& tx) { return InsertAgreement(tx, a); });
  domain::SignatureItem item;
  item.item = "APPLICANT/0";
  item.form = domain::SignatureForm::kFingerprint;
  item.signed_time = absl::FromUnixSeconds(1'790'000'100);
  item.evidence_ref = "原件";
  item.recorded_by = "token/room";
  item.record_time = absl::FromUnixSeconds(1'790'000'200);
  Run([&](Tx& tx) { return InsertSignature(tx, a.id, item); });
  for (int64_t fen : {300, 700}) {
    domain::Performance p;
    p.id = Id(5, static_cast<int>(fen));
    p.agreement_id = a.id;
    p.obligation = 0;
    p.amount_fen = fen;
    p.performed_on = absl::CivilDay(2026, 12, 1);
    p.evidence_ref = "流水";
    p.recorded_by = "token/room";
    p.record_time = absl::Now();
    Run([&](Tx& tx) { return InsertPerformance(tx, p); });
  }
  Run([&](Tx& tx) -> absl::Status {
    auto found = FindAgreement(tx, a.case_id);
    EXPECT_TRUE(found.ok() && found->has_value());
    const domain::Agreement& got = **found;
    EXPECT_EQ(got.number, a.number);
    EXPECT_EQ(got.obligations.size(), 2u);
    EXPECT_EQ(got.obligations[1].kind, domain::ObligationKind::kAct);
    EXPECT_EQ(got.obligations[1].description, "出具证明");
    EXPECT_EQ(got.obligations[0].due, absl::CivilDay(2027, 1, 31));
    EXPECT_EQ(got.signatures.size(), 1u);
    EXPECT_EQ(got.signatures[0].form, domain::SignatureForm::kFingerprint);
    EXPECT_EQ(got.signatures[0].signed_time, item.signed_time);
    auto performances = ListPerformances(tx, a.id);
    EXPECT_TRUE(performances.ok());
    EXPECT_EQ(domain::PerformedOf(*performances, 0), 1000);
    EXPECT_TRUE(domain::IsObligationPerformed(got.obligations[0], *performances));
    return absl::OkStatus();
  });
  // The same checklist item twice violates the key.
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertSignature(tx, a.id, item); }).ok());
}

TEST_F(MediationRepositoryTest, OneCurrentAgreementPerCaseAndVoidedOnesStay) {
  domain::Agreement first = Draft(1);
  Run([&](Tx& tx) { return InsertAgreement(tx, first); });
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertAgreement(tx, Draft(2)); }).ok()) << "two current agreements";
  first.void_time = absl::Now();
  first.void_reason = "重拟";
  first.voided_by = "token/room";
  Run([&](Tx& tx) { return VoidAgreement(tx, first); });
  Run([&](Tx& tx) { return InsertAgreement(tx, Draft(2)); });
  Run([&](Tx& tx) -> absl::Status {
    auto current = FindAgreement(tx, first.case_id);
    EXPECT_EQ((*current)->id, Id(4, 2));
    auto old = FindAgreement(tx, first.case_id, first.id);
    EXPECT_TRUE((*old)->void_time.has_value());
    EXPECT_EQ((*old)->void_reason, "重拟");
    return absl::OkStatus();
  });
}

TEST_F(MediationRepositoryTest, DocumentNumbersFromConcurrentTransactionsAreDistinctAndGapless) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<int64_t> seqs;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        int64_t got = 0;
        absl::Status s = RunTransaction(*pool_, Deadline(), "seq", [&](Tx& tx) -> absl::Status {
          auto seq = NextDocumentSequence(tx, commission_, "MEDIATION_AGREEMENT", 2026);
          if (!seq.ok()) return seq.status();
          got = *seq;
          return absl::OkStatus();
        });
        if (!s.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        seqs.push_back(got);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<int64_t> distinct(seqs.begin(), seqs.end());
  EXPECT_EQ(distinct.size(), seqs.size()) << "a number was handed out twice";
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), kThreads * kEach) << "a number was skipped";
}

TEST_F(MediationRepositoryTest, AppendOnlyTablesRefuseEditsInTheDatabase) {
  const domain::Agreement a = Draft(1);
  Run([&](Tx& tx) { return InsertAgreement(tx, a); });
  domain::Document d;
  d.id = Id(6, 1);
  d.kind = domain::DocumentKind::kMediationAgreement;
  d.number = a.number;
  d.case_id = a.case_id;
  d.issuer = Id(1, 1);
  d.issued_by = "token/room";
  d.issue_time = absl::Now();
  d.rendering = "调解协议书\n";
  d.sha256 = "0f";
  Run([&](Tx& tx) { return InsertDocument(tx, d); });
  EXPECT_FALSE(Try([&](Tx& tx) { return InsertDocument(tx, d); }).ok()) << "a document number is unique";
  domain::MediationSession s;
  s.id = Id(7, 1);
  s.case_id = a.case_id;
  s.delegation_id = Id(3, 1);
  s.held = absl::Now();
  s.place = "调解室";
  s.attendees = {"APPLICANT/0", "AGENT:律师 \"甲\", {乙}"};
  s.summary = "首次调解";
  s.recorded_by = "token/room";
  s.record_time = absl::Now();
  Run([&](Tx& tx) { return InsertSession(tx, s); });
  Run([&](Tx& tx) -> absl::Status {
    auto sessions = ListSessions(tx, a.case_id);
    EXPECT_EQ((*sessions).at(0).attendees, s.attendees);
    return absl::OkStatus();
  });
  for (const char* sql : {"UPDATE documents SET sha256 = 'x'", "DELETE FROM documents",
                          "UPDATE mediation_sessions SET summary = 'x'", "DELETE FROM agreement_obligations",
                          "UPDATE agreement_obligations SET amount_fen = 1"}) {
    const absl::Status edit = Try([&](Tx& tx) -> absl::Status {
      tx.exec(sql);
      return absl::OkStatus();
    });
    EXPECT_FALSE(edit.ok()) << sql << " was allowed";
  }
}

}  // namespace
}  // namespace caitiao::storage
