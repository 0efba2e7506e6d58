// Errors as values: an absl::Status with a machine-readable reason and the
// offending request fields carried as payloads. The gRPC edge turns them into
// caitiao.v1.ErrorDetail; nothing here knows about gRPC.
//
//   FieldViolations v;
//   v.Add("case.claims", "at least one claim is required");
//   if (!v.empty()) return v.ToStatus();   // INVALID_ARGUMENT, FIELD_INVALID
//
//   return WithReason(absl::AbortedError("the case changed since you read it; re-read and retry"),
//                     "ETAG_MISMATCH");
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace caitiao::domain {

struct FieldViolation {
  std::string field;
  std::string description;
  bool operator==(const FieldViolation&) const = default;
};

// Collects every problem found in a request so the caller hears about all of
// them at once.
class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  // Prefixes every violation of `other` with `prefix` (e.g. "case.applicants[0]").
  void Merge(std::string_view prefix, const FieldViolations& other);
  // Adds each violation of `other` whose field is not reported yet.
  void AddUnreported(const FieldViolations& other);
  bool Has(std::string_view field) const;
  bool empty() const { return items_.empty(); }
  const std::vector<FieldViolation>& items() const { return items_; }
  // INVALID_ARGUMENT, reason FIELD_INVALID, message naming the first few
  // fields and reasons. OK when empty.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> items_;
};

// A single-field INVALID_ARGUMENT (reason FIELD_INVALID).
absl::Status InvalidField(std::string field, std::string description);

// NOT_FOUND with `reason` and the message `no <what> "<value>"` (the value
// quoted safely); with a `field`, also a violation "no such <what>" there.
absl::Status NotFound(std::string_view what, std::string_view value, std::string_view reason,
                      std::string_view field = "");

// Attaches a machine-readable reason (UPPER_SNAKE_CASE) to `status`.
absl::Status WithReason(absl::Status status, std::string_view reason);
// Attaches field violations to `status`.
absl::Status WithFields(absl::Status status, const std::vector<FieldViolation>& fields);

// The reason attached to `status`, if any.
std::optional<std::string> ReasonOf(const absl::Status& status);
// The field violations attached to `status` (empty if none).
std::vector<FieldViolation> FieldsOf(const absl::Status& status);

}  // namespace caitiao::domain
