#include "clients/bench/case_factory.h"

#include <array>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/uuid.h"

namespace caitiao::bench {
namespace {

namespace v1 = caitiao::v1;

template <typename T, size_t N>
const T& Pick(Rng& rng, const std::array<T, N>& items) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

int Uniform(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool Coin(Rng& rng) { return Uniform(rng, 0, 1) == 1; }

constexpr std::array<const char*, 10> kAreaCodes = {"420102", "420103", "420104", "420105", "420106",
                                                    "420111", "420502", "420602", "421002", "429004"};
constexpr std::array<const char*, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                                   "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
constexpr std::array<const char*, 20> kGivenNames = {"建国", "秀梅", "志强", "丽娟", "明",   "海燕", "伟",
                                                     "芳",   "军",   "静",   "磊",   "洋",   "勇",   "艳",
                                                     "杰",   "娜",   "涛",   "超",   "敏",   "鹏"};
constexpr std::array<const char*, 8> kCities = {"武汉", "宜昌", "襄阳", "荆州", "仙桃", "黄石", "十堰", "孝感"};
constexpr std::array<const char*, 10> kFirmWords = {"华瑞", "长江", "楚天", "东湖", "光谷",
                                                    "汉江", "荆楚", "鼎盛", "恒通", "金桥"};
constexpr std::array<const char*, 8> kTrades = {"精密制造", "建筑工程", "物流",     "餐饮管理",
                                                "电子科技", "物业服务", "纺织服装", "汽车零部件"};
constexpr std::array<const char*, 8> kStreets = {"中北路", "珞喻路", "和平大道", "解放大道",
                                                 "沿江大道", "民主路", "建设大道", "关山大道"};

struct ClaimTemplate {
  v1::DisputeType type;
  const char* description;
  bool money;
};
constexpr std::array<ClaimTemplate, 6> kClaims = {{
    {v1::DISPUTE_TYPE_REMUNERATION_COMPENSATION, "请求裁决被申请人支付拖欠的工资", true},
    {v1::DISPUTE_TYPE_REMUNERATION_COMPENSATION, "请求裁决被申请人支付解除劳动合同的经济补偿", true},
    {v1::DISPUTE_TYPE_LABOR_CONTRACT, "请求裁决被申请人出具解除劳动合同的证明", false},
    {v1::DISPUTE_TYPE_LABOR_CONTRACT, "请求裁决被申请人支付未签订书面劳动合同的二倍工资差额", true},
    {v1::DISPUTE_TYPE_HOURS_LEAVE_INSURANCE_WELFARE, "请求裁决被申请人支付未休年休假工资", true},
    {v1::DISPUTE_TYPE_REMOVAL_DISMISSAL_RESIGNATION, "请求裁决被申请人支付违法解除劳动合同的赔偿金", true},
}};

std::string Mobile(Rng& rng) {
  return absl::StrFormat("1%d%09d", Uniform(rng, 3, 9), Uniform(rng, 0, 999999999));
}

std::string PersonName(Rng& rng) { return absl::StrCat(Pick(rng, kSurnames), Pick(rng, kGivenNames)); }

std::string Address(Rng& rng) {
  return absl::StrCat("湖北省", Pick(rng, kCities), "市", Pick(rng, kStreets), Uniform(rng, 1, 999), "号",
                      Uniform(rng, 1, 30), "栋", Uniform(rng, 1, 6), "单元", Uniform(rng, 101, 3208), "室");
}

}  // namespace

std::string NewUuidV4(Rng& rng) {
  const uint64_t hi = rng();
  return clients::FormatUuidV4(hi, rng());
}

std::string RandomResidentIdNumber(Rng& rng) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  std::string n = absl::StrFormat("%s%04d%02d%02d%03d", Pick(rng, kAreaCodes), Uniform(rng, 1965, 2004),
                                  Uniform(rng, 1, 12), Uniform(rng, 1, 28), Uniform(rng, 1, 999));
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (n[i] - '0') * kWeights[i];
  n.push_back(kCheck[sum % 11]);
  return n;
}

std::string RandomCreditCode(Rng& rng) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  std::string c = absl::StrCat("91", Pick(rng, kAreaCodes));
  while (c.size() < 17) c.push_back(kAlphabet[Uniform(rng, 0, static_cast<int>(kAlphabet.size()) - 1)]);
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(c[i])) * kWeights[i];
  c.push_back(kAlphabet[(31 - sum % 31) % 31]);
  return c;
}

