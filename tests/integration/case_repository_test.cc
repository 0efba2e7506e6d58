#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/errors.h"
#include "storage/case_repository.h"
#include "storage/idempotency_repository.h"
#include "storage/personal_data_cipher.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SampleContent;
using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::CaseRecord;
using domain::CaseState;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }


domain::CaseScope Regions(const std::string& code) {
  domain::CaseScope s;
  s.regions.push_back(domain::SubtreeRange(code));
  return s;
}

std::string UuidFor(int n) { return absl::StrFormat("00000000-0000-4000-8000-%012d", n); }

class CaseRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = SeedWuhanCommission(*pool_);
  }

  CaseRecord NewRecord(int n, absl::Time received, const std::string& worker = "张三") {
    CaseRecord c;
    c.id = UuidFor(n);
    c.case_number = absl::StrCat("TEST-", n);
    c.commission_id = commission_;
    c.region_code = "420100";
    c.state = CaseState::kReceived;
    c.content = SampleContent(worker);
    c.receive_time = received;
    c.update_time = received;
    c.version = 1;
    return c;
  }

  void Insert(const CaseRecord& c) {
    ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "insert", [&](Tx& tx) { return InsertCase(tx, c, "tester"); }).ok());
  }

  std::optional<CaseRecord> Find(const std::string& id) {
    std::optional<CaseRecord> out;
    EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "find", [&](Tx& tx) {
                  auto r = FindCase(tx, id, domain::AllCases(), false);
                  if (r.ok()) out = *r;
                  return r.status();
                }).ok());
    return out;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

TEST_F(CaseRepositoryTest, InsertThenFindRoundTripsEveryField) {
  const absl::Time t = absl::FromUnixMicros(1795000000123456);
  CaseRecord c = NewRecord(1, t);
  c.content.respondents[0].other_identity_document = std::nullopt;
  Insert(c);
  auto found = Find(c.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->content, c.content);
  EXPECT_EQ(found->case_number, c.case_number);
  EXPECT_EQ(found->commission_id, commission_);
  EXPECT_EQ(found->state, CaseState::kReceived);
  EXPECT_EQ(found->receive_time, t) << "microsecond precision must survive";
  EXPECT_EQ(found->version, 1);
  ASSERT_EQ(found->content.claims.size(), 2u);
  EXPECT_EQ(found->content.claims[0].amount_fen, 1234500);
  EXPECT_FALSE(found->content.claims[1].amount_fen.has_value()) << "no amount stays no amount, not 0";
}

TEST_F(CaseRepositoryTest, FindOfUnknownOrMalformedIdIsEmpty) {
  EXPECT_FALSE(Find(UuidFor(999)).has_value());
  EXPECT_FALSE(Find("not-a-uuid'; DROP TABLE cases; --").has_value());
}

TEST_F(CaseRepositoryTest, CaseNumberSequenceIsPerCommissionAndYearAndRollsBackWithItsTransaction) {
  auto next = [&](int year, bool commit) {
    int64_t seq = 0;
    absl::Status s = RunTransaction(*pool_, Deadline(), "seq", [&](Tx& tx) -> absl::Status {
      auto r = NextCaseSequence(tx, commission_, year);
      if (!r.ok()) return r.status();
      seq = *r;
      return commit ? absl::OkStatus() : absl::AbortedError("roll back");
    });
    EXPECT_EQ(s.ok(), commit);
    return seq;
  };
  EXPECT_EQ(next(2026, true), 1);
  EXPECT_EQ(next(2026, true), 2);
  EXPECT_EQ(next(2026, false), 3);
  EXPECT_EQ(next(2026, true), 3) << "a rolled back number is not lost";
  EXPECT_EQ(next(2027, true), 1) << "each year starts again";
}

