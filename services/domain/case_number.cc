#include "services/domain/case_number.h"

#include "absl/strings/str_cat.h"
#include "services/domain/region_rules.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr size_t kMaxTemplateChars = 100;
constexpr size_t kMaxCommissionNameChars = 100;
constexpr std::string_view kYear = "{year}";
constexpr std::string_view kSeq = "{seq}";

struct Placeholders {
  int years = 0;
  int seqs = 0;
  bool stray_brace = false;
};

// One left-to-right pass, so "{{seq}}" counts one {seq} and two stray braces
// rather than being mistaken for a valid template.
Placeholders CountPlaceholders(std::string_view tmpl) {
  Placeholders p;
  for (size_t i = 0; i < tmpl.size();) {
    std::string_view rest = tmpl.substr(i);
    if (rest.starts_with(kYear)) {
      ++p.years;
      i += kYear.size();
    } else if (rest.starts_with(kSeq)) {
      ++p.seqs;
      i += kSeq.size();
    } else {
      if (tmpl[i] == '{' || tmpl[i] == '}') p.stray_brace = true;
      ++i;
    }
  }
  return p;
}

}  // namespace

std::optional<std::string> CaseNumberTemplateProblem(std::string_view tmpl) {
  if (auto problem = TextProblem(tmpl, 1, kMaxTemplateChars)) return problem;
  Placeholders p = CountPlaceholders(tmpl);
  if (p.stray_brace) {
    return "contains a '{' or '}' that is not part of {year} or {seq} (placeholders are lower "
           "case, with no spaces)";
  }
  if (p.seqs == 0) return "must contain {seq} where the sequence number goes";
  if (p.seqs > 1) return "must contain {seq} only once";
  if (p.years > 1) return "may contain {year} at most once";
  return std::nullopt;
}

std::string FormatCaseNumber(std::string_view tmpl, int year, int64_t seq) {
  // Byte-wise is safe in UTF-8: '{' never occurs inside a multi-byte character.
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    std::string_view rest = tmpl.substr(i);
    if (rest.starts_with(kYear)) {
      absl::StrAppend(&out, year);
      i += kYear.size();
    } else if (rest.starts_with(kSeq)) {
      absl::StrAppend(&out, seq);
      i += kSeq.size();
    } else {
      out += tmpl[i++];
    }
  }
  return out;
}

FieldViolations ValidateCommission(const Commission& commission) {
  FieldViolations v;
  if (auto problem = RegionCodeProblem(commission.region_code)) v.Add("region_code", *problem);
  if (auto problem = TextProblem(commission.name, 1, kMaxCommissionNameChars)) {
    v.Add("name", *problem);
  }
  if (auto problem = CaseNumberTemplateProblem(commission.case_number_template)) {
    v.Add("case_number_template", *problem);
  }
  return v;
}

}  // namespace caitiao::domain
