#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/domain/case_masking.h"
#include "services/domain/errors.h"
#include "services/domain/principal.h"

namespace caitiao::domain {
namespace {

std::vector<std::string> Fields(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const auto& f : FieldsOf(v.ToStatus())) out.push_back(f.field);
  return out;
}

TEST(PrincipalTest, ValidateAccessGrant_EachRoleNeedsItsOwnScopeAndNoOther) {
  const AccessScope none;
  const AccessScope commission{{"c1"}, "", {}};
  const AccessScope room{{}, "r1", {}};
  const AccessScope region{{}, "", {"420100"}};
  struct Row {
    Role role;
    AccessScope scope;
    bool unmask;
    std::vector<std::string> problems;
  };
  const Row rows[] = {
      {Role::kAdmin, none, true, {}},
      {Role::kAdmin, commission, false, {"scope.commission_ids"}},
      {Role::kArbitrationStaff, commission, true, {}},
      {Role::kArbitrationStaff, none, false, {"scope.commission_ids"}},
      {Role::kArbitrationStaff, room, false, {"scope.commission_ids", "scope.room_id"}},
      {Role::kRoomStaff, room, true, {}},
      {Role::kRoomStaff, none, false, {"scope.room_id"}},
      {Role::kRoomStaff, region, false, {"scope.room_id", "scope.region_codes"}},
      {Role::kReporting, region, false, {}},
      {Role::kReporting, region, true, {"unmask_personal_data"}},
      {Role::kReporting, AccessScope{{}, "", {"4201"}}, false, {"scope.region_codes[0]"}},
      {Role::kReporting, AccessScope{{}, "", {"420100", "420100"}}, false, {"scope.region_codes[1]"}},
      {Role::kFunding, region, false, {}},
      {Role::kFunding, region, true, {"unmask_personal_data"}},
      {Role::kFunding, none, false, {"scope.region_codes"}},
      {Role::kFunding, commission, false, {"scope.commission_ids", "scope.region_codes"}},
      {Role::kUnspecified, none, false, {"role"}},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Fields(ValidateAccessGrant(row.role, row.scope, row.unmask)), row.problems) << RoleName(row.role);
  }
  AccessScope many;
  for (int i = 0; i < 51; ++i) many.commission_ids.push_back(absl::StrCat("c", i));
  EXPECT_EQ(Fields(ValidateAccessGrant(Role::kArbitrationStaff, many, false)),
            std::vector<std::string>{"scope.commission_ids"});
}

