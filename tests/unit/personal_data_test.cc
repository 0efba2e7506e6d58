#include "services/domain/personal_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "services/domain/identity_numbers.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

struct Case {
  std::string input;
  std::string masked;
};

size_t Stars(const std::string& s) { return std::count(s.begin(), s.end(), '*'); }

// ---- MaskIdentityNumber ----

TEST(PersonalDataTest, MaskIdentityNumber_Table) {
  const std::vector<Case> cases = {
      // 18-character resident identity numbers: 6 + 8 '*' + 4.
      {"420106199001011234", "420106********1234"},
      {"11010519491231002X", "110105********002X"},  // published example, X check
      {"11010519491231002x", "110105********002x"},
      {"44030520231130567X", "440305********567X"},
      // 15-digit first-generation numbers: 5 + 7 '*' + 3.
      {"110105491231002", "11010*******002"},
      {"420106900101123", "42010*******123"},
      // Passports and other documents.
      {"E12345678", "E12****78"},  // 9: 3 + 4 + 2
      {"G1234567", "G1****67"},    // 8: 2 + 4 + 2
      {"EA1234567", "EA1****67"},
      {"C12345678", "C12****78"},
      {"H0123456789", "H01******89"},                       // 11: 3 + 6 + 2
      {"AB1234567890123456789", "AB1234***********6789"},   // 21: capped at 6 + 4
      {"P-123456-7890-ABCDEFGHIJ", "P-1234**************GHIJ"},
      // Short values.
      {"ABCDE", "A***E"},
      {"ABCDEF", "AB***F"},
      {"ABCDEFG", "AB****G"},
      {"ABCD", "****"},
      {"ABC", "***"},
      {"A", "*"},
      {"", ""},
      // Multibyte: one '*' per code point, never a broken character.
      {"军字第1234567号", "军字第******7号"},  // 11: 3 + 6 + 2
      {"外国人永久居留证", "外国****留证"},    // 8: 2 + 4 + 2
      {"港澳通行证C1234567", "港澳通行******567"},  // 13: 4 + 6 + 3,
      {"张三丰", "***"},
      {"劳动争议", "****"},
      {"\xF0\x9F\x98\x80\xF0\x9F\x98\x81\xF0\x9F\x98\x82\xF0\x9F\x98\x83\xF0\x9F\x98\x84",
       "\xF0\x9F\x98\x80***\xF0\x9F\x98\x84"},
  };
  for (const Case& c : cases) EXPECT_EQ(MaskIdentityNumber(c.input), c.masked) << c.input;
}

TEST(PersonalDataTest, MaskIdentityNumber_ValidResidentIdsShowRegionAndTail) {
  for (const char* first17 : {"42010219900307123", "42900419851231004", "42010620000229001",
                              "11010119000101001", "44030520231130567", "11010519491231002"}) {
    std::string id = std::string(first17) + ResidentIdCheckCharacter(first17);
    const std::string masked = MaskIdentityNumber(id);
    EXPECT_EQ(masked, id.substr(0, 6) + "********" + id.substr(14)) << id;
    EXPECT_EQ(masked.find(id.substr(6, 8)), std::string::npos) << "birth date shown: " << id;
  }
}

// ---- MaskPhone ----

TEST(PersonalDataTest, MaskPhone_Table) {
  const std::vector<Case> cases = {
      // 11-digit mobiles: 3 + 4 '*' + 4.
      {"13812345678", "138****5678"},
      {"19987654321", "199****4321"},
      {"15000000000", "150****0000"},
      // Mobiles with country code.
      {"+8613812345678", "+86*******5678"},
      {"8613812345678", "861******5678"},
      // Landlines.
      {"027-87654321", "027*****4321"},
      {"02787654321", "027****4321"},
      {"010-1234567", "010****4567"},
      {"0755-12345678", "075******5678"},
      {"027-87654321-123", "027*********-123"},
      // 9 or more: 3 + rest + 4.
      {"123456789", "123**6789"},
      // 5 to 8: only the last 2.
      {"87654321", "******21"},
      {"1234567", "*****67"},
      {"12345", "***45"},
      // 4 or fewer: all hidden.
      {"1234", "****"},
      {"110", "***"},
      {"1", "*"},
      {"", ""},
      // Multibyte (full-width digits are one code point each).
      {"１３８１２３４５６７８", "１３８****５６７８"},
      {"电话12345", "*****45"},
  };
  for (const Case& c : cases) EXPECT_EQ(MaskPhone(c.input), c.masked) << c.input;
}

// ---- properties over both rules ----

std::vector<std::string> Corpus() {
  std::vector<std::string> corpus = {
      "420106199001011234", "11010519491231002X", "110105491231002", "E12345678", "G1234567",
      "AB1234567890123456789", "军字第1234567号", "外国人永久居留证", "张三丰", "13812345678",
      "+8613812345678", "027-87654321", "02787654321", "027-87654321-123", "87654321", "12345",
      "1234", "A", "１３８１２３４５６７８", "\xF0\x9F\x98\x80"};
  // Every length from 1 to 30, ASCII and Chinese.
  std::string ascii, han;
  for (int i = 0; i < 30; ++i) {
    ascii += static_cast<char>('a' + i % 26);
    han += "劳";
    corpus.push_back(ascii);
    corpus.push_back(han);
  }
  return corpus;
}

TEST(PersonalDataTest, MaskNeverEqualsNonEmptyInput) {
  for (const std::string& s : Corpus()) {
    EXPECT_NE(MaskIdentityNumber(s), s) << s;
    EXPECT_NE(MaskPhone(s), s) << s;
    EXPECT_GE(Stars(MaskIdentityNumber(s)), 1u) << s;
    EXPECT_GE(Stars(MaskPhone(s)), 1u) << s;
  }
}

