#include "services/domain/text_rules.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace caitiao::domain {
namespace {

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

bool IsLineControl(char32_t cp) { return cp == '\n' || cp == '\r' || cp == '\t'; }

// White space and invisible fillers that make a field look filled in when it
// is not, notably the ideographic space U+3000 of Chinese input methods.
bool IsBlank(char32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

std::string ControlProblem(char32_t cp, size_t index, bool multiline) {
  if (!multiline && IsLineControl(cp)) {
    return absl::StrCat("must be a single line: remove the line break or tab at character ",
                        index + 1);
  }
  return absl::StrFormat(
      "contains an invisible control character (U+%04X) at character %d; "
      "delete it and re-type the text around it",
      static_cast<uint32_t>(cp), index + 1);
}

// Zero-width characters, the byte-order mark and the bidirectional controls:
// invisible, they make two names that look alike differ, or text display in
// an order other than the one stored ("Trojan Source").
bool IsInvisibleFormatting(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C || cp == 0x180E || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Emoji and their modifiers, between which a zero-width joiner makes one
// pictograph (👨‍👩‍👧).
bool IsEmojiPart(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F || cp == 0x2640 ||
         cp == 0x2642 || cp == 0x2695;
}

std::string FormattingProblem(char32_t cp, size_t index) {
  return absl::StrFormat(
      "contains an invisible formatting character (U+%04X: zero-width or text-direction control) at character "
      "%d; delete it and re-type the text around it",
      static_cast<uint32_t>(cp), index + 1);
}

struct Scan {
  size_t chars = 0;
  bool all_blank = true;
  std::optional<std::string> problem;
};

Scan ScanText(std::string_view text, bool multiline) {
  Scan scan;
  char32_t prev = 0;
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t joiner = kNone;  // where a ZWJ after an emoji waits for the next one
  for (size_t pos = 0; pos < text.size(); ++scan.chars) {
    char32_t cp = 0;
    const size_t length = DecodeUtf8(text, pos, &cp);
    if (length == 0) {
      scan.problem = absl::StrCat("is not valid UTF-8 text (bad byte at offset ", pos,
                                  "); re-type it or paste it as plain text");
      return scan;
    }
    pos += length;
    if (IsControlCodePoint(cp) && !(multiline && IsLineControl(cp))) {
      scan.problem = ControlProblem(cp, scan.chars, multiline);
      return scan;
    }
    if (joiner != kNone) {
      if (!IsEmojiPart(cp)) {
        scan.problem = FormattingProblem(0x200D, joiner);
        return scan;
      }
      joiner = kNone;
    }
    if (cp == 0x200D && IsEmojiPart(prev)) {
      joiner = scan.chars;
    } else if (IsInvisibleFormatting(cp)) {
      scan.problem = FormattingProblem(cp, scan.chars);
      return scan;
    }
    if (!IsBlank(cp)) scan.all_blank = false;
    prev = cp;
  }
  if (joiner != kNone) scan.problem = FormattingProblem(0x200D, joiner);
  return scan;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

size_t LeadingDigits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsAsciiDigit(s[n])) ++n;
  return n;
}

std::optional<std::string> MobileProblem(std::string_view digits) {
  if (LeadingDigits(digits) != digits.size()) {
    return "a mobile number is 11 digits with no '-' or other characters between them";
  }
  if (digits.size() != 11) {
    return absl::StrCat("a mobile number must be 11 digits, got ", digits.size());
  }
  if (digits[0] != '1' || digits[1] < '3') return "a mobile number must start with 13 to 19";
  return std::nullopt;
}

// An optional '-' and 1-6 digit extension after a landline number.
bool IsExtension(std::string_view rest) {
  if (rest.empty()) return true;
  size_t digits = LeadingDigits(rest.substr(1));
  return rest[0] == '-' && digits >= 1 && digits <= 6 && rest.size() == digits + 1;
}

// "0" + 2-3 digit area code, optional '-', 7-8 digit local number, optional
// extension.
bool IsLandline(std::string_view s) {
  size_t area = LeadingDigits(s);
  std::string_view rest = s.substr(area);
  if (rest.starts_with("-") && (area == 3 || area == 4)) {  // 027-87654321
    rest.remove_prefix(1);
    size_t local = LeadingDigits(rest);
    return (local == 7 || local == 8) && IsExtension(rest.substr(local));
  }
  // 02787654321: area code and local number run together, so any split of
  // 10-12 digits will do.
  return area >= 10 && area <= 12 && IsExtension(rest);
}

}  // namespace

size_t DecodeUtf8(std::string_view text, size_t pos, char32_t* cp) {
  if (pos >= text.size()) return 0;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  }
  // Lead-byte-specific ranges for the second byte rule out overlong forms,
  // surrogates and code points above U+10FFFF (Unicode Table 3-7).
  size_t length;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() - pos < length) return 0;
  if (byte(pos + 1) < low || byte(pos + 1) > high) return 0;
  char32_t c = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(byte(pos + i))) return 0;
    c = (c << 6) | (byte(pos + i) & 0x3F);
  }
  *cp = c;
  return length;
}

