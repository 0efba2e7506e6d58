// queue, accept, decline, conflict: RoomService calls of a mediation room
// (watch is in watch_command.cc).
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "caitiao/v1/docking.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/docking_view.h"
#include "clients/flag_values.h"
#include "clients/room_view.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::RoomService;

std::unique_ptr<RoomService::Stub> RoomStub(const Session& s) { return RoomService::NewStub(s.channel); }

absl::StatusOr<caitiao::v1::CaseState> ParseQueueState(const std::string& text) {
  caitiao::v1::CaseState state{};
  if (!caitiao::v1::CaseState_Parse(EnumValueName("CASE_STATE_", text), &state) ||
      state == caitiao::v1::CASE_STATE_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--state must be delegated, in-mediation, agreement-effective, under-review or document-service, not \"", text,
        "\""));
  }
  return state;
}

int PrintDelegation(const Session& s, const char* heading, const caitiao::v1::Delegation& delegation) {
  return PrintResult(s, delegation, [heading](const caitiao::v1::Delegation& d) {
    std::cout << heading << "\n\n";
    PrintDelegationDetail(d, std::cout);
  });
}

}  // namespace

int QueueCommand(const Session& s, const Args&) {
  caitiao::v1::ListRoomQueueRequest request;
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  request.set_room_id(*room);
  if (const std::string state = absl::GetFlag(FLAGS_state); !state.empty()) {
    auto parsed = ParseQueueState(state);
    if (!parsed.ok()) return UsageError(std::string(parsed.status().message()));
    request.set_state(*parsed);
  }
  request.set_overdue_only(absl::GetFlag(FLAGS_overdue));
  if (const std::string day = absl::GetFlag(FLAGS_due_before); !day.empty()) {
    auto date = ParseDate("due-before", day);
    if (!date.ok()) return UsageError(std::string(date.status().message()));
    *request.mutable_due_before() = *date;
  }
  auto stub = RoomStub(s);
  return RunList<caitiao::v1::ListRoomQueueRequest, caitiao::v1::ListRoomQueueResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListRoomQueue(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.entries(); }, NewQueueTable(), AddQueueRow);
}

int AcceptCommand(const Session& s, const Args& args) {
  caitiao::v1::AcceptDelegationRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError("accept needs --etag (from `caitiao queue`)");
  request.set_mediator_id(absl::GetFlag(FLAGS_mediator));
  if (request.mediator_id().empty())
    return UsageError("accept needs --mediator=ID (see `caitiao mediators --room=ID`)");
  request.set_request_id(RequestIdForChange());
  auto stub = RoomStub(s);
  caitiao::v1::Delegation delegation;
  if (int rc = CallUnary(s, *stub, &RoomService::Stub::AcceptDelegation, request, delegation); rc != kExitOk) {
    return rc;
  }
  return PrintDelegation(s, "Accepted: the case is IN_MEDIATION and the mediation period runs.", delegation);
}

int DeclineCommand(const Session& s, const Args& args) {
  caitiao::v1::DeclineDelegationRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError("decline needs --etag (from `caitiao queue`)");
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("decline needs --reason=TEXT");
  if (const std::string ground = absl::GetFlag(FLAGS_ground); !ground.empty()) {
    caitiao::v1::DeclineGround g;
    std::string name = absl::StrCat("DECLINE_GROUND_", ground);
    absl::AsciiStrToUpper(&name);
    std::replace(name.begin(), name.end(), '-', '_');
    if (!caitiao::v1::DeclineGround_Parse(name, &g)) {
      return UsageError("--ground must be no-capacity, conflict-of-interest, outside-competence, "
                        "parties-unreachable or other");
    }
    request.set_ground(g);
  }
  request.set_request_id(RequestIdForChange());
  auto stub = RoomStub(s);
  caitiao::v1::Delegation delegation;
  if (int rc = CallUnary(s, *stub, &RoomService::Stub::DeclineDelegation, request, delegation); rc != kExitOk) {
    return rc;
  }
  return PrintDelegation(s, "Declined: the case returns to the commission, which may delegate it elsewhere.",
                         delegation);
}

int ConflictCommand(const Session& s, const Args& args) {
  caitiao::v1::DeclareConflictRequest request;
  request.set_case_id(args[0]);
  request.set_mediator_id(absl::GetFlag(FLAGS_mediator));
  if (request.mediator_id().empty()) return UsageError("conflict needs --mediator=ID");
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("conflict needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = RoomStub(s);
  caitiao::v1::MediatorConflict conflict;
  if (int rc = CallUnary(s, *stub, &RoomService::Stub::DeclareConflict, request, conflict); rc != kExitOk) return rc;
  return PrintResult(s, conflict, [](const caitiao::v1::MediatorConflict& c) { PrintConflict(c, std::cout); });
}

}  // namespace caitiao::cli
