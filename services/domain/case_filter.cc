#include "services/domain/case_filter.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr size_t kMaxFilterBytes = 2000;
constexpr size_t kMaxCommissionIdChars = 64;
constexpr size_t kMaxPartyNameChars = 100;
constexpr size_t kMaxIdentityNumberChars = 18;  // a resident identity number
constexpr size_t kRegionCodeDigits = 6;
constexpr char kKnownFields[] =
    "commission_id, region_code, state, dispute_type, receive_time, party_name, party_resident_id_number, "
    "overdue, due_date";
constexpr char kTimeExample[] = "\"2026-01-01T00:00:00+08:00\"";
constexpr char kOnlyAnd[] = "only AND is supported";
constexpr std::string_view kCaseStatePrefix = "CASE_STATE_";
constexpr std::string_view kDisputeTypePrefix = "DISPUTE_TYPE_";
// 0001-01-01T00:00:00Z and 9999-01-01T00:00:00Z.
constexpr absl::Time kMinTime = absl::FromUnixSeconds(-62135596800);
constexpr absl::Time kMaxTime = absl::FromUnixSeconds(253370764800);

// ---------------------------------------------------------------------------
// Text helpers. Every byte access is bounds-checked: the input is untrusted.

// The 1-based character (code point) position of byte `offset`. Errors are
// always reported at or before the first byte the lexer could not accept, so
// the prefix is valid UTF-8 and this counts code points exactly.
size_t Position(std::string_view text, size_t offset) {
  return CodePointCount(text.substr(0, std::min(offset, text.size()))) + 1;
}

bool IsWordChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiUpper(a[i]) != AsciiUpper(b[i])) return false;
  }
  return true;
}

// User text shown in an error message: quoted, always valid UTF-8 with no
// control characters (messages travel in protobuf strings), and cut short.
// A value written back in canonical text: double-quoted, \" and \\ escaped.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

absl::Status FilterError(std::string description) {
  std::string message = absl::StrCat("filter: ", description);
  return WithReason(
      WithFields(absl::InvalidArgumentError(std::move(message)), {{"filter", std::move(description)}}),
      reasons::kFilterInvalid);
}

// ---------------------------------------------------------------------------
// Lexer.

enum class TokenKind {
  kEnd,       // end of input
  kWord,      // [A-Za-z0-9_]+
  kString,    // "..." with escapes resolved; valid UTF-8, no controls
  kOperator,  // = == != > >= < <= :
  kParen,     // ( or )
  kOther,     // one character (or one invalid byte) nothing else accepts
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t begin = 0;  // byte offset in the filter
  std::string text;  // word, decoded string, operator, paren or raw bytes
};

