#include "services/domain/region_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "services/domain/directory_types.h"

namespace caitiao::domain {
namespace {

testing::AssertionResult HasSubstr(const std::optional<std::string>& text, std::string_view part) {
  if (!text)
    return testing::AssertionFailure() << "no problem reported, expected \"" << part << "\"";
  if (text->find(part) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << *text << "\" does not contain \"" << part << "\"";
}

Region MakeRegion(std::string code, std::string name, RegionLevel level, std::string parent) {
  Region r;
  r.code = std::move(code);
  r.name = std::move(name);
  r.level = level;
  r.parent_code = std::move(parent);
  return r;
}

// The single description for `field`, or nullopt if the field has none;
// fails the test if the field was reported more than once.
std::optional<std::string> Problem(const FieldViolations& v, std::string_view field) {
  std::optional<std::string> found;
  for (const FieldViolation& item : v.items()) {
    if (item.field != field) continue;
    EXPECT_FALSE(found) << field << " reported twice";
    found = item.description;
  }
  return found;
}

std::vector<std::string> Fields(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& item : v.items()) out.push_back(item.field);
  return out;
}

// ---- RegionCodeProblem ----

TEST(RegionRulesTest, RegionCode_AcceptsRealCodes) {
  for (const char* code : {"420000", "420100", "420102", "429004", "429000", "110000", "110101",
                           "820000", "650000", "421000"}) {
    EXPECT_EQ(RegionCodeProblem(code), std::nullopt) << code;
  }
}

TEST(RegionRulesTest, RegionCode_RejectsMalformedCodes) {
  struct Case {
    std::string code;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "is required"},
      {"42000", "must be 6 digits"},
      {"4200000", "must be 6 digits"},
      {"42a000", "must be 6 digits"},
      {" 42000", "must be 6 digits"},
      {"-42000", "must be 6 digits"},
      {"\xEF\xBC\x94\xEF\xBC\x92"
       "0000",
       "must be 6 digits"},  // full-width "42"
      {"000000", "province part from 11 to 82, got 00"},
      {"100000", "province part from 11 to 82, got 10"},
      {"830000", "province part from 11 to 82, got 83"},
      {"990000", "province part from 11 to 82, got 99"},
  };
  for (const Case& c : cases)
    EXPECT_TRUE(HasSubstr(RegionCodeProblem(c.code), c.expected)) << c.code;
}

// ---- LevelOfCode ----

TEST(RegionRulesTest, LevelOfCode_FollowsTrailingZeros) {
  struct Case {
    std::string code;
    RegionLevel level;
  };
  const std::vector<Case> cases = {
      {"420000", RegionLevel::kProvince},    {"110000", RegionLevel::kProvince},
      {"420100", RegionLevel::kCity},        {"429000", RegionLevel::kCity},
      {"421000", RegionLevel::kCity},        {"420102", RegionLevel::kCounty},
      {"429004", RegionLevel::kCounty},      {"420110", RegionLevel::kCounty},
      {"000000", RegionLevel::kUnspecified}, {"42", RegionLevel::kUnspecified},
      {"", RegionLevel::kUnspecified},
  };
  for (const Case& c : cases) EXPECT_EQ(LevelOfCode(c.code), c.level) << c.code;
}

// ---- ValidateRegion ----

TEST(RegionRulesTest, ValidateRegion_AcceptsHubeiTree) {
  const std::vector<Region> regions = {
      MakeRegion("420000", "湖北省", RegionLevel::kProvince, ""),
      MakeRegion("420100", "武汉市", RegionLevel::kCity, "420000"),
      MakeRegion("420102", "江岸区", RegionLevel::kCounty, "420100"),
      // 仙桃市: a county-level city directly under the province...
      MakeRegion("429004", "仙桃市", RegionLevel::kCounty, "420000"),
      // ...or under the 省直辖县级行政区划 grouping entry.
      MakeRegion("429004", "仙桃市", RegionLevel::kCounty, "429000"),
      MakeRegion("429000", "省直辖县级行政区划", RegionLevel::kCity, "420000"),
  };
  for (const Region& r : regions) {
    EXPECT_TRUE(ValidateRegion(r).empty()) << r.code << " parent " << r.parent_code;
  }
}

TEST(RegionRulesTest, ValidateRegion_RejectsCountyUnderAnotherProvincesCity) {
  FieldViolations v =
      ValidateRegion(MakeRegion("420102", "江岸区", RegionLevel::kCounty, "430100"));
  EXPECT_EQ(Fields(v), std::vector<std::string>{"parent_code"});
  EXPECT_TRUE(HasSubstr(Problem(v, "parent_code"), "must be 420100 (its city) or 420000"));
}

TEST(RegionRulesTest, ValidateRegion_ChecksParentByLevel) {
  struct Case {
    Region region;
    std::string expected;  // empty: valid
  };
  const std::vector<Case> cases = {
      {MakeRegion("420000", "湖北省", RegionLevel::kProvince, "420000"),
       "must be empty for a province"},
      {MakeRegion("420000", "湖北省", RegionLevel::kProvince, "110000"),
       "must be empty for a province"},
      {MakeRegion("420100", "武汉市", RegionLevel::kCity, ""), "must be 420000"},
      {MakeRegion("420100", "武汉市", RegionLevel::kCity, "430000"), "must be 420000"},
      {MakeRegion("420100", "武汉市", RegionLevel::kCity, "420100"), "must be 420000"},
      {MakeRegion("420102", "江岸区", RegionLevel::kCounty, ""), "must be 420100"},
      {MakeRegion("420102", "江岸区", RegionLevel::kCounty, "420200"), "must be 420100"},
      {MakeRegion("420102", "江岸区", RegionLevel::kCounty, "420102"), "must be 420100"},
      {MakeRegion("429004", "仙桃市", RegionLevel::kCounty, "430000"), "must be 429000"},
      // A county's parent may be its province (the rule allows any county
      // directly under the province).
      {MakeRegion("420102", "江岸区", RegionLevel::kCounty, "420000"), ""},
  };
  for (const Case& c : cases) {
    FieldViolations v = ValidateRegion(c.region);
    if (c.expected.empty()) {
      EXPECT_TRUE(v.empty()) << c.region.code << " parent " << c.region.parent_code;
      continue;
    }
    EXPECT_EQ(Fields(v), std::vector<std::string>{"parent_code"}) << c.region.code;
    EXPECT_TRUE(HasSubstr(Problem(v, "parent_code"), c.expected))
        << c.region.code << " parent " << c.region.parent_code;
  }
}

TEST(RegionRulesTest, ValidateRegion_RequiresLevelMatchingTheCode) {
  FieldViolations v =
      ValidateRegion(MakeRegion("420100", "武汉市", RegionLevel::kCounty, "420000"));
  EXPECT_EQ(Fields(v), std::vector<std::string>{"level"});
  EXPECT_TRUE(HasSubstr(Problem(v, "level"), "must be CITY for code 420100"));

  v = ValidateRegion(MakeRegion("420000", "湖北省", RegionLevel::kCity, ""));
  EXPECT_TRUE(HasSubstr(Problem(v, "level"), "must be PROVINCE"));

  v = ValidateRegion(MakeRegion("420102", "江岸区", RegionLevel::kProvince, "420100"));
  EXPECT_TRUE(HasSubstr(Problem(v, "level"), "must be COUNTY"));
}

TEST(RegionRulesTest, ValidateRegion_RejectsMissingOrUnknownLevel) {
  FieldViolations v = ValidateRegion(MakeRegion("420000", "湖北省", RegionLevel::kUnspecified, ""));
  EXPECT_EQ(Fields(v), std::vector<std::string>{"level"});
  EXPECT_TRUE(HasSubstr(Problem(v, "level"), "is required: must be one of PROVINCE, CITY, COUNTY"));

  v = ValidateRegion(MakeRegion("420000", "湖北省", static_cast<RegionLevel>(99), ""));
  EXPECT_EQ(Fields(v), std::vector<std::string>{"level"});
  EXPECT_EQ(Problem(v, "level"), "must be one of PROVINCE, CITY, COUNTY");
}

TEST(RegionRulesTest, ValidateRegion_ChecksName) {
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "区";
  EXPECT_TRUE(ValidateRegion(MakeRegion("420102", fifty, RegionLevel::kCounty, "420100")).empty());

  FieldViolations v =
      ValidateRegion(MakeRegion("420102", fifty + "区", RegionLevel::kCounty, "420100"));
  EXPECT_TRUE(HasSubstr(Problem(v, "name"), "at most 50 characters, got 51"));

  v = ValidateRegion(MakeRegion("420102", "", RegionLevel::kCounty, "420100"));
  EXPECT_EQ(Problem(v, "name"), "is required");
  v = ValidateRegion(MakeRegion("420102", "\xE3\x80\x80", RegionLevel::kCounty, "420100"));
  EXPECT_TRUE(HasSubstr(Problem(v, "name"), "only spaces"));
}

TEST(RegionRulesTest, ValidateRegion_InvalidCodeReportsOnlyTheCode) {
  // Level and parent cannot be judged against a bad code, so they are not
  // reported as well.
  FieldViolations v = ValidateRegion(MakeRegion("42010", "江岸区", RegionLevel::kCounty, "430100"));
  EXPECT_EQ(Fields(v), std::vector<std::string>{"code"});
}

TEST(RegionRulesTest, ValidateRegion_ReportsEveryProblemOnce) {
  FieldViolations v = ValidateRegion(Region{});
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"code", "name", "level"}));
}