TEST_F(CaseRepositoryTest, ConcurrentSequenceAllocationsAreDistinct) {
  std::vector<int64_t> got(8 * 10);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        absl::Status s = RunTransaction(*pool_, Deadline(), "seq", [&](Tx& tx) -> absl::Status {
          auto r = NextCaseSequence(tx, commission_, 2026);
          if (r.ok()) got[t * 10 + i] = *r;
          return r.status();
        });
        if (!s.ok()) ADD_FAILURE() << s;  // the pool of 4 must absorb 8 threads by waiting
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> distinct(got.begin(), got.end());
  EXPECT_EQ(distinct.size(), got.size());
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), static_cast<int64_t>(got.size()));
}

TEST_F(CaseRepositoryTest, KeysetPaginationOverThousandsOfRowsHasNoGapsOrDuplicates) {
  constexpr int kCases = 2500;
  const absl::Time base = absl::FromUnixSeconds(1790000000);
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "bulk", [&](Tx& tx) {
                for (int i = 0; i < kCases; ++i) {
                  // Groups of 5 share a receive time: the id must break ties.
                  auto s = InsertCase(tx, NewRecord(i, base + absl::Seconds(i / 5)), "tester");
                  if (!s.ok()) return s;
                }
                return absl::OkStatus();
              }).ok());
  std::vector<std::string> seen;
  std::optional<CaseCursor> after;
  int pages = 0;
  while (true) {
    std::vector<CaseRecord> page;
    ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "list", [&](Tx& tx) {
                  auto r = ListCases(tx, {}, domain::AllCases(), after, 300);
                  if (r.ok()) page = *r;
                  return r.status();
                }).ok());
    ++pages;
    for (const auto& c : page) seen.push_back(c.id);
    if (page.size() < 300) break;
    after = CaseCursor{page.back().receive_time, page.back().id};
  }
  EXPECT_EQ(pages, 9);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kCases));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  EXPECT_EQ(seen.front(), UuidFor(kCases - 1)) << "newest first";
  EXPECT_EQ(seen.back(), UuidFor(0));
}

TEST_F(CaseRepositoryTest, FiltersCompileToMatchingRows) {
  const absl::Time base = absl::FromUnixSeconds(1790000000);
  Insert(NewRecord(1, base, "张三"));
  Insert(NewRecord(2, base + absl::Seconds(10), "李四"));
  CaseRecord filed = NewRecord(3, base + absl::Seconds(20), "王五_100%");
  filed.state = CaseState::kFiled;
  filed.content.claims = {{domain::DisputeType::kLaborContract, "解除合同", std::nullopt}};
  Insert(filed);

  auto ids = [&](domain::CaseFilter f, domain::CaseScope scope = domain::AllCases()) {
    std::vector<std::string> out;
    EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "list", [&](Tx& tx) {
                  auto r = ListCases(tx, f, scope, std::nullopt, 100);
                  if (r.ok()) {
                    for (auto& c : *r) out.push_back(c.id);
                  }
                  return r.status();
                }).ok());
    return out;
  };
  domain::CaseFilter f;
  f.state = CaseState::kFiled;
  EXPECT_EQ(ids(f), std::vector<std::string>{UuidFor(3)});
  f = {};
  f.dispute_type = domain::DisputeType::kRemunerationCompensation;
  EXPECT_EQ(ids(f), (std::vector<std::string>{UuidFor(2), UuidFor(1)}));
  f = {};
  f.party_name_contains = "李";
  EXPECT_EQ(ids(f), std::vector<std::string>{UuidFor(2)});
  f.party_name_contains = "_100%";
  EXPECT_EQ(ids(f), std::vector<std::string>{UuidFor(3)}) << "LIKE wildcards are matched literally";
  f.party_name_contains = "%";
  EXPECT_EQ(ids(f), std::vector<std::string>{UuidFor(3)});
  f = {};
  f.receive_time_min = base + absl::Seconds(10);
  f.receive_time_max_exclusive = base + absl::Seconds(20);
  EXPECT_EQ(ids(f), std::vector<std::string>{UuidFor(2)});
  f = {};
  f.region_code = "420000";
  EXPECT_EQ(ids(f).size(), 3u) << "a province filter includes its cities";
  f.region_code = "420500";
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.commission_id = commission_;
  EXPECT_EQ(ids(f).size(), 3u);
  f.commission_id = "not-a-uuid";
  EXPECT_TRUE(ids(f).empty());
  EXPECT_TRUE(ids({}, Regions("420500")).empty()) << "a caller scoped to Yichang sees no Wuhan case";
  EXPECT_EQ(ids({}, Regions("420000")).size(), 3u);
  EXPECT_EQ(ids({}, Regions("420100")).size(), 3u);
  EXPECT_TRUE(ids({}, Regions("420102")).empty()) << "a county scope excludes its city's own cases";
  domain::CaseScope staff;
  staff.commission_ids = {commission_};
  EXPECT_EQ(ids({}, staff).size(), 3u);
  staff.commission_ids = {UuidFor(999)};
  EXPECT_TRUE(ids({}, staff).empty()) << "staff of another commission see nothing";
  staff.commission_ids = {"not-a-uuid"};
  EXPECT_TRUE(ids({}, staff).empty());
  domain::CaseScope room;
  room.delegated_room_id = UuidFor(77);
  EXPECT_TRUE(ids({}, room).empty()) << "a room sees no case that was not delegated to it";
  EXPECT_TRUE(ids({}, domain::CaseScope{}).empty()) << "an empty scope sees nothing";
  f = {};
  f.party_resident_id_number = "11010519491231002X";
  EXPECT_EQ(ids(f).size(), 3u) << "lookup by identity number goes through the keyed hash";
  f.party_resident_id_number = "110105194912310038";
  EXPECT_TRUE(ids(f).empty());
}

