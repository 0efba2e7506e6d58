// First-start duties of caitiaod that touch secrets: the data key that
// encrypts identity numbers at rest, the bootstrap admin token, and the demo
// tokens of --demo. Secrets go to files readable only by their owner; the log
// says where, never what.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/server/config.h"
#include "storage/connection_pool.h"

namespace caitiao::server {

// Loads (or on first start creates) the data key and installs the field
// cipher; then seals identity numbers an earlier version stored in clear.
absl::Status SetUpPersonalDataEncryption(const Config& config, storage::ConnectionPool& pool);

// Issues the first admin token if no token was ever issued, into
// config.admin_token_file.
absl::Status BootstrapAdminAccess(const Config& config, storage::ConnectionPool& pool);

// Stores each built-in holiday calendar (domain::BuiltInCalendarTexts) whose
// year has none, loaded by "system/built-in"; never replaces a stored one, so
// an operator's correction stands. Safe when several servers start at once.
absl::Status InstallBuiltInCalendars(storage::ConnectionPool& pool);

// Builds the docking report's rollups from the recorded events when they
// are incomplete (after migration 0016, or a bulk load that says so).
absl::Status RebuildReportRollups(storage::ConnectionPool& pool);

// Loads the demo directory and issues a token per role (those whose file in
// <data_dir>/demo-tokens/ is missing), then prints how to use them.
absl::Status LoadDemo(const Config& config, storage::ConnectionPool& pool);

}  // namespace caitiao::server
