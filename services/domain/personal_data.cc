#include "services/domain/personal_data.h"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

// Byte offsets where each code point starts, plus the end. A byte that is
// not valid UTF-8 counts as one code point on its own.
std::vector<size_t> CodePointStarts(std::string_view text) {
  std::vector<size_t> starts;
  size_t pos = 0;
  while (pos < text.size()) {
    starts.push_back(pos);
    char32_t cp = 0;
    const size_t length = DecodeUtf8(text, pos, &cp);
    pos += length == 0 ? 1 : length;
  }
  starts.push_back(text.size());
  return starts;
}

// Keeps the first `keep_first` and last `keep_last` code points of text
// (which has `starts.size() - 1` of them) and puts a '*' for each other one.
std::string Mask(std::string_view text, const std::vector<size_t>& starts, size_t keep_first,
                 size_t keep_last) {
  const size_t n = starts.size() - 1;
  const size_t hidden = n - keep_first - keep_last;
  std::string out(text.substr(0, starts[keep_first]));
  out.append(hidden, '*');
  out.append(text.substr(starts[n - keep_last]));
  return out;
}

std::string_view View(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace

std::string MaskIdentityNumber(absl::string_view id) {
  const std::string_view text = View(id);
  const std::vector<size_t> starts = CodePointStarts(text);
  const size_t n = starts.size() - 1;
  if (n <= 4) return std::string(n, '*');
  return Mask(text, starts, std::min<size_t>(n / 3, 6), std::min<size_t>(n / 4, 4));
}

std::string MaskPhone(absl::string_view phone) {
  const std::string_view text = View(phone);
  const std::vector<size_t> starts = CodePointStarts(text);
  const size_t n = starts.size() - 1;
  if (n >= 9) return Mask(text, starts, 3, 4);
  if (n >= 5) return Mask(text, starts, 0, 2);
  return std::string(n, '*');
}

std::string MaskPersonName(absl::string_view name) {
  const std::string_view text = View(name);
  const std::vector<size_t> starts = CodePointStarts(text);
  const size_t n = starts.size() - 1;
  if (n <= 1) return std::string(n, '*');
  if (n == 2) return Mask(text, starts, 1, 0);
  return Mask(text, starts, 1, 1);
}

std::string AddressRegion(absl::string_view address) {
  constexpr size_t kMaxRegionCodePoints = 20;
  const std::string_view text = View(address);
  const std::vector<size_t> starts = CodePointStarts(text);
  const size_t n = starts.size() - 1;
  size_t cut = 0;  // code points of the region found so far
  bool prefecture = false;
  for (size_t i = 0; i < n && i < kMaxRegionCodePoints; ++i) {
    const std::string_view cp = text.substr(starts[i], starts[i + 1] - starts[i]);
    if (cp.size() == 1) break;  // an ASCII digit, letter or mark: the details begin
    const bool county = cp == "区" || cp == "县" || cp == "旗" || (prefecture && cp == "市");
    if (cp == "省") {
      cut = i + 1;
    } else if (county) {
      cut = i + 1;
      break;  // the finest region: what follows is street and house
    } else if (cp == "市" || cp == "州" || cp == "盟") {
      cut = i + 1;
      prefecture = true;
    }
  }
  return std::string(text.substr(0, starts[cut]));
}

}  // namespace caitiao::domain
