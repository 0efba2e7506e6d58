#include "services/docking/room_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/cases/case_proto.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/proto_time.h"
#include "services/docking/docking_proto.h"
#include "services/docking/docking_requests.h"
#include "services/docking/room_work.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/case_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kQueueList[] = "room_queue";
// A watch reads at most this many events per transaction.
constexpr int kWatchBatch = 200;
// Without a notification a watcher looks again after this long.
constexpr absl::Duration kWatchPoll = absl::Seconds(1);

}  // namespace

grpc::Status RoomGrpcService::ListRoomQueue(grpc::ServerContext* ctx, const v1::ListRoomQueueRequest* req,
                                            v1::ListRoomQueueResponse* resp) {
  return rpc_.Run(ctx, "ListRoomQueue", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RoomQueueRequest queue, ReadListRoomQueueRequest(*req, call.principal, call.now));
    const int page_size = queue.page.page_size;
    storage::RoomQueueQuery query;
    query.room_id = queue.room_id;
    if (queue.state) query.state = *queue.state;
    const absl::CivilDay today = domain::ChinaDay(call.now);
    query.overdue_as_of = queue.overdue_as_of;
    query.due_before = queue.due_before;
    const uint64_t fingerprint = queue.page.fingerprint;
    std::optional<storage::RoomQueueCursor> after;
    if (const auto& token = queue.page.token) {
      after = storage::RoomQueueCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    return storage::RunTransaction(pool_, call.deadline, "ListRoomQueue", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto entries, RoomQueue(tx, query, after, page_size + 1));
      const bool more = TrimToPage(entries, page_size);
      for (auto& e : entries) {
        auto* out = resp->add_entries();
        MaskedCaseToProto(e.c, out->mutable_case_());
        DelegationToProto(e.delegation, out->mutable_delegation());
        // The case's own deadline: acceptance, mediation (as extended), or review.
        if (e.c.current_due) {
          ToProto(*e.c.current_due, out->mutable_current_due());
          out->set_overdue(*e.c.current_due < today);
        }
      }
      if (more) {
        auto next = NewPageToken(kQueueList, fingerprint);
        next.set_last_time_micros(storage::MicrosOf(entries.back().delegation.delegate_time));
        next.set_last_id(entries.back().delegation.id);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status RoomGrpcService::AcceptDelegation(grpc::ServerContext* ctx, const v1::AcceptDelegationRequest* req,
                                               v1::Delegation* resp) {
  return rpc_.Run(ctx, "AcceptDelegation", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_RETURN_IF_ERROR(ReadAcceptDelegationRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto accepted,
                               services::AcceptDelegation(tx, call, req->case_id(), req->etag(), req->mediator_id()));
      auto* proto = static_cast<v1::Delegation*>(out);
      DelegationToProto(accepted.first, proto);
      proto->set_case_etag(domain::EtagOf(accepted.second));
      return absl::OkStatus();
    });
  });
}

grpc::Status RoomGrpcService::DeclineDelegation(grpc::ServerContext* ctx, const v1::DeclineDelegationRequest* req,
                                                v1::Delegation* resp) {
  return rpc_.Run(ctx, "DeclineDelegation", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::DeclineGround ground, ReadDeclineDelegationRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto declined, services::DeclineDelegation(tx, call, req->case_id(), req->etag(),
                                                                          req->reason(), ground));
      auto* proto = static_cast<v1::Delegation*>(out);
      DelegationToProto(declined.first, proto);
      proto->set_case_etag(domain::EtagOf(declined.second));
      return absl::OkStatus();
    });
  });
}

grpc::Status RoomGrpcService::DeclareConflict(grpc::ServerContext* ctx, const v1::DeclareConflictRequest* req,
                                              v1::MediatorConflict* resp) {
  return rpc_.Run(ctx, "DeclareConflict", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_RETURN_IF_ERROR(ReadDeclareConflictRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto declared,
                               services::DeclareConflict(tx, call, req->mediator_id(), req->case_id(), req->reason()));
      auto* proto = static_cast<v1::MediatorConflict*>(out);
      proto->set_mediator_id(declared.conflict.mediator_id);
      proto->set_case_id(declared.conflict.case_id);
      proto->set_reason(declared.conflict.reason);
      proto->set_declared_by(declared.conflict.declared_by);
      ToProto(declared.conflict.declare_time, proto->mutable_declare_time());
      proto->set_was_assigned(declared.was_assigned);
      return absl::OkStatus();
    });
  });
}

grpc::Status RoomGrpcService::WatchRoomQueue(grpc::ServerContext* ctx, const v1::WatchRoomQueueRequest* req,
                                             grpc::ServerWriter<v1::RoomQueueEvent>* writer) {
  return rpc_.Run(ctx, "WatchRoomQueue", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const std::string room, ReadWatchRoomQueueRequest(*req, call.principal));
    if (watchers_.fetch_add(1) >= max_watchers_) {
      watchers_.fetch_sub(1);
      return domain::WithReason(absl::ResourceExhaustedError(absl::StrCat(
                                    "this server already streams ", max_watchers_,
                                    " room queues; retry shortly (or poll ListRoomQueue)")),
                                domain::reasons::kTooManyWatchers);
    }
    struct Release {
      std::atomic<int>& count;
      ~Release() { count.fetch_sub(1); }
    } release{watchers_};
    int64_t after = req->after_sequence();
    // The stream ends cleanly shortly before the call's deadline (at most the
    // server's per-call limit): the client resumes from its last sequence.
    const absl::Time stop = call.deadline - absl::Milliseconds(500);
    while (!ctx->IsCancelled() && absl::Now() < stop) {
      const uint64_t seen = notifier_.Generation();
      std::vector<domain::CaseEvent> events;
      CAITIAO_RETURN_IF_ERROR(
          storage::RunTransaction(pool_, call.deadline, "WatchRoomQueue", [&](storage::Tx& tx) -> absl::Status {
            CAITIAO_ASSIGN_OR_RETURN(events, storage::ListRoomEvents(tx, room, after, kWatchBatch));
            return absl::OkStatus();
          }));
      for (const auto& e : events) {
        v1::RoomQueueEvent out;
        out.set_sequence(e.sequence);
        out.set_kind(e.kind);
        out.set_case_id(e.case_id);
        ToProto(e.occur_time, out.mutable_occur_time());
        out.set_state(static_cast<v1::CaseState>(e.to_state));
        if (!writer->Write(out)) return absl::OkStatus();  // the client went away
        after = e.sequence;
      }
      if (static_cast<int>(events.size()) == kWatchBatch) continue;  // more are waiting
      notifier_.WaitForChange(seen, std::min(kWatchPoll, stop - absl::Now()));
    }
    return absl::OkStatus();
  });
}

}  // namespace caitiao::services
