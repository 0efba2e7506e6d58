// What create-room and create-mediator read from their flags, and the
// words for room kinds, mediator sources and statuses.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "caitiao/v1/directory.pb.h"

namespace caitiao::cli {

// "joint", "union-station", "tribunal" (or the enum value names).
absl::StatusOr<caitiao::v1::RoomKind> ParseRoomKind(const std::string& text);

// "union-legal-team", "lawyer", "part-time-arbitrator", "peoples-mediator",
// "retired-judge-or-procurator" (or "retired-judge"), "union-cadre",
// "hrss-cadre", "other".
absl::StatusOr<caitiao::v1::MediatorSource> ParseMediatorSource(const std::string& text);

// "active" or "suspended".
absl::StatusOr<caitiao::v1::MediatorStatus> ParseMediatorStatus(const std::string& text);

// create-room: --name --kind --region --host --commission... --capacity
// [--min-mediators] --opened. INVALID_ARGUMENT names what is missing or bad.
absl::StatusOr<caitiao::v1::MediationRoom> RoomFromFlags();

// create-mediator: --name --id-number --source --certificate
// --certificate-expiry --term=START..END [--training-hours] [--civil-servant]
// [--room=ID...].
absl::StatusOr<caitiao::v1::Mediator> MediatorFromFlags();

}  // namespace caitiao::cli
