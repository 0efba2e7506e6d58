// Conversions between domain values and the text forms bound as SQL
// parameters or read from result columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace caitiao::storage {

// RFC 3339 in UTC with microseconds: what timestamptz parameters take.
std::string TimeParam(absl::Time t);
// Columns are read as `(extract(epoch FROM col) * 1000000)::bigint`.
absl::Time TimeFromMicros(int64_t micros);
// The same for a nullable column: nullopt for NULL.
std::optional<absl::Time> OptionalTimeFromMicros(const pqxx::field& micros);
int64_t MicrosOf(absl::Time t);
// A SELECT expression reading a timestamptz `column` as microseconds since
// the epoch (NULL stays NULL): read back with TimeFromMicros.
std::string MicrosColumn(const char* column);

std::string DateParam(absl::CivilDay day);  // "2026-11-29"
absl::CivilDay DateFromText(std::string_view text);

// A PostgreSQL array literal of UUIDs ("{a,b}") for `= ANY($1::uuid[])`.
// Only for ids the server generated (hex and '-'); validated by the caller.
std::string UuidArrayParam(const std::vector<std::string>& ids);

// True for the canonical textual form of a UUID; anything else cannot be an
// id of ours (the caller answers NOT_FOUND without asking the database).
bool LooksLikeUuid(std::string_view id);

}  // namespace caitiao::storage

namespace caitiao::storage {

// Binary values travel as hex text: bind `decode($n, 'hex')` and read
// `encode(col, 'hex')` (libpqxx 6 binds strings as text, which cannot hold NUL).
std::string HexParam(std::string_view bytes);
std::string BytesFromHex(std::string_view hex);  // "" for malformed input

// A PostgreSQL array literal of plain tokens ("{420100,420500}") for values
// already validated to contain only letters, digits and '-'.
std::string PlainArrayParam(const std::vector<std::string>& values);
// Reads `array_to_string(col, ',')`.
std::vector<std::string> SplitArrayText(std::string_view text);

}  // namespace caitiao::storage

namespace caitiao::storage {

// A PostgreSQL array literal of arbitrary text ("{\"a b\",\"c\\\"d\"}"), each
// element quoted, for `unnest($1::text[])` (bound, never spliced into SQL).
std::string QuotedArrayParam(const std::vector<std::string>& values);

}  // namespace caitiao::storage

namespace caitiao::storage {

// Reads a row's columns, numbered from `first`, through one field object. In
// libpqxx 6 each pqxx::field (row[n], *iterator) holds a reference-counted
// copy of its result, so reading 25 columns of 300 rows that way costs
// 7,500 atomic increments and decrements; a row iterator is a field, and
// moving it copies nothing.
class ColumnReader {
 public:
  ColumnReader(const pqxx::row& row, int first) : it_(row.begin()), base_(first) {}
  const pqxx::field& operator()(int n) {
    const int col = base_ + n;
    it_ += col - at_;
    at_ = col;
    return it_;
  }

 private:
  pqxx::const_row_iterator it_;
  int base_;
  int at_ = 0;
};

}  // namespace caitiao::storage
