// The room and mediator RPCs of caitiao.v1.DirectoryService: translate,
// check what needs no database, then one transaction (idempotent for writes).
#include <set>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/directory/directory_service.h"
#include "services/directory/directory_requests.h"
#include "services/directory/room_admin.h"
#include "services/directory/room_proto.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"
#include "services/domain/room_update.h"
#include "services/domain/status_macros.h"
#include "storage/room_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::FieldMask;
using google::protobuf::Message;

constexpr char kRoomsList[] = "rooms";
constexpr char kMediatorsList[] = "mediators";

}  // namespace

// ---- Rooms

grpc::Status DirectoryGrpcService::CreateRoom(grpc::ServerContext* ctx, const v1::CreateRoomRequest* req,
                                              v1::MediationRoom* resp) {
  return rpc_.Run(ctx, "CreateRoom", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::MediationRoom room, ReadCreateRoomRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto created, services::CreateRoom(tx, call, room));
                           RoomToProto(created, static_cast<v1::MediationRoom*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::UpdateRoom(grpc::ServerContext* ctx, const v1::UpdateRoomRequest* req,
                                              v1::MediationRoom* resp) {
  return rpc_.Run(ctx, "UpdateRoom", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RoomUpdateRequest update, ReadUpdateRoomRequest(*req));
    const auto& fields = update.fields;
    const domain::MediationRoom& patch = update.patch;
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto updated,
                                                    services::UpdateRoom(tx, call, req->room().id(),
                                                                         req->room().etag(), patch, fields));
                           RoomToProto(updated, static_cast<v1::MediationRoom*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::DeactivateRoom(grpc::ServerContext* ctx, const v1::DeactivateRoomRequest* req,
                                                  v1::MediationRoom* resp) {
  return rpc_.Run(ctx, "DeactivateRoom", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadDeactivateRoomRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto room,
                                                    services::DeactivateRoom(tx, call, req->id(), req->etag()));
                           RoomToProto(room, static_cast<v1::MediationRoom*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::GetRoom(grpc::ServerContext* ctx, const v1::GetRoomRequest* req,
                                           v1::MediationRoom* resp) {
  return rpc_.Run(ctx, "GetRoom", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetRoomRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetRoom", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto room, services::GetRoom(tx, call, req->id()));
      RoomToProto(room, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status DirectoryGrpcService::ListRooms(grpc::ServerContext* ctx, const v1::ListRoomsRequest* req,
                                             v1::ListRoomsResponse* resp) {
  return rpc_.Run(ctx, "ListRooms", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RegionFilteredPage list, ReadListRoomsRequest(*req));
    storage::RoomQuery query;
    query.region = list.subtree;
    query.commission_id = req->commission_id();
    query.active_only = req->active_only();
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    std::optional<storage::RoomCursor> after;
    if (const auto& token = list.page.token) {
      after = storage::RoomCursor{absl::StrCat(token->last_number()), token->last_id()};
    }
    return storage::RunTransaction(pool_, call.deadline, "ListRooms", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto rooms, storage::ListRooms(tx, query, after, page_size + 1));
      const bool more = TrimToPage(rooms, page_size);
      for (const auto& r : rooms) RoomToProto(r, resp->add_rooms());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kRoomsList, fingerprint);
        int64_t code = 0;
        absl::SimpleAtoi(rooms.back().region_code, &code);
        next.set_last_number(code);
        next.set_last_id(rooms.back().name);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

// ---- Mediators

grpc::Status DirectoryGrpcService::CreateMediator(grpc::ServerContext* ctx, const v1::CreateMediatorRequest* req,
                                                  v1::Mediator* resp) {
  return rpc_.Run(ctx, "CreateMediator", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::Mediator mediator, ReadCreateMediatorRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto created, services::CreateMediator(tx, call, mediator));
                           MaskedMediatorToProto(created, static_cast<v1::Mediator*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::UpdateMediator(grpc::ServerContext* ctx, const v1::UpdateMediatorRequest* req,
                                                  v1::Mediator* resp) {
  return rpc_.Run(ctx, "UpdateMediator", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const MediatorUpdateRequest update, ReadUpdateMediatorRequest(*req));
    const auto& fields = update.fields;
    const domain::Mediator& patch = update.patch;
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto updated,
                                                    services::UpdateMediator(tx, call, req->mediator().id(),
                                                                             req->mediator().etag(), patch, fields));
                           MaskedMediatorToProto(updated, static_cast<v1::Mediator*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::GetMediator(grpc::ServerContext* ctx, const v1::GetMediatorRequest* req,
                                               v1::Mediator* resp) {
  return rpc_.Run(ctx, "GetMediator", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetMediatorRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetMediator", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto mediator, services::GetMediator(tx, call, req->id()));
      MaskedMediatorToProto(mediator, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status DirectoryGrpcService::ListMediators(grpc::ServerContext* ctx, const v1::ListMediatorsRequest* req,
                                                 v1::ListMediatorsResponse* resp) {
  return rpc_.Run(ctx, "ListMediators", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const MediatorListRequest list, ReadListMediatorsRequest(*req));
    const storage::MediatorQuery query{req->room_id(), list.status};
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    std::optional<storage::MediatorCursor> after;
    if (const auto& token = list.page.token) {
      after = storage::MediatorCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    return storage::RunTransaction(pool_, call.deadline, "ListMediators", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto mediators, storage::ListMediators(tx, query, after, page_size + 1));
      const bool more = TrimToPage(mediators, page_size);
      for (const auto& m : mediators) MaskedMediatorToProto(m, resp->add_mediators());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kMediatorsList, fingerprint);
        next.set_last_time_micros(storage::MicrosOf(mediators.back().create_time));
        next.set_last_id(mediators.back().id);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