// ---- RegionPrefix and RegionWithin ----

TEST(RegionRulesTest, RegionPrefix_DropsTrailingLevelZeros) {
  EXPECT_EQ(RegionPrefix("420000"), "42");
  EXPECT_EQ(RegionPrefix("420100"), "4201");
  EXPECT_EQ(RegionPrefix("420102"), "420102");
  EXPECT_EQ(RegionPrefix("429000"), "4290");
  EXPECT_EQ(RegionPrefix("429004"), "429004");
  EXPECT_EQ(RegionPrefix("421000"), "4210");
}

TEST(RegionRulesTest, RegionWithin_FollowsTheTree) {
  struct Case {
    std::string code;
    std::string scope;
    bool within;
  };
  const std::vector<Case> cases = {
      {"420000", "420000", true},
      {"420100", "420000", true},
      {"420102", "420000", true},
      {"429004", "420000", true},
      {"421000", "420000", true},
      {"420102", "420100", true},
      {"420102", "420102", true},
      {"429004", "429000", true},
      {"420000", "420100", false},
      {"420100", "420102", false},
      {"430102", "420000", false},
      {"420202", "420100", false},
      {"429004", "420100", false},
      {"421002", "420100", false},
      // Malformed codes or scopes never match, above all an empty scope.
      {"420102", "", false},
      {"", "420000", false},
      {"420102", "000000", false},
      {"420102", "42", false},
      {"4201021", "420100", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RegionWithin(c.code, c.scope), c.within) << c.code << " in " << c.scope;
  }
}

