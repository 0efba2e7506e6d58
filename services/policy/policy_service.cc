#include "services/policy/policy_service.h"

#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/proto_time.h"
#include "services/common/region_paging.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/policy/policy_admin.h"
#include "services/policy/policy_proto.h"
#include "services/policy/policy_requests.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kPoliciesList[] = "deadline_policies";
constexpr char kCalendarsList[] = "holiday_calendars";

}  // namespace

grpc::Status PolicyGrpcService::SetDeadlinePolicy(grpc::ServerContext* ctx, const v1::SetDeadlinePolicyRequest* req,
                                                  v1::SetDeadlinePolicyResponse* resp) {
  return rpc_.Run(ctx, "SetDeadlinePolicy", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::DeadlinePolicyVersion version, ReadSetDeadlinePolicyRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto result, services::SetDeadlinePolicy(tx, call, version));
                           auto* response = static_cast<v1::SetDeadlinePolicyResponse*>(out);
                           PolicyVersionToProto(result.version, response->mutable_version());
                           if (result.replaced) PolicyVersionToProto(*result.replaced, response->mutable_replaced());
                           return absl::OkStatus();
                         });
  });
}

grpc::Status PolicyGrpcService::ListDeadlinePolicies(grpc::ServerContext* ctx,
                                                     const v1::ListDeadlinePoliciesRequest* req,
                                                     v1::ListDeadlinePoliciesResponse* resp) {
  return rpc_.Run(ctx, "ListDeadlinePolicies", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RegionDayListRequest list, ReadListDeadlinePoliciesRequest(*req));
    const auto& subtree = list.subtree;
    const int page_size = list.page_size;
    const auto& cursor = list.after;
    std::optional<storage::PolicyCursor> after;
    if (cursor) after = storage::PolicyCursor{cursor->region_code, cursor->day};
    return storage::RunTransaction(pool_, call.deadline, "ListDeadlinePolicies", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto versions, storage::ListDeadlinePolicies(tx, subtree, after, page_size + 1));
      const bool more = TrimToPage(versions, page_size);
      for (const auto& v : versions) PolicyVersionToProto(v, resp->add_versions());
      if (more) {
        resp->set_next_page_token(RegionDayPageToken(kPoliciesList, req->region_code(), versions.back().region_code,
                                                     versions.back().effective_from));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status PolicyGrpcService::GetEffectiveDeadlinePolicy(grpc::ServerContext* ctx,
                                                           const v1::GetEffectiveDeadlinePolicyRequest* req,
                                                           v1::GetEffectiveDeadlinePolicyResponse* resp) {
  return rpc_.Run(ctx, "GetEffectiveDeadlinePolicy", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const absl::CivilDay day, ReadGetEffectiveDeadlinePolicyRequest(*req, call.now));
    return storage::RunTransaction(
        pool_, call.deadline, "GetEffectiveDeadlinePolicy", [&](storage::Tx& tx) -> absl::Status {
          CAITIAO_ASSIGN_OR_RETURN(auto in_force, EffectivePolicyFor(tx, req->region_code(), day));
          resp->set_region_code(req->region_code());
          ToProto(day, resp->mutable_date());
          PolicyToProto(in_force.effective.policy, resp->mutable_policy());
          resp->set_source(in_force.effective.source);
          if (in_force.version) PolicyVersionToProto(*in_force.version, resp->mutable_version());
          return absl::OkStatus();
        });
  });
}

grpc::Status PolicyGrpcService::LoadHolidayCalendar(grpc::ServerContext* ctx,
                                                    const v1::LoadHolidayCalendarRequest* req,
                                                    v1::LoadHolidayCalendarResponse* resp) {
  return rpc_.Run(ctx, "LoadHolidayCalendar", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::HolidayCalendar calendar, ReadLoadHolidayCalendarRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(
                               auto loaded, services::LoadHolidayCalendar(tx, call, calendar, req->calendar_text()));
                           auto* response = static_cast<v1::LoadHolidayCalendarResponse*>(out);
                           CalendarToProto(loaded.calendar, response->mutable_calendar());
                           response->set_replaced_version(loaded.replaced_version.value_or(""));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status PolicyGrpcService::ListHolidayCalendars(grpc::ServerContext* ctx,
                                                     const v1::ListHolidayCalendarsRequest* req,
                                                     v1::ListHolidayCalendarsResponse* resp) {
  return rpc_.Run(ctx, "ListHolidayCalendars", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const CalendarListRequest list, ReadListHolidayCalendarsRequest(*req));
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    const int after_year = list.after_year;
    return storage::RunTransaction(pool_, call.deadline, "ListHolidayCalendars", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto calendars, ListCalendarSummaries(tx, after_year, page_size + 1));
      const bool more = TrimToPage(calendars, page_size);
      for (const auto& c : calendars) CalendarToProto(c, resp->add_calendars());
      if (more) {
        auto next = NewPageToken(kCalendarsList, fingerprint);
        next.set_last_number(calendars.back().stored.year);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
