// Translation between caitiao.v1 docking messages and domain structs.
#pragma once

#include "caitiao/v1/docking.pb.h"
#include "services/domain/delegation.h"
#include "services/domain/docking_types.h"
#include "services/domain/room_proposal.h"

namespace caitiao::services {

void ConsentToProto(const domain::ConsentRecord& consent, caitiao::v1::ConsentRecord* out);
void AssessmentToProto(const domain::EligibilityAssessmentRecord& assessment, caitiao::v1::EligibilityAssessment* out);
void DeadlineToProto(const domain::Deadline& deadline, const std::string& policy_source, caitiao::v1::Deadline* out);
void DelegationToProto(const domain::Delegation& delegation, caitiao::v1::Delegation* out);
void ProposalToProto(const domain::RoomCandidate& candidate, caitiao::v1::RoomProposal* out);

}  // namespace caitiao::services
