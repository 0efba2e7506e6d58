// Translation between caitiao.v1 room and mediator messages and domain
// structs. No rules: values that are out of range pass through for the
// domain to refuse. Mediators always leave with their identity number masked.
#pragma once

#include <string>

#include "caitiao/v1/directory.pb.h"
#include "services/domain/errors.h"
#include "services/domain/room_types.h"

namespace caitiao::services {

// The room's input fields. A missing or impossible opened_on is reported in
// `problems` as "<prefix>.opened_on".
domain::MediationRoom RoomFromProto(const caitiao::v1::MediationRoom& r, const std::string& prefix,
                                    domain::FieldViolations* problems);
// Every field, with below_minimum_mediators and the etag derived.
void RoomToProto(const domain::MediationRoom& r, caitiao::v1::MediationRoom* out);

// The mediator's input fields. Missing or impossible dates are reported as
// "<prefix>.certificate_expiry", "<prefix>.term_start", "<prefix>.term_end".
domain::Mediator MediatorFromProto(const caitiao::v1::Mediator& m, const std::string& prefix,
                                   domain::FieldViolations* problems);
// Every field, the identity number masked (MaskIdentityNumber).
void MaskedMediatorToProto(const domain::Mediator& m, caitiao::v1::Mediator* out);

}  // namespace caitiao::services
