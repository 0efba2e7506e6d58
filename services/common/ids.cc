#include "services/common/ids.h"

#include <cstdint>
#include <random>

#include "absl/strings/str_format.h"

namespace caitiao::services {
namespace {

uint64_t Random64() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng();
}

}  // namespace

std::string NewUuid() {
  uint64_t hi = Random64(), lo = Random64();
  hi = (hi & 0xffffffffffff0fffull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3fffffffffffffffull) | 0x8000000000000000ull;  // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48,
                         lo & 0xffffffffffffull);
}

std::string NewRequestId() { return absl::StrFormat("%016x%016x", Random64(), Random64()); }

}  // namespace caitiao::services
