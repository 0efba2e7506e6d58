// The permission table against the API itself: every RPC of every service
// in the generated descriptor pool (the one the server serves and reflects)
// has exactly one entry, and every entry names a real RPC.
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "caitiao/internal/v1/page_token.pb.h"
#include "caitiao/v1/access.pb.h"
#include "caitiao/v1/case_service.pb.h"
#include "caitiao/v1/coverage.pb.h"
#include "caitiao/v1/directory.pb.h"
#include "caitiao/v1/docking.pb.h"
#include "caitiao/v1/document.pb.h"
#include "caitiao/v1/mediation.pb.h"
#include "caitiao/v1/review.pb.h"
#include "caitiao/v1/policy.pb.h"
#include "caitiao/v1/reporting.pb.h"
#include "caitiao/v1/subsidy.pb.h"
#include "services/domain/access_policy.h"
#include "services/domain/errors.h"
#include "tests/unit/api_methods.h"

namespace caitiao::domain {
namespace {

using google::protobuf::DescriptorPool;

using caitiao::testing::ApiMethods;

TEST(AccessPolicyTest, EveryApiMethodIsInTheTable) {
  const auto methods = ApiMethods();
  ASSERT_GE(methods.size(), 20u);
  for (const auto& m : methods) {
    EXPECT_NE(FindMethodPolicy(m), nullptr) << m << " has no entry in the permission table (default deny)";
  }
}

TEST(AccessPolicyTest, EveryTableEntryIsARealMethodListedOnce) {
  const auto methods = ApiMethods();
  std::set<std::string> seen;
  for (const auto& p : AccessPolicyTable()) {
    const std::string name(p.method);
    EXPECT_TRUE(methods.count(name)) << name << " is in the table but not in the API";
    EXPECT_TRUE(seen.insert(name).second) << name << " is listed twice";
    EXPECT_FALSE(p.roles.empty()) << name << " allows nobody";
  }
}

TEST(AccessPolicyTest, MutatingMethodsAreExactlyThoseWithARequestId) {
  // Every change carries request_id (idempotency); reads never do. The
  // table's `mutating` flag decides what is audited, so it must agree.
  for (const auto& p : AccessPolicyTable()) {
    const std::string name(p.method);
    const size_t slash = name.find('/');
    const auto* service = DescriptorPool::generated_pool()->FindServiceByName(name.substr(0, slash));
    ASSERT_NE(service, nullptr) << name;
    const auto* method = service->FindMethodByName(name.substr(slash + 1));
    ASSERT_NE(method, nullptr) << name;
    const bool has_request_id = method->input_type()->FindFieldByName("request_id") != nullptr;
    EXPECT_EQ(p.mutating, has_request_id) << name;
  }
}

TEST(AccessPolicyTest, ReportingNeverChangesAnythingAndOnlyAdminsAdminister) {
  for (const auto& p : AccessPolicyTable()) {
    for (Role r : p.roles) {
      if (p.mutating) {
        EXPECT_NE(r, Role::kReporting) << p.method << " lets reporting change data";
      }
      if (p.scope == ScopeRule::kGlobal) {
        EXPECT_EQ(r, Role::kAdmin) << p.method;
      }
      if (p.scope == ScopeRule::kReportingRegion) {
        EXPECT_TRUE(r == Role::kReporting || r == Role::kAdmin) << p.method;
      }
    }
  }
}

TEST(AccessPolicyTest, FundingOfficersChangeOnlyMoneyInTheirRegions) {
  int funding_writes = 0;
  for (const auto& p : AccessPolicyTable()) {
    for (Role r : p.roles) {
      if (p.scope == ScopeRule::kFundingRegion && p.mutating) {
        EXPECT_TRUE(r == Role::kFunding || r == Role::kAdmin) << p.method;
      }
      if (r == Role::kFunding && p.mutating) {
        EXPECT_EQ(p.scope, ScopeRule::kFundingRegion) << p.method << " lets funding officers change a case";
        ++funding_writes;
      }
    }
  }
  EXPECT_GE(funding_writes, 7) << "standards, reversals, budgets and the four batch steps";
}

TEST(AccessPolicyTest, AuthorizeDeniesUnlistedMethodsAndRolesWithReasons) {
  Principal staff{"token/1", Role::kArbitrationStaff, {{"c1"}, "", {}}, false};
  const std::string get = "caitiao.v1.CaseService/GetCase";
  EXPECT_TRUE(Authorize(staff, get, FindMethodPolicy(get)).ok());
  const std::string issue = "caitiao.v1.AccessService/IssueToken";
  absl::Status denied = Authorize(staff, issue, FindMethodPolicy(issue));
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(denied).value_or(""), "ROLE_NOT_ALLOWED");
  EXPECT_NE(denied.message().find("admin"), absl::string_view::npos) << "says who may: " << denied.message();
  const std::string unknown = "caitiao.v1.CaseService/DropAllCases";
  absl::Status unlisted = Authorize(Principal{"token/2", Role::kAdmin, {}, true}, unknown, FindMethodPolicy(unknown));
  EXPECT_EQ(unlisted.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(unlisted).value_or(""), "METHOD_NOT_IN_POLICY") << "default deny, even for admins";
}

}  // namespace
}  // namespace caitiao::domain