TEST_F(CaseRepositoryTest, UpdateReplacesContentAndBumpsVersion) {
  CaseRecord c = NewRecord(1, absl::Now());
  Insert(c);
  c.content.claims = {{domain::DisputeType::kOther, "其他", 1}};
  c.content.applicants[0].agents.clear();
  c.state = CaseState::kWithdrawn;
  c.withdrawal_reason = "已和解";
  c.update_time = absl::Now();
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "update", [&](Tx& tx) { return UpdateCase(tx, c, true); }).ok());
  auto found = Find(c.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->content, c.content);
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->state, CaseState::kWithdrawn);
  EXPECT_EQ(found->withdrawal_reason, "已和解");
}

TEST_F(CaseRepositoryTest, EventsAreAppendOnlyAndOrdered) {
  CaseRecord c = NewRecord(1, absl::Now());
  Insert(c);
  for (const char* kind : {"CASE_CREATED", "CASE_UPDATED", "CASE_WITHDRAWN"}) {
    domain::CaseEvent e{0, c.id, kind, CaseState::kReceived, CaseState::kWithdrawn, "alice", "arbitration_staff",
                        absl::Now(), "", "rid", ""};
    ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "event", [&](Tx& tx) { return AppendCaseEvent(tx, e).status(); }).ok());
  }
  std::vector<domain::CaseEvent> events;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "events", [&](Tx& tx) {
                auto r = ListCaseEvents(tx, c.id, 0, 10);
                if (r.ok()) events = *r;
                return r.status();
              }).ok());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, "CASE_CREATED");
  EXPECT_LT(events[0].sequence, events[1].sequence);
  absl::Status edit = RunTransaction(*pool_, Deadline(), "tamper", [&](Tx& tx) {
    tx.exec("UPDATE case_events SET kind = 'FORGED'");
    return absl::OkStatus();
  });
  EXPECT_EQ(edit.code(), absl::StatusCode::kInternal) << "the trigger must refuse edits";
  absl::Status del = RunTransaction(*pool_, Deadline(), "tamper", [&](Tx& tx) {
    tx.exec("DELETE FROM case_events");
    return absl::OkStatus();
  });
  EXPECT_EQ(del.code(), absl::StatusCode::kInternal);
}

