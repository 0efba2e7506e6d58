// Translation between caitiao.v1 policy messages and domain structs.
#pragma once

#include "caitiao/v1/policy.pb.h"
#include "services/domain/deadline_policy.h"
#include "services/policy/policy_admin.h"

namespace caitiao::services {

domain::DeadlinePolicy PolicyFromProto(const caitiao::v1::DeadlinePolicy& policy);
void PolicyToProto(const domain::DeadlinePolicy& policy, caitiao::v1::DeadlinePolicy* out);
void PolicyVersionToProto(const domain::DeadlinePolicyVersion& version, caitiao::v1::DeadlinePolicyVersion* out);
void CalendarToProto(const CalendarSummary& calendar, caitiao::v1::HolidayCalendar* out);

}  // namespace caitiao::services
