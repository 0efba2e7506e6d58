// Server-generated identifiers: random, unguessable enough for ids (not for
// secrets), and cheap: one generator per thread, no lock.
#pragma once

#include <string>

namespace caitiao::services {

// A random UUID (version 4) in canonical text form: resource ids.
std::string NewUuid();

// 32 hex digits: the id of one call, in logs and trailing metadata.
std::string NewRequestId();

}  // namespace caitiao::services
