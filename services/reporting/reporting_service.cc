#include "services/reporting/reporting_service.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/cases/case_proto.h"
#include "services/domain/case_masking.h"
#include "services/domain/report_figures.h"
#include "services/domain/subsidy_period.h"
#include "services/common/proto_time.h"
#include "services/common/region_scope.h"
#include "services/reporting/docking_report_work.h"
#include "services/reporting/reporting_requests.h"
#include "services/subsidy/subsidy_proto.h"
#include "storage/directory_repository.h"
#include "storage/report_repository.h"
#include "storage/rollup_repository.h"
#include "services/common/paging.h"
#include "services/domain/case_filter.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/case_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kExportList[] = "case_export";
// Cases read per transaction while exporting: short transactions, and a
// broken stream loses at most one batch of work.
constexpr int kExportBatch = 200;

constexpr char kChangesList[] = "changes";
constexpr int kWatchChangesBatch = 200;
// A stream with nothing to send looks again this often.
constexpr absl::Duration kChangesPoll = absl::Milliseconds(250);

storage::FeedCursor FeedCursorOf(const ChangeCursor& c) { return storage::FeedCursor{c.xact, c.sequence}; }

std::string CursorText(const storage::FeedCursor& c, const domain::Principal& p) {
  auto token = NewPageToken(kChangesList, ChangesScopeFingerprint(p));
  token.set_last_id(absl::StrCat(c.xact));
  token.set_last_number(c.sequence);
  return EncodePageToken(token);
}

void ChangeToProto(storage::FeedEvent f, const domain::Principal& p, v1::Change* out) {
  if (p.role != domain::Role::kAdmin) f.event.summary = domain::SummaryForReporting(f.event.summary);
  EventToProto(f.event, out->mutable_event());
  out->set_region_code(f.region_code);
  out->set_commission_id(f.commission_id);
  out->set_cursor(CursorText(f.cursor, p));
}

}  // namespace

