// The room and mediator RPCs of caitiao.v1.DirectoryService: translate,
// check what needs no database, then one transaction (idempotent for writes).
#include <set>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/directory/directory_service.h"
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

// Translation problems (dates) of the fields an update names; the others are
// not being changed.
domain::FieldViolations OfMaskedFields(const domain::FieldViolations& all, const std::string& prefix,
                                       const FieldMask& mask) {
  domain::FieldViolations kept;
  for (const auto& v : all.items()) {
    for (const auto& path : mask.paths()) {
      if (v.field == absl::StrCat(prefix, ".", path)) kept.Add(v.field, v.description);
    }
  }
  return kept;
}

// The translation problems together with the field violations of `check`
// (a field is reported once), as one status.
absl::Status AllProblems(domain::FieldViolations problems, const absl::Status& check) {
  if (!check.ok() && domain::FieldsOf(check).empty()) return check;
  domain::FieldViolations rules;
  for (const auto& v : domain::FieldsOf(check)) rules.Add(v.field, v.description);
  problems.AddUnreported(rules);
  return problems.ToStatus();
}

template <typename Field, typename FromPath>
absl::StatusOr<std::set<Field>> FieldsOf(const FieldMask& mask, FromPath from_path) {
  std::set<Field> fields;
  for (const auto& path : mask.paths()) {
    CAITIAO_ASSIGN_OR_RETURN(Field f, from_path(path));
    fields.insert(f);
  }
  return fields;
}

}  // namespace

// ---- Rooms

grpc::Status DirectoryGrpcService::CreateRoom(grpc::ServerContext* ctx, const v1::CreateRoomRequest* req,
                                              v1::MediationRoom* resp) {
  return rpc_.Run(ctx, "CreateRoom", [&](const CallContext& call) -> absl::Status {
    domain::FieldViolations problems;
    const domain::MediationRoom room = RoomFromProto(req->room(), "room", &problems);
    CAITIAO_RETURN_IF_ERROR(AllProblems(problems, CheckNewRoom(room)));
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
    CAITIAO_ASSIGN_OR_RETURN(const auto fields,
                             FieldsOf<domain::RoomField>(req->update_mask(), domain::RoomFieldFromPath));
    CAITIAO_RETURN_IF_ERROR(CheckRoomUpdate(fields));
    domain::FieldViolations problems;
    const domain::MediationRoom patch = RoomFromProto(req->room(), "room", &problems);
    CAITIAO_RETURN_IF_ERROR(OfMaskedFields(problems, "room", req->update_mask()).ToStatus());
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
    domain::FieldViolations problems;
    if (req->id().empty()) problems.Add("id", "is required");
    if (req->etag().empty()) problems.Add("etag", "is required: send the etag of the room as you last read it");
    CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
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
    storage::RoomQuery query;
    if (!req->region_code().empty()) {
      if (auto problem = domain::RegionCodeProblem(req->region_code())) {
        return domain::InvalidField("region_code", *problem);
      }
      query.region = domain::SubtreeRange(req->region_code());
    }
    query.commission_id = req->commission_id();
    query.active_only = req->active_only();
    CAITIAO_ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(req->page_size()));
    const uint64_t fingerprint = FilterFingerprint(
        absl::StrCat(req->region_code(), "|", req->commission_id(), "|", req->active_only() ? "active" : "all"));
    CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(req->page_token(), kRoomsList, fingerprint));
    std::optional<storage::RoomCursor> after;
    if (token) {
      const std::string code = absl::StrCat(token->last_number());
      if (domain::RegionCodeProblem(code)) return InvalidPageToken();
      after = storage::RoomCursor{code, token->last_id()};
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
    domain::FieldViolations problems;
    const domain::Mediator mediator = MediatorFromProto(req->mediator(), "mediator", &problems);
    CAITIAO_RETURN_IF_ERROR(AllProblems(problems, CheckNewMediator(mediator)));
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
    CAITIAO_ASSIGN_OR_RETURN(const auto fields,
                             FieldsOf<domain::MediatorField>(req->update_mask(), domain::MediatorFieldFromPath));
    CAITIAO_RETURN_IF_ERROR(CheckMediatorUpdate(fields));
    domain::FieldViolations problems;
    const domain::Mediator patch = MediatorFromProto(req->mediator(), "mediator", &problems);
    CAITIAO_RETURN_IF_ERROR(OfMaskedFields(problems, "mediator", req->update_mask()).ToStatus());
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
    if (req->status() < 0 || req->status() > static_cast<int>(domain::MediatorStatus::kSuspended)) {
      return domain::InvalidField("status", "must be ACTIVE or SUSPENDED (or unset for all)");
    }
    const storage::MediatorQuery query{req->room_id(), static_cast<domain::MediatorStatus>(req->status())};
    CAITIAO_ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(req->page_size()));
    const uint64_t fingerprint = FilterFingerprint(absl::StrCat(req->room_id(), "|", req->status()));
    CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(req->page_token(), kMediatorsList, fingerprint));
    std::optional<storage::MediatorCursor> after;
    if (token) {
      if (!storage::LooksLikeUuid(token->last_id())) return InvalidPageToken();
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