// What a token is, for "found ..." in messages.
std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kEnd:
      return "end of filter";
    case TokenKind::kWord:
      return QuoteForMessage(t.text);
    case TokenKind::kString:
      return absl::StrCat("the string ", QuoteForMessage(t.text));
    case TokenKind::kOperator:
    case TokenKind::kParen:
      return absl::StrCat("\"", t.text, "\"");
    case TokenKind::kOther:
      break;
  }
  char32_t cp = 0;
  const size_t len = DecodeUtf8(t.text, 0, &cp);
  if (len == 0) {
    const auto byte = t.text.empty() ? 0u : static_cast<unsigned>(static_cast<unsigned char>(t.text[0]));
    return absl::StrFormat("byte 0x%02X (not valid UTF-8)", byte);
  }
  if (IsControlCodePoint(cp)) return absl::StrFormat("control character U+%04X", static_cast<unsigned>(cp));
  if (cp < 0x80) return absl::StrCat("'", t.text, "'");
  std::string out = absl::StrFormat("\"%s\" (U+%04X)", t.text, static_cast<unsigned>(cp));
  if (cp == 0x201C || cp == 0x201D || cp == 0xFF02) {
    absl::StrAppend(&out, "; use straight double quotes (\")");
  } else if (cp == 0x3000) {
    absl::StrAppend(&out, "; use ASCII spaces");
  }
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  std::string_view source() const { return src_; }

  absl::Status ErrorAt(size_t offset, const std::string& what) const {
    return FilterError(absl::StrCat("at ", Position(src_, offset), ": ", what));
  }

  absl::StatusOr<Token> Next() {
    while (pos_ < src_.size() && IsSpace(src_[pos_])) ++pos_;
    Token t;
    t.begin = pos_;
    if (pos_ >= src_.size()) {
      t.kind = TokenKind::kEnd;
      return t;
    }
    const char c = src_[pos_];
    if (IsWordChar(c)) {
      size_t end = pos_;
      while (end < src_.size() && IsWordChar(src_[end])) ++end;
      t.kind = TokenKind::kWord;
      t.text = std::string(src_.substr(pos_, end - pos_));
      pos_ = end;
      return t;
    }
    if (c == '"') return LexString();
    if (c == '(' || c == ')') {
      t.kind = TokenKind::kParen;
      t.text = std::string(1, c);
      ++pos_;
      return t;
    }
    const bool next_is_eq = pos_ + 1 < src_.size() && src_[pos_ + 1] == '=';
    if (c == '=' || c == '>' || c == '<' || c == ':' || (c == '!' && next_is_eq)) {
      const size_t len = (c != ':' && next_is_eq) ? 2 : 1;
      t.kind = TokenKind::kOperator;
      t.text = std::string(src_.substr(pos_, len));
      pos_ += len;
      return t;
    }
    char32_t cp = 0;
    const size_t len = std::max<size_t>(1, DecodeUtf8(src_, pos_, &cp));
    t.kind = TokenKind::kOther;
    t.text = std::string(src_.substr(pos_, len));
    pos_ += len;
    return t;
  }

 private:
  absl::StatusOr<Token> LexString() {
    Token t;
    t.kind = TokenKind::kString;
    t.begin = pos_;
    size_t i = pos_ + 1;  // past the opening quote
    while (true) {
      if (i >= src_.size()) return ErrorAt(t.begin, "unterminated string");
      const char c = src_[i];
      if (c == '"') {
        ++i;
        break;
      }
      if (c == '\\') {
        if (i + 1 >= src_.size()) return ErrorAt(t.begin, "unterminated string");
        const char e = src_[i + 1];
        if (e == '"' || e == '\\') {
          t.text += e;
          i += 2;
          continue;
        }
        const auto eb = static_cast<unsigned char>(e);
        std::string which = (eb > 0x20 && eb < 0x7F) ? absl::StrCat(" \\", std::string(1, e)) : "";
        return ErrorAt(i, absl::StrCat("unknown escape", which,
                                       " in string; only \\\" and \\\\ are allowed"));
      }
      char32_t cp = 0;
      const size_t len = DecodeUtf8(src_, i, &cp);
      if (len == 0) return ErrorAt(i, "invalid UTF-8 in string");
      if (IsControlCodePoint(cp)) {
        return ErrorAt(i, absl::StrFormat("control character U+%04X in string",
                                          static_cast<unsigned>(cp)));
      }
      t.text.append(src_.substr(i, len));
      i += len;
    }
    pos_ = i;
    return t;
  }

  std::string_view src_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Values.

// Parses an RFC 3339 timestamp ("2026-01-01T00:00:00+08:00", optional
// fraction, "Z" or a numeric offset) strictly. Sets *floor_us to the time
// truncated to whole microseconds and *exact to whether nothing was truncated.
bool ParseTimestamp(std::string_view s, absl::Time* floor_us, bool* exact) {
  auto digits = [&](size_t from, size_t n) {
    if (from > s.size() || s.size() - from < n) return false;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(s[from + k])) return false;
    }
    return true;
  };
  auto at = [&](size_t i, char a, char b = '\0') {
    return i < s.size() && (s[i] == a || (b != '\0' && s[i] == b));
  };
  if (!(digits(0, 4) && at(4, '-') && digits(5, 2) && at(7, '-') && digits(8, 2) &&
        at(10, 'T', 't') && digits(11, 2) && at(13, ':') && digits(14, 2) && at(16, ':') &&
        digits(17, 2))) {
    return false;
  }
  std::string kept(s.substr(0, 19));
  size_t i = 19;
  bool truncated = false;
  if (at(i, '.')) {
    const size_t frac_begin = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == frac_begin) return false;
    const std::string_view frac = s.substr(frac_begin, i - frac_begin);
    const std::string_view micros = frac.substr(0, std::min<size_t>(frac.size(), 6));
    for (char c : frac.substr(micros.size())) truncated = truncated || c != '0';
    kept += '.';
    kept.append(micros);
  }
  if (at(i, 'Z', 'z')) {
    if (i + 1 != s.size()) return false;
  } else if (at(i, '+', '-')) {
    if (!(digits(i + 1, 2) && at(i + 3, ':') && digits(i + 4, 2) && i + 6 == s.size())) return false;
  } else {
    return false;
  }
  kept.append(s.substr(i));
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, kept, &t, &err)) return false;
  if (t == absl::InfiniteFuture() || t == absl::InfinitePast()) return false;
  *floor_us = t;
  *exact = !truncated;
  return true;
}

