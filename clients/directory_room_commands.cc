// rooms, room, create-room, deactivate-room, mediators, mediator,
// create-mediator: DirectoryService calls about mediation rooms and their
// mediators (writes need an admin token; everyone may read).
#include <iostream>
#include <memory>
#include <string>

#include "caitiao/v1/directory.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/directory_room_input.h"
#include "clients/directory_room_view.h"
#include "clients/flag_values.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::DirectoryService;

std::unique_ptr<DirectoryService::Stub> DirectoryStub(const Session& s) { return DirectoryService::NewStub(s.channel); }

int PrintRoom(const Session& s, const char* heading, const caitiao::v1::MediationRoom& room) {
  return PrintResult(s, room, [heading](const caitiao::v1::MediationRoom& r) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintRoomDetail(r, std::cout);
  });
}

int PrintMediator(const Session& s, const char* heading, const caitiao::v1::Mediator& mediator) {
  return PrintResult(s, mediator, [heading](const caitiao::v1::Mediator& m) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintMediatorDetail(m, ChinaToday(), std::cout);
  });
}

}  // namespace

int ListRoomsCommand(const Session& s, const Args&) {
  caitiao::v1::ListRoomsRequest request;
  auto region = OneValue("region", absl::GetFlag(FLAGS_region));
  if (!region.ok()) return UsageError(std::string(region.status().message()));
  auto commission = OneValue("commission", absl::GetFlag(FLAGS_commission));
  if (!commission.ok()) return UsageError(std::string(commission.status().message()));
  request.set_region_code(*region);
  request.set_commission_id(*commission);
  request.set_active_only(absl::GetFlag(FLAGS_active));
  auto stub = DirectoryStub(s);
  return RunList<caitiao::v1::ListRoomsRequest, caitiao::v1::ListRoomsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListRooms(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.rooms(); }, NewRoomTable(), AddRoomRow);
}

int GetRoomCommand(const Session& s, const Args& args) {
  caitiao::v1::GetRoomRequest request;
  request.set_id(args[0]);
  auto stub = DirectoryStub(s);
  caitiao::v1::MediationRoom room;
  if (int rc = CallUnary(s, *stub, &DirectoryService::Stub::GetRoom, request, room); rc != kExitOk) return rc;
  return PrintRoom(s, nullptr, room);
}

int CreateRoomCommand(const Session& s, const Args&) {
  auto room = RoomFromFlags();
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  caitiao::v1::CreateRoomRequest request;
  *request.mutable_room() = *std::move(room);
  request.set_request_id(RequestIdForChange());
  auto stub = DirectoryStub(s);
  caitiao::v1::MediationRoom created;
  if (int rc = CallUnary(s, *stub, &DirectoryService::Stub::CreateRoom, request, created); rc != kExitOk) return rc;
  return PrintRoom(s, "Created: the room is active and may be delegated cases.", created);
}

int DeactivateRoomCommand(const Session& s, const Args& args) {
  caitiao::v1::DeactivateRoomRequest request;
  request.set_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError("deactivate-room needs --etag (from `caitiao room ID`)");
  request.set_request_id(RequestIdForChange());
  auto stub = DirectoryStub(s);
  caitiao::v1::MediationRoom room;
  if (int rc = CallUnary(s, *stub, &DirectoryService::Stub::DeactivateRoom, request, room); rc != kExitOk) return rc;
  return PrintRoom(s, "Deactivated: no new delegations; cases already delegated stay with the room.", room);
}

int ListMediatorsCommand(const Session& s, const Args&) {
  caitiao::v1::ListMediatorsRequest request;
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  request.set_room_id(*room);
  if (const std::string status = absl::GetFlag(FLAGS_status); !status.empty()) {
    auto parsed = ParseMediatorStatus(status);
    if (!parsed.ok()) return UsageError(std::string(parsed.status().message()));
    request.set_status(*parsed);
  }
  auto stub = DirectoryStub(s);
  const absl::CivilDay today = ChinaToday();
  return RunList<caitiao::v1::ListMediatorsRequest, caitiao::v1::ListMediatorsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListMediators(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.mediators(); }, NewMediatorTable(),
      [today](Table& t, const caitiao::v1::Mediator& m) { AddMediatorRow(t, m, today); });
}

int GetMediatorCommand(const Session& s, const Args& args) {
  caitiao::v1::GetMediatorRequest request;
  request.set_id(args[0]);
  auto stub = DirectoryStub(s);
  caitiao::v1::Mediator mediator;
  if (int rc = CallUnary(s, *stub, &DirectoryService::Stub::GetMediator, request, mediator); rc != kExitOk) return rc;
  return PrintMediator(s, nullptr, mediator);
}

int CreateMediatorCommand(const Session& s, const Args&) {
  auto mediator = MediatorFromFlags();
  if (!mediator.ok()) return UsageError(std::string(mediator.status().message()));
  caitiao::v1::CreateMediatorRequest request;
  *request.mutable_mediator() = *std::move(mediator);
  request.set_request_id(RequestIdForChange());
  auto stub = DirectoryStub(s);
  caitiao::v1::Mediator created;
  if (int rc = CallUnary(s, *stub, &DirectoryService::Stub::CreateMediator, request, created); rc != kExitOk) {
    return rc;
  }
  return PrintMediator(s, "Created.", created);
}

}  // namespace caitiao::cli