bool IsControlCodePoint(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string QuoteForMessage(std::string_view text, size_t max_chars) {
  std::string out = "\"";
  size_t shown = 0;
  size_t i = 0;
  while (i < text.size() && shown < max_chars) {
    char32_t cp = 0;
    const size_t length = DecodeUtf8(text, i, &cp);
    if (length == 0) {
      absl::StrAppendFormat(&out, "\\x%02X", static_cast<unsigned char>(text[i]));
      i += 1;
    } else if (IsControlCodePoint(cp)) {
      absl::StrAppendFormat(&out, "\\u%04X", static_cast<unsigned>(cp));
      i += length;
    } else {
      if (cp == '"' || cp == '\\') out += '\\';
      out.append(text.data() + i, length);
      i += length;
    }
    ++shown;
  }
  out += '"';
  if (i < text.size()) out += "...";
  return out;
}

size_t CodePointCount(std::string_view utf8) {
  // Every code point has exactly one byte that is not a continuation byte.
  size_t count = 0;
  for (char c : utf8) {
    if (!IsContinuation(static_cast<unsigned char>(c))) ++count;
  }
  return count;
}

std::optional<std::string> TextProblem(std::string_view text, size_t min_chars, size_t max_chars,
                                       bool multiline) {
  Scan scan = ScanText(text, multiline);
  if (scan.problem) return scan.problem;
  if (scan.chars == 0 && min_chars > 0) return "is required";
  if (scan.chars < min_chars) {
    return absl::StrCat("must be at least ", min_chars, " characters, got ", scan.chars);
  }
  if (scan.chars > max_chars) {
    return absl::StrCat("must be at most ", max_chars, " characters, got ", scan.chars);
  }
  if (min_chars > 0 && scan.all_blank) return "is required: it contains only spaces";
  return std::nullopt;
}

std::optional<std::string> PhoneProblem(std::string_view phone) {
  if (phone.empty()) return "is empty: give a mobile number or a landline with area code";
  for (char c : phone) {
    if (!IsAsciiDigit(c) && c != '-' && c != '+') {
      return "may contain only half-width digits, '-' and a leading +86: remove spaces, "
             "brackets and full-width characters";
    }
  }
  if (phone.starts_with("+")) {
    if (!phone.starts_with("+86")) {
      return "only mainland numbers are accepted: use +86 or no prefix";
    }
    return MobileProblem(phone.substr(3));
  }
  if (phone.starts_with("0")) {
    if (IsLandline(phone)) return std::nullopt;
    return "a landline must be the area code (0 and 2-3 digits), an optional '-', then 7-8 "
           "digits, with an optional '-' and extension of 1-6 digits, e.g. 027-12345678";
  }
  // "86" before a mobile number is the country code without '+'.
  if (phone.starts_with("86") && phone.size() == 13) return MobileProblem(phone.substr(2));
  if (phone.starts_with("1")) return MobileProblem(phone);
  return "must be a mobile number (11 digits from 13 to 19) or a landline with area code "
         "starting with 0, e.g. 027-12345678";
}

}  // namespace caitiao::domain