std::string_view StripPrefix(std::string_view s, std::string_view prefix) {
  if (s.size() > prefix.size() && s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  return s;
}

// ---------------------------------------------------------------------------
// Parser.

enum class Field {
  kCommissionId,
  kRegionCode,
  kState,
  kDisputeType,
  kReceiveTime,
  kPartyName,
  kPartyResidentIdNumber,
  kOverdue,
  kDueDate,
};

struct FieldInfo {
  const char* name;
  Field field;
};

constexpr std::array<FieldInfo, 9> kFields = {{
    {"commission_id", Field::kCommissionId},
    {"region_code", Field::kRegionCode},
    {"state", Field::kState},
    {"dispute_type", Field::kDisputeType},
    {"receive_time", Field::kReceiveTime},
    {"party_name", Field::kPartyName},
    {"party_resident_id_number", Field::kPartyResidentIdNumber},
    {"overdue", Field::kOverdue},
    {"due_date", Field::kDueDate},
}};

const char* ExpectedOperators(Field f) {
  switch (f) {
    case Field::kReceiveTime:
      return "\">=\", \">\", \"<=\" or \"<\"";
    case Field::kPartyName:
      return "\":\" (contains)";
    case Field::kDueDate:
      return "\"<\" or \"<=\"";
    default:
      return "\"=\"";
  }
}

bool OperatorAllowed(Field f, std::string_view op) {
  switch (f) {
    case Field::kReceiveTime:
      return op == ">=" || op == ">" || op == "<=" || op == "<";
    case Field::kPartyName:
      return op == ":";
    case Field::kDueDate:
      return op == "<" || op == "<=";
    default:
      return op == "=";
  }
}

class Parser {
 public:
  explicit Parser(std::string_view filter) : lexer_(filter) {}

  absl::StatusOr<CaseFilter> Parse() {
    CAITIAO_ASSIGN_OR_RETURN(Token tok, lexer_.Next());
    if (tok.kind == TokenKind::kEnd) return out_;  // "" or only whitespace
    while (true) {
      CAITIAO_RETURN_IF_ERROR(ParseComparison(tok));
      CAITIAO_ASSIGN_OR_RETURN(tok, lexer_.Next());
      if (tok.kind == TokenKind::kEnd) return out_;
      if (tok.kind == TokenKind::kWord && tok.text == "AND") {
        CAITIAO_ASSIGN_OR_RETURN(tok, lexer_.Next());
        if (tok.kind == TokenKind::kEnd) {
          return lexer_.ErrorAt(tok.begin, "expected a comparison after \"AND\", found end of filter");
        }
        continue;
      }
      return ConnectorError(tok);
    }
  }

 private:
  // `tok` stands where "AND" or the end of the filter should be.
  absl::Status ConnectorError(const Token& tok) const {
    if (tok.kind == TokenKind::kWord) {
      if (EqualsIgnoringAsciiCase(tok.text, "OR") || EqualsIgnoringAsciiCase(tok.text, "NOT")) {
        return lexer_.ErrorAt(tok.begin, absl::StrCat(QuoteForMessage(tok.text), " is not supported; ", kOnlyAnd));
      }
      if (EqualsIgnoringAsciiCase(tok.text, "AND")) {
        return lexer_.ErrorAt(tok.begin, absl::StrCat("keywords are case-sensitive: write \"AND\", not ",
                                                      QuoteForMessage(tok.text)));
      }
    }
    if (tok.kind == TokenKind::kParen) {
      return lexer_.ErrorAt(tok.begin, absl::StrCat("parentheses are not supported; ", kOnlyAnd));
    }
    return lexer_.ErrorAt(tok.begin,
                          absl::StrCat("expected \"AND\" or end of filter, found ", Describe(tok)));
  }

  absl::Status ParseComparison(const Token& field_tok) {
    // Field.
    const FieldInfo* info = nullptr;
    if (field_tok.kind == TokenKind::kWord) {
      for (const FieldInfo& f : kFields) {
        if (f.name == field_tok.text) info = &f;
      }
      if (info == nullptr) {
        if (EqualsIgnoringAsciiCase(field_tok.text, "OR") ||
            EqualsIgnoringAsciiCase(field_tok.text, "NOT")) {
          return lexer_.ErrorAt(field_tok.begin,
                                absl::StrCat(QuoteForMessage(field_tok.text), " is not supported; ", kOnlyAnd));
        }
        if (field_tok.text == "AND") {
          return lexer_.ErrorAt(field_tok.begin,
                                absl::StrCat("expected a field name, found \"AND\"; known fields: ",
                                             kKnownFields));
        }
        return lexer_.ErrorAt(field_tok.begin, absl::StrCat("unknown field ", QuoteForMessage(field_tok.text),
                                                            "; known fields: ", kKnownFields));
      }
    } else if (field_tok.kind == TokenKind::kParen) {
      return lexer_.ErrorAt(field_tok.begin, absl::StrCat("parentheses are not supported; ", kOnlyAnd));
    } else if (field_tok.kind == TokenKind::kOther && field_tok.text == "-") {
      return lexer_.ErrorAt(field_tok.begin,
                            absl::StrCat("negation (\"-\") is not supported; ", kOnlyAnd));
    } else {
      return lexer_.ErrorAt(field_tok.begin, absl::StrCat("expected a field name (", kKnownFields,
                                                          "), found ", Describe(field_tok)));
    }
    const Field field = info->field;
    const char* name = info->name;

    // Operator.
    CAITIAO_ASSIGN_OR_RETURN(Token op, lexer_.Next());
    if (op.kind != TokenKind::kOperator) {
      return lexer_.ErrorAt(op.begin, absl::StrCat("expected ", ExpectedOperators(field), " after ", name,
                                                   ", found ", Describe(op)));
    }
    if (!OperatorAllowed(field, op.text)) {
      return lexer_.ErrorAt(op.begin, absl::StrCat(name, " takes ", ExpectedOperators(field), ", not \"",
                                                   op.text, "\""));
    }
    const bool lower = op.text == ">=" || op.text == ">";
    if (field == Field::kReceiveTime) {
      if (lower ? seen_lower_ : seen_upper_) {
        return lexer_.ErrorAt(field_tok.begin,
                              lower ? "receive_time lower bound (\">=\" or \">\") given twice"
                                    : "receive_time upper bound (\"<=\" or \"<\") given twice");
      }
      (lower ? seen_lower_ : seen_upper_) = true;
    } else {
      bool& seen = seen_[static_cast<size_t>(field)];
      if (seen) return lexer_.ErrorAt(field_tok.begin, absl::StrCat(name, " given twice"));
      seen = true;
    }

    // Value.
    CAITIAO_ASSIGN_OR_RETURN(Token value, lexer_.Next());
    if (value.kind != TokenKind::kWord && value.kind != TokenKind::kString) {
      return lexer_.ErrorAt(value.begin, absl::StrCat("expected a value for ", name, " after \"", op.text,
                                                      "\", found ", Describe(value)));
    }
    const bool quoted = value.kind == TokenKind::kString;
    const std::string& v = value.text;
    switch (field) {
      case Field::kCommissionId: {
        const size_t n = CodePointCount(v);
        if (n < 1 || n > kMaxCommissionIdChars) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("commission_id must be 1 to ",
                                                          kMaxCommissionIdChars, " characters"));
        }
        out_.commission_id = v;
        return absl::OkStatus();
      }
      case Field::kRegionCode: {
        if (v.size() != kRegionCodeDigits || !std::all_of(v.begin(), v.end(), IsDigit)) {
          return lexer_.ErrorAt(value.begin, "region_code must be 6 digits, such as \"420100\"");
        }
        out_.region_code = v;
        return absl::OkStatus();
      }
      case Field::kState: {
        const std::optional<CaseState> s = CaseStateFromName(StripPrefix(v, kCaseStatePrefix));
        if (!s.has_value() || *s == CaseState::kUnspecified) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("unknown state ", QuoteForMessage(v),
                                                          "; expected one of ", CaseStateNames()));
        }
        out_.state = *s;
        return absl::OkStatus();
      }
      case Field::kDisputeType: {
        const std::optional<DisputeType> t = DisputeTypeFromName(StripPrefix(v, kDisputeTypePrefix));
        if (!t.has_value() || *t == DisputeType::kUnspecified) {
          return lexer_.ErrorAt(
              value.begin,
              absl::StrCat("unknown dispute_type ", QuoteForMessage(v),
                           "; expected LABOR_RELATIONSHIP_CONFIRMATION, LABOR_CONTRACT, "
                           "REMOVAL_DISMISSAL_RESIGNATION, HOURS_LEAVE_INSURANCE_WELFARE, "
                           "REMUNERATION_COMPENSATION or OTHER"));
        }
        out_.dispute_type = *t;
        return absl::OkStatus();
      }
      case Field::kReceiveTime: {
        absl::Time floor_us;
        bool exact = true;
        if (!quoted) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("receive_time must be an RFC 3339 timestamp in "
                                                          "double quotes, such as ",
                                                          kTimeExample));
        }
        if (!ParseTimestamp(v, &floor_us, &exact)) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("receive_time must be an RFC 3339 timestamp "
                                                          "such as ",
                                                          kTimeExample));
        }
        // Stored times have microsecond precision, so for a stored s:
        //   s >= t  <=>  s >= ceil(t)        s > t   <=>  s >= floor(t) + 1us
        //   s < t   <=>  s < ceil(t)         s <= t  <=>  s < floor(t) + 1us
        const absl::Time ceil_us = exact ? floor_us : floor_us + absl::Microseconds(1);
        const absl::Time next_us = floor_us + absl::Microseconds(1);
        const absl::Time bound = (op.text == ">=" || op.text == "<") ? ceil_us : next_us;
        // Keeps every bound (and so its canonical text) within four-digit years.
        if (bound < kMinTime || bound > kMaxTime) {
          return lexer_.ErrorAt(value.begin, "receive_time must be between 0001-01-01T00:00:00Z and "
                                             "9999-01-01T00:00:00Z");
        }
        (lower ? out_.receive_time_min : out_.receive_time_max_exclusive) = bound;
        return absl::OkStatus();
      }
      case Field::kPartyName: {
        if (!quoted) {
          return lexer_.ErrorAt(value.begin,
                                "party_name takes a double-quoted string, such as party_name : \"张三\"");
        }
        const size_t n = CodePointCount(v);
        if (n < 1 || n > kMaxPartyNameChars) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("party_name must be 1 to ", kMaxPartyNameChars,
                                                          " characters"));
        }
        out_.party_name_contains = v;
        return absl::OkStatus();
      }
      case Field::kPartyResidentIdNumber: {
        // Exact match on a keyed hash: the number is never compared in clear.
        std::string id(v);
        for (char& c : id) {
          if (c == 'x') c = 'X';  // the check character is stored upper-case
        }
        const bool plausible = !id.empty() && id.size() <= kMaxIdentityNumberChars &&
                               std::all_of(id.begin(), id.end(), [](char c) {
                                 return IsDigit(c) || (c >= 'A' && c <= 'Z');
                               });
        if (!quoted || !plausible) {
          return lexer_.ErrorAt(value.begin, absl::StrCat("party_resident_id_number takes a double-quoted "
                                                          "identity number of 1 to ",
                                                          kMaxIdentityNumberChars,
                                                          " letters and digits"));
        }
        out_.party_resident_id_number = id;
        return absl::OkStatus();
      }
      case Field::kOverdue: {
        if (quoted || (v != "true" && v != "false")) {
          return lexer_.ErrorAt(value.begin, "overdue takes true or false, such as overdue = true");
        }
        out_.overdue = v == "true";
        return absl::OkStatus();
      }
      case Field::kDueDate: {
        absl::CivilDay day;
        if (!quoted || v.size() != 10 || !absl::ParseCivilTime(absl::string_view(v), &day) ||
            absl::FormatCivilTime(day) != v) {
          return lexer_.ErrorAt(value.begin, "due_date takes a date in double quotes, such as due_date < \"2026-12-01\"");
        }
        out_.due_before = op.text == "<" ? day : day + 1;
        return absl::OkStatus();
      }
    }
    return lexer_.ErrorAt(field_tok.begin, "internal error: unhandled field");
  }

  Lexer lexer_;
  CaseFilter out_;
  std::array<bool, kFields.size()> seen_{};
  bool seen_lower_ = false;
  bool seen_upper_ = false;
};

