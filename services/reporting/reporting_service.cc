#include "services/reporting/reporting_service.h"

#include "services/cases/case_proto.h"
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

}  // namespace

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