TEST(PrincipalTest, CaseScopeOf_FollowsTheRole) {
  EXPECT_TRUE(CaseScopeOf(Principal{"a", Role::kAdmin, {}, false}).everything);
  const auto staff = CaseScopeOf(Principal{"s", Role::kArbitrationStaff, {{"c1", "c2"}, "", {}}, false});
  EXPECT_FALSE(staff.everything);
  EXPECT_EQ(staff.commission_ids, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_TRUE(staff.delegated_room_id.empty());
  EXPECT_TRUE(staff.regions.empty());
  const auto room = CaseScopeOf(Principal{"r", Role::kRoomStaff, {{}, "r1", {}}, false});
  EXPECT_EQ(room.delegated_room_id, "r1");
  EXPECT_TRUE(room.commission_ids.empty());
  const auto reporting = CaseScopeOf(Principal{"j", Role::kReporting, {{}, "", {"420100"}}, false});
  ASSERT_EQ(reporting.regions.size(), 1u);
  EXPECT_EQ(reporting.regions[0], SubtreeRange("420100"));
  const auto funding = CaseScopeOf(Principal{"f", Role::kFunding, {{}, "", {"420500"}}, false});
  ASSERT_EQ(funding.regions.size(), 1u);
  EXPECT_EQ(funding.regions[0], SubtreeRange("420500"));
  EXPECT_FALSE(funding.everything);
  EXPECT_EQ(RoleFromName("funding"), Role::kFunding);
  EXPECT_TRUE(RegionInScope(funding, "420500"));
  EXPECT_TRUE(RegionInScope(funding, "420502"));
  EXPECT_FALSE(RegionInScope(funding, "420100"));
  EXPECT_FALSE(RegionInScope(funding, "420000")) << "a city's officer does not see its province";
  EXPECT_TRUE(RegionInScope(AllCases(), "110101"));
  EXPECT_FALSE(RegionInScope(CaseScopeOf(Principal{}), "420500"));
  // A grant's leftovers never widen another role's view.
  const auto odd = CaseScopeOf(Principal{"x", Role::kRoomStaff, {{"c1"}, "r1", {"420000"}}, false});
  EXPECT_TRUE(odd.commission_ids.empty());
  EXPECT_TRUE(odd.regions.empty());
  const auto nobody = CaseScopeOf(Principal{});
  EXPECT_FALSE(nobody.everything);
  EXPECT_TRUE(nobody.commission_ids.empty() && nobody.delegated_room_id.empty() && nobody.regions.empty());
}

TEST(PrincipalTest, MayActForCommission_OnlyStaffOfThatCommissionAndAdmins) {
  EXPECT_TRUE(MayActForCommission(Principal{"a", Role::kAdmin, {}, false}, "c9"));
  const Principal staff{"s", Role::kArbitrationStaff, {{"c1", "c2"}, "", {}}, false};
  EXPECT_TRUE(MayActForCommission(staff, "c2"));
  EXPECT_FALSE(MayActForCommission(staff, "c3"));
  EXPECT_FALSE(MayActForCommission(Principal{"r", Role::kRoomStaff, {{"c1"}, "r1", {}}, false}, "c1"));
  EXPECT_FALSE(MayActForCommission(Principal{"j", Role::kReporting, {{"c1"}, "", {"420000"}}, false}, "c1"));
}

CaseContent ContentWithPersonalData() {
  CaseContent c;
  Party worker;
  worker.name = "张三";
  worker.resident_id_number = "420106199001011234";
  worker.phone = "13812345678";
  worker.agents = {Agent{"李律师", AgentKind::kLawyer, "027-87654321"}};
  Party foreigner;
  foreigner.name = "John";
  foreigner.other_identity_document = OtherIdentityDocument{"passport", "E12345678"};
  c.applicants = {worker, foreigner};
  Party employer;
  employer.name = "某公司";
  employer.unified_social_credit_code = "91420100MA4K0000XX";
  c.respondents = {employer};
  return c;
}

TEST(CaseMaskingTest, PersonalDataFieldsNamesEveryNonEmptyIdentityAndPhone) {
  EXPECT_EQ(PersonalDataFields(ContentWithPersonalData()),
            (std::vector<std::string>{"applicants[0].resident_id_number", "applicants[0].phone",
                                      "applicants[0].agents[0].phone",
                                      "applicants[1].other_identity_document.number"}));
}

TEST(CaseMaskingTest, MaskPersonalDataHidesThemAndKeepsTheRest) {
  CaseContent c = ContentWithPersonalData();
  MaskPersonalData(c);
  EXPECT_EQ(c.applicants[0].resident_id_number, "420106********1234");
  EXPECT_EQ(c.applicants[0].phone, "138****5678");
  EXPECT_NE(c.applicants[0].agents[0].phone, "027-87654321");
  EXPECT_NE(c.applicants[1].other_identity_document->number, "E12345678");
  EXPECT_EQ(c.applicants[0].name, "张三");
  EXPECT_EQ(c.respondents[0].unified_social_credit_code, "91420100MA4K0000XX")
      << "an employer's credit code is public, not personal data";
}

TEST(CaseMaskingTest, CheckMayUnmask_NeedsThePermissionAndNeverForReporting) {
  EXPECT_TRUE(CheckMayUnmask(Principal{"s", Role::kArbitrationStaff, {{"c"}, "", {}}, true}).ok());
  absl::Status no = CheckMayUnmask(Principal{"s", Role::kArbitrationStaff, {{"c"}, "", {}}, false});
  EXPECT_EQ(no.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(no).value_or(""), "UNMASK_NOT_ALLOWED");
  EXPECT_FALSE(CheckMayUnmask(Principal{"j", Role::kReporting, {{}, "", {"420000"}}, true}).ok());
}

}  // namespace
}  // namespace caitiao::domain
