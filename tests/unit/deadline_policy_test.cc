#include "services/domain/deadline_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace caitiao::domain {
namespace {

using absl::CivilDay;

DeadlinePolicyVersion Version(std::string region, CivilDay from, int pre_filing) {
  DeadlinePolicyVersion v;
  v.region_code = std::move(region);
  v.effective_from = from;
  v.policy.pre_filing_mediation_days = pre_filing;
  v.created_by = "token/admin";
  v.create_time = absl::FromUnixSeconds(1767225600);
  return v;
}

TEST(DeadlinePolicyTest, Defaults_AreTheLawRulesAndLocalPolicyValues) {
  const DeadlinePolicy d;
  EXPECT_EQ(d.pre_filing_mediation_days, 15) << "the Law Art. 14";
  EXPECT_EQ(d.post_filing_mediation_days, 10) << "the Rules Art. 70: 10 days from consent";
  EXPECT_EQ(d.acceptance_working_days, 3);
  EXPECT_EQ(d.max_extension_days, 15);
  EXPECT_TRUE(ValidateDeadlinePolicy(d).empty()) << "the defaults must pass their own validation";
}

TEST(DeadlinePolicyTest, PolicyRegionChain_GoesCountyCityProvinceWithoutRepeats) {
  struct Case {
    const char* code;
    std::vector<std::string> chain;
  };
  const Case cases[] = {
      {"420102", {"420102", "420100", "420000"}},  // county of Wuhan
      {"420100", {"420100", "420000"}},            // city
      {"420000", {"420000"}},                      // province
      {"429004", {"429004", "429000", "420000"}},  // county-level city under the province
      {"110101", {"110101", "110100", "110000"}},  // another province entirely
      {"4201", {"4201"}},                          // malformed: only itself
      {"", {""}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PolicyRegionChain(c.code), c.chain) << c.code;
  }
}

TEST(DeadlinePolicyTest, EffectivePolicy_PicksTheMostSpecificRegionThenTheLatestVersionInForce) {
  const std::vector<DeadlinePolicyVersion> versions = {
      Version("420000", CivilDay(2025, 1, 1), 20),  // Hubei
      Version("420000", CivilDay(2026, 7, 1), 21),
      Version("420100", CivilDay(2026, 1, 1), 30),  // Wuhan
      Version("420100", CivilDay(2027, 1, 1), 31),
      Version("420102", CivilDay(2026, 6, 1), 40),  // Jiang'an, Wuhan
      Version("420500", CivilDay(2026, 1, 1), 50),  // Yichang: never a Wuhan county's
      Version("110000", CivilDay(2020, 1, 1), 60),  // Beijing: never Hubei's
  };
  struct Case {
    const char* name;
    const char* region;
    CivilDay day;
    int pre_filing;
    std::string source;
  };
  const Case cases[] = {
      {"county before any version anywhere", "420102", CivilDay(2024, 12, 31), 15, "built-in defaults"},
      {"county inherits the province first", "420102", CivilDay(2025, 1, 1), 20, "420000 from 2025-01-01"},
      {"the day before the city's version", "420102", CivilDay(2025, 12, 31), 20, "420000 from 2025-01-01"},
      {"city version on its first day", "420102", CivilDay(2026, 1, 1), 30, "420100 from 2026-01-01"},
      {"the day before the county's own", "420102", CivilDay(2026, 5, 31), 30, "420100 from 2026-01-01"},
      {"county's own on its first day", "420102", CivilDay(2026, 6, 1), 40, "420102 from 2026-06-01"},
      {"county's own beats a newer city and province version", "420102", CivilDay(2027, 3, 1), 40,
       "420102 from 2026-06-01"},
      {"another Wuhan county gets the city's", "420103", CivilDay(2026, 6, 1), 30, "420100 from 2026-01-01"},
      {"another Wuhan county, city's later version", "420103", CivilDay(2027, 1, 1), 31,
       "420100 from 2027-01-01"},
      {"city itself", "420100", CivilDay(2026, 12, 31), 30, "420100 from 2026-01-01"},
      {"city ignores its counties", "420100", CivilDay(2026, 6, 1), 30, "420100 from 2026-01-01"},
      {"city before its own falls back to the province", "420100", CivilDay(2025, 6, 1), 20,
       "420000 from 2025-01-01"},
      {"a city without versions gets the province's latest", "420600", CivilDay(2026, 7, 1), 21,
       "420000 from 2026-07-01"},
      {"province itself", "420000", CivilDay(2026, 6, 30), 20, "420000 from 2025-01-01"},
      {"province ignores its cities", "420000", CivilDay(2030, 1, 1), 21, "420000 from 2026-07-01"},
      {"county-level city under the province", "429004", CivilDay(2026, 1, 1), 20, "420000 from 2025-01-01"},
      {"Yichang county gets Yichang's", "420502", CivilDay(2026, 1, 1), 50, "420500 from 2026-01-01"},
      {"another province without versions", "500000", CivilDay(2026, 1, 1), 15, "built-in defaults"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const EffectivePolicy p = EffectiveDeadlinePolicy(versions, c.region, c.day);
    EXPECT_EQ(p.policy.pre_filing_mediation_days, c.pre_filing);
    EXPECT_EQ(p.source, c.source);
  }
}

TEST(DeadlinePolicyTest, EffectivePolicy_ReturnsEveryValueOfTheVersion) {
  DeadlinePolicyVersion v = Version("420100", CivilDay(2026, 1, 1), 20);
  v.policy = {20, 12, 5, 0};
  const EffectivePolicy p = EffectiveDeadlinePolicy({v}, "420102", CivilDay(2026, 1, 2));
  EXPECT_EQ(p.policy, (DeadlinePolicy{20, 12, 5, 0}));
  EXPECT_EQ(p.source, "420100 from 2026-01-01");
}

TEST(DeadlinePolicyTest, VersionInForce_PointsAtTheVersionBehindTheSource) {
  const std::vector<DeadlinePolicyVersion> versions = {Version("420000", CivilDay(2025, 1, 1), 20),
                                                       Version("420100", CivilDay(2026, 1, 1), 30)};
  const DeadlinePolicyVersion* v = VersionInForce(versions, "420102", CivilDay(2026, 1, 1));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v, &versions[1]);
  EXPECT_EQ(VersionInForce(versions, "420102", CivilDay(2025, 6, 1)), &versions[0]);
  EXPECT_EQ(VersionInForce(versions, "420102", CivilDay(2024, 12, 31)), nullptr);
  EXPECT_EQ(VersionInForce(versions, "500101", CivilDay(2026, 6, 1)), nullptr);
}

TEST(DeadlinePolicyTest, EffectivePolicy_WithNoVersionsIsTheBuiltInDefaults) {
  const EffectivePolicy p = EffectiveDeadlinePolicy({}, "420500", CivilDay(2026, 11, 29));
  EXPECT_EQ(p.policy, DeadlinePolicy{});
  EXPECT_EQ(p.source, kBuiltInPolicySource);
  EXPECT_EQ(p.source, "built-in defaults");
}

TEST(DeadlinePolicyTest, EffectivePolicy_DoesNotDependOnTheOrderOfVersions) {
  std::vector<DeadlinePolicyVersion> versions = {Version("420100", CivilDay(2027, 1, 1), 31),
                                                 Version("420100", CivilDay(2025, 1, 1), 29),
                                                 Version("420100", CivilDay(2026, 1, 1), 30)};
  for (int rotation = 0; rotation < 3; ++rotation) {
    SCOPED_TRACE(rotation);
    EXPECT_EQ(EffectiveDeadlinePolicy(versions, "420102", CivilDay(2026, 8, 8)).policy.pre_filing_mediation_days,
              30);
    std::rotate(versions.begin(), versions.begin() + 1, versions.end());
  }
}

TEST(DeadlinePolicyTest, Validate_AcceptsTheBoundsAndNamesEveryFieldOutsideThem) {
  struct Case {
    const char* name;
    DeadlinePolicy policy;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"all at the lower bounds", {1, 1, 1, 0}, {}},
      {"all at the upper bounds", {365, 365, 30, 365}, {}},
      {"pre-filing 0", {0, 10, 3, 15}, {"pre_filing_mediation_days"}},
      {"pre-filing 366", {366, 10, 3, 15}, {"pre_filing_mediation_days"}},
      {"pre-filing negative", {-15, 10, 3, 15}, {"pre_filing_mediation_days"}},
      {"post-filing 0", {15, 0, 3, 15}, {"post_filing_mediation_days"}},
      {"post-filing 366", {15, 366, 3, 15}, {"post_filing_mediation_days"}},
      {"acceptance 0", {15, 10, 0, 15}, {"acceptance_working_days"}},
      {"acceptance 31", {15, 10, 31, 15}, {"acceptance_working_days"}},
      {"extension -1", {15, 10, 3, -1}, {"max_extension_days"}},
      {"extension 366", {15, 10, 3, 366}, {"max_extension_days"}},
      {"every field at once",
       {0, 400, 31, -1},
       {"pre_filing_mediation_days", "post_filing_mediation_days", "acceptance_working_days",
        "max_extension_days"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> fields;
    const FieldViolations problems = ValidateDeadlinePolicy(c.policy);
    for (const auto& v : problems.items()) {
      fields.push_back(v.field);
      EXPECT_NE(v.description.find("must be"), std::string::npos) << v.description;
    }
    EXPECT_EQ(fields, c.fields);
  }
}

TEST(DeadlinePolicyTest, Validate_SaysTheRangeAndTheValue) {
  const auto problems = ValidateDeadlinePolicy({15, 10, 31, 15});
  ASSERT_EQ(problems.items().size(), 1u);
  EXPECT_EQ(problems.items()[0].description, "must be 1..30 working days (got 31)");
  const absl::Status status = problems.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "FIELD_INVALID");
}

}  // namespace
}  // namespace caitiao::domain
