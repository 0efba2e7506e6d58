#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "services/domain/builtin_calendars.h"
#include "services/domain/errors.h"
#include "storage/policy_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using absl::CivilDay;
using caitiao::testing::TestCluster;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }
const absl::Time kNow = absl::FromUnixSeconds(1796000000);

constexpr char k2027[] =
    "year 2027\n"
    "version 国办发明电〔2026〕9号\n"
    "holiday 2027-01-01 2027-01-03\n"
    "holiday 2027-02-06 2027-02-12\n"
    "workday 2027-02-13\n";

class PolicyRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dsn_ = TestCluster::Get().FreshDatabase();
    pool_ = TestCluster::PoolFor(dsn_);
  }

  // Runs `body` in a transaction and expects it to commit.
  void InTx(const TxBody& body) {
    const absl::Status s = RunTransaction(*pool_, Deadline(), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }

  void SeedRegions() {
    InTx([](Tx& tx) -> absl::Status {
      for (const domain::Region& r : std::vector<domain::Region>{
               {"420000", "湖北省", domain::RegionLevel::kProvince, "", {}},
               {"420100", "武汉市", domain::RegionLevel::kCity, "420000", {}},
               {"420102", "江岸区", domain::RegionLevel::kCounty, "420100", {}},
               {"420500", "宜昌市", domain::RegionLevel::kCity, "420000", {}},
               {"429004", "仙桃市", domain::RegionLevel::kCounty, "420000", {}}}) {
        auto inserted = InsertRegion(tx, r);
        if (!inserted.ok()) return inserted.status();
      }
      return absl::OkStatus();
    });
  }

  static domain::DeadlinePolicyVersion Version(std::string region, CivilDay from, int pre_filing) {
    domain::DeadlinePolicyVersion v;
    v.region_code = std::move(region);
    v.effective_from = from;
    v.policy = {pre_filing, 12, 4, 7};
    v.created_by = "token/admin";
    v.create_time = kNow;
    return v;
  }

  std::vector<int> InstallBuiltIns() {
    std::vector<int> years;
    InTx([&](Tx& tx) -> absl::Status {
      auto r = InsertMissingCalendars(tx, domain::BuiltInCalendarTexts(), "system/built-in", kNow);
      if (r.ok()) years = *r;
      return r.status();
    });
    return years;
  }

  domain::CalendarSet Calendars() {
    domain::CalendarSet set;
    InTx([&](Tx& tx) -> absl::Status {
      auto r = LoadCalendarSet(tx);
      if (r.ok()) set = *std::move(r);
      return r.status();
    });
    return set;
  }

  std::string dsn_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(PolicyRepositoryTest, Calendars_RoundTripAndReplaceReportsTheOldVersion) {
  EXPECT_EQ(InstallBuiltIns(), (std::vector<int>{2025, 2026}));
  domain::CalendarSet set = Calendars();
  ASSERT_TRUE(set.HasYear(2025));
  ASSERT_TRUE(set.HasYear(2026));
  EXPECT_FALSE(set.HasYear(2027));
  EXPECT_EQ(set.Find(2026)->version(), "国办发明电〔2025〕7号");
  EXPECT_EQ(set.Classify(CivilDay(2026, 2, 14)), (domain::Classification{true, false})) << "make-up Saturday";
  EXPECT_EQ(set.Classify(CivilDay(2026, 10, 2)), (domain::Classification{false, false})) << "National Day";
  EXPECT_EQ(set.Classify(CivilDay(2027, 1, 1)), (domain::Classification{true, true})) << "2027 not loaded";

  const auto parsed = domain::ParseHolidayCalendar(k2027);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  std::optional<std::string> replaced = "unset";
  InTx([&](Tx& tx) -> absl::Status {
    auto r = UpsertHolidayCalendar(tx, {2027, parsed->version(), k2027, "token/admin", kNow});
    if (r.ok()) replaced = *r;
    return r.status();
  });
  EXPECT_EQ(replaced, std::nullopt) << "2027 was new";
  set = Calendars();
  ASSERT_TRUE(set.HasYear(2027));
  EXPECT_EQ(set.Classify(CivilDay(2027, 1, 1)), (domain::Classification{false, false}));
  EXPECT_EQ(set.Classify(CivilDay(2027, 2, 13)), (domain::Classification{true, false}));

  const std::string corrected = std::string(k2027) + "holiday 2027-10-01 2027-10-07\n";
  InTx([&](Tx& tx) -> absl::Status {
    auto r = UpsertHolidayCalendar(
        tx, {2027, "国办发明电〔2026〕10号", corrected, "token/other", kNow + absl::Hours(1)});
    if (r.ok()) replaced = *r;
    return r.status();
  });
  EXPECT_EQ(replaced, "国办发明电〔2026〕9号");

  std::vector<StoredCalendar> listed;
  InTx([&](Tx& tx) -> absl::Status {
    auto r = ListHolidayCalendars(tx, 2025, 10);
    if (r.ok()) listed = *r;
    return r.status();
  });
  ASSERT_EQ(listed.size(), 2u) << "years after 2025";
  EXPECT_EQ(listed[0].year, 2026);
  EXPECT_EQ(listed[0].loaded_by, "system/built-in");
  EXPECT_EQ(listed[1].year, 2027);
  EXPECT_EQ(listed[1].version, "国办发明电〔2026〕10号");
  EXPECT_EQ(listed[1].text, corrected);
  EXPECT_EQ(listed[1].loaded_by, "token/other");
  EXPECT_EQ(listed[1].load_time, kNow + absl::Hours(1));
}

TEST_F(PolicyRepositoryTest, BuiltInInstall_IsIdempotentAndNeverOverwritesAnOperatorsCalendar) {
  EXPECT_EQ(InstallBuiltIns(), (std::vector<int>{2025, 2026}));
  EXPECT_EQ(InstallBuiltIns(), std::vector<int>{}) << "a second start installs nothing";

  // An operator corrects 2026; the next start must keep the correction.
  const std::string text = domain::BuiltInCalendarTexts()[1];
  const std::string corrected = text + "holiday 2026-12-31\n";
  InTx([&](Tx& tx) -> absl::Status {
    return UpsertHolidayCalendar(tx, {2026, "国办发明电〔2025〕7号", corrected, "token/admin", kNow}).status();
  });
  EXPECT_EQ(InstallBuiltIns(), std::vector<int>{});
  EXPECT_EQ(Calendars().Classify(CivilDay(2026, 12, 31)), (domain::Classification{false, false}))
      << "the operator's 2026 stands";

  // Servers starting at once: each year is installed exactly once.
  const std::string other = TestCluster::Get().FreshDatabase();
  auto other_pool = TestCluster::PoolFor(other, 4);
  std::vector<std::vector<int>> installed(4);
  std::vector<absl::Status> statuses(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < installed.size(); ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = RunTransaction(*other_pool, Deadline(), "install", [&](Tx& tx) -> absl::Status {
        auto r = InsertMissingCalendars(tx, domain::BuiltInCalendarTexts(), "system/built-in", kNow);
        if (r.ok()) installed[i] = *r;
        return r.status();
      });
    });
  }
  for (auto& t : threads) t.join();
  int total = 0;
  for (size_t i = 0; i < installed.size(); ++i) {
    EXPECT_TRUE(statuses[i].ok()) << statuses[i];
    total += static_cast<int>(installed[i].size());
  }
  EXPECT_EQ(total, 2);
}

