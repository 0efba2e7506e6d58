// The request fuzzer's table (tests/fuzz/request_table.h) against the API:
// every RPC of every service in the generated descriptor pool has an entry
// with its own request type, so a new RPC without a Read function in the
// fuzzer fails here. Also runs each Read function on an empty request and on
// a few hand-written ones, under the fuzzer's invariants.
#include <set>
#include <string>

#include "absl/strings/str_split.h"
#include "caitiao/internal/v1/page_token.pb.h"
#include "caitiao/v1/access.pb.h"
#include "caitiao/v1/case_service.pb.h"
#include "caitiao/v1/coverage.pb.h"
#include "caitiao/v1/directory.pb.h"
#include "caitiao/v1/docking.pb.h"
#include "caitiao/v1/document.pb.h"
#include "caitiao/v1/mediation.pb.h"
#include "caitiao/v1/policy.pb.h"
#include "caitiao/v1/reporting.pb.h"
#include "caitiao/v1/review.pb.h"
#include "caitiao/v1/subsidy.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/domain/errors.h"
#include "tests/unit/api_methods.h"
#include "tests/fuzz/request_table.h"

namespace caitiao::fuzz {
namespace {

using google::protobuf::DescriptorPool;

const google::protobuf::MethodDescriptor* FindMethod(const std::string& full_name) {
  const size_t slash = full_name.find('/');
  if (slash == std::string::npos) return nullptr;
  const auto* service = DescriptorPool::generated_pool()->FindServiceByName(full_name.substr(0, slash));
  return service == nullptr ? nullptr : service->FindMethodByName(full_name.substr(slash + 1));
}

using caitiao::testing::ApiMethods;

TEST(RequestTableTest, EveryApiMethodHasAReadFunctionInTheFuzzer) {
  const auto methods = ApiMethods();
  ASSERT_GE(methods.size(), 90u);
  std::set<std::string> in_table;
  for (const auto& e : RequestTable()) in_table.insert(e.method);
  for (const auto& m : methods) {
    EXPECT_TRUE(in_table.count(m)) << m << " has no entry in tests/fuzz/request_table.cc: add its Read function";
  }
}

TEST(RequestTableTest, EveryEntryIsARealMethodListedOnceWithItsRequestType) {
  const auto methods = ApiMethods();
  std::set<std::string> seen;
  for (const auto& e : RequestTable()) {
    EXPECT_TRUE(methods.count(e.method)) << e.method << " is in the table but not in the API";
    EXPECT_TRUE(seen.insert(e.method).second) << e.method << " is listed twice";
    const auto* method = FindMethod(e.method);
    ASSERT_NE(method, nullptr) << e.method;
    EXPECT_EQ(method->input_type(), e.request) << e.method;
    EXPECT_EQ(e.make()->GetDescriptor(), e.request) << e.method;
    EXPECT_FALSE(e.codes.empty()) << e.method;
  }
  // The fuzzer picks a method with one byte.
  EXPECT_LE(RequestTable().size(), 256u);
}

TEST(RequestTableTest, EmptyRequestsAreRefusedByTheRules) {
  for (const auto& e : RequestTable()) {
    for (const auto& caller : Callers()) {
      const auto request = e.make();
      const absl::Status status = e.read(*request, caller);
      EXPECT_EQ(RefusalProblem(e, *request, status), "") << e.method << ": " << status;
    }
  }
}

const RequestEntry& EntryFor(const std::string& method) {
  for (const auto& e : RequestTable()) {
    if (e.method == method) return e;
  }
  ADD_FAILURE() << method;
  return RequestTable().front();
}

absl::Status ReadText(const std::string& method, const std::string& text, google::protobuf::Message* out) {
  const auto& e = EntryFor(method);
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, out)) << text;
  const absl::Status status = e.read(*out, Callers().front());
  EXPECT_EQ(RefusalProblem(e, *out, status), "") << method << ": " << status;
  return status;
}

TEST(RequestTableTest, ReadFunctionsKeepTheHandlersFieldPaths) {
  caitiao::v1::RecordSessionRequest session;
  const absl::Status s = ReadText("caitiao.v1.MediationService/RecordSession",
                                  R"pb(case_id: "c" etag: "v1" place: "room 1" summary: "met"
                                       parties { side: PARTY_SIDE_APPLICANT position: -1 }
                                       agent_names: "")pb",
                                  &session);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  std::set<std::string> fields;
  for (const auto& v : domain::FieldsOf(s)) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"parties[0]", "agent_names[0]"}));

  caitiao::v1::DelegateCaseRequest delegate;
  const absl::Status d = ReadText("caitiao.v1.DockingService/DelegateCase", R"pb(case_id: "c")pb", &delegate);
  fields.clear();
  for (const auto& v : domain::FieldsOf(d)) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"etag", "room_id", "route"}));

  caitiao::v1::GetCaseRequest unmasked;
  const RequestEntry& get = EntryFor("caitiao.v1.CaseService/GetCase");
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(id: "x" unmask_personal_data: true)pb", &unmasked));
  for (const auto& caller : Callers()) {
    const absl::Status g = get.read(unmasked, caller);
    EXPECT_EQ(g.ok(), caller.principal.may_unmask) << g;
    EXPECT_EQ(RefusalProblem(get, unmasked, g), "") << g;
  }
}

TEST(RequestTableTest, FieldPathsAreWalkedThroughTheMessage) {
  caitiao::v1::CreateCaseRequest req;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(case { applicants { name: "a" } applicants { name: "b" } })pb", &req));
  EXPECT_EQ(FieldPathProblem(req, "case.applicants[1].name"), "");
  EXPECT_EQ(FieldPathProblem(req, "route_stage"), "");
  EXPECT_NE(FieldPathProblem(req, "case.applicants[2].name"), "");
  EXPECT_NE(FieldPathProblem(req, "case.applicants.name"), "");
  EXPECT_NE(FieldPathProblem(req, "case.nonesuch"), "");
  EXPECT_NE(FieldPathProblem(req, "route_stage[0]"), "");
  EXPECT_NE(FieldPathProblem(req, "case.applicants[x]"), "");
}

}  // namespace
}  // namespace caitiao::fuzz
