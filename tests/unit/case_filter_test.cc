#include "services/domain/case_filter.h"

#include <algorithm>
#include <cstddef>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/domain/case_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

using namespace std::string_literals;  // "\0"s for embedded NULs

constexpr char kKnownFields[] =
    "known fields: commission_id, region_code, state, dispute_type, receive_time, party_name, party_resident_id_number, "
    "overdue, due_date";

absl::Time T(std::string_view rfc3339) {
  absl::Time t;
  std::string err;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, std::string(rfc3339), &t, &err)) << rfc3339 << ": " << err;
  return t;
}

// Strict UTF-8 with no C0/C1 control characters: what a protobuf string in
// an error detail may carry.
bool IsCleanUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
      min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
      min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;
    i += len;
  }
  return true;
}

// Expects `filter` to be refused as FILTER_INVALID with every invariant of the
// error shape, and returns the status message.
std::string ErrorOf(std::string_view filter) {
  const absl::StatusOr<CaseFilter> r = ParseCaseFilter(filter);
  EXPECT_FALSE(r.ok()) << "accepted: " << filter;
  if (r.ok()) return "";
  const absl::Status& s = r.status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(ReasonOf(s), "FILTER_INVALID") << s;
  const std::vector<FieldViolation> fields = FieldsOf(s);
  EXPECT_EQ(fields.size(), 1u) << s;
  if (fields.size() == 1) {
    EXPECT_EQ(fields[0].field, "filter");
    EXPECT_EQ(absl::StrCat("filter: ", fields[0].description), s.message());
  }
  EXPECT_TRUE(absl::StartsWith(s.message(), "filter: ")) << s;
  EXPECT_TRUE(IsCleanUtf8(std::string(s.message()))) << "message is not clean UTF-8";
  return std::string(s.message());
}

CaseFilter Parsed(std::string_view filter) {
  const absl::StatusOr<CaseFilter> r = ParseCaseFilter(filter);
  EXPECT_TRUE(r.ok()) << filter << " -> " << r.status();
  return r.ok() ? *r : CaseFilter{};
}

// ---------------------------------------------------------------------------
// Accepted filters.

TEST(CaseFilterTest, ParseCaseFilter_EmptyFilterGivesEmptyStruct) {
  EXPECT_EQ(Parsed(""), CaseFilter{});
}

