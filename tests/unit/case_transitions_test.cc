// The state machine: every (state x command) pair against the table, and the
// reason catalogue against the proto comments.
#include <fstream>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "absl/strings/str_split.h"
#include "caitiao/v1/case.pb.h"
#include "services/domain/case_events.h"
#include "services/domain/case_transitions.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

using S = CaseState;
using C = CaseCommand;

// The documented next states, written out independently of the table.
const std::map<std::pair<S, C>, std::set<S>>& Expected() {
  static const auto* expected = new std::map<std::pair<S, C>, std::set<S>>{
      {{S::kReceived, C::kUpdateContent}, {S::kReceived}},
      {{S::kReceived, C::kWithdrawCase}, {S::kWithdrawn}},
      {{S::kReceived, C::kRecordConsent}, {S::kReceived}},
      {{S::kReceived, C::kWithdrawConsent}, {S::kReceived}},
      {{S::kReceived, C::kAssessEligibility}, {S::kReceived}},
      {{S::kReceived, C::kDelegate}, {S::kDelegated}},
      {{S::kReceived, C::kFileCase}, {S::kFiled}},
      {{S::kReceived, C::kRefuseAcceptance}, {S::kNotAccepted}},
      {{S::kFiled, C::kUpdateContent}, {S::kFiled}},
      {{S::kFiled, C::kWithdrawCase}, {S::kWithdrawn}},
      {{S::kFiled, C::kRecordConsent}, {S::kFiled}},
      {{S::kFiled, C::kWithdrawConsent}, {S::kFiled}},
      {{S::kFiled, C::kAssessEligibility}, {S::kFiled}},
      {{S::kFiled, C::kDelegate}, {S::kDelegated}},
      {{S::kFiled, C::kCloseCase}, {S::kClosed}},
      {{S::kDelegated, C::kRecordConsent}, {S::kDelegated}},
      {{S::kDelegated, C::kWithdrawConsent}, {S::kReceived, S::kFiled}},
      {{S::kDelegated, C::kAcceptDelegation}, {S::kInMediation}},
      {{S::kDelegated, C::kDeclineDelegation}, {S::kReceived, S::kFiled}},
      {{S::kDelegated, C::kDeclareConflict}, {S::kDelegated}},
      {{S::kInMediation, C::kRecordConsent}, {S::kInMediation}},
      {{S::kInMediation, C::kWithdrawConsent}, {S::kReceived, S::kFiled}},
      {{S::kInMediation, C::kDeclareConflict}, {S::kInMediation}},
      {{S::kInMediation, C::kRecordSession}, {S::kInMediation}},
      {{S::kInMediation, C::kExtendMediation}, {S::kInMediation}},
      {{S::kInMediation, C::kDraftAgreement}, {S::kInMediation}},
      {{S::kInMediation, C::kRecordSignature}, {S::kInMediation, S::kAgreementEffective}},
      {{S::kInMediation, C::kVoidAgreement}, {S::kInMediation}},
      {{S::kInMediation, C::kTerminateMediation}, {S::kReceived, S::kFiled}},
      {{S::kAgreementEffective, C::kRecordPerformance}, {S::kAgreementEffective, S::kMediated}},
      {{S::kAgreementEffective, C::kTerminateMediation}, {S::kReceived, S::kFiled}},
      {{S::kAgreementEffective, C::kApplyForReview}, {S::kUnderReview}},
      {{S::kUnderReview, C::kRecordPerformance}, {S::kUnderReview, S::kMediated}},
      {{S::kUnderReview, C::kExtendReview}, {S::kUnderReview}},
      {{S::kUnderReview, C::kMakeDocument}, {S::kDocumentService}},
      {{S::kUnderReview, C::kRefuseReview}, {S::kReceived, S::kFiled}},
      {{S::kDocumentService, C::kRecordPerformance}, {S::kDocumentService, S::kMediated}},
      {{S::kDocumentService, C::kRecordServiceReceipt}, {S::kDocumentService, S::kMediated}},
      {{S::kDocumentService, C::kRecordServiceRefusal}, {S::kReceived, S::kFiled}},
  };
  return *expected;
}

TEST(CaseTransitions, EveryStateCommandPairIsAllowedExactlyAsDocumented) {
  for (S state : AllCaseStates()) {
    for (C command : AllCaseCommands()) {
      SCOPED_TRACE(std::string(CaseStateName(state)) + " x " + CaseCommandName(command));
      const auto it = Expected().find({state, command});
      const absl::Status s = CheckCommandAllowed(state, command);
      if (it != Expected().end()) {
        ASSERT_TRUE(s.ok()) << s;
        const Transition* t = FindTransition(state, command);
        ASSERT_NE(t, nullptr);
        EXPECT_EQ(std::set<S>(t->to.begin(), t->to.end()), it->second);
      } else {
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(ReasonOf(s), std::string(RefusalReasonOf(command, state)));
        EXPECT_NE(s.message().find(CaseStateName(state)), std::string::npos) << s.message();
      }
    }
  }
}

