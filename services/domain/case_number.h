// Case and document numbers from a commission's template, e.g.
// "鄂武劳人仲案字〔{year}〕第{seq}号" -> "鄂武劳人仲案字〔2026〕第12号".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/domain/directory_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

// A template is 1..100 chars of valid text, contains "{seq}" exactly once,
// "{year}" at most once, and no other '{' or '}'.
std::optional<std::string> CaseNumberTemplateProblem(std::string_view tmpl);

// Replaces {year} and {seq} (decimal, no padding). The template must be valid.
std::string FormatCaseNumber(std::string_view tmpl, int year, int64_t seq);

// Checks a new commission: region_code valid; name 1..100 chars;
// case_number_template valid. Field paths are relative.
FieldViolations ValidateCommission(const Commission& commission);

}  // namespace caitiao::domain