TEST_F(PolicyRepositoryTest, InsertMissingCalendars_RefusesATextThatDoesNotParse) {
  const absl::Status s = RunTransaction(*pool_, Deadline(), "install", [&](Tx& tx) -> absl::Status {
    return InsertMissingCalendars(tx, {"year 2030\nversion x\nholiday 2030-02-30\n"}, "system/built-in", kNow)
        .status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("line 3"), absl::string_view::npos) << s;
}

TEST_F(PolicyRepositoryTest, LoadCalendarSet_StoredTextThatNoLongerParsesIsInternal) {
  InstallBuiltIns();
  {
    pqxx::connection c(dsn_);
    pqxx::work w(c);
    w.exec("INSERT INTO holiday_calendars (year, version, calendar_text, loaded_by, loaded_at) "
           "VALUES (2031, 'x', 'year 2031\nversion x\nbogus 1\n', 'token/admin', now())");
    w.commit();
  }
  const absl::Status s =
      RunTransaction(*pool_, Deadline(), "load", [&](Tx& tx) { return LoadCalendarSet(tx).status(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_NE(s.message().find("2031"), absl::string_view::npos) << s;
}

TEST_F(PolicyRepositoryTest, DeadlinePoliciesFor_ReturnsTheRegionsAndItsAncestorsVersions) {
  SeedRegions();
  InTx([](Tx& tx) -> absl::Status {
    for (const auto& v : {Version("420000", CivilDay(2025, 1, 1), 20), Version("420100", CivilDay(2026, 1, 1), 30),
                          Version("420100", CivilDay(2027, 1, 1), 31), Version("420102", CivilDay(2026, 6, 1), 40),
                          Version("420500", CivilDay(2026, 1, 1), 50)}) {
      absl::Status s = InsertDeadlinePolicy(tx, v);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  });
  auto regions_of = [&](const std::string& code) {
    std::vector<domain::DeadlinePolicyVersion> versions;
    InTx([&](Tx& tx) -> absl::Status {
      auto r = DeadlinePoliciesFor(tx, code);
      if (r.ok()) versions = *r;
      return r.status();
    });
    return versions;
  };
  const auto county = regions_of("420102");
  std::vector<std::string> codes;
  for (const auto& v : county) {
    codes.push_back(absl::StrCat(v.region_code, "@", absl::FormatCivilTime(v.effective_from)));
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"420000@2025-01-01", "420100@2026-01-01", "420100@2027-01-01",
                                             "420102@2026-06-01"}));
  ASSERT_FALSE(county.empty());
  EXPECT_EQ(county[0], Version("420000", CivilDay(2025, 1, 1), 20)) << "every column round-trips";
  EXPECT_EQ(domain::EffectiveDeadlinePolicy(county, "420102", CivilDay(2026, 3, 1)).source, "420100 from 2026-01-01");

  EXPECT_EQ(regions_of("420100").size(), 3u) << "the city's and the province's, not its county's";
  EXPECT_EQ(regions_of("420000").size(), 1u);
  EXPECT_EQ(regions_of("429004").size(), 1u) << "a county-level city under the province gets the province's";
  EXPECT_EQ(regions_of("420500").size(), 2u);
  EXPECT_TRUE(regions_of("500000").empty());
  EXPECT_TRUE(regions_of("bogus").empty());
}

TEST_F(PolicyRepositoryTest, Policies_DuplicateDayIsAlreadyExistsReplaceAndListPageBySubtree) {
  SeedRegions();
  const auto v = Version("420100", CivilDay(2026, 1, 1), 30);
  InTx([&](Tx& tx) { return InsertDeadlinePolicy(tx, v); });
  const absl::Status dup =
      RunTransaction(*pool_, Deadline(), "dup", [&](Tx& tx) { return InsertDeadlinePolicy(tx, v); });
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(domain::ReasonOf(dup), "POLICY_VERSION_EXISTS");

  auto changed = v;
  changed.policy = {25, 9, 2, 0};
  changed.created_by = "token/other";
  InTx([&](Tx& tx) { return ReplaceDeadlinePolicy(tx, changed); });
  std::optional<domain::DeadlinePolicyVersion> found;
  InTx([&](Tx& tx) -> absl::Status {
    auto r = FindDeadlinePolicy(tx, "420100", CivilDay(2026, 1, 1), /*lock=*/true);
    if (r.ok()) found = *r;
    return r.status();
  });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, changed);
  const absl::Status missing = RunTransaction(*pool_, Deadline(), "replace", [&](Tx& tx) {
    return ReplaceDeadlinePolicy(tx, Version("420100", CivilDay(2030, 1, 1), 30));
  });
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);

  InTx([&](Tx& tx) -> absl::Status {
    for (const auto& other :
         {Version("420000", CivilDay(2025, 1, 1), 20), Version("420100", CivilDay(2027, 1, 1), 31),
          Version("420102", CivilDay(2026, 6, 1), 40), Version("420500", CivilDay(2026, 1, 1), 50)}) {
      absl::Status s = InsertDeadlinePolicy(tx, other);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  });
  // Wuhan's subtree, two per page.
  std::vector<std::string> seen;
  std::optional<PolicyCursor> after;
  for (int page = 0; page < 5; ++page) {
    std::vector<domain::DeadlinePolicyVersion> rows;
    InTx([&](Tx& tx) -> absl::Status {
      auto r = ListDeadlinePolicies(tx, domain::SubtreeRange("420100"), after, 2);
      if (r.ok()) rows = *r;
      return r.status();
    });
    for (const auto& r : rows) {
      seen.push_back(absl::StrCat(r.region_code, "@", absl::FormatCivilTime(r.effective_from)));
    }
    if (rows.size() < 2) break;
    after = PolicyCursor{rows.back().region_code, rows.back().effective_from};
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"420100@2026-01-01", "420100@2027-01-01", "420102@2026-06-01"}));
  std::vector<domain::DeadlinePolicyVersion> all;
  InTx([&](Tx& tx) -> absl::Status {
    auto r = ListDeadlinePolicies(tx, std::nullopt, std::nullopt, 100);
    if (r.ok()) all = *r;
    return r.status();
  });
  EXPECT_EQ(all.size(), 5u);
}

}  // namespace
}  // namespace caitiao::storage
