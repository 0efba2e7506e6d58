#include "services/reporting/reporting_service.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/cases/case_proto.h"
#include "services/domain/case_masking.h"
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

// Reports count and export; they never look a person up.
absl::StatusOr<domain::CaseFilter> ReportFilter(const std::string& text) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, domain::ParseCaseFilter(text));
  if (filter.party_resident_id_number) {
    return domain::WithReason(absl::PermissionDeniedError("reports cannot filter by a person's identity number"),
                              domain::reasons::kFilterNotAllowed);
  }
  return filter;
}

constexpr char kChangesList[] = "changes";
constexpr int kDefaultChanges = 50;
constexpr int kWatchChangesBatch = 200;
// A stream with nothing to send looks again this often.
constexpr absl::Duration kChangesPoll = absl::Milliseconds(250);

// Cursors belong to the scope they were made under: a reporting job cannot
// resume from another's (it would learn nothing, but it is a mistake).
uint64_t ScopeFingerprint(const domain::Principal& p) {
  return FilterFingerprint(absl::StrCat(domain::RoleName(p.role), "|", absl::StrJoin(p.scope.region_codes, ","), "|",
                                        absl::StrJoin(p.scope.commission_ids, ","), "|", p.scope.room_id));
}

absl::StatusOr<storage::FeedCursor> FeedCursorFrom(const std::string& after, const domain::Principal& p) {
  CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(after, kChangesList, ScopeFingerprint(p), "after"));
  if (!token) return storage::FeedCursor{};
  uint64_t xact = 0;
  if (!absl::SimpleAtoi(token->last_id(), &xact) || token->last_number() < 0) return InvalidPageToken("after");
  return storage::FeedCursor{xact, token->last_number()};
}

std::string CursorText(const storage::FeedCursor& c, const domain::Principal& p) {
  auto token = NewPageToken(kChangesList, ScopeFingerprint(p));
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

grpc::Status ReportingGrpcService::ListChanges(grpc::ServerContext* ctx, const v1::ListChangesRequest* req,
                                               v1::ListChangesResponse* resp) {
  return rpc_.Run(ctx, "ListChanges", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(req->page_size() == 0 ? kDefaultChanges
                                                                                           : req->page_size()));
    CAITIAO_ASSIGN_OR_RETURN(const storage::FeedCursor after, FeedCursorFrom(req->after(), call.principal));
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
    CAITIAO_ASSIGN_OR_RETURN(storage::FeedCursor after, FeedCursorFrom(req->after(), call.principal));
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
    CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, ReportFilter(req->filter()));
    filter.today = domain::ChinaDay(call.now);
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    return storage::RunTransaction(pool_, call.deadline, "SummarizeCases", [&](storage::Tx& tx) -> absl::Status {
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
    CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, ReportFilter(req->filter()));
    filter.today = domain::ChinaDay(call.now);
    const uint64_t fingerprint = FilterFingerprint(domain::CanonicalCaseFilter(filter));
    CAITIAO_ASSIGN_OR_RETURN(auto token,
                             DecodePageToken(req->resume_token(), kExportList, fingerprint, "resume_token"));
    std::optional<storage::CaseCursor> after;
    if (token) {
      if (!storage::LooksLikeUuid(token->last_id())) return InvalidPageToken("resume_token");
      after = storage::CaseCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    while (true) {
      if (ctx->IsCancelled()) return absl::CancelledError("the client cancelled the export");
      std::vector<domain::CaseRecord> batch;
      CAITIAO_RETURN_IF_ERROR(
          storage::RunTransaction(pool_, call.deadline, "ExportCases", [&](storage::Tx& tx) -> absl::Status {
            CAITIAO_ASSIGN_OR_RETURN(batch, storage::ListCases(tx, filter, scope, after, kExportBatch));
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
        if (!writer->Write(out)) return absl::CancelledError("the client went away during the export");
      }
      if (static_cast<int>(batch.size()) < kExportBatch) return absl::OkStatus();
    }
  });
}

}  // namespace caitiao::services