CaseFactory::CaseFactory(std::vector<std::string> commission_ids) : commission_ids_(std::move(commission_ids)) {}

v1::CreateCaseRequest CaseFactory::Next(Rng& rng) const {
  v1::CreateCaseRequest req;
  req.set_request_id(NewUuidV4(rng));
  req.set_route_stage(Uniform(rng, 1, 10) <= 7 ? v1::ROUTE_STAGE_RECEIVED : v1::ROUTE_STAGE_FILED);
  v1::Case* c = req.mutable_case_();
  c->set_commission_id(commission_ids_[std::uniform_int_distribution<size_t>(0, commission_ids_.size() - 1)(rng)]);

  const int workers = Coin(rng) ? 2 : 1;
  for (int i = 0; i < workers; ++i) {
    v1::Party* p = c->add_applicants();
    p->set_kind(v1::PARTY_KIND_WORKER);
    p->set_name(PersonName(rng));
    p->set_resident_id_number(RandomResidentIdNumber(rng));
    p->set_phone(Mobile(rng));
    p->set_address(Address(rng));
    if (i == 0 && Coin(rng)) {
      v1::Agent* a = p->add_agents();
      a->set_name(PersonName(rng));
      a->set_kind(v1::AGENT_KIND_LAWYER);
      a->set_phone(Mobile(rng));
    }
  }
  v1::Party* employer = c->add_respondents();
  employer->set_kind(v1::PARTY_KIND_EMPLOYER);
  const std::string city = Pick(rng, kCities);
  employer->set_name(absl::StrCat(city, Pick(rng, kFirmWords), Pick(rng, kTrades), "有限公司"));
  employer->set_unified_social_credit_code(RandomCreditCode(rng));
  employer->set_phone(absl::StrFormat("027-8%07d", Uniform(rng, 0, 9999999)));
  employer->set_address(Address(rng));

  const int claims = Coin(rng) ? 3 : 2;
  size_t first = std::uniform_int_distribution<size_t>(0, kClaims.size() - 1)(rng);
  for (int i = 0; i < claims; ++i) {
    const ClaimTemplate& t = kClaims[(first + static_cast<size_t>(i)) % kClaims.size()];
    v1::Claim* claim = c->add_claims();
    claim->set_dispute_type(t.type);
    claim->set_description(t.description);
    if (t.money) claim->set_amount_fen(int64_t{100} * Uniform(rng, 500, 200000));
  }
  const int monthly = Uniform(rng, 30, 150) * 100;
  c->set_facts_and_reasons(absl::StrCat(
      "申请人于", Uniform(rng, 2010, 2024), "年", Uniform(rng, 1, 12), "月入职被申请人，月工资", monthly,
      "元。\n被申请人自今年起以经营困难为由拖欠工资，经多次催讨未果，后口头通知解除劳动合同，"
      "未支付经济补偿。\n依据《中华人民共和国劳动合同法》第三十条、第三十八条、第四十六条的规定，特申请仲裁。"));

  // China time (UTC+8, no daylight saving): the server refuses a date after
  // its "today" there.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(8 * 3600));
  const absl::CivilDay applied = today - Uniform(rng, 0, 30);
  c->mutable_application_date()->set_year(static_cast<int>(applied.year()));
  c->mutable_application_date()->set_month(applied.month());
  c->mutable_application_date()->set_day(applied.day());
  return req;
}

}  // namespace caitiao::bench