grpc::Status ReportingGrpcService::GetDockingReport(grpc::ServerContext* ctx, const v1::GetDockingReportRequest* req,
                                                    v1::GetDockingReportResponse* resp) {
  return rpc_.Run(ctx, "GetDockingReport", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const ReportDays days, ReadGetDockingReportRequest(*req, call.now));
    return reader_.Read(call.deadline, "GetDockingReport", [&](storage::Tx& tx, absl::Time as_of) -> absl::Status {
      CAITIAO_RETURN_IF_ERROR(DockingReportOf(tx, call, *req, days.first, days.last, resp));
      ToProto(as_of, resp->mutable_as_of());
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingGrpcService::GetMediationShare(grpc::ServerContext* ctx,
                                                     const v1::GetMediationShareRequest* req,
                                                     v1::GetMediationShareResponse* resp) {
  return rpc_.Run(ctx, "GetMediationShare", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const ReportDays days, ReadGetMediationShareRequest(*req, call.now));
    return reader_.Read(call.deadline, "GetMediationShare", [&](storage::Tx& tx, absl::Time as_of) -> absl::Status {
      ToProto(as_of, resp->mutable_as_of());
      CAITIAO_ASSIGN_OR_RETURN(const domain::Region region,
                               RegionOfCaller(tx, call, req->region_code(), "region_code"));
      CAITIAO_ASSIGN_OR_RETURN(const auto children, storage::ListRegions(tx, region.code,
                                                                         domain::RegionLevel::kUnspecified, "", 10000));
      std::vector<std::string> child_codes;
      std::map<std::string, std::string> names = {{region.code, region.name}};
      for (const auto& c : children) {
        child_codes.push_back(c.code);
        names[c.code] = c.name;
      }
      const storage::RollupQuery q{days.first, days.last, domain::SubtreeRange(region.code), "", "", "",
                                   domain::ReportDimension::kRegion};
      CAITIAO_ASSIGN_OR_RETURN(const auto rollups, storage::ReadRollups(tx, q));
      const std::vector<domain::ClosingCount> counts = domain::ClosingsOf(rollups);
      resp->set_region_code(region.code);
      ToProto(days.first, resp->mutable_from());
      ToProto(days.last, resp->mutable_to());
      for (const auto& r : domain::MediationShare(counts, region.code, child_codes, absl::CivilMonth(days.first),
                                                  absl::CivilMonth(days.last))) {
        auto* row = resp->add_rows();
        row->set_region_code(r.region_code);
        row->set_region_name(names[r.region_code]);
        row->set_own(r.own);
        row->set_year(r.year);
        row->set_month(r.month);
        using K = domain::ClosingKind;
        auto n = [&](K k) { return r.by_kind[static_cast<int>(k)]; };
        row->set_by_mediation(n(K::kMediation));
        row->set_by_award(n(K::kAward));
        row->set_by_tribunal_mediation(n(K::kTribunalMediation));
        row->set_terminated(n(K::kTerminated));
        row->set_withdrawn(n(K::kWithdrawn));
        row->set_not_accepted(n(K::kNotAccepted));
        row->set_closed(r.closed);
        if (r.share) row->set_share(*r.share);
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingGrpcService::ReviewRooms(grpc::ServerContext* ctx, const v1::ReviewRoomsRequest* req,
                                               v1::ReviewRoomsResponse* resp) {
  return rpc_.Run(ctx, "ReviewRooms", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RoomReviewRequest review, ReadReviewRoomsRequest(*req, call.now));
    const absl::CivilDay today = domain::ChinaDay(call.now);
    const ReportDays& days = review.days;
    const domain::ReviewThresholds& thresholds = review.thresholds;
    return reader_.Read(call.deadline, "ReviewRooms", [&](storage::Tx& tx, absl::Time as_of) -> absl::Status {
      ToProto(as_of, resp->mutable_as_of());
      CAITIAO_ASSIGN_OR_RETURN(const domain::Region region,
                               RegionOfCaller(tx, call, req->region_code(), "region_code"));
      CAITIAO_ASSIGN_OR_RETURN(auto rooms,
                               storage::RoomsOfReview(tx, domain::SubtreeRange(region.code), days.last, today));
      storage::RollupQuery q{days.first, days.last, domain::SubtreeRange(region.code), "", "", "",
                             domain::ReportDimension::kRoom};
      CAITIAO_ASSIGN_OR_RETURN(const auto rollups, storage::ReadRollups(tx, q));
      CAITIAO_ASSIGN_OR_RETURN(const auto subsidies, storage::ReadSubsidySums(tx, q));
      std::map<std::string, domain::RoomFigures*> by_id;
      for (auto& r : rooms) by_id[r.room_id] = &r;
      for (const auto& s : rollups) {
        if (auto it = by_id.find(s.group); it != by_id.end()) domain::AddRollup(*it->second, s.figure, s.detail, s.cases);
      }
      for (const auto& s : subsidies) {
        if (auto it = by_id.find(s.group); it != by_id.end()) it->second->paid_fen += s.paid_fen;
      }
      resp->set_region_code(region.code);
      ToProto(days.first, resp->mutable_from());
      ToProto(days.last, resp->mutable_to());
      for (const auto& r : domain::ReviewRooms(std::move(rooms), thresholds)) {
        auto* out = resp->add_rooms();
        const auto& f = r.figures;
        out->set_rank(r.rank);
        out->set_room_id(f.room_id);
        out->set_name(f.name);
        out->set_kind(static_cast<v1::RoomKind>(f.kind));  // the numbers are shared
        out->set_region_code(f.region_code);
        out->set_delegated(f.delegated);
        out->set_accepted(f.accepted);
        out->set_declined(f.declined);
        out->set_succeeded(f.succeeded);
        out->set_failed(f.failed);
        if (r.success_rate) out->set_success_rate(*r.success_rate);
        if (r.median_days) out->set_median_days(*r.median_days);
        out->set_overdue_now(f.overdue_now);
        out->set_active_mediators(f.active_mediators);
        out->set_min_mediators(f.min_mediators);
        out->set_paid_fen(f.paid_fen);
        for (auto flag : r.flags) out->add_flags(static_cast<v1::RoomFlag>(flag));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingGrpcService::ListChanges(grpc::ServerContext* ctx, const v1::ListChangesRequest* req,
                                               v1::ListChangesResponse* resp) {
  return rpc_.Run(ctx, "ListChanges", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const ChangesRequest changes_request, ReadListChangesRequest(*req, call.principal));
    const int page_size = changes_request.page_size;
    const storage::FeedCursor after = FeedCursorOf(changes_request.after);
    return storage::RunTransaction(pool_, call.deadline, "ListChanges", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto changes,
                               storage::ReadChanges(tx, after, domain::CaseScopeOf(call.principal), page_size));
      storage::FeedCursor last = after;
      for (auto& f : changes) {
        last = f.cursor;
        ChangeToProto(std::move(f), call.principal, resp->add_changes());
      }
      resp->set_next_cursor(CursorText(last, call.principal));
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingGrpcService::WatchChanges(grpc::ServerContext* ctx, const v1::WatchChangesRequest* req,
                                                grpc::ServerWriter<v1::Change>* writer) {
  return rpc_.Run(ctx, "WatchChanges", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const ChangeCursor start, ReadWatchChangesRequest(*req, call.principal));
    storage::FeedCursor after = FeedCursorOf(start);
    if (watchers_.fetch_add(1) >= max_watchers_) {
      watchers_.fetch_sub(1);
      return domain::Refuse(domain::reasons::kTooManyWatchers,
                            absl::StrCat("this server already streams ", max_watchers_,
                                         " change feeds; retry shortly (or page with ListChanges)"));
    }
    struct Release {
      std::atomic<int>& count;
      ~Release() { count.fetch_sub(1); }
    } release{watchers_};
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    // Ends cleanly shortly before the deadline: the client resumes from its cursor.
    const absl::Time stop = call.deadline - absl::Milliseconds(500);
    while (!ctx->IsCancelled() && absl::Now() < stop) {
      std::vector<storage::FeedEvent> changes;
      CAITIAO_RETURN_IF_ERROR(
          storage::RunTransaction(pool_, call.deadline, "WatchChanges", [&](storage::Tx& tx) -> absl::Status {
            CAITIAO_ASSIGN_OR_RETURN(changes, storage::ReadChanges(tx, after, scope, kWatchChangesBatch));
            return absl::OkStatus();
          }));
      for (auto& f : changes) {
        const storage::FeedCursor cursor = f.cursor;
        v1::Change out;
        ChangeToProto(std::move(f), call.principal, &out);
        if (!writer->Write(out)) return absl::OkStatus();  // the client went away
        after = cursor;
      }
      if (static_cast<int>(changes.size()) == kWatchChangesBatch) continue;  // more are waiting
      absl::SleepFor(std::min(kChangesPoll, stop - absl::Now()));
    }
    return absl::OkStatus();
  });
}

grpc::Status ReportingGrpcService::SummarizeCases(grpc::ServerContext* ctx, const v1::SummarizeCasesRequest* req,
                                                  v1::SummarizeCasesResponse* resp) {
  return rpc_.Run(ctx, "SummarizeCases", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::CaseFilter filter, ReadSummarizeCasesRequest(*req, call.now));
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    return reader_.Read(call.deadline, "SummarizeCases", [&](storage::Tx& tx, absl::Time as_of) -> absl::Status {
      ToProto(as_of, resp->mutable_as_of());
      CAITIAO_ASSIGN_OR_RETURN(auto counts, storage::CountCases(tx, filter, scope));
      int64_t total = 0;
      for (const auto& c : counts) {
        auto* row = resp->add_counts();
        row->set_region_code(c.region_code);
        row->set_state(static_cast<v1::CaseState>(c.state));
        row->set_cases(c.cases);
        total += c.cases;
      }
      resp->set_total_cases(total);
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingGrpcService::ExportCases(grpc::ServerContext* ctx, const v1::ExportCasesRequest* req,
                                               grpc::ServerWriter<v1::ExportCasesResponse>* writer) {
  return rpc_.Run(ctx, "ExportCases", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const ExportRequest export_request, ReadExportCasesRequest(*req, call.now));
    const domain::CaseFilter& filter = export_request.filter;
    const uint64_t fingerprint = export_request.page.fingerprint;
    std::optional<storage::CaseCursor> after;
    if (const auto& token = export_request.page.token) {
      after = storage::CaseCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    while (true) {
      if (ctx->IsCancelled()) return absl::CancelledError("the client cancelled the export");
      std::vector<domain::CaseRecord> batch;
      absl::Time batch_as_of;
      CAITIAO_RETURN_IF_ERROR(
          reader_.Read(call.deadline, "ExportCases", [&](storage::Tx& tx, absl::Time as_of) -> absl::Status {
            CAITIAO_ASSIGN_OR_RETURN(batch, storage::ListCases(tx, filter, scope, after, kExportBatch));
            batch_as_of = as_of;
            return absl::OkStatus();
          }));
      for (auto& c : batch) {
        auto resume = NewPageToken(kExportList, fingerprint);
        resume.set_last_time_micros(storage::MicrosOf(c.receive_time));
        resume.set_last_id(c.id);
        after = storage::CaseCursor{c.receive_time, c.id};
        v1::ExportCasesResponse out;
        ReportingCaseToProto(c, out.mutable_case_());  // masked for statistics, whoever asks
        out.set_resume_token(EncodePageToken(resume));
        ToProto(batch_as_of, out.mutable_as_of());
        if (!writer->Write(out)) return absl::CancelledError("the client went away during the export");
      }
      if (static_cast<int>(batch.size()) < kExportBatch) return absl::OkStatus();
    }
  });
}

}  // namespace caitiao::services