TEST_F(CaseRepositoryTest, RowLockMakesConcurrentReadModifyWriteSerial) {
  CaseRecord c = NewRecord(1, absl::Now());
  Insert(c);
  // 6 writers each read the version under FOR UPDATE and bump it: with the
  // lock no update is lost.
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      absl::Status s = RunTransaction(*pool_, Deadline(), "bump", [&](Tx& tx) -> absl::Status {
        auto found = FindCase(tx, c.id, domain::AllCases(), /*lock=*/true);
        if (!found.ok()) return found.status();
        CaseRecord r = **found;
        r.update_time = absl::Now();
        return UpdateCase(tx, r, false);
      });
      if (!s.ok()) ADD_FAILURE() << s;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Find(c.id)->version, 7);
}

TEST_F(CaseRepositoryTest, FailedBodyRollsBackEverything) {
  CaseRecord c = NewRecord(1, absl::Now());
  absl::Status s = RunTransaction(*pool_, Deadline(), "half", [&](Tx& tx) -> absl::Status {
    auto st = InsertCase(tx, c, "tester");
    if (!st.ok()) return st;
    return absl::FailedPreconditionError("refused after writing");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(Find(c.id).has_value()) << "nothing half-written";
}

TEST_F(CaseRepositoryTest, IdempotencyClaimReplayAndReuse) {
  IdempotencyKey key{"alice", "CreateCase", "req-1"};
  auto run = [&](const std::string& request, const std::string& response) {
    absl::StatusOr<std::optional<std::string>> prior;
    absl::Status s = RunTransaction(*pool_, Deadline(), "idem", [&](Tx& tx) -> absl::Status {
      prior = ClaimRequest(tx, key, request);
      if (!prior.ok()) return prior.status();
      if (*prior) return absl::OkStatus();
      return RecordResponse(tx, key, response);
    });
    return std::make_pair(s, prior);
  };
  auto [s1, p1] = run(std::string("request\0bytes", 13), "response-1");
  ASSERT_TRUE(s1.ok());
  EXPECT_FALSE(p1->has_value()) << "first time: claimed";
  auto [s2, p2] = run(std::string("request\0bytes", 13), "response-2");
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(p2->has_value());
  EXPECT_EQ(**p2, "response-1") << "a retry gets the stored response";
  auto [s3, p3] = run("other request", "response-3");
  EXPECT_EQ(s3.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(domain::ReasonOf(s3).value_or(""), "REQUEST_ID_REUSED");
}

}  // namespace
TEST_F(CaseRepositoryTest, FindCaseAppliesTheScopeInItsQuery) {
  Insert(NewRecord(1, absl::Now()));
  auto visible = [&](const domain::CaseScope& scope, bool lock) {
    bool found = false;
    EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "find", [&](Tx& tx) {
                  auto r = FindCase(tx, UuidFor(1), scope, lock);
                  if (r.ok()) found = r->has_value();
                  return r.status();
                }).ok());
    return found;
  };
  domain::CaseScope staff;
  staff.commission_ids = {commission_};
  domain::CaseScope other_staff;
  other_staff.commission_ids = {UuidFor(999), UuidFor(998)};
  domain::CaseScope room;
  room.delegated_room_id = UuidFor(77);
  domain::CaseScope both_regions;
  both_regions.regions = {domain::SubtreeRange("420500"), domain::SubtreeRange("420100")};
  for (bool lock : {false, true}) {
    EXPECT_TRUE(visible(domain::AllCases(), lock));
    EXPECT_TRUE(visible(staff, lock));
    EXPECT_FALSE(visible(other_staff, lock)) << "another commission's staff";
    EXPECT_FALSE(visible(room, lock)) << "a room it is not delegated to";
    EXPECT_TRUE(visible(Regions("420000"), lock));
    EXPECT_TRUE(visible(both_regions, lock)) << "any one of several regions";
    EXPECT_FALSE(visible(Regions("420500"), lock));
    EXPECT_FALSE(visible(Regions("420102"), lock)) << "a county scope excludes its city's own cases";
    EXPECT_FALSE(visible(domain::CaseScope{}, lock)) << "an empty scope sees nothing";
  }
}