TEST(CaseTransitions, RefusalsAreInvalidStateExceptTheTwoIntakeCommands) {
  EXPECT_EQ(RefusalReasonOf(C::kDelegate, S::kClosed), "INVALID_STATE");
  EXPECT_EQ(RefusalReasonOf(C::kUpdateContent, S::kDelegated), "CASE_NOT_EDITABLE");
  EXPECT_EQ(RefusalReasonOf(C::kWithdrawCase, S::kWithdrawn), "CASE_ALREADY_WITHDRAWN");
  EXPECT_EQ(RefusalReasonOf(C::kWithdrawCase, S::kInMediation), "CASE_NOT_WITHDRAWABLE");
}

TEST(CaseTransitions, NoDelegatedCaseGetsStuck) {
  // Every non-terminal state reaches a terminal one through the table.
  std::set<S> reaches_end;
  for (S s : AllCaseStates()) {
    if (IsTerminal(s)) reaches_end.insert(s);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& t : TransitionTable()) {
      if (reaches_end.count(t.from)) continue;
      for (S to : t.to) {
        if (reaches_end.count(to)) {
          reaches_end.insert(t.from);
          changed = true;
          break;
        }
      }
    }
  }
  for (S s : AllCaseStates()) EXPECT_TRUE(reaches_end.count(s)) << CaseStateName(s) << " cannot reach an end";
  EXPECT_EQ(std::set<S>({S::kWithdrawn, S::kMediated, S::kNotAccepted, S::kClosed}),
            [] {
              std::set<S> terminal;
              for (S s : AllCaseStates()) {
                if (IsTerminal(s)) terminal.insert(s);
              }
              return terminal;
            }());
}

TEST(CaseTransitions, StatesMatchTheProtoEnum) {
  const auto* e = v1::CaseState_descriptor();
  ASSERT_EQ(static_cast<size_t>(e->value_count()), AllCaseStates().size() + 1);
  for (S s : AllCaseStates()) {
    const auto* v = e->FindValueByNumber(static_cast<int>(s));
    ASSERT_NE(v, nullptr) << CaseStateName(s);
    EXPECT_EQ(v->name(), std::string("CASE_STATE_") + CaseStateName(s));
  }
}

void AddEnum(const google::protobuf::EnumDescriptor* e, std::set<std::string>* out) {
  for (int i = 0; i < e->value_count(); ++i) {
    const std::string& name = e->value(i)->name();
    out->insert(name);
    // The short forms comments use: CASE_STATE_DELEGATED -> STATE_DELEGATED, DELEGATED.
    for (size_t at = name.find('_'); at != std::string::npos; at = name.find('_', at + 1)) {
      out->insert(name.substr(at + 1));
    }
  }
}

void AddMessageEnums(const google::protobuf::Descriptor* m, std::set<std::string>* out) {
  for (int i = 0; i < m->enum_type_count(); ++i) AddEnum(m->enum_type(i), out);
  for (int i = 0; i < m->nested_type_count(); ++i) AddMessageEnums(m->nested_type(i), out);
}

// Every enum value name of the caitiao.v1 files, with and without prefixes.
const std::set<std::string>& EnumValueNames() {
  static const auto* names = [] {
    auto* out = new std::set<std::string>;
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (absl::string_view name : absl::StrSplit(CAITIAO_PROTO_FILES, ',', absl::SkipEmpty())) {
      const auto* file = pool->FindFileByName(std::string(name));
      if (file == nullptr) continue;
      for (int i = 0; i < file->enum_type_count(); ++i) AddEnum(file->enum_type(i), out);
      for (int i = 0; i < file->message_type_count(); ++i) AddMessageEnums(file->message_type(i), out);
    }
    return out;
  }();
  return *names;
}

