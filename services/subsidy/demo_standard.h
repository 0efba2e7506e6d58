// The demo's subsidy standard for Hubei (420000), so that a demo success
// earns something: clearly marked as demo data, never a published standard.
#pragma once

#include "absl/status/status.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Inserts the demo standard (in force from 2026-01-01) unless Hubei has a
// standard version already.
absl::Status LoadDemoSubsidyStandard(storage::Tx& tx);

}  // namespace caitiao::services
