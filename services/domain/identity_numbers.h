// Checks of Chinese identity numbers, each returning what is wrong in words a
// clerk can act on, or nullopt when the number is valid.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"

namespace caitiao::domain {

// 公民身份号码 (GB 11643-1999): 18 characters, 17 digits then a check
// character (0-9 or X, upper case) computed with ISO 7064 MOD 11-2; digits
// 7-14 are a valid birth date (YYYYMMDD, year >= 1900).
std::optional<std::string> ResidentIdNumberProblem(std::string_view number);

// The birth date in a valid resident identity number (digits 7-14), or
// nullopt when the number is not valid.
std::optional<absl::CivilDay> ResidentIdBirthDate(std::string_view number);

// 统一社会信用代码 (GB 32100-2015): 18 characters from
// "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, Z, S, V), upper case, the last a
// MOD 31 check character over the first 17 with weights
// 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28.
std::optional<std::string> UnifiedSocialCreditCodeProblem(std::string_view code);

// Test helpers for callers that need valid numbers (tests, demo data):
// complete the first 17 characters with the right check character.
char ResidentIdCheckCharacter(std::string_view first17);
char UnifiedSocialCreditCheckCharacter(std::string_view first17);

}  // namespace caitiao::domain