// Every UPPER_SNAKE word in a proto comment that is not an enum value, a
// canonical code or one of the other documented vocabularies must be a
// catalogued reason; every catalogued reason must be named in some comment.
TEST(ReasonCatalogue, MatchesTheReasonsTheProtoCommentsName) {
  std::set<std::string> words;
  for (absl::string_view name : absl::StrSplit(CAITIAO_PROTO_FILES, ',', absl::SkipEmpty())) {
    const std::string path = std::string(CAITIAO_PROTO_DIR) + "/" + std::string(name);
    std::ifstream in{path};
    ASSERT_TRUE(in) << path;
    std::string line;
    const std::regex word(R"(\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b)");
    while (std::getline(in, line)) {
      const auto slash = line.find("//");
      if (slash == std::string::npos) continue;
      const std::string comment = line.substr(slash);
      for (std::sregex_iterator it(comment.begin(), comment.end(), word), end; it != end; ++it) {
        words.insert(it->str());
      }
    }
  }
  std::set<std::string> not_reasons = {
      // canonical codes and naming conventions
      "INVALID_ARGUMENT", "FAILED_PRECONDITION", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
      "UPPER_SNAKE_CASE", "RESOURCE_EXHAUSTED",
      // eligibility criteria and warnings (eligibility.h), period kinds, event kinds
      "WITHIN_ARBITRATION_SCOPE", "ACCEPTANCE_DISPUTE_TYPE", "ACCEPTANCE_CLEAR_CLAIM", "ACCEPTANCE_PARTIES",
      "ACCEPTANCE_JURISDICTION", "SUITABLE_FOR_MEDIATION", "BOTH_PARTIES_CONSENT",
      "NOT_LABOR_RELATIONSHIP_CONFIRMATION", "LIMITATION_PERIOD_MAY_HAVE_EXPIRED", "OTHER_OPEN_CASE_SAME_PARTIES",
      "CALENDAR_DAYS", "WORKING_DAYS", "ROOM_SEAL", "SUCCEEDED_PERFORMED", "SUCCEEDED_DOCUMENT"};
  for (const std::string& w : words) {
    // Event kinds (case_events.h) are a vocabulary of their own.
    bool event_kind = false;
    for (auto kind : events::AllEventKinds()) event_kind = event_kind || kind == w;
    if (event_kind) continue;
    if (not_reasons.count(w) || EnumValueNames().count(w)) continue;
    EXPECT_NE(FindReason(w), nullptr) << w << " is named in a proto comment but is not in the reason catalogue";
  }
  // Refusals at start-up, never sent to a client.
  const std::set<std::string> server_only = {"DATA_KEY_MISMATCH", "DATA_KEY_MISSING"};
  for (const auto& info : ReasonCatalogue()) {
    if (server_only.count(std::string(info.reason))) continue;
    EXPECT_TRUE(words.count(std::string(info.reason)))
        << info.reason << " is in the catalogue but no proto comment names it";
  }
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// docs/process.md's transition table says exactly what the domain's does.
TEST(ProcessDocument, TransitionTableMatchesTheDomain) {
  std::ifstream in(std::string(CAITIAO_SOURCE_DIR) + "/docs/process.md");
  ASSERT_TRUE(in) << "docs/process.md is missing";
  std::set<std::tuple<std::string, std::string, std::string>> documented;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("<!-- transitions: begin -->") != std::string::npos) inside = true;
    if (line.find("<!-- transitions: end -->") != std::string::npos) inside = false;
    if (!inside || line.rfind("| ", 0) != 0 || line.rfind("| from", 0) == 0) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    ASSERT_GE(cells.size(), 4u) << line;
    for (absl::string_view to : absl::StrSplit(cells[3], ',')) {
      documented.insert({Trim(cells[1]), Trim(cells[2]), Trim(std::string(to))});
    }
  }
  std::set<std::tuple<std::string, std::string, std::string>> table;
  for (const auto& t : TransitionTable()) {
    for (CaseState to : t.to) table.insert({CaseStateName(t.from), CaseCommandName(t.command), CaseStateName(to)});
  }
  EXPECT_EQ(documented, table) << "docs/process.md and case_transitions.cc disagree";
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

// docs/process.md's list of event kinds is the domain's.
TEST(ProcessDocument, EventKindsMatchTheDomain) {
  std::ifstream in(std::string(CAITIAO_SOURCE_DIR) + "/docs/process.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("## Events");
  ASSERT_NE(start, std::string::npos);
  const std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
  std::set<std::string> documented;
  const std::regex word(R"(\b[A-Z][A-Z]+(_[A-Z]+)+\b)");
  for (std::sregex_iterator it(section.begin(), section.end(), word), end; it != end; ++it) {
    documented.insert(it->str());
  }
  std::set<std::string> domain;
  for (auto kind : events::AllEventKinds()) domain.insert(std::string(kind));
  EXPECT_EQ(documented, domain);
}

}  // namespace
}  // namespace caitiao::domain
