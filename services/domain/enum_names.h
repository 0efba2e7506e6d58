// Stable upper-case names of the domain's small enums, from one array per
// enum indexed by the enum's value (which equals the proto enum number).
// Storage keeps these names, so they never change. Out-of-range values read
// as the first name ("UNSPECIFIED"); that name is never parsed back.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace caitiao::domain {

template <typename E, size_t N>
const char* NameIn(const std::array<const char*, N>& names, E value) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : names[0];
}

template <typename E, size_t N>
std::optional<E> FromNameIn(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (name == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace caitiao::domain