TEST(PersonalDataTest, MaskKeepsCodePointCountAndHidesEnough) {
  for (const std::string& s : Corpus()) {
    const size_t n = CodePointCount(s);
    const std::string id = MaskIdentityNumber(s);
    const std::string phone = MaskPhone(s);
    EXPECT_EQ(CodePointCount(id), n) << s;
    EXPECT_EQ(CodePointCount(phone), n) << s;
    // Identity documents: at most n/3 + n/4 shown, so at least 5n/12 hidden.
    EXPECT_GE(Stars(id) * 12, 5 * n) << s << " -> " << id;
    // Phones: at least 2 hidden (n = 9 shows 7), all when n <= 4.
    EXPECT_GE(Stars(phone), std::min<size_t>(n, 2)) << s << " -> " << phone;
    if (n <= 4) {
      EXPECT_EQ(Stars(phone), n) << s;
    }
  }
}

TEST(PersonalDataTest, MaskingAMaskedValueRevealsNothing) {
  for (const std::string& s : Corpus()) {
    const std::string id = MaskIdentityNumber(s);
    const std::string phone = MaskPhone(s);
    EXPECT_EQ(MaskIdentityNumber(id), id) << s;
    EXPECT_EQ(MaskPhone(phone), phone) << s;
  }
}

TEST(PersonalDataTest, BytesThatAreNotUtf8CountAsOneCharacterEach) {
  // Never more shown than for the same number of valid characters.
  EXPECT_EQ(MaskIdentityNumber("\xFF\xFE" "1234567"), "\xFF\xFE" "1****67");
  EXPECT_EQ(MaskPhone("\xE5\x8A" "12"), "****");
  EXPECT_EQ(MaskPhone("\xE5\x8A" "123456789"), "\xE5\x8A" "1****6789");
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

TEST(PersonalDataTest, MaskPersonName_Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"", ""},           {"王", "*"},           {"王五", "王*"},         {"王建国", "王*国"},
      {"欧阳建国", "欧**国"}, {"Li Lei", "L****i"}, {"王*国", "王*国"},      {"阿卜杜热西提", "阿****提"},
  };
  for (const auto& [name, masked] : rows) EXPECT_EQ(MaskPersonName(name), masked) << name;
}

TEST(PersonalDataTest, AddressRegion_KeepsOnlyTheRegion) {
  const std::pair<std::string, std::string> rows[] = {
      {"武汉市江岸区解放大道1000号", "武汉市江岸区"},
      {"湖北省武汉市洪山区珞喻路1037号", "湖北省武汉市洪山区"},
      {"恩施土家族苗族自治州恩施市舞阳大街1号", "恩施土家族苗族自治州恩施市"},
      {"神农架林区松柏镇", "神农架林区"},
      {"解放大道1000号", ""},
      {"1000 Jiefang Avenue, Wuhan", ""},
      {"", ""},
      {"武汉市江岸区", "武汉市江岸区"},
      {"武汉市江岸区后湖街道幸福小区3栋", "武汉市江岸区"},
      {"湖北省宜昌市宜都市陆城街道园林小区", "湖北省宜昌市宜都市"},
      {"北京市朝阳区", "北京市朝阳区"},
  };
  for (const auto& [address, region] : rows) EXPECT_EQ(AddressRegion(address), region) << address;
}

}  // namespace
}  // namespace caitiao::domain

#include "services/domain/case_masking.h"

namespace caitiao::domain {
namespace {

TEST(CaseMaskingTest, SummaryForReportingKeepsOnlyPlainKeyValues) {
  EXPECT_EQ(SummaryForReporting("path=SUCCEEDED_PERFORMED"), "path=SUCCEEDED_PERFORMED");
  EXPECT_EQ(SummaryForReporting("tier=COMPLEX was=ORDINARY reason=涉及王建国的多项请求"), "tier=COMPLEX was=ORDINARY");
  EXPECT_EQ(SummaryForReporting("reason=申请人撤回"), "");
  EXPECT_EQ(SummaryForReporting("撤回 amount_fen=500 =x free"), "amount_fen=500");
  EXPECT_EQ(SummaryForReporting(""), "");
}

TEST(CaseMaskingTest, MaskForReportingLeavesNoPersonOnTheCase) {
  CaseRecord c;
  Party worker;
  worker.kind = PartyKind::kWorker;
  worker.name = "王建国";
  worker.resident_id_number = "42010619880315271X";
  worker.phone = "13800138000";
  worker.address = "武汉市江岸区解放大道1000号";
  worker.agents.push_back(Agent{"孙立平", AgentKind::kLawyer, "13911112222"});
  Party employer;
  employer.kind = PartyKind::kEmployer;
  employer.name = "武汉某建设有限公司";
  employer.address = "武汉市洪山区珞喻路1号";
  c.content.applicants = {worker};
  c.content.respondents = {employer};
  c.content.facts_and_reasons = "王建国于2020年入职。";
  MaskForReporting(c);
  const Party& w = c.content.applicants[0];
  EXPECT_EQ((std::vector<std::string>{w.name, w.resident_id_number, w.phone, w.address, w.agents[0].name,
                                      w.agents[0].phone}),
            (std::vector<std::string>{"王*国", "420106********271X", "138****8000", "武汉市江岸区", "孙*平",
                                      "139****2222"}));
  EXPECT_EQ(c.content.respondents[0].name, "武汉某建设有限公司");
  EXPECT_EQ(c.content.respondents[0].address, "武汉市洪山区");
  EXPECT_EQ(c.content.facts_and_reasons, "");
}

}  // namespace
}  // namespace caitiao::domain
