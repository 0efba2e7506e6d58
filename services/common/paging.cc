#include "services/common/paging.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::services {
namespace {

absl::Status BadToken(std::string_view why, std::string_view field) {
  return domain::WithReason(domain::InvalidField(std::string(field), std::string(why)), domain::reasons::kPageTokenInvalid);
}

}  // namespace

absl::Status InvalidPageToken(std::string_view field) {
  return BadToken("is not a token of this list; pass the token you were given unchanged", field);
}

absl::StatusOr<int> EffectivePageSize(int32_t requested) {
  if (requested < 0) {
    return domain::InvalidField("page_size", "must not be negative (0 means the default of 50)");
  }
  if (requested == 0) return kDefaultPageSize;
  return std::min<int>(requested, kMaxPageSize);
}

uint64_t FilterFingerprint(std::string_view canonical_filter) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : canonical_filter) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

caitiao::internal::v1::PageToken NewPageToken(std::string_view list, uint64_t filter_fingerprint) {
  caitiao::internal::v1::PageToken token;
  token.set_list(std::string(list));
  token.set_filter_fingerprint(filter_fingerprint);
  return token;
}

std::string EncodePageToken(const caitiao::internal::v1::PageToken& token) {
  std::string bytes;
  token.SerializeToString(&bytes);
  return absl::WebSafeBase64Escape(bytes);
}

absl::StatusOr<std::optional<caitiao::internal::v1::PageToken>> DecodePageToken(std::string_view token,
                                                                                 std::string_view list,
                                                                                 uint64_t filter_fingerprint,
                                                                                 std::string_view field) {
  if (token.empty()) return std::nullopt;
  std::string bytes;
  caitiao::internal::v1::PageToken parsed;
  if (token.size() > 1024 || !absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &bytes) ||
      !parsed.ParseFromString(bytes) || parsed.list() != list) {
    return InvalidPageToken(field);
  }
  if (parsed.filter_fingerprint() != filter_fingerprint) {
    return BadToken("was made for a different filter; repeat the filter of the first page or start over", field);
  }
  return parsed;
}

}  // namespace caitiao::services
