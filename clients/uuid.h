// Request ids for the clients: a UUID (version 4) from two random words.
// Clients depend on the public protos only, so they carry their own copy of
// this formatting rather than the server's services/common/ids.
#pragma once

#include <cstdint>
#include <string>

namespace caitiao::clients {

// Sets the version (4) and RFC 4122 variant bits and formats canonically.
std::string FormatUuidV4(uint64_t hi, uint64_t lo);

}  // namespace caitiao::clients
