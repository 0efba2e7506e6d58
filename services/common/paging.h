// Page sizes and opaque page tokens (AIP-158). A token is base64url of
// a caitiao.internal.v1.PageToken holding the keyset cursor, the list it
// belongs to and a fingerprint of the filters it was made under.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "caitiao/internal/v1/page_token.pb.h"

namespace caitiao::services {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// 0 -> default; above the maximum -> clamped; negative -> INVALID_ARGUMENT.
absl::StatusOr<int> EffectivePageSize(int32_t requested);

// A stable 64-bit fingerprint (FNV-1a) of a canonical filter text; stable
// across processes and servers, unlike absl::Hash.
uint64_t FilterFingerprint(std::string_view canonical_filter);

// Drops the one extra row a List fetched to learn whether another page
// follows; true if one does.
template <typename Row>
bool TrimToPage(std::vector<Row>& rows, int page_size) {
  if (static_cast<int>(rows.size()) <= page_size) return false;
  rows.resize(static_cast<size_t>(page_size));
  return true;
}

// What a List request asks for, read before a transaction opens: the page
// size, the fingerprint of its filters and its decoded page token (nullopt
// for the first page; the cursor fields are checked by the Read function).
struct PageRequest {
  int page_size = kDefaultPageSize;
  uint64_t fingerprint = 0;
  std::optional<caitiao::internal::v1::PageToken> token;
};

// A token of `list` under `filter_fingerprint`; the caller sets the cursor.
caitiao::internal::v1::PageToken NewPageToken(std::string_view list, uint64_t filter_fingerprint);

std::string EncodePageToken(const caitiao::internal::v1::PageToken& token);

// nullopt for an empty token. INVALID_ARGUMENT (PAGE_TOKEN_INVALID, at
// `field`) if it is not one of ours, belongs to another list, or was
// made with different filters.
absl::StatusOr<std::optional<caitiao::internal::v1::PageToken>> DecodePageToken(std::string_view token,
                                                                                 std::string_view list,
                                                                                 uint64_t filter_fingerprint,
                                                                                 std::string_view field = "page_token");

// The INVALID_ARGUMENT (PAGE_TOKEN_INVALID) for a token whose cursor does
// not hold up, e.g. a forged id.
absl::Status InvalidPageToken(std::string_view field = "page_token");

}  // namespace caitiao::services
