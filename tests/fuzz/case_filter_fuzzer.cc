// ListCases filter parser on untrusted bytes. Page tokens fingerprint the
// canonical text, so a canonical form that does not parse back to the same
// filter would break paging; an error without FILTER_INVALID would reach
// clients as an unexplained failure.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "services/domain/case_filter.h"
#include "services/domain/errors.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using caitiao::domain::CanonicalCaseFilter;
using caitiao::domain::CaseFilter;
using caitiao::domain::ParseCaseFilter;
using caitiao::fuzz::CheckViolations;
using caitiao::fuzz::IsValidUtf8;

void CheckError(const absl::Status& s) {
  FUZZ_CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  FUZZ_CHECK(caitiao::domain::ReasonOf(s) == "FILTER_INVALID");
  // The message quotes the user's text: it must stay valid UTF-8 whatever
  // bytes came in, or the gRPC status detail cannot be encoded.
  FUZZ_CHECK(IsValidUtf8(std::string_view(s.message().data(), s.message().size())));
  const auto fields = caitiao::domain::FieldsOf(s);
  FUZZ_CHECK(fields.size() == 1 && fields[0].field == "filter");
  CheckViolations(fields);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<CaseFilter> parsed = ParseCaseFilter(input);
  if (!parsed.ok()) {
    CheckError(parsed.status());
    return 0;
  }
  if (parsed->party_name_contains) FUZZ_CHECK(!parsed->party_name_contains->empty());
  if (parsed->region_code) FUZZ_CHECK(parsed->region_code->size() == 6);

  const std::string canonical = CanonicalCaseFilter(*parsed);
  const absl::StatusOr<CaseFilter> reparsed = ParseCaseFilter(canonical);
  if (!reparsed.ok()) {
    std::fprintf(stderr, "canonical text does not parse: %s\n", std::string(reparsed.status().message()).c_str());
  }
  FUZZ_CHECK(reparsed.ok());
  FUZZ_CHECK(*reparsed == *parsed);
  // Canonical means a fixed point: same filter, same text.
  FUZZ_CHECK(CanonicalCaseFilter(*reparsed) == canonical);
  return 0;
}
