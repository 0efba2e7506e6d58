#include "services/policy/policy_proto.h"

#include "services/common/proto_time.h"

namespace caitiao::services {

domain::DeadlinePolicy PolicyFromProto(const caitiao::v1::DeadlinePolicy& p) {
  domain::DeadlinePolicy policy;
  policy.pre_filing_mediation_days = p.pre_filing_mediation_days();
  policy.post_filing_mediation_days = p.post_filing_mediation_days();
  policy.acceptance_working_days = p.acceptance_working_days();
  policy.max_extension_days = p.max_extension_days();
  if (p.has_acceptance_decision_working_days()) {
    policy.acceptance_decision_working_days = p.acceptance_decision_working_days();
  }
  if (p.has_review_application_days()) policy.review_application_days = p.review_application_days();
  if (p.has_review_working_days()) policy.review_working_days = p.review_working_days();
  if (p.has_review_extension_working_days()) {
    policy.review_extension_working_days = p.review_extension_working_days();
  }
  if (p.has_max_mediation_extensions()) policy.max_mediation_extensions = p.max_mediation_extensions();
  return policy;
}

void PolicyToProto(const domain::DeadlinePolicy& p, caitiao::v1::DeadlinePolicy* out) {
  out->set_pre_filing_mediation_days(p.pre_filing_mediation_days);
  out->set_post_filing_mediation_days(p.post_filing_mediation_days);
  out->set_acceptance_working_days(p.acceptance_working_days);
  out->set_max_extension_days(p.max_extension_days);
  out->set_acceptance_decision_working_days(p.acceptance_decision_working_days);
  out->set_review_application_days(p.review_application_days);
  out->set_review_working_days(p.review_working_days);
  out->set_review_extension_working_days(p.review_extension_working_days);
  out->set_max_mediation_extensions(p.max_mediation_extensions);
}

void PolicyVersionToProto(const domain::DeadlinePolicyVersion& v, caitiao::v1::DeadlinePolicyVersion* out) {
  out->set_region_code(v.region_code);
  ToProto(v.effective_from, out->mutable_effective_from());
  PolicyToProto(v.policy, out->mutable_policy());
  out->set_created_by(v.created_by);
  ToProto(v.create_time, out->mutable_create_time());
}

void CalendarToProto(const CalendarSummary& c, caitiao::v1::HolidayCalendar* out) {
  out->set_year(c.stored.year);
  out->set_version(c.stored.version);
  out->set_holiday_count(c.holiday_count);
  out->set_workday_count(c.workday_count);
  out->set_loaded_by(c.stored.loaded_by);
  ToProto(c.stored.load_time, out->mutable_load_time());
}

}  // namespace caitiao::services