// The canonical spelling of an enum value: its name when the name maps back
// to the same value, else its number (only for hand-built out-of-range values).
template <typename E>
std::string EnumText(E value, const char* (*name_of)(E), std::optional<E> (*from_name)(std::string_view)) {
  const char* name = name_of(value);
  if (name != nullptr && *name != '\0' && from_name(name) == value) return name;
  return absl::StrCat(static_cast<int>(value));
}

// RFC 3339 in UTC. absl's %Y does not pad, so years below 1000 are padded to
// four digits here ("0026-...", "-0001-...") to keep the text parseable.
std::string TimeText(absl::Time t) {
  std::string s = absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
  if (t != absl::InfiniteFuture() && t != absl::InfinitePast()) {
    const size_t sign = (!s.empty() && s[0] == '-') ? 1 : 0;
    const size_t dash = s.find('-', sign);
    if (dash != std::string::npos && dash - sign < 4) s.insert(sign, 4 - (dash - sign), '0');
  }
  return Quoted(s);
}

}  // namespace

absl::StatusOr<CaseFilter> ParseCaseFilter(std::string_view filter) {
  if (filter.size() > kMaxFilterBytes) {
    return FilterError(
        absl::StrCat("must be at most ", kMaxFilterBytes, " bytes, got ", filter.size()));
  }
  return Parser(filter).Parse();
}