TEST_F(CaseRepositoryTest, IdentityNumbersAreEncryptedAtRest) {
  Insert(NewRecord(1, absl::Now()));
  int64_t clear = -1, sealed = -1;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "inspect", [&](Tx& tx) {
                // Whole rows as text: the number appears in no column, in any form.
                clear = tx.exec1("SELECT count(*) FROM case_parties p WHERE p::text LIKE '%11010519491231002X%' "
                                 "OR encode(p.resident_id_number_enc, 'escape') LIKE '%11010519491231002X%'")[0]
                            .as<int64_t>();
                sealed = tx.exec1("SELECT count(*) FROM case_parties WHERE resident_id_number_enc IS NOT NULL "
                                  "AND resident_id_number_hash IS NOT NULL AND resident_id_number = ''")[0]
                             .as<int64_t>();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(clear, 0) << "an identity number is stored in clear";
  EXPECT_EQ(sealed, 1);
  auto found = Find(UuidFor(1));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->content.applicants[0].resident_id_number, "11010519491231002X") << "decrypts on read";
}

TEST_F(CaseRepositoryTest, LegacyPlaintextIdentityNumbersAreSealedAtStartUp) {
  CaseRecord c = NewRecord(1, absl::Now());
  Insert(c);
  // As an earlier version stored it: in clear, with no ciphertext.
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "legacy", [&](Tx& tx) {
                tx.exec0("UPDATE case_parties SET resident_id_number = '11010519491231002X', "
                         "resident_id_number_enc = NULL, resident_id_number_hash = NULL WHERE side = 'APPLICANT'");
                return absl::OkStatus();
              }).ok());
  int64_t changed = 0;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "seal", [&](Tx& tx) -> absl::Status {
                auto n = EncryptLegacyIdentityNumbers(tx);
                if (n.ok()) changed = *n;
                return n.status();
              }).ok());
  EXPECT_GE(changed, 1);
  int64_t clear = -1;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "inspect", [&](Tx& tx) {
                clear = tx.exec1("SELECT count(*) FROM case_parties WHERE resident_id_number <> ''")[0].as<int64_t>();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(clear, 0);
  auto found = Find(c.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->content, c.content);
}

TEST_F(CaseRepositoryTest, CountCasesGroupsByRegionAndStateWithinScope) {
  const absl::Time base = absl::FromUnixSeconds(1790000000);
  Insert(NewRecord(1, base));
  Insert(NewRecord(2, base + absl::Seconds(1)));
  CaseRecord filed = NewRecord(3, base + absl::Seconds(2));
  filed.state = CaseState::kFiled;
  Insert(filed);
  std::vector<CaseCount> counts;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "count", [&](Tx& tx) -> absl::Status {
                auto r = CountCases(tx, {}, Regions("420000"));
                if (r.ok()) counts = *r;
                return r.status();
              }).ok());
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].region_code, "420100");
  EXPECT_EQ(counts[0].state, CaseState::kFiled);
  EXPECT_EQ(counts[0].cases, 1);
  EXPECT_EQ(counts[1].state, CaseState::kReceived);
  EXPECT_EQ(counts[1].cases, 2);
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "count", [&](Tx& tx) -> absl::Status {
                auto r = CountCases(tx, {}, Regions("420500"));
                if (r.ok()) counts = *r;
                return r.status();
              }).ok());
  EXPECT_TRUE(counts.empty()) << "Yichang's reporting scope counts no Wuhan case";
}

}  // namespace caitiao::storage
