// Every ListCases filter, in every kind of caller scope, on its first page
// and on a deep one, is planned without a sequential scan of the cases table:
// what keeps a list page flat from 10^4 to 10^6 cases is an index under each
// of them. The query is the one ListCases runs (ListCasesQuery), EXPLAINed on
// 20,000 analysed cases spread over commissions, regions, states, rooms and
// deadlines.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/domain/region_rules.h"
#include "storage/case_repository.h"
#include "storage/directory_repository.h"
#include "storage/room_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SampleContent;
using caitiao::testing::SampleRoom;
using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::CaseState;

constexpr int kCases = 20000;
constexpr char kRoomId[] = "00000000-0000-4000-8000-0000000000aa";

absl::Time Deadline() { return absl::Now() + absl::Seconds(120); }

class ListPlansTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase()).release();
    commission_ = SeedWuhanCommission(*pool_);
    const absl::Time base = absl::FromUnixSeconds(1760000000);
    const CaseState states[] = {CaseState::kReceived, CaseState::kFiled, CaseState::kDelegated,
                                CaseState::kInMediation, CaseState::kMediated, CaseState::kWithdrawn,
                                CaseState::kClosed};
    const char* counties[] = {"420102", "420103", "420104", "420106", "420111"};
    absl::Status s = RunTransaction(*pool_, Deadline(), "bulk", [&](Tx& tx) -> absl::Status {
      for (const char* county : counties) {
        InsertRegion(tx, {county, absl::StrCat("区", county), domain::RegionLevel::kCounty, "420100", {}})
            .IgnoreError();
      }
      auto other = InsertCommission(tx, {"", "420102", "江岸区劳动人事争议仲裁委员会", "江岸劳人仲〔{year}〕{seq}号", {}});
      if (!other.ok()) return other.status();
      other_commission_ = other->id;
      if (auto r = InsertRoom(tx, SampleRoom(kRoomId, "江岸区裁调对接工作室", commission_, 50)); !r.ok()) return r;
      for (int i = 0; i < kCases; ++i) {
        domain::CaseRecord c;
        c.id = absl::StrFormat("00000000-0000-4000-8000-%012d", i);
        c.case_number = absl::StrCat("PLAN-", i);
        c.commission_id = i % 10 == 0 ? other_commission_ : commission_;
        c.region_code = i % 10 == 0 ? "420102" : counties[i % 5];
        c.state = states[i % 7];
        c.content = SampleContent(absl::StrCat("工人", i));
        c.receive_time = base + absl::Minutes(i);
        c.update_time = c.receive_time;
        c.version = 1;
        if (auto r = InsertCase(tx, c, "tester"); !r.ok()) return r;
        if (c.state == CaseState::kDelegated || c.state == CaseState::kInMediation) {
          if (auto r = SetCaseDelegation(tx, c.id, kRoomId, absl::CivilDay(2026, 1, 1) + i % 700); !r.ok()) return r;
        }
      }
      tx.exec("ANALYZE cases; ANALYZE case_parties; ANALYZE case_claims");
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  static void TearDownTestSuite() {
    delete pool_;
    pool_ = nullptr;
  }

  // The plan of ListCases' query, as EXPLAIN prints it.
  std::string PlanOf(const domain::CaseFilter& f, const domain::CaseScope& scope,
                     const std::optional<CaseCursor>& after) {
    std::string plan;
    absl::Status s = RunTransaction(*pool_, Deadline(), "explain", [&](Tx& tx) -> absl::Status {
      auto q = ListCasesQuery(f, scope, after, 51);
      if (!q.ok()) return q.status();
      if (!*q) return absl::InvalidArgumentError("the filter matches nothing");
      pqxx::result r = tx.exec_params(absl::StrCat("EXPLAIN ", (*q)->sql),
                                      pqxx::prepare::make_dynamic_params((*q)->params));
      std::vector<std::string> lines;
      for (const auto& row : r) lines.push_back(row[0].as<std::string>());
      plan = absl::StrJoin(lines, "\n");
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return plan;
  }

  static inline ConnectionPool* pool_ = nullptr;
  static inline std::string commission_;
  static inline std::string other_commission_;
};

TEST_F(ListPlansTest, NoFilterScopeOrPageScansTheCasesTable) {
  std::vector<std::pair<std::string, domain::CaseFilter>> filters;
  auto add = [&](std::string name, auto set) {
    domain::CaseFilter f;
    f.today = absl::CivilDay(2026, 6, 1);
    set(f);
    filters.emplace_back(std::move(name), f);
  };
  add("none", [](domain::CaseFilter&) {});
  add("commission_id", [](domain::CaseFilter& f) { f.commission_id = other_commission_; });
  add("region_code city", [](domain::CaseFilter& f) { f.region_code = "420100"; });
  add("region_code county", [](domain::CaseFilter& f) { f.region_code = "420104"; });
  add("state", [](domain::CaseFilter& f) { f.state = CaseState::kDelegated; });
  add("dispute_type", [](domain::CaseFilter& f) { f.dispute_type = domain::DisputeType::kRemunerationCompensation; });
  add("receive_time range", [](domain::CaseFilter& f) {
    f.receive_time_min = absl::FromUnixSeconds(1760000000) + absl::Hours(24 * 5);
    f.receive_time_max_exclusive = absl::FromUnixSeconds(1760000000) + absl::Hours(24 * 6);
  });
  add("party_name", [](domain::CaseFilter& f) { f.party_name_contains = "工人1234"; });
  add("party_resident_id_number", [](domain::CaseFilter& f) { f.party_resident_id_number = "11010519491231002X"; });
  add("overdue", [](domain::CaseFilter& f) { f.overdue = true; });
  add("not overdue", [](domain::CaseFilter& f) { f.overdue = false; });
  add("due_before", [](domain::CaseFilter& f) { f.due_before = absl::CivilDay(2026, 2, 1); });
  add("state and region", [](domain::CaseFilter& f) {
    f.state = CaseState::kReceived;
    f.region_code = "420102";
  });

  std::vector<std::pair<std::string, domain::CaseScope>> scopes;
  scopes.emplace_back("admin", domain::AllCases());
  domain::CaseScope staff;
  staff.commission_ids = {commission_};
  scopes.emplace_back("commission staff", staff);
  domain::CaseScope region;
  region.regions.push_back(domain::SubtreeRange("420102"));
  scopes.emplace_back("region (reporting)", region);
  domain::CaseScope room;
  room.delegated_room_id = kRoomId;
  scopes.emplace_back("room staff", room);

  // A deep page: half way back through the cases.
  const CaseCursor deep{absl::FromUnixSeconds(1760000000) + absl::Minutes(kCases / 2),
                        absl::StrFormat("00000000-0000-4000-8000-%012d", kCases / 2)};
  int plans = 0;
  for (const auto& [fname, f] : filters) {
    for (const auto& [sname, scope] : scopes) {
      for (const auto& [pname, after] : {std::pair{"first page", std::optional<CaseCursor>()},
                                         std::pair{"deep page", std::optional<CaseCursor>(deep)}}) {
        const std::string plan = PlanOf(f, scope, after);
        ++plans;
        EXPECT_EQ(plan.find("Seq Scan on cases"), std::string::npos)
            << "filter " << fname << ", scope " << sname << ", " << pname << ":\n" << plan;
      }
    }
  }
  EXPECT_EQ(plans, 13 * 4 * 2);
}

// The check above can fail: without the index that serves the unfiltered
// list, PostgreSQL scans the table (and sorts it) for the first page.
TEST_F(ListPlansTest, WithoutItsIndexTheUnfilteredListScansTheTable) {
  int64_t cases = 0;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "drop", [&](Tx& tx) -> absl::Status {
                cases = tx.exec("SELECT count(*) FROM cases")[0][0].as<int64_t>();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(cases, kCases);
  std::string plan;
  absl::Status s = RunTransaction(*pool_, Deadline(), "explain without the index", [&](Tx& tx) -> absl::Status {
    tx.exec("DROP INDEX cases_received_idx");
    auto q = ListCasesQuery({}, domain::AllCases(), std::nullopt, 51);
    if (!q.ok()) return q.status();
    pqxx::result r = tx.exec_params(absl::StrCat("EXPLAIN ", (*q)->sql), pqxx::prepare::make_dynamic_params((*q)->params));
    for (const auto& row : r) absl::StrAppend(&plan, row[0].as<std::string>(), "\n");
    return absl::AbortedError("roll the DROP INDEX back");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
  EXPECT_NE(plan.find("Seq Scan on cases"), std::string::npos) << plan;
}

}  // namespace
}  // namespace caitiao::storage