// Fixed field order, " AND " between comparisons, strings quoted with \" and
// \\ escaped, enums by name, times in UTC. The text parses back to the same
// filter, and distinct filters give distinct text.
std::string CanonicalCaseFilter(const CaseFilter& filter) {
  std::vector<std::string> parts;
  if (filter.commission_id) parts.push_back(absl::StrCat("commission_id = ", Quoted(*filter.commission_id)));
  if (filter.region_code) parts.push_back(absl::StrCat("region_code = ", Quoted(*filter.region_code)));
  if (filter.state) {
    parts.push_back(absl::StrCat("state = ", EnumText(*filter.state, &CaseStateName, &CaseStateFromName)));
  }
  if (filter.dispute_type) {
    parts.push_back(absl::StrCat("dispute_type = ",
                                 EnumText(*filter.dispute_type, &DisputeTypeName, &DisputeTypeFromName)));
  }
  if (filter.receive_time_min) parts.push_back(absl::StrCat("receive_time >= ", TimeText(*filter.receive_time_min)));
  if (filter.receive_time_max_exclusive) {
    parts.push_back(absl::StrCat("receive_time < ", TimeText(*filter.receive_time_max_exclusive)));
  }
  if (filter.party_name_contains) {
    parts.push_back(absl::StrCat("party_name : ", Quoted(*filter.party_name_contains)));
  }
  if (filter.party_resident_id_number) {
    parts.push_back(absl::StrCat("party_resident_id_number = ", Quoted(*filter.party_resident_id_number)));
  }
  if (filter.overdue) parts.push_back(absl::StrCat("overdue = ", *filter.overdue ? "true" : "false"));
  if (filter.due_before) {
    parts.push_back(absl::StrCat("due_date < ", Quoted(absl::FormatCivilTime(*filter.due_before))));
  }
  return absl::StrJoin(parts, " AND ");
}

}  // namespace caitiao::domain