TEST(CaseFilterTest, ParseCaseFilter_WhitespaceOnlyFilterGivesEmptyStruct) {
  EXPECT_EQ(Parsed("  \t\r\n "), CaseFilter{});
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesCommissionIdQuotedOrBare) {
  CaseFilter want;
  want.commission_id = "c_0001";
  EXPECT_EQ(Parsed("commission_id = \"c_0001\""), want);
  EXPECT_EQ(Parsed("commission_id = c_0001"), want);

  want.commission_id = "9f1c-4b7e 仲裁委";
  EXPECT_EQ(Parsed("commission_id = \"9f1c-4b7e 仲裁委\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_CommissionIdLengthCountsCodePoints) {
  const std::string ascii64(64, 'a');
  EXPECT_EQ(*Parsed(absl::StrCat("commission_id = ", ascii64)).commission_id, ascii64);
  std::string cjk64;
  for (int i = 0; i < 64; ++i) cjk64 += "仲";  // 192 bytes, 64 characters
  EXPECT_EQ(*Parsed(absl::StrCat("commission_id = \"", cjk64, "\"")).commission_id, cjk64);
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesRegionCodeQuotedOrBare) {
  CaseFilter want;
  want.region_code = "420100";
  EXPECT_EQ(Parsed("region_code = \"420100\""), want);
  EXPECT_EQ(Parsed("region_code = 420100"), want);
  want.region_code = "000000";
  EXPECT_EQ(Parsed("region_code = 000000"), want);  // leading zeros kept
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesEveryStateWithOrWithoutPrefix) {
  const std::vector<std::pair<std::string, CaseState>> cases = {
      {"RECEIVED", CaseState::kReceived},
      {"FILED", CaseState::kFiled},
      {"WITHDRAWN", CaseState::kWithdrawn},
  };
  for (const auto& [name, state] : cases) {
    for (const std::string& spelling :
         {name, "CASE_STATE_" + name, "\"" + name + "\"", "\"CASE_STATE_" + name + "\""}) {
      const CaseFilter f = Parsed("state = " + spelling);
      ASSERT_TRUE(f.state.has_value()) << spelling;
      EXPECT_EQ(*f.state, state) << spelling;
      CaseFilter only_state;
      only_state.state = state;
      EXPECT_EQ(f, only_state) << spelling;
    }
  }
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesEveryDisputeTypeWithOrWithoutPrefix) {
  const std::vector<std::pair<std::string, DisputeType>> cases = {
      {"LABOR_RELATIONSHIP_CONFIRMATION", DisputeType::kLaborRelationshipConfirmation},
      {"LABOR_CONTRACT", DisputeType::kLaborContract},
      {"REMOVAL_DISMISSAL_RESIGNATION", DisputeType::kRemovalDismissalResignation},
      {"HOURS_LEAVE_INSURANCE_WELFARE", DisputeType::kHoursLeaveInsuranceWelfare},
      {"REMUNERATION_COMPENSATION", DisputeType::kRemunerationCompensation},
      {"OTHER", DisputeType::kOther},
  };
  for (const auto& [name, type] : cases) {
    for (const std::string& spelling :
         {name, "DISPUTE_TYPE_" + name, "\"" + name + "\"", "\"DISPUTE_TYPE_" + name + "\""}) {
      CaseFilter want;
      want.dispute_type = type;
      EXPECT_EQ(Parsed("dispute_type = " + spelling), want) << spelling;
    }
  }
}

TEST(CaseFilterTest, ParseCaseFilter_GreaterOrEqualIsTheInclusiveMinimum) {
  CaseFilter want;
  want.receive_time_min = T("2026-01-01T00:00:00+08:00");
  EXPECT_EQ(Parsed("receive_time >= \"2026-01-01T00:00:00+08:00\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_GreaterThanAddsOneMicrosecondToTheMinimum) {
  CaseFilter want;
  want.receive_time_min = T("2026-01-01T00:00:00+08:00") + absl::Microseconds(1);
  EXPECT_EQ(Parsed("receive_time > \"2026-01-01T00:00:00+08:00\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_LessThanIsTheExclusiveMaximum) {
  CaseFilter want;
  want.receive_time_max_exclusive = T("2026-02-01T00:00:00+08:00");
  EXPECT_EQ(Parsed("receive_time < \"2026-02-01T00:00:00+08:00\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_LessOrEqualAddsOneMicrosecondToTheExclusiveMaximum) {
  CaseFilter want;
  want.receive_time_max_exclusive = T("2026-02-01T00:00:00+08:00") + absl::Microseconds(1);
  EXPECT_EQ(Parsed("receive_time <= \"2026-02-01T00:00:00+08:00\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_AcceptsBothBoundsOfAReceiveTimeRange) {
  CaseFilter want;
  want.receive_time_min = T("2026-01-01T00:00:00+08:00");
  want.receive_time_max_exclusive = T("2026-02-01T00:00:00+08:00");
  EXPECT_EQ(Parsed("receive_time >= \"2026-01-01T00:00:00+08:00\" AND "
                   "receive_time < \"2026-02-01T00:00:00+08:00\""),
            want);
  EXPECT_EQ(Parsed("receive_time < \"2026-02-01T00:00:00+08:00\" AND "
                   "receive_time >= \"2026-01-01T00:00:00+08:00\""),
            want);
}

TEST(CaseFilterTest, ParseCaseFilter_AcceptsAnEmptyReceiveTimeRange) {
  // Not an error: it simply matches nothing.
  const CaseFilter f = Parsed(
      "receive_time >= \"2026-02-01T00:00:00Z\" AND receive_time < \"2026-01-01T00:00:00Z\"");
  EXPECT_GT(*f.receive_time_min, *f.receive_time_max_exclusive);
}

TEST(CaseFilterTest, ParseCaseFilter_ReceiveTimeHonoursOffsetsZuluAndLowerCase) {
  const absl::Time utc_midnight = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z
  for (const char* text : {"2026-01-01T00:00:00Z", "2026-01-01t00:00:00z", "2026-01-01T08:00:00+08:00",
                           "2025-12-31T19:30:00-04:30", "2026-01-01T00:00:00+00:00",
                           "2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00.000000Z"}) {
    const CaseFilter f = Parsed(absl::StrCat("receive_time >= \"", text, "\""));
    ASSERT_TRUE(f.receive_time_min.has_value()) << text;
    EXPECT_EQ(*f.receive_time_min, utc_midnight) << text;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_ReceiveTimeKeepsMicrosecondFractions) {
  const CaseFilter f = Parsed("receive_time >= \"2026-01-01T00:00:00.123456Z\" AND "
                              "receive_time <= \"2026-01-01T00:00:00.5Z\"");
  EXPECT_EQ(*f.receive_time_min, T("2026-01-01T00:00:00Z") + absl::Microseconds(123456));
  EXPECT_EQ(*f.receive_time_max_exclusive, T("2026-01-01T00:00:00Z") + absl::Microseconds(500001));
}

TEST(CaseFilterTest, ParseCaseFilter_SubMicrosecondBoundsRoundToStoredPrecision) {
  // Stored times are whole microseconds: s >= 0.1234565 means s >= 0.123457,
  // s > 0.1234565 the same, s < 0.1234565 means s < 0.123457, and s <= it too.
  const absl::Time base = T("2026-01-01T00:00:00Z");
  const absl::Time up = base + absl::Microseconds(123457);
  EXPECT_EQ(*Parsed("receive_time >= \"2026-01-01T00:00:00.1234565Z\"").receive_time_min, up);
  EXPECT_EQ(*Parsed("receive_time > \"2026-01-01T00:00:00.1234565Z\"").receive_time_min, up);
  EXPECT_EQ(*Parsed("receive_time < \"2026-01-01T00:00:00.1234565Z\"").receive_time_max_exclusive, up);
  EXPECT_EQ(*Parsed("receive_time <= \"2026-01-01T00:00:00.1234565Z\"").receive_time_max_exclusive, up);
  // Digits beyond nanoseconds still count, and trailing zeros do not.
  EXPECT_EQ(*Parsed("receive_time >= \"2026-01-01T00:00:00.1234560000001Z\"").receive_time_min, up);
  EXPECT_EQ(*Parsed("receive_time >= \"2026-01-01T00:00:00.1234560000000Z\"").receive_time_min,
            base + absl::Microseconds(123456));
}

TEST(CaseFilterTest, ParseCaseFilter_ReceiveTimeBeforeTheEpochRoundsCorrectly) {
  const absl::Time base = T("1969-12-31T23:59:59Z");
  EXPECT_EQ(*Parsed("receive_time > \"1969-12-31T23:59:59.9999995Z\"").receive_time_min,
            base + absl::Microseconds(1000000));
  EXPECT_EQ(*Parsed("receive_time >= \"1969-12-31T23:59:59.0000005Z\"").receive_time_min,
            base + absl::Microseconds(1));
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesPartyNameSubstring) {
  CaseFilter want;
  want.party_name_contains = "建设";
  EXPECT_EQ(Parsed("party_name : \"建设\""), want);
  EXPECT_EQ(Parsed("party_name:\"建设\""), want);
}

TEST(CaseFilterTest, ParseCaseFilter_PartyNameAllowsInnerAndOuterSpaces) {
  EXPECT_EQ(*Parsed("party_name : \" Wuhan Steel \"").party_name_contains, " Wuhan Steel ");
}

TEST(CaseFilterTest, ParseCaseFilter_PartyNameLengthCountsCodePoints) {
  std::string name100;
  for (int i = 0; i < 100; ++i) name100 += "张";  // 300 bytes
  EXPECT_EQ(*Parsed(absl::StrCat("party_name : \"", name100, "\"")).party_name_contains, name100);
  const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600, four bytes, one character
  EXPECT_EQ(*Parsed(absl::StrCat("party_name : \"", emoji, "\"")).party_name_contains, emoji);
}

TEST(CaseFilterTest, ParseCaseFilter_ResolvesEscapesInStrings) {
  EXPECT_EQ(*Parsed(R"(party_name : "a\"b\\c")").party_name_contains, "a\"b\\c");
  EXPECT_EQ(*Parsed(R"(party_name : "\\")").party_name_contains, "\\");
  EXPECT_EQ(*Parsed(R"(party_name : "\"")").party_name_contains, "\"");
  EXPECT_EQ(*Parsed(R"(commission_id = "x\"y")").commission_id, "x\"y");
}

TEST(CaseFilterTest, ParseCaseFilter_EscapedValueIsNotSplitIntoComparisons) {
  const CaseFilter f = Parsed(R"(party_name : "x\" AND state = FILED AND \"")");
  EXPECT_EQ(*f.party_name_contains, "x\" AND state = FILED AND \"");
  EXPECT_FALSE(f.state.has_value());
}

TEST(CaseFilterTest, ParseCaseFilter_ParsesAllFieldsTogether) {
  CaseFilter want;
  want.commission_id = "c1";
  want.region_code = "420100";
  want.state = CaseState::kFiled;
  want.dispute_type = DisputeType::kRemunerationCompensation;
  want.receive_time_min = T("2026-01-01T00:00:00+08:00");
  want.receive_time_max_exclusive = T("2026-02-01T00:00:00+08:00") + absl::Microseconds(1);
  want.party_name_contains = "建设";
  EXPECT_EQ(Parsed("commission_id = \"c1\" AND region_code = \"420100\" AND state = FILED AND "
                   "dispute_type = REMUNERATION_COMPENSATION AND "
                   "receive_time >= \"2026-01-01T00:00:00+08:00\" AND "
                   "receive_time <= \"2026-02-01T00:00:00+08:00\" AND party_name : \"建设\""),
            want);
}

TEST(CaseFilterTest, ParseCaseFilter_WhitespaceBetweenTokensIsFree) {
  const CaseFilter spaced = Parsed("region_code = \"420100\" AND state = FILED");
  EXPECT_EQ(Parsed("region_code=\"420100\" AND state=FILED"), spaced);
  EXPECT_EQ(Parsed("region_code=420100 AND state=FILED"), spaced);
  EXPECT_EQ(Parsed("  region_code\t=\n\"420100\"\r\nAND\tstate =FILED  "), spaced);
  EXPECT_EQ(Parsed("region_code=\"420100\"AND state=FILED"), spaced);
}

TEST(CaseFilterTest, ParseCaseFilter_ComparisonsInAnyOrderGiveEqualStructsAndCanonicalText) {
  std::vector<std::string> parts = {
      "commission_id = \"c1\"",
      "region_code = 420100",
      "state = CASE_STATE_WITHDRAWN",
      "dispute_type = LABOR_CONTRACT",
      "receive_time > \"2026-01-01T00:00:00+08:00\"",
      "receive_time < \"2026-03-01T00:00:00Z\"",
      "party_name : \"李\"",
  };
  std::sort(parts.begin(), parts.end());
  const CaseFilter first = Parsed(absl::StrJoin(parts, " AND "));
  const std::string canonical = CanonicalCaseFilter(first);
  int permutations = 0;
  do {
    const std::string text = absl::StrJoin(parts, " AND ");
    const CaseFilter f = Parsed(text);
    EXPECT_EQ(f, first) << text;
    EXPECT_EQ(CanonicalCaseFilter(f), canonical) << text;
    ++permutations;
  } while (std::next_permutation(parts.begin(), parts.end()));
  EXPECT_EQ(permutations, 5040);
}

TEST(CaseFilterTest, ParseCaseFilter_AcceptsAFilterOfExactlyTheMaximumLength) {
  std::string filter = "state = FILED";
  filter.resize(2000, ' ');
  CaseFilter want;
  want.state = CaseState::kFiled;
  EXPECT_EQ(Parsed(filter), want);
}

// ---------------------------------------------------------------------------
// Refused filters.

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnknownField) {
  EXPECT_EQ(ErrorOf("state = FILED AND colour = \"red\""),
            absl::StrCat("filter: at 19: unknown field \"colour\"; ", kKnownFields));
  EXPECT_EQ(ErrorOf("colour = red"), absl::StrCat("filter: at 1: unknown field \"colour\"; ", kKnownFields));
}

TEST(CaseFilterTest, ParseCaseFilter_FieldNamesAreCaseSensitive) {
  EXPECT_EQ(ErrorOf("State = FILED"), absl::StrCat("filter: at 1: unknown field \"State\"; ", kKnownFields));
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsNestedFieldPaths) {
  EXPECT_EQ(ErrorOf("party.name : \"x\""),
            absl::StrCat("filter: at 1: unknown field \"party\"; ", kKnownFields));
}

TEST(CaseFilterTest, ParseCaseFilter_ShortensVeryLongUnknownFieldNamesInTheMessage) {
  const std::string msg = ErrorOf(std::string(500, 'x') + " = 1");
  EXPECT_TRUE(absl::StrContains(msg, absl::StrCat("unknown field \"", std::string(40, 'x'), "\"...")))
      << msg;
  EXPECT_LT(msg.size(), 300u);
}

TEST(CaseFilterTest, ParseCaseFilter_PositionCountsCharactersNotBytes) {
  // "建设" is six bytes but two characters.
  EXPECT_EQ(ErrorOf("party_name : \"建设\" AND colour = x"),
            absl::StrCat("filter: at 23: unknown field \"colour\"; ", kKnownFields));
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsWrongOperatorForEqualityFields) {
  EXPECT_EQ(ErrorOf("state >= FILED"), "filter: at 7: state takes \"=\", not \">=\"");
  EXPECT_EQ(ErrorOf("region_code : 420100"), "filter: at 13: region_code takes \"=\", not \":\"");
  EXPECT_EQ(ErrorOf("commission_id < c1"), "filter: at 15: commission_id takes \"=\", not \"<\"");
  EXPECT_EQ(ErrorOf("dispute_type > OTHER"), "filter: at 14: dispute_type takes \"=\", not \">\"");
  EXPECT_EQ(ErrorOf("state <= FILED"), "filter: at 7: state takes \"=\", not \"<=\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsNotEqualsAndDoubleEquals) {
  EXPECT_EQ(ErrorOf("state != FILED"), "filter: at 7: state takes \"=\", not \"!=\"");
  EXPECT_EQ(ErrorOf("state == FILED"), "filter: at 7: state takes \"=\", not \"==\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsEqualsOnReceiveTime) {
  EXPECT_EQ(ErrorOf("receive_time = \"2026-01-01T00:00:00Z\""),
            "filter: at 14: receive_time takes \">=\", \">\", \"<=\" or \"<\", not \"=\"");
  EXPECT_EQ(ErrorOf("receive_time : \"2026-01-01T00:00:00Z\""),
            "filter: at 14: receive_time takes \">=\", \">\", \"<=\" or \"<\", not \":\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsEqualsOnPartyName) {
  EXPECT_EQ(ErrorOf("party_name = \"张三\""), "filter: at 12: party_name takes \":\" (contains), not \"=\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsMissingOperator) {
  EXPECT_EQ(ErrorOf("state"), "filter: at 6: expected \"=\" after state, found end of filter");
  EXPECT_EQ(ErrorOf("state FILED"), "filter: at 7: expected \"=\" after state, found \"FILED\"");
  EXPECT_EQ(ErrorOf("party_name \"x\""),
            "filter: at 12: expected \":\" (contains) after party_name, found the string \"x\"");
  EXPECT_EQ(ErrorOf("state ! FILED"), "filter: at 7: expected \"=\" after state, found '!'");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsMissingValue) {
  EXPECT_EQ(ErrorOf("state ="), "filter: at 8: expected a value for state after \"=\", found end of filter");
  // A bare AND after "=" is read as the value: an unknown state name.
  EXPECT_TRUE(absl::StartsWith(ErrorOf("state = AND region_code = 420100"),
                               "filter: at 9: unknown state \"AND\""));
  EXPECT_EQ(ErrorOf("region_code = = 420100"),
            "filter: at 15: expected a value for region_code after \"=\", found \"=\"");
  EXPECT_EQ(ErrorOf("party_name : (\"x\")"),
            "filter: at 14: expected a value for party_name after \":\", found \"(\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsOrSayingOnlyAndIsSupported) {
  EXPECT_EQ(ErrorOf("state = FILED OR state = RECEIVED"),
            "filter: at 15: \"OR\" is not supported; only AND is supported");
  EXPECT_EQ(ErrorOf("state = FILED or state = RECEIVED"),
            "filter: at 15: \"or\" is not supported; only AND is supported");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsNotSayingOnlyAndIsSupported) {
  EXPECT_EQ(ErrorOf("NOT state = FILED"), "filter: at 1: \"NOT\" is not supported; only AND is supported");
  EXPECT_EQ(ErrorOf("region_code = 420100 AND NOT state = FILED"),
            "filter: at 26: \"NOT\" is not supported; only AND is supported");
  EXPECT_EQ(ErrorOf("-state = FILED"),
            "filter: at 1: negation (\"-\") is not supported; only AND is supported");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsParenthesesSayingOnlyAndIsSupported) {
  EXPECT_EQ(ErrorOf("(state = FILED)"),
            "filter: at 1: parentheses are not supported; only AND is supported");
  EXPECT_EQ(ErrorOf("state = FILED AND (region_code = 420100)"),
            "filter: at 19: parentheses are not supported; only AND is supported");
  EXPECT_EQ(ErrorOf("state = FILED)"),
            "filter: at 14: parentheses are not supported; only AND is supported");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsLowerCaseAnd) {
  EXPECT_EQ(ErrorOf("state = FILED and region_code = 420100"),
            "filter: at 15: keywords are case-sensitive: write \"AND\", not \"and\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsComparisonsWithoutAnd) {
  EXPECT_EQ(ErrorOf("state = FILED region_code = 420100"),
            "filter: at 15: expected \"AND\" or end of filter, found \"region_code\"");
  EXPECT_EQ(ErrorOf("state = FILED, region_code = 420100"),
            "filter: at 14: expected \"AND\" or end of filter, found ','");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsDanglingAnd) {
  EXPECT_EQ(ErrorOf("state = FILED AND"),
            "filter: at 18: expected a comparison after \"AND\", found end of filter");
  EXPECT_EQ(ErrorOf("state = FILED AND   "),
            "filter: at 21: expected a comparison after \"AND\", found end of filter");
  EXPECT_EQ(ErrorOf("AND state = FILED"),
            absl::StrCat("filter: at 1: expected a field name, found \"AND\"; ", kKnownFields));
  EXPECT_EQ(ErrorOf("state = FILED AND AND region_code = 420100"),
            absl::StrCat("filter: at 19: expected a field name, found \"AND\"; ", kKnownFields));
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsNonFieldWhereAFieldIsExpected) {
  EXPECT_EQ(ErrorOf("= FILED"),
            "filter: at 1: expected a field name (commission_id, region_code, state, dispute_type, "
            "receive_time, party_name, party_resident_id_number, overdue, due_date), found \"=\"");
  EXPECT_EQ(ErrorOf("\"state\" = FILED"),
            "filter: at 1: expected a field name (commission_id, region_code, state, dispute_type, "
            "receive_time, party_name, party_resident_id_number, overdue, due_date), found the string \"state\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnterminatedStringAtItsOpeningQuote) {
  EXPECT_EQ(ErrorOf("state = FILED AND party_name : \"abc"), "filter: at 32: unterminated string");
  EXPECT_EQ(ErrorOf("party_name : \"abc\\\""), "filter: at 14: unterminated string");
  EXPECT_EQ(ErrorOf("party_name : \"abc\\"), "filter: at 14: unterminated string");
  EXPECT_EQ(ErrorOf("party_name : \""), "filter: at 14: unterminated string");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnknownEscapes) {
  EXPECT_EQ(ErrorOf(R"(party_name : "a\nb")"),
            "filter: at 16: unknown escape \\n in string; only \\\" and \\\\ are allowed");
  EXPECT_EQ(ErrorOf(R"(party_name : "\u5F20")"),
            "filter: at 15: unknown escape \\u in string; only \\\" and \\\\ are allowed");
  EXPECT_EQ(ErrorOf("party_name : \"\\\x01\""),
            "filter: at 15: unknown escape in string; only \\\" and \\\\ are allowed");
  EXPECT_EQ(ErrorOf("party_name : \"\\张\""),
            "filter: at 15: unknown escape in string; only \\\" and \\\\ are allowed");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsInvalidUtf8InStrings) {
  const std::vector<std::string> bad = {
      "\x80",              // lone continuation byte
      "\xC0\xAF",          // overlong '/'
      "\xE0\x80\xAF",      // overlong '/'
      "\xED\xA0\x80",      // surrogate U+D800
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // invalid lead byte
      "\xFF",              // never valid
      "\xE5\xBC",          // truncated 张
  };
  for (const std::string& b : bad) {
    EXPECT_EQ(ErrorOf(absl::StrCat("party_name : \"张", b, "\"")), "filter: at 16: invalid UTF-8 in string")
        << absl::CEscape(b);
    EXPECT_EQ(ErrorOf(absl::StrCat("commission_id = \"", b, "\"")), "filter: at 18: invalid UTF-8 in string")
        << absl::CEscape(b);
  }
  // Truncated at the very end of the input: still reported, never read past.
  EXPECT_EQ(ErrorOf("party_name : \"\xE5\xBC"), "filter: at 15: invalid UTF-8 in string");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsControlCharactersInStrings) {
  EXPECT_EQ(ErrorOf("party_name : \"a\tb\""), "filter: at 16: control character U+0009 in string");
  EXPECT_EQ(ErrorOf("party_name : \"a\nb\""), "filter: at 16: control character U+000A in string");
  EXPECT_EQ(ErrorOf("party_name : \"a"s + "\0"s + "b\""), "filter: at 16: control character U+0000 in string");
  EXPECT_EQ(ErrorOf("party_name : \"a\x7F\""), "filter: at 16: control character U+007F in string");
  EXPECT_EQ(ErrorOf("party_name : \"a\xC2\x85\""), "filter: at 16: control character U+0085 in string");
  EXPECT_EQ(ErrorOf("commission_id = \"\x1B[31m\""), "filter: at 18: control character U+001B in string");
}

TEST(CaseFilterTest, ParseCaseFilter_DescribesStrayBytesWithoutEchoingThem) {
  EXPECT_EQ(ErrorOf("\xFF"),
            "filter: at 1: expected a field name (commission_id, region_code, state, dispute_type, "
            "receive_time, party_name, party_resident_id_number, overdue, due_date), found byte 0xFF (not valid UTF-8)");
  EXPECT_EQ(ErrorOf("state = FILED \x01"),
            "filter: at 15: expected \"AND\" or end of filter, found control character U+0001");
  EXPECT_EQ(ErrorOf("state = FILED"s + "\0"s),
            "filter: at 14: expected \"AND\" or end of filter, found control character U+0000");
  EXPECT_EQ(ErrorOf("state = FILED 和"),
            "filter: at 15: expected \"AND\" or end of filter, found \"和\" (U+548C)");
}

TEST(CaseFilterTest, ParseCaseFilter_HintsAtCurlyQuotesAndFullWidthSpaces) {
  EXPECT_EQ(ErrorOf("party_name : “张三”"),
            "filter: at 14: expected a value for party_name after \":\", found \"“\" (U+201C); "
            "use straight double quotes (\")");
  EXPECT_EQ(ErrorOf("state\xE3\x80\x80= FILED"),
            "filter: at 6: expected \"=\" after state, found \"\xE3\x80\x80\" (U+3000); use ASCII spaces");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsRegionCodeThatIsNotSixDigits) {
  for (const char* value :
       {"42010", "4201000", "\"42010a\"", "\"42 100\"", "\"\"", "\"４２０１００\"", "42010a", "\"-42010\""}) {
    EXPECT_EQ(ErrorOf(absl::StrCat("region_code = ", value)),
              "filter: at 15: region_code must be 6 digits, such as \"420100\"")
        << value;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsEmptyOrOverlongCommissionId) {
  EXPECT_EQ(ErrorOf("commission_id = \"\""), "filter: at 17: commission_id must be 1 to 64 characters");
  EXPECT_EQ(ErrorOf("commission_id = " + std::string(65, 'a')),
            "filter: at 17: commission_id must be 1 to 64 characters");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnknownState) {
  EXPECT_EQ(ErrorOf("state = ARCHIVED"),
            "filter: at 9: unknown state \"ARCHIVED\"; expected one of RECEIVED, FILED, WITHDRAWN, DELEGATED, "
            "IN_MEDIATION, AGREEMENT_EFFECTIVE, MEDIATED, NOT_ACCEPTED, CLOSED, UNDER_REVIEW, DOCUMENT_SERVICE");
  EXPECT_EQ(ErrorOf("state = \"已立案\""),
            "filter: at 9: unknown state \"已立案\"; expected one of RECEIVED, FILED, WITHDRAWN, DELEGATED, "
            "IN_MEDIATION, AGREEMENT_EFFECTIVE, MEDIATED, NOT_ACCEPTED, CLOSED, UNDER_REVIEW, DOCUMENT_SERVICE");
  for (const char* value : {"UNSPECIFIED", "CASE_STATE_UNSPECIFIED", "CASE_STATE_", "CASE_STATE_CASE_STATE_FILED",
                            "filed", "1", "\"\"", "\" FILED\""}) {
    EXPECT_TRUE(absl::StartsWith(ErrorOf(absl::StrCat("state = ", value)), "filter: at 9: unknown state "))
        << value;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnknownDisputeType) {
  EXPECT_EQ(ErrorOf("dispute_type = WAGES"),
            "filter: at 16: unknown dispute_type \"WAGES\"; expected LABOR_RELATIONSHIP_CONFIRMATION, "
            "LABOR_CONTRACT, REMOVAL_DISMISSAL_RESIGNATION, HOURS_LEAVE_INSURANCE_WELFARE, "
            "REMUNERATION_COMPENSATION or OTHER");
  for (const char* value : {"UNSPECIFIED", "DISPUTE_TYPE_UNSPECIFIED", "DISPUTE_TYPE_", "CASE_STATE_OTHER"}) {
    EXPECT_TRUE(
        absl::StartsWith(ErrorOf(absl::StrCat("dispute_type = ", value)), "filter: at 16: unknown dispute_type "))
        << value;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsMalformedReceiveTime) {
  const std::string want =
      "filter: at 17: receive_time must be an RFC 3339 timestamp such as \"2026-01-01T00:00:00+08:00\"";
  for (const char* value : {
           "",
           "2026-01-01",
           "2026-01-01T00:00:00",         // no offset
           "2026-01-01 00:00:00+08:00",   // space for T
           "2026-1-01T00:00:00Z",         // one-digit month
           "2026-02-30T00:00:00Z",        // no such day
           "2026-13-01T00:00:00Z",        // no such month
           "2026-01-01T24:00:00Z",        // no such hour
           "2026-01-01T00:00:00+24:00",   // offset out of range
           "2026-01-01T00:00:00+08:60",   // offset out of range
           "2026-01-01T00:00:00+0800",    // offset without colon
           "2026-01-01T00:00:00.Z",       // empty fraction
           "2026-01-01T00:00:00Z ",       // trailing space
           " 2026-01-01T00:00:00Z",       // leading space
           "2026-01-01T00:00:00ZZ",       // trailing junk
           "+2026-01-01T00:00:00Z",       // signed year
           "infinite-future",
           "infinite-past",
           "１９７０-01-01T00:00:00Z",    // full-width digits
       }) {
    EXPECT_EQ(ErrorOf(absl::StrCat("receive_time >= \"", value, "\"")), want) << value;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_AcceptsFourDigitYearsThatStayWithinRange) {
  EXPECT_EQ(*Parsed("receive_time >= \"0026-01-01T00:00:00Z\"").receive_time_min,
            absl::FromCivil(absl::CivilSecond(26, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(*Parsed("receive_time >= \"0001-01-01T00:00:00Z\"").receive_time_min,
            absl::FromCivil(absl::CivilSecond(1, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(*Parsed("receive_time <= \"9998-12-31T23:59:59.999999Z\"").receive_time_max_exclusive,
            absl::FromCivil(absl::CivilSecond(9999, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(*Parsed("receive_time >= \"9999-01-01T00:00:00Z\"").receive_time_min,
            absl::FromCivil(absl::CivilSecond(9999, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsReceiveTimeBoundsOutsideYears0001To9999) {
  const std::string want =
      "filter: at 17: receive_time must be between 0001-01-01T00:00:00Z and 9999-01-01T00:00:00Z";
  EXPECT_EQ(ErrorOf("receive_time >= \"0000-12-31T23:59:59Z\""), want);
  EXPECT_EQ(ErrorOf("receive_time >= \"0001-01-01T00:00:00+08:00\""), want);  // year 0 in UTC
  EXPECT_EQ(ErrorOf("receive_time >= \"9999-01-01T00:00:00.000001Z\""), want);
  EXPECT_EQ(ErrorOf("receive_time >  \"9999-01-01T00:00:00Z\""), want);
  EXPECT_EQ(ErrorOf("receive_time <= \"9999-01-01T00:00:00Z\""), want);
  EXPECT_EQ(ErrorOf("receive_time <  \"9998-12-31T23:00:00-08:00\""), want);  // later in UTC
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnquotedReceiveTime) {
  EXPECT_EQ(ErrorOf("receive_time >= 2026"),
            "filter: at 17: receive_time must be an RFC 3339 timestamp in double quotes, such as "
            "\"2026-01-01T00:00:00+08:00\"");
  EXPECT_TRUE(absl::StartsWith(ErrorOf("receive_time >= 2026-01-01T00:00:00Z"), "filter: at 17: receive_time"));
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsUnquotedPartyName) {
  EXPECT_EQ(ErrorOf("party_name : Zhang"),
            "filter: at 14: party_name takes a double-quoted string, such as party_name : \"张三\"");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsEmptyOrOverlongPartyName) {
  EXPECT_EQ(ErrorOf("party_name : \"\""), "filter: at 14: party_name must be 1 to 100 characters");
  std::string name101;
  for (int i = 0; i < 101; ++i) name101 += "张";
  EXPECT_EQ(ErrorOf(absl::StrCat("party_name : \"", name101, "\"")),
            "filter: at 14: party_name must be 1 to 100 characters");
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsEqualityFieldsGivenTwice) {
  EXPECT_EQ(ErrorOf("state = FILED AND state = RECEIVED"), "filter: at 19: state given twice");
  EXPECT_EQ(ErrorOf("state = FILED AND state = FILED"), "filter: at 19: state given twice");
  EXPECT_EQ(ErrorOf("commission_id = a AND commission_id = b"), "filter: at 23: commission_id given twice");
  EXPECT_EQ(ErrorOf("region_code = 420100 AND region_code = 420102"), "filter: at 26: region_code given twice");
  EXPECT_EQ(ErrorOf("dispute_type = OTHER AND dispute_type = LABOR_CONTRACT"),
            "filter: at 26: dispute_type given twice");
  EXPECT_EQ(ErrorOf("party_name : \"a\" AND party_name : \"b\""), "filter: at 22: party_name given twice");
}

// Decision: a repeated bound is refused rather than narrowed to the tightest
// one, as the header allows each direction at most once.
TEST(CaseFilterTest, ParseCaseFilter_RejectsReceiveTimeBoundInTheSameDirectionTwice) {
  const std::string t = "\"2026-01-01T00:00:00Z\"";
  const std::string lower = "filter: at 44: receive_time lower bound (\">=\" or \">\") given twice";
  const std::string upper = "filter: at 44: receive_time upper bound (\"<=\" or \"<\") given twice";
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time >= ", t, " AND receive_time >= ", t)), lower);
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time >= ", t, " AND receive_time > ", t)), lower);
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time >  ", t, " AND receive_time >= ", t)), lower);
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time <= ", t, " AND receive_time < ", t)), upper);
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time <  ", t, " AND receive_time <= ", t)), upper);
  EXPECT_EQ(ErrorOf(absl::StrCat("receive_time <  ", t, " AND receive_time < ", t)), upper);
}

TEST(CaseFilterTest, ParseCaseFilter_RejectsFilterLongerThan2000Bytes) {
  std::string filter = "state = FILED";
  filter.resize(2001, ' ');
  EXPECT_EQ(ErrorOf(filter), "filter: must be at most 2000 bytes, got 2001");
  EXPECT_EQ(ErrorOf(std::string(100000, '\xFF')), "filter: must be at most 2000 bytes, got 100000");
}

TEST(CaseFilterTest, ParseCaseFilter_ReportsTheFirstProblem) {
  EXPECT_EQ(ErrorOf("colour = x AND state = NOPE"),
            absl::StrCat("filter: at 1: unknown field \"colour\"; ", kKnownFields));
}

// ---------------------------------------------------------------------------
// Canonical text.

TEST(CaseFilterTest, CanonicalCaseFilter_EmptyFilterGivesEmptyText) {
  EXPECT_EQ(CanonicalCaseFilter(CaseFilter{}), "");
}

TEST(CaseFilterTest, CanonicalCaseFilter_UsesFixedOrderQuotedValuesNamesAndUtc) {
  const CaseFilter f = Parsed(
      "party_name : \"a\\\"b\\\\c\" AND receive_time <= \"2026-02-01T00:00:00+08:00\" AND "
      "receive_time > \"2026-01-01T08:00:00.5+08:00\" AND dispute_type = DISPUTE_TYPE_OTHER AND "
      "state = \"CASE_STATE_FILED\" AND region_code = 420100 AND commission_id = c1");
  EXPECT_EQ(CanonicalCaseFilter(f),
            "commission_id = \"c1\" AND region_code = \"420100\" AND state = FILED AND "
            "dispute_type = OTHER AND receive_time >= \"2026-01-01T00:00:00.500001+00:00\" AND "
            "receive_time < \"2026-01-31T16:00:00.000001+00:00\" AND party_name : \"a\\\"b\\\\c\"");
}

TEST(CaseFilterTest, CanonicalCaseFilter_IsTheSameForEquivalentSpellings) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"state = FILED", "state = CASE_STATE_FILED"},
      {"state = FILED", "state=\"FILED\""},
      {"dispute_type = OTHER", "dispute_type = \"DISPUTE_TYPE_OTHER\""},
      {"region_code = 420100", "region_code = \"420100\""},
      {"commission_id = c1", "commission_id = \"c1\""},
      {"receive_time >= \"2026-01-01T00:00:00+08:00\"", "receive_time >= \"2025-12-31T16:00:00Z\""},
      {"receive_time > \"2026-01-01T00:00:00Z\"", "receive_time >= \"2026-01-01T00:00:00.000001Z\""},
      {"receive_time <= \"2026-01-01T00:00:00Z\"", "receive_time < \"2026-01-01T00:00:00.000001Z\""},
      {"receive_time >= \"2026-01-01T00:00:00.1Z\"", "receive_time >= \"2026-01-01T00:00:00.100000000Z\""},
      {"state = FILED AND region_code = 420100", "region_code = 420100 AND state = FILED"},
      {"", "   "},
  };
  for (const auto& [a, b] : same) {
    EXPECT_EQ(CanonicalCaseFilter(Parsed(a)), CanonicalCaseFilter(Parsed(b))) << a << " vs " << b;
  }
}

TEST(CaseFilterTest, CanonicalCaseFilter_DiffersForDifferentFilters) {
  const absl::Time t = T("2026-01-01T00:00:00Z");
  std::vector<CaseFilter> filters(1);  // the empty filter
  auto add = [&](auto set) {
    CaseFilter f;
    set(f);
    filters.push_back(f);
  };
  add([](CaseFilter& f) { f.commission_id = "420100"; });
  add([](CaseFilter& f) { f.region_code = "420100"; });
  add([](CaseFilter& f) { f.commission_id = "a"; });
  add([](CaseFilter& f) { f.commission_id = "a\""; });
  add([](CaseFilter& f) { f.commission_id = "a\\"; });
  add([](CaseFilter& f) { f.party_name_contains = "a"; });
  add([](CaseFilter& f) { f.party_name_contains = "A"; });
  add([](CaseFilter& f) { f.party_name_contains = "x\" AND state = FILED AND party_name : \"y"; });
  add([](CaseFilter& f) {
    f.party_name_contains = "x";
    f.state = CaseState::kFiled;
  });
  add([](CaseFilter& f) { f.state = CaseState::kReceived; });
  add([](CaseFilter& f) { f.state = CaseState::kFiled; });
  add([](CaseFilter& f) { f.state = CaseState::kWithdrawn; });
  add([](CaseFilter& f) { f.state = CaseState::kUnspecified; });
  add([](CaseFilter& f) { f.state = static_cast<CaseState>(42); });
  add([](CaseFilter& f) { f.dispute_type = DisputeType::kOther; });
  add([](CaseFilter& f) { f.dispute_type = DisputeType::kLaborContract; });
  add([](CaseFilter& f) { f.dispute_type = DisputeType::kUnspecified; });
  add([](CaseFilter& f) { f.dispute_type = static_cast<DisputeType>(-1); });
  add([&](CaseFilter& f) { f.receive_time_min = t; });
  add([&](CaseFilter& f) { f.receive_time_min = t + absl::Microseconds(1); });
  add([&](CaseFilter& f) { f.receive_time_min = t + absl::Nanoseconds(1); });
  add([&](CaseFilter& f) { f.receive_time_max_exclusive = t; });
  add([&](CaseFilter& f) {
    f.receive_time_min = t;
    f.receive_time_max_exclusive = t;
  });
  add([](CaseFilter& f) { f.receive_time_min = absl::InfinitePast(); });
  add([](CaseFilter& f) { f.receive_time_min = absl::InfiniteFuture(); });

  std::set<std::string> texts;
  for (size_t i = 0; i < filters.size(); ++i) {
    for (size_t j = i + 1; j < filters.size(); ++j) ASSERT_NE(filters[i], filters[j]) << i << " " << j;
    texts.insert(CanonicalCaseFilter(filters[i]));
  }
  EXPECT_EQ(texts.size(), filters.size());
}

TEST(CaseFilterTest, CanonicalCaseFilter_NamesOutOfRangeEnumsByNumber) {
  CaseFilter f;
  f.state = static_cast<CaseState>(42);
  f.dispute_type = DisputeType::kUnspecified;
  EXPECT_EQ(CanonicalCaseFilter(f), "state = 42 AND dispute_type = 0");
}

TEST(CaseFilterTest, CanonicalCaseFilter_PadsYearsToFourDigits) {
  CaseFilter f;
  f.receive_time_min = absl::FromCivil(absl::CivilSecond(26, 1, 1, 0, 0, 0), absl::UTCTimeZone());
  f.receive_time_max_exclusive = absl::FromCivil(absl::CivilSecond(-1, 1, 1, 0, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(CanonicalCaseFilter(f),
            "receive_time >= \"0026-01-01T00:00:00+00:00\" AND receive_time < \"-0001-01-01T00:00:00+00:00\"");
  f.receive_time_max_exclusive = absl::FromCivil(absl::CivilSecond(12345, 1, 1, 0, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(CanonicalCaseFilter(f),
            "receive_time >= \"0026-01-01T00:00:00+00:00\" AND receive_time < \"12345-01-01T00:00:00+00:00\"");
}

TEST(CaseFilterTest, CanonicalCaseFilter_ParsesBackToTheSameFilter) {
  for (const char* text : {
           "",
           "state = WITHDRAWN",
           "party_name : \"a\\\"b\\\\c 张\"",
           "commission_id = \"id with spaces\" AND region_code = 429004",
           "receive_time > \"2026-01-01T00:00:00.9999995+08:00\" AND receive_time <= \"2027-01-01T00:00:00Z\"",
           "dispute_type = DISPUTE_TYPE_HOURS_LEAVE_INSURANCE_WELFARE AND state = RECEIVED",
           "receive_time > \"0026-01-01T00:00:00.5Z\" AND receive_time <= \"9998-12-31T23:59:59.9999999Z\"",
           "receive_time >= \"0001-01-01T00:00:00Z\"",
       }) {
    const CaseFilter f = Parsed(text);
    const std::string canonical = CanonicalCaseFilter(f);
    EXPECT_EQ(Parsed(canonical), f) << text << " -> " << canonical;
    EXPECT_EQ(CanonicalCaseFilter(Parsed(canonical)), canonical);
  }
}

// ---------------------------------------------------------------------------
// Robustness: the parser sees untrusted bytes.

// Every outcome is either a filter whose canonical text parses back to it, or
// a well-formed FILTER_INVALID error.
void CheckAnyInput(const std::string& input) {
  const absl::StatusOr<CaseFilter> r = ParseCaseFilter(input);
  if (r.ok()) {
    const std::string canonical = CanonicalCaseFilter(*r);
    const absl::StatusOr<CaseFilter> again = ParseCaseFilter(canonical);
    ASSERT_TRUE(again.ok()) << absl::CEscape(input) << " -> " << canonical << " -> " << again.status();
    EXPECT_EQ(*again, *r) << absl::CEscape(input);
    return;
  }
  const absl::Status& s = r.status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << absl::CEscape(input);
  EXPECT_EQ(ReasonOf(s), "FILTER_INVALID") << absl::CEscape(input);
  EXPECT_TRUE(IsCleanUtf8(std::string(s.message()))) << absl::CEscape(input);
  const bool has_position = absl::StartsWith(s.message(), "filter: at ");
  const bool too_long = absl::StartsWith(s.message(), "filter: must be at most 2000 bytes");
  EXPECT_TRUE(has_position || too_long) << s.message();
}

TEST(CaseFilterTest, ParseCaseFilter_SurvivesEveryPrefixOfAValidFilter) {
  const std::string full =
      "commission_id = \"c\\\"1\" AND region_code = 420100 AND state = FILED AND "
      "dispute_type = OTHER AND receive_time > \"2026-01-01T00:00:00.5+08:00\" AND "
      "receive_time <= \"2026-02-01T00:00:00Z\" AND party_name : \"建设\"";
  for (size_t n = 0; n <= full.size(); ++n) CheckAnyInput(full.substr(0, n));
}

TEST(CaseFilterTest, ParseCaseFilter_SurvivesRandomBytes) {
  std::mt19937 rng(20260101);
  const std::vector<std::string> pieces = {
      "state",  "region_code", "commission_id", "dispute_type", "receive_time", "party_name", "AND",
      "OR",     "NOT",         "FILED",         "OTHER",        "420100",       "=",          ">=",
      ">",      "<=",          "<",             ":",            "!=",           "(",          ")",
      "\"",     "\\",          " ",             "\t",           "张",           "\xE5",       "\xBC",
      "\xFF",   "\x80",        "-",             "\"2026-01-01T00:00:00Z\"",     "CASE_STATE_", "\0"s,
  };
  for (int iter = 0; iter < 30000; ++iter) {
    std::string input;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        input += static_cast<char>(rng() % 256);
      } else {
        input += pieces[rng() % pieces.size()];
      }
    }
    CheckAnyInput(input);
    if (HasFailure()) return;
  }
}

TEST(CaseFilterTest, ParseCaseFilter_SurvivesMutationsOfAValidFilter) {
  std::mt19937 rng(42);
  const std::string seed =
      "region_code = \"420100\" AND state = CASE_STATE_FILED AND party_name : \"建\\\\设\" AND "
      "receive_time >= \"2026-01-01T00:00:00+08:00\"";
  for (int iter = 0; iter < 30000; ++iter) {
    std::string input = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = input.empty() ? 0 : rng() % input.size();
      switch (rng() % 3) {
        case 0:
          if (!input.empty()) input[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(rng() % 256));
          break;
        default:
          if (!input.empty()) input.erase(at, 1 + rng() % 8);
          break;
      }
    }
    CheckAnyInput(input);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

TEST(CaseFilterTest, ParseCaseFilter_ResidentIdNumberIsAnExactQuotedMatchWithUpperCaseX) {
  auto f = ParseCaseFilter("party_resident_id_number = \"11010519491231002x\"");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->party_resident_id_number.value_or(""), "11010519491231002X");
  EXPECT_EQ(CanonicalCaseFilter(*f), "party_resident_id_number = \"11010519491231002X\"");
  EXPECT_EQ(ParseCaseFilter(CanonicalCaseFilter(*f)).value(), *f);
  for (const char* bad : {"party_resident_id_number = 110105", "party_resident_id_number : \"110105\"",
                          "party_resident_id_number = \"1101-05\"", "party_resident_id_number = \"\"",
                          "party_resident_id_number = \"1101051949123100281\""}) {
    EXPECT_EQ(ParseCaseFilter(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

TEST(CaseFilterTest, ParseCaseFilter_DeadlineFields) {
  auto f = ParseCaseFilter("overdue = true AND due_date <= \"2026-12-02\"");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->overdue, true);
  EXPECT_EQ(f->due_before, absl::CivilDay(2026, 12, 3)) << "<= d is < d+1";
  EXPECT_EQ(ParseCaseFilter(CanonicalCaseFilter(*f)).value(), *f);
  auto g = ParseCaseFilter("due_date < \"2026-12-31\" AND overdue = false");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->due_before, absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(g->overdue, false);
  for (const char* bad : {"overdue = maybe", "overdue = \"true\"", "overdue : true", "due_date > \"2026-01-01\"",
                          "due_date < 2026-01-01", "due_date < \"2026-02-30\"", "due_date < \"26-1-1\""}) {
    EXPECT_EQ(ParseCaseFilter(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace caitiao::domain