// ---- RegionLevel names ----

TEST(RegionRulesTest, RegionLevelName_RoundTrips) {
  struct Case {
    RegionLevel level;
    std::string name;
  };
  const std::vector<Case> cases = {{RegionLevel::kProvince, "PROVINCE"},
                                   {RegionLevel::kCity, "CITY"},
                                   {RegionLevel::kCounty, "COUNTY"}};
  for (const Case& c : cases) {
    EXPECT_EQ(RegionLevelName(c.level), c.name);
    EXPECT_EQ(RegionLevelFromName(c.name), c.level) << c.name;
  }
  EXPECT_STREQ(RegionLevelName(RegionLevel::kUnspecified), "UNSPECIFIED");
  EXPECT_STREQ(RegionLevelName(static_cast<RegionLevel>(42)), "UNSPECIFIED");
}

TEST(RegionRulesTest, RegionLevelFromName_AcceptsOnlyExactNames) {
  for (const char* name :
       {"UNSPECIFIED", "province", "Province", "REGION_LEVEL_CITY", "", " CITY", "COUNTY "}) {
    EXPECT_EQ(RegionLevelFromName(name), std::nullopt) << name;
  }
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

TEST(SubtreeRangeTest, CoversExactlyTheRegionAndItsDescendants) {
  EXPECT_EQ(SubtreeRange("420000"), (RegionCodeRange{"420000", "429999"}));
  EXPECT_EQ(SubtreeRange("420100"), (RegionCodeRange{"420100", "420199"}));
  EXPECT_EQ(SubtreeRange("420102"), (RegionCodeRange{"420102", "420102"}));
  // Agrees with RegionWithin for every code of a province.
  for (int n = 420000; n <= 429999; n += 7) {
    const std::string code = std::to_string(n);
    for (const char* scope : {"420000", "420100", "429004", "420102"}) {
      const RegionCodeRange r = SubtreeRange(scope);
      EXPECT_EQ(code >= r.first && code <= r.last, RegionWithin(code, scope) || code == scope)
          << code << " in " << scope;
    }
  }
}

}  // namespace
}  // namespace caitiao::domain
