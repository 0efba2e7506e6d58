// Structured log lines on stderr, one event a line, logfmt style:
//   ts=2026-11-29T07:01:02.345Z level=info msg=rpc request_id=… method=… status=OK latency_ms=1.9
// Values are quoted when they contain spaces or quotes. Callers never pass
// personal data (names, identity numbers, phones, addresses).
#pragma once

#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>

namespace caitiao::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// "debug", "info", "warn" or "error"; false for anything else.
bool SetLevelByName(absl::string_view name);
bool Enabled(Level level);

using Field = std::pair<absl::string_view, absl::string_view>;
void Write(Level level, absl::string_view msg, std::initializer_list<Field> fields = {});

inline void Info(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, msg, fields);
}
inline void Warn(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, msg, fields);
}
inline void Error(absl::string_view msg, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, msg, fields);
}

}  // namespace caitiao::log
