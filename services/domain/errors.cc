#include "services/domain/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr char kReasonPayload[] = "type.caitiao/reason";
constexpr char kFieldsPayload[] = "type.caitiao/fields";
// Fields and descriptions never contain these control characters (the
// validators reject them in input and our own texts do not use them).
constexpr char kUnitSep = '\x1f';
constexpr char kRecordSep = '\x1e';

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  items_.push_back({std::move(field), std::move(description)});
}

void FieldViolations::Merge(std::string_view prefix, const FieldViolations& other) {
  for (const auto& v : other.items_) {
    std::string field(prefix);
    if (!v.field.empty()) {
      if (!field.empty() && v.field.front() != '[') field += '.';
      field += v.field;
    }
    items_.push_back({std::move(field), v.description});
  }
}

void FieldViolations::AddUnreported(const FieldViolations& other) {
  for (const auto& v : other.items_) {
    if (!Has(v.field)) items_.push_back(v);
  }
}

bool FieldViolations::Has(std::string_view field) const {
  for (const auto& v : items_) {
    if (v.field == field) return true;
  }
  return false;
}

absl::Status FieldViolations::ToStatus() const {
  if (items_.empty()) return absl::OkStatus();
  std::string message;
  constexpr size_t kShown = 3;
  for (size_t i = 0; i < items_.size() && i < kShown; ++i) {
    if (i > 0) message += "; ";
    absl::StrAppend(&message, items_[i].field, ": ", items_[i].description);
  }
  if (items_.size() > kShown) {
    absl::StrAppend(&message, "; and ", items_.size() - kShown, " more");
  }
  return WithFields(WithReason(absl::InvalidArgumentError(message), reasons::kFieldInvalid), items_);
}

absl::Status InvalidField(std::string field, std::string description) {
  FieldViolations v;
  v.Add(std::move(field), std::move(description));
  return v.ToStatus();
}

absl::Status NotFound(std::string_view what, std::string_view value, std::string_view reason,
                      std::string_view field) {
  const std::string noun(what);
  absl::Status status =
      WithReason(absl::NotFoundError(absl::StrCat("no ", noun, " ", QuoteForMessage(value))), reason);
  if (field.empty()) return status;
  return WithFields(status, {{std::string(field), absl::StrCat("no such ", noun)}});
}

absl::Status WithReason(absl::Status status, std::string_view reason) {
  if (!status.ok()) status.SetPayload(kReasonPayload, absl::Cord(absl::string_view(reason.data(), reason.size())));
  return status;
}

absl::Status WithFields(absl::Status status, const std::vector<FieldViolation>& fields) {
  if (status.ok() || fields.empty()) return status;
  std::string encoded;
  for (const auto& f : fields) {
    absl::StrAppend(&encoded, f.field, std::string(1, kUnitSep), f.description,
                    std::string(1, kRecordSep));
  }
  status.SetPayload(kFieldsPayload, absl::Cord(encoded));
  return status;
}

std::optional<std::string> ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonPayload);
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

std::vector<FieldViolation> FieldsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kFieldsPayload);
  if (!payload) return out;
  std::string flat(*payload);
  for (absl::string_view record : absl::StrSplit(flat, kRecordSep, absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(record, absl::MaxSplits(kUnitSep, 1));
    out.push_back({std::move(parts.first), std::move(parts.second)});
  }
  return out;
}

}  // namespace caitiao::domain
