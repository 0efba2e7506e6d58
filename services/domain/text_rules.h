// Rules for free text and phone numbers in requests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace caitiao::domain {

// Length is counted in Unicode code points (a Chinese character is one).
// Rejects invalid UTF-8 (including overlong forms and surrogates), C0/C1
// control characters except '\n', '\r' and '\t' when `multiline`, invisible
// formatting (zero-width characters, the byte-order mark, bidirectional
// controls; a zero-width joiner between two emoji passes), and text that is
// only whitespace when min_chars > 0.
std::optional<std::string> TextProblem(std::string_view text, size_t min_chars, size_t max_chars,
                                       bool multiline = false);

// Number of code points in valid UTF-8 text.
size_t CodePointCount(std::string_view utf8);

// Decodes one code point of strict UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) at text[pos]. Returns its length in
// bytes, or 0 if the bytes there are not valid UTF-8 (or pos is past the end).
size_t DecodeUtf8(std::string_view text, size_t pos, char32_t* cp);

// C0 controls, DEL and C1 controls: invisible, and \x1e and \x1f are
// separators inside our own error encoding.
bool IsControlCodePoint(char32_t cp);

// Untrusted text quoted for an error message: double-quoted, at most
// `max_chars` code points (then "..."), control characters as \uXXXX, bytes
// that are not UTF-8 as \xXX, '"' and '\' escaped. Always valid UTF-8 with
// no control characters, whatever the input.
std::string QuoteForMessage(std::string_view text, size_t max_chars = 40);

// A mainland mobile number (11 digits starting 13-19, optionally "+86" or
// "86" before it) or a landline with area code: "0" + 2-3 digits, optional
// '-', 7-8 digits, optional "-" extension of 1-6 digits.
std::optional<std::string> PhoneProblem(std::string_view phone);

}  // namespace caitiao::domain
