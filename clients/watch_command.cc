// watch: RoomService.WatchRoomQueue, followed across reconnects until Ctrl-C.
//
// The server ends each watch cleanly after at most about a minute (or just
// before the --timeout deadline, when one is given); the command then
// resumes from the last sequence it printed, so no event is lost or repeated.
#include <iostream>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "caitiao/v1/docking.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/interrupt.h"
#include "clients/room_view.h"

namespace caitiao::cli {
namespace {

// A stream that ends this fast with nothing in it is not a routine end:
// wait before trying again rather than spin.
constexpr absl::Duration kMinStreamTime = absl::Seconds(1);

void PrintLastSequence(int64_t last) {
  std::cout.flush();
  std::cerr << "last sequence: " << last << " (resume with --after=" << last << ")\n";
}

// The server's end of a stream the client may simply reopen: OK, or the
// deadline the client itself chose with --timeout.
bool RoutineEnd(const Session& s, const grpc::Status& status) {
  return status.ok() || (s.timeout_given && status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace

int WatchCommand(const Session& s, const Args&) {
  caitiao::v1::WatchRoomQueueRequest request;
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  request.set_room_id(*room);
  int64_t last = absl::GetFlag(FLAGS_after);
  if (last < 0) return UsageError("--after must not be negative");
  const bool once = absl::GetFlag(FLAGS_once);
  auto stub = caitiao::v1::RoomService::NewStub(s.channel);
  InterruptCatcher interrupts;
  for (;;) {
    grpc::ClientContext ctx;
    s.PrepareStream(ctx);
    interrupts.SetCall(&ctx);
    request.set_after_sequence(last);
    const absl::Time started = absl::Now();
    int64_t received = 0;
    grpc::Status status;
    {
      auto reader = stub->WatchRoomQueue(&ctx, request);
      caitiao::v1::RoomQueueEvent event;
      while (reader->Read(&event)) {
        if (s.json) {
          PrintJson(event, JsonStyle::kOneLine, std::cout);
        } else {
          std::cout << WatchEventLine(event) << '\n';
        }
        std::cout.flush();  // as they arrive, also into a pipe
        last = event.sequence();
        ++received;
      }
      status = reader->Finish();
    }
    interrupts.SetCall(nullptr);
    if (interrupts.Interrupted()) break;
    if (!RoutineEnd(s, status)) {
      RpcError(status, ctx);
      PrintLastSequence(last);
      return kExitRpcError;
    }
    if (once) break;
    if (received == 0 && absl::Now() - started < kMinStreamTime) absl::SleepFor(kMinStreamTime);
  }
  PrintLastSequence(last);
  return kExitOk;
}

}  // namespace caitiao::cli
