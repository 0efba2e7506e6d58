#include "clients/bench/load_generator.h"

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"

namespace caitiao::bench {
namespace {

struct Window {
  Clock::time_point measure_from;
  Clock::time_point end;
};

Clock::duration ToClock(absl::Duration d) {
  return std::chrono::duration_cast<Clock::duration>(absl::ToChronoNanoseconds(d));
}

std::string CodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int n = static_cast<int>(code);
  return n >= 0 && n <= 16 ? kNames[n] : absl::StrCat("CODE_", n);
}

// Tallies one finished call and runs its bookkeeping.
void Finish(Worker& w, Call& c, Clock::time_point now, const Window& window) {
  const size_t op = static_cast<size_t>(c.op);
  if (c.status.ok()) {
    if (now >= window.measure_from && now <= window.end) {
      w.latency[op].Record(std::chrono::duration_cast<std::chrono::nanoseconds>(now - c.start).count());
    }
    c.Succeeded(w);
  } else {
    ++w.errors[op];
    ++w.error_kinds[absl::StrCat(OpName(c.op), " ", CodeName(c.status.error_code()), ": ",
                                 c.status.error_message().substr(0, 160))];
    c.Failed(w);
  }
}

void ClosedLoop(const RunOptions& options, Workload& workload, Worker& w, int slots, Window window) {
  grpc::CompletionQueue cq;
  int outstanding = 0;
  auto launch = [&](int slot) {
    std::unique_ptr<Call> call = workload.NewCall(w, slot);
    call->slot = slot;
    PrepareContext(call->ctx, options.authorization, options.timeout);
    call->start = Clock::now();
    call->Start(&cq);
    call.release();  // owned by the queue until its tag comes back
    ++outstanding;
  };
  for (int s = 0; s < slots; ++s) launch(s);
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    --outstanding;
    const Clock::time_point now = Clock::now();
    Finish(w, *call, now, window);
    if (now < window.end) launch(call->slot);
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

void OpenLoop(const RunOptions& options, Workload& workload, Worker& w, double rate, int cap,
              Clock::time_point begin, Window window) {
  grpc::CompletionQueue cq;
  int outstanding = 0;
  const double interval_ns = 1e9 / rate;
  int64_t k = 0;
  auto scheduled = [&](int64_t i) {
    return begin + std::chrono::nanoseconds(static_cast<int64_t>(interval_ns * static_cast<double>(i)));
  };
  Clock::time_point next = scheduled(0);
  void* tag = nullptr;
  bool ok = false;
  for (;;) {
    Clock::time_point now = Clock::now();
    if (now >= window.end && outstanding == 0) break;
    while (next <= now && next < window.end) {
      if (outstanding < cap) {
        std::unique_ptr<Call> call = workload.NewCall(w, -1);
        PrepareContext(call->ctx, options.authorization, options.timeout);
        call->start = next;  // the intended start: lateness counts as latency
        call->Start(&cq);
        call.release();
        ++outstanding;
      } else if (next >= window.measure_from) {
        ++w.dropped;
      }
      next = scheduled(++k);
    }
    const Clock::time_point wake = now < window.end ? std::min(next, window.end) : now + std::chrono::milliseconds(100);
    // gRPC takes system_clock deadlines only.
    const auto wake_at = std::chrono::system_clock::now() +
                         std::chrono::duration_cast<std::chrono::system_clock::duration>(wake - now);
    switch (cq.AsyncNext(&tag, &ok, wake_at)) {
      case grpc::CompletionQueue::GOT_EVENT: {
        std::unique_ptr<Call> call(static_cast<Call*>(tag));
        --outstanding;
        Finish(w, *call, Clock::now(), window);
        break;
      }
      case grpc::CompletionQueue::TIMEOUT:
        break;
      case grpc::CompletionQueue::SHUTDOWN:
        return;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

}  // namespace

const char* OpName(Op op) {
  switch (op) {
    case Op::kHealth: return "health";
    case Op::kCreate: return "create";
    case Op::kGet: return "get";
    case Op::kList: return "list";
    case Op::kCount: break;
  }
  return "?";
}

int64_t RunResult::ok_calls() const {
  int64_t n = 0;
  for (const auto& h : latency) n += static_cast<int64_t>(h.count());
  return n;
}

int64_t RunResult::error_calls() const {
  int64_t n = 0;
  for (int64_t e : errors) n += e;
  return n;
}

LatencyHistogram RunResult::all() const {
  LatencyHistogram h;
  for (const auto& one : latency) h.Merge(one);
  h.Finish();
  return h;
}

std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int n) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < n; ++i) {
    grpc::ChannelArguments args;
    // A distinct argument keeps gRPC from sharing one connection (subchannel)
    // between the channels.
    args.SetInt("caitiao.bench.channel", i);
    args.SetMaxReceiveMessageSize(-1);
    channels.push_back(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

void PrepareContext(grpc::ClientContext& ctx, const std::string& authorization, absl::Duration timeout) {
  if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
  ctx.set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(timeout));
}

std::vector<Worker> NewWorkers(const std::vector<std::shared_ptr<grpc::Channel>>& channels, uint64_t seed) {
  std::vector<Worker> workers(channels.size());
  for (size_t i = 0; i < channels.size(); ++i) {
    Worker& w = workers[i];
    w.index = static_cast<int>(i);
    w.rng.seed(seed + 0x9E3779B97F4A7C15ULL * (i + 1));
    w.channel = channels[i];
    w.cases = caitiao::v1::CaseService::NewStub(w.channel);
    w.health = grpc::health::v1::Health::NewStub(w.channel);
  }
  return workers;
}

RunResult RunLoad(const RunOptions& options, Workload& workload, std::vector<Worker>& workers) {
  const int threads = static_cast<int>(workers.size());
  // Slots (closed loop) or the in-flight cap (open loop), spread over threads.
  std::vector<int> slots(workers.size());
  for (int i = 0; i < threads; ++i) {
    slots[i] = options.concurrency / threads + (i < options.concurrency % threads ? 1 : 0);
  }
  for (int i = 0; i < threads; ++i) {
    Worker& w = workers[i];
    w.latency = {};
    w.items = {};
    w.item_calls = {};
    w.errors = {};
    w.error_kinds.clear();
    w.dropped = 0;
    workload.PrepareWorker(w, slots[i]);
  }

  const Clock::time_point begin = Clock::now();
  Window window{begin + ToClock(options.warmup), begin + ToClock(options.warmup + options.duration)};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&, i] {
      if (options.rate > 0) {
        // Threads interleave their schedules: thread i starts i/threads of
        // an interval late.
        const double per_thread = options.rate / threads;
        const auto offset = std::chrono::nanoseconds(static_cast<int64_t>(1e9 / options.rate * i));
        OpenLoop(options, workload, workers[i], per_thread, std::max(1, slots[i]), begin + offset, window);
      } else {
        ClosedLoop(options, workload, workers[i], slots[i], window);
      }
    });
  }
  for (auto& t : pool) t.join();

  RunResult result;
  result.window_seconds = absl::ToDoubleSeconds(options.duration);
  for (Worker& w : workers) {
    for (size_t op = 0; op < kOpCount; ++op) {
      result.latency[op].Merge(w.latency[op]);
      result.items[op] += w.items[op];
      result.item_calls[op] += w.item_calls[op];
      result.errors[op] += w.errors[op];
    }
    for (const auto& [kind, n] : w.error_kinds) result.error_kinds[kind] += n;
    result.dropped += w.dropped;
  }
  for (auto& h : result.latency) h.Finish();
  return result;
}

}  // namespace caitiao::bench
