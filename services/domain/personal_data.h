// Masking of personal data for display, logs and error messages: what a
// clerk may see of an identity number or phone number without the right to
// see the whole. Pure functions; input is valid UTF-8 (a byte that is not
// counts as one character, so nothing is ever shown because of bad input).
//
// Every rule keeps a fixed number of leading and trailing code points that
// depends only on the code point count, and puts one '*' for every other code
// point. So masking a masked value gives it back unchanged (and reveals
// nothing more), and for any non-empty value at least one code point is
// hidden.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace caitiao::domain {

// 18-character resident identity number: first 6, 8 '*', last 4
// ("420106199001011234" -> "420106********1234"). Other documents (passports
// etc.): the first floor(n/3) (at most 6) and last floor(n/4) (at most 4) of
// n code points; 4 or fewer code points become all '*'. Empty stays empty.
// (The 18-character rule is this general rule for n = 18.)
std::string MaskIdentityNumber(absl::string_view id);

// 11-digit mobile number: first 3, 4 '*', last 4 ("13812345678" ->
// "138****5678"). Other values: first 3 and last 4 code points when there are
// 9 or more, else the last 2 when there are 5 or more, else all '*'. Empty
// stays empty. (The mobile rule is the 9-or-more rule for n = 11.)
std::string MaskPhone(absl::string_view phone);

// A natural person's name as reporting shows it: the first and last code
// points with a '*' for each one between ("王建国" -> "王*国", "欧阳明辉" ->
// "欧**辉"); two code points keep the first ("王五" -> "王*"); one becomes "*".
std::string MaskPersonName(absl::string_view name);

// An address cut to its region: province (省), prefecture (市 州 盟) and
// county (区 县 旗, or a 市 under a prefecture), as far as they lead the
// address within 20 code points, and nothing after the county
// ("武汉市江岸区解放大道1000号" -> "武汉市江岸区", "宜昌市宜都市陆城街道" ->
// "宜昌市宜都市"); "" when the address starts with no region.
std::string AddressRegion(absl::string_view address);

}  // namespace caitiao::domain
