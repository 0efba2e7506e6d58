// The load generator's engine: gRPC's asynchronous CompletionQueue API, one
// queue, one connection and one thread per client thread.
//
// Closed loop (rate == 0): `concurrency` calls are kept in flight; each
// completion immediately starts the next call in its slot. This measures
// throughput at a fixed concurrency.
//
// Open loop (rate > 0): calls start on a fixed schedule (rate calls/s in all)
// whether or not earlier ones finished, and a call's latency is measured from
// the time the schedule meant it to start, so a stall in the server is not
// hidden by the client waiting ("coordinated omission"). `concurrency` then
// caps the calls in flight; a scheduled call over the cap is counted as
// dropped.
//
// Only calls that complete inside the measured window (after the warm-up)
// count towards throughput and latency; errors are counted in every phase.
#pragma once

#include <grpcpp/grpcpp.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "caitiao/v1/case_service.grpc.pb.h"
#include "clients/bench/case_factory.h"
#include "clients/bench/latency_histogram.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace caitiao::bench {

using Clock = std::chrono::steady_clock;

enum class Op { kHealth = 0, kCreate, kGet, kList, kCount };
constexpr size_t kOpCount = static_cast<size_t>(Op::kCount);
const char* OpName(Op op);

// One client thread: its connection, stubs, random numbers and tallies.
struct Worker {
  int index = 0;
  Rng rng;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<caitiao::v1::CaseService::Stub> cases;
  std::unique_ptr<grpc::health::v1::Health::Stub> health;

  // Workload state.
  std::vector<std::string> created_ids;        // ids this thread created (mixed: read them back)
  std::vector<std::string> slot_tokens;        // list-deep: each slot's next page token
  std::vector<int> slot_pages;                 // list-deep: pages walked by each slot

  // Tallies of the measured window.
  std::array<LatencyHistogram, kOpCount> latency;
  // Every phase.
  std::array<int64_t, kOpCount> items{};       // list: cases returned
  std::array<int64_t, kOpCount> item_calls{};  // list: calls that returned them
  std::array<int64_t, kOpCount> errors{};
  std::map<std::string, int64_t> error_kinds;  // "CODE: message" -> count
  int64_t dropped = 0;
};

// One RPC in flight; its address is the completion queue tag.
class Call {
 public:
  virtual ~Call() = default;
  virtual void Start(grpc::CompletionQueue* cq) = 0;
  // After the RPC finished OK: workload bookkeeping (e.g. the next page token).
  virtual void Succeeded(Worker& w) = 0;
  // After it failed.
  virtual void Failed(Worker& /*w*/) {}

  Op op = Op::kHealth;
  int slot = -1;
  Clock::time_point start;
  grpc::ClientContext ctx;
  grpc::Status status;
};

template <typename Stub, typename Request, typename Response>
class UnaryCall : public Call {
 public:
  using Prepare = std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (Stub::*)(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*);
  using OnOk = std::function<void(Worker&, const Response&)>;

  UnaryCall(Stub* stub, Prepare prepare, Op call_op) : stub_(stub), prepare_(prepare) { op = call_op; }

  void Start(grpc::CompletionQueue* cq) override {
    reader_ = (stub_->*prepare_)(&ctx, request, cq);
    reader_->StartCall();
    reader_->Finish(&response, &status, this);
  }
  void Succeeded(Worker& w) override {
    if (on_ok) on_ok(w, response);
  }
  void Failed(Worker& w) override {
    if (on_error) on_error(w);
  }

  Request request;
  Response response;
  OnOk on_ok;
  std::function<void(Worker&)> on_error;

 private:
  Stub* stub_;
  Prepare prepare_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
};

// What to call next. NewCall runs on the worker's own thread only.
class Workload {
 public:
  virtual ~Workload() = default;
  // `slot` is the closed-loop slot (0..slots-1 of this worker), or -1 in an
  // open loop.
  virtual std::unique_ptr<Call> NewCall(Worker& w, int slot) = 0;
  // Called once per worker before the run, with its number of slots.
  virtual void PrepareWorker(Worker& /*w*/, int /*slots*/) {}
  virtual bool SupportsOpenLoop() const { return true; }
};

struct RunOptions {
  int concurrency = 16;
  int threads = 1;
  absl::Duration duration = absl::Seconds(10);
  absl::Duration warmup = absl::Seconds(1);
  double rate = 0;  // calls/s; 0 = closed loop
  absl::Duration timeout = absl::Seconds(5);
  // The `authorization` metadata ("Bearer <token>"); empty: none.
  std::string authorization;
};

struct RunResult {
  double window_seconds = 0;
  std::array<LatencyHistogram, kOpCount> latency;  // finished (sorted)
  std::array<int64_t, kOpCount> items{};
  std::array<int64_t, kOpCount> item_calls{};
  std::array<int64_t, kOpCount> errors{};
  std::map<std::string, int64_t> error_kinds;
  int64_t dropped = 0;

  int64_t ok_calls() const;
  int64_t error_calls() const;
  LatencyHistogram all() const;  // every op, finished
};

// Channels: one per client thread, each its own TCP connection.
std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int n);

// Attaches the credentials (`authorization`, when not empty) and the deadline.
void PrepareContext(grpc::ClientContext& ctx, const std::string& authorization, absl::Duration timeout);

// Runs the workload for warm-up + duration. `workers` must hold one Worker per
// thread, with its channel and stubs set (see NewWorkers).
RunResult RunLoad(const RunOptions& options, Workload& workload, std::vector<Worker>& workers);

std::vector<Worker> NewWorkers(const std::vector<std::shared_ptr<grpc::Channel>>& channels, uint64_t seed);

}  // namespace caitiao::bench
