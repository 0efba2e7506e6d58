// caitiao_bench: the project's own load generator for caitiaod.
//
//   caitiao_bench --target=127.0.0.1:50051 --token_file=DATA/admin.token --workload=create --duration=10s
//   caitiao_bench --workload=get --rate=500          # open loop: latency at a fixed offered rate
//
// Every call carries the API token (--token, --token_file, or CAITIAO_TOKEN /
// CAITIAO_TOKEN_FILE) as `authorization: Bearer` metadata; the admin token
// suits every workload (create spreads cases over many commissions).
//
// It prints a human summary and one machine-readable `RESULT key=value ...`
// line per operation (tests/bench/run_bench.sh reads those). It is a
// measuring tool, not a test: it never judges the figures.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "caitiao/v1/directory.grpc.pb.h"
#include "clients/bench/load_generator.h"
#include "clients/bench/workloads.h"
#include "clients/credentials.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "caitiaod address");
ABSL_FLAG(std::string, workload, "health", "health, create, get, list, list-deep or mixed");
ABSL_FLAG(int, concurrency, 16, "closed loop: calls kept in flight; open loop: cap on calls in flight");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "measured time");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "unmeasured time before it");
ABSL_FLAG(double, rate, 0, "open loop: offered calls per second in all; 0 = closed loop");
ABSL_FLAG(int, threads, 1, "client threads, each with its own completion queue and connection");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5), "deadline of each call");
ABSL_FLAG(std::string, token, "",
          "API token, sent as `authorization: Bearer TOKEN` (env CAITIAO_TOKEN); its role and scope must allow "
          "the workload, e.g. the admin token");
ABSL_FLAG(std::string, token_file, "", "file whose first line is the API token (env CAITIAO_TOKEN_FILE)");
ABSL_FLAG(std::string, commission_region, "420000",
          "create: cases go to the commissions of this region and below, evenly");
ABSL_FLAG(std::string, filter, "state = RECEIVED AND region_code = \"420100\"", "list, list-deep: the filter");
ABSL_FLAG(int, page_size, 50, "list, list-deep: page size");
ABSL_FLAG(int, pages, 20, "list-deep: pages each slot follows before starting over");
ABSL_FLAG(int, start_page, 1, "list-deep: the page the walks start at (earlier pages are read once, unmeasured)");
ABSL_FLAG(std::string, ids_file, "", "get, mixed: case ids to read, one per line");
ABSL_FLAG(int, id_pool, 5000, "get, mixed without --ids_file: ids collected with ListCases");
ABSL_FLAG(int, preload, 200, "get, mixed: cases created first if fewer than this many exist");
ABSL_FLAG(std::string, mix, "create=20,get=60,list=20", "mixed: percentages");
ABSL_FLAG(std::string, label, "", "name on the RESULT lines (default: the workload)");
ABSL_FLAG(uint64_t, seed, 0, "random seed; 0 = random");

namespace caitiao::bench {
namespace {

namespace v1 = caitiao::v1;

absl::Status FromGrpc(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      absl::StrCat(what, ": ", s.error_message()));
}

struct Setup {
  std::string authorization;
  absl::Duration timeout;
  std::shared_ptr<grpc::Channel> channel;

  void Prepare(grpc::ClientContext& ctx) const { PrepareContext(ctx, authorization, timeout); }
};

absl::Status WaitServing(const Setup& s, absl::Duration max_wait) {
  auto stub = grpc::health::v1::Health::NewStub(s.channel);
  const absl::Time give_up = absl::Now() + max_wait;
  grpc::Status last;
  for (;;) {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    last = stub->Check(&ctx, req, &resp);
    if (last.ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) return absl::OkStatus();
    if (absl::Now() > give_up) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::UnavailableError(absl::StrCat("the server is not SERVING: ", last.error_message()));
}

absl::StatusOr<std::vector<std::string>> CommissionIds(const Setup& s, const std::string& region) {
  auto stub = v1::DirectoryService::NewStub(s.channel);
  std::vector<std::string> ids;
  std::string token;
  do {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    v1::ListCommissionsRequest req;
    req.set_region_code(region);
    req.set_page_size(1000);
    req.set_page_token(token);
    v1::ListCommissionsResponse resp;
    if (auto st = FromGrpc(stub->ListCommissions(&ctx, req, &resp), "ListCommissions"); !st.ok()) return st;
    for (const auto& c : resp.commissions()) ids.push_back(c.id());
    token = resp.next_page_token();
  } while (!token.empty());
  return ids;
}

absl::StatusOr<std::vector<std::string>> ReadIds(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<std::string> ids;
  for (std::string line; std::getline(in, line);) {
    absl::string_view id = absl::StripAsciiWhitespace(line);
    if (!id.empty()) ids.emplace_back(id);
  }
  return ids;
}

absl::StatusOr<std::vector<std::string>> CollectIds(const Setup& s, size_t limit) {
  auto stub = v1::CaseService::NewStub(s.channel);
  std::vector<std::string> ids;
  std::string token;
  do {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    v1::ListCasesRequest req;
    req.set_page_size(static_cast<int>(std::min<size_t>(1000, limit - ids.size())));
    req.set_page_token(token);
    v1::ListCasesResponse resp;
    if (auto st = FromGrpc(stub->ListCases(&ctx, req, &resp), "ListCases"); !st.ok()) return st;
    for (const auto& c : resp.cases()) ids.push_back(c.id());
    token = resp.next_page_token();
  } while (!token.empty() && ids.size() < limit);
  return ids;
}

absl::Status Preload(const Setup& s, const std::vector<std::string>& commission_ids, int n, Rng& rng,
                     std::vector<std::string>& ids) {
  if (commission_ids.empty()) return absl::FailedPreconditionError("no commission to preload cases into");
  auto stub = v1::CaseService::NewStub(s.channel);
  CaseFactory factory(commission_ids);
  for (int i = 0; i < n; ++i) {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    v1::Case created;
    if (auto st = FromGrpc(stub->CreateCase(&ctx, factory.Next(rng), &created), "CreateCase (preload)");
        !st.ok()) {
      return st;
    }
    ids.push_back(created.id());
  }
  return absl::OkStatus();
}

// The page token that reads page `page` (1-based) of the filter; empty for
// page 1.
absl::StatusOr<std::string> TokenOfPage(const Setup& s, const std::string& filter, int page_size, int page) {
  auto stub = v1::CaseService::NewStub(s.channel);
  std::string token;
  for (int p = 1; p < page; ++p) {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    v1::ListCasesRequest req;
    req.set_filter(filter);
    req.set_page_size(page_size);
    req.set_page_token(token);
    v1::ListCasesResponse resp;
    if (auto st = FromGrpc(stub->ListCases(&ctx, req, &resp), "ListCases"); !st.ok()) return st;
    if (resp.next_page_token().empty()) {
      return absl::OutOfRangeError(absl::StrCat("the filter has only ", p, " page(s) of ", page_size,
                                                "; --start_page=", page, " is past its end"));
    }
    token = resp.next_page_token();
  }
  return token;
}

absl::Status ParseMix(const std::string& text, WorkloadConfig& config) {
  config.create_percent = config.get_percent = config.list_percent = 0;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    int n = 0;
    if (!absl::SimpleAtoi(kv.second, &n)) return absl::InvalidArgumentError(absl::StrCat("--mix: bad part ", part));
    if (kv.first == "create") {
      config.create_percent = n;
    } else if (kv.first == "get") {
      config.get_percent = n;
    } else if (kv.first == "list") {
      config.list_percent = n;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--mix: unknown operation ", kv.first));
    }
  }
  return absl::OkStatus();
}

void PrintOp(const std::string& name, const std::string& op, const RunOptions& o, const RunResult& r,
             const LatencyHistogram& h, int64_t errors, int64_t items, int64_t item_calls) {
  const double rps = r.window_seconds > 0 ? static_cast<double>(h.count()) / r.window_seconds : 0;
  std::printf("  %-7s ok %8zu  errors %5lld  throughput %9.1f/s  latency ms: p50 %7.3f  p90 %7.3f  p99 %7.3f  "
              "p99.9 %7.3f  max %7.3f  mean %7.3f",
              op.c_str(), h.count(), static_cast<long long>(errors), rps, h.PercentileMillis(0.5),
              h.PercentileMillis(0.9), h.PercentileMillis(0.99), h.PercentileMillis(0.999), h.MaxMillis(),
              h.MeanMillis());
  const double per_call = item_calls > 0 ? static_cast<double>(items) / static_cast<double>(item_calls) : 0;
  if (item_calls > 0) std::printf("  cases/page %.1f", per_call);
  std::printf("\n");
  std::printf(
      "RESULT name=%s op=%s mode=%s concurrency=%d rate=%.1f threads=%d seconds=%.3f ok=%zu errors=%lld "
      "dropped=%lld rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f mean_ms=%.3f "
      "items_per_call=%.1f\n",
      name.c_str(), op.c_str(), o.rate > 0 ? "open" : "closed", o.concurrency, o.rate, o.threads,
      r.window_seconds, h.count(), static_cast<long long>(errors), static_cast<long long>(r.dropped), rps,
      h.PercentileMillis(0.5), h.PercentileMillis(0.9), h.PercentileMillis(0.99), h.PercentileMillis(0.999),
      h.MaxMillis(), h.MeanMillis(), per_call);
}

int Main() {
  const std::string workload_name = absl::GetFlag(FLAGS_workload);
  RunOptions options;
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.threads = absl::GetFlag(FLAGS_threads);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.rate = absl::GetFlag(FLAGS_rate);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  auto token = clients::ResolveBearerToken(absl::GetFlag(FLAGS_token), absl::GetFlag(FLAGS_token_file));
  if (!token.ok()) {
    std::fprintf(stderr, "caitiao_bench: %s\n", std::string(token.status().message()).c_str());
    return 2;
  }
  options.authorization = clients::AuthorizationValue(*token);
  if (options.concurrency < 1 || options.threads < 1 || options.threads > options.concurrency ||
      options.duration <= absl::ZeroDuration() || options.warmup < absl::ZeroDuration() || options.rate < 0) {
    std::fprintf(stderr, "caitiao_bench: need 1 <= --threads <= --concurrency, --duration > 0, "
                         "--warmup >= 0, --rate >= 0\n");
    return 2;
  }
  static const char* const kWorkloads[] = {"health", "create", "get", "list", "list-deep", "mixed"};
  if (std::find(std::begin(kWorkloads), std::end(kWorkloads), workload_name) == std::end(kWorkloads)) {
    std::fprintf(stderr, "caitiao_bench: unknown --workload=%s: health, create, get, list, list-deep or mixed\n",
                 workload_name.c_str());
    return 2;
  }
  uint64_t seed = absl::GetFlag(FLAGS_seed);
  if (seed == 0) seed = (uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  Rng rng(seed);

  WorkloadConfig config;
  config.filter = absl::GetFlag(FLAGS_filter);
  config.page_size = absl::GetFlag(FLAGS_page_size);
  config.pages = absl::GetFlag(FLAGS_pages);
  if (auto st = ParseMix(absl::GetFlag(FLAGS_mix), config); !st.ok()) {
    std::fprintf(stderr, "caitiao_bench: %s\n", std::string(st.message()).c_str());
    return 2;
  }

  auto channels = MakeChannels(absl::GetFlag(FLAGS_target), options.threads);
  Setup setup{options.authorization, absl::Seconds(60), channels[0]};
  auto fail = [](const absl::Status& st) {
    std::fprintf(stderr, "caitiao_bench: %s\n", st.ToString().c_str());
    return 1;
  };
  if (auto st = WaitServing(setup, absl::Seconds(30)); !st.ok()) return fail(st);

  const bool creates = workload_name == "create" || workload_name == "mixed";
  const bool reads_ids = workload_name == "get" || workload_name == "mixed";
  // Reads need commissions only to preload cases (a flood of refused reads
  // has no credential to list them with).
  if (creates || (reads_ids && absl::GetFlag(FLAGS_preload) > 0)) {
    auto ids = CommissionIds(setup, absl::GetFlag(FLAGS_commission_region));
    if (!ids.ok()) return fail(ids.status());
    config.commission_ids = *std::move(ids);
  }
  if (reads_ids) {
    absl::StatusOr<std::vector<std::string>> ids =
        absl::GetFlag(FLAGS_ids_file).empty()
            ? CollectIds(setup, static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_id_pool))))
            : ReadIds(absl::GetFlag(FLAGS_ids_file));
    if (!ids.ok()) return fail(ids.status());
    config.case_ids = *std::move(ids);
    const int missing = absl::GetFlag(FLAGS_preload) - static_cast<int>(config.case_ids.size());
    if (missing > 0) {
      if (auto st = Preload(setup, config.commission_ids, missing, rng, config.case_ids); !st.ok()) return fail(st);
    }
  }
  if (workload_name == "list-deep") {
    auto token = TokenOfPage(setup, config.filter, config.page_size, absl::GetFlag(FLAGS_start_page));
    if (!token.ok()) return fail(token.status());
    config.start_token = *std::move(token);
  }

  auto workload = MakeWorkload(workload_name, config);
  if (!workload.ok()) return fail(workload.status());
  if (options.rate > 0 && !(*workload)->SupportsOpenLoop()) {
    return fail(absl::InvalidArgumentError(absl::StrCat(workload_name, " runs closed-loop only (no --rate)")));
  }

  std::vector<Worker> workers = NewWorkers(channels, rng());
  std::printf("caitiao_bench: %s against %s, %s, %s measured after %s warm-up, %d client thread(s)", workload_name.c_str(),
              absl::GetFlag(FLAGS_target).c_str(),
              options.rate > 0 ? absl::StrFormat("open loop at %.1f calls/s (at most %d in flight)", options.rate,
                                                 options.concurrency)
                                     .c_str()
                               : absl::StrFormat("closed loop at concurrency %d", options.concurrency).c_str(),
              absl::FormatDuration(options.duration).c_str(), absl::FormatDuration(options.warmup).c_str(),
              options.threads);
  if (workload_name == "get" || workload_name == "mixed") std::printf(", %zu known case ids", config.case_ids.size());
  if (workload_name == "list" || workload_name == "list-deep" || workload_name == "mixed") {
    std::printf(", filter '%s', page size %d", config.filter.c_str(), config.page_size);
  }
  if (workload_name == "list-deep") {
    std::printf(", walks of %d pages from page %d", config.pages, absl::GetFlag(FLAGS_start_page));
  }
  std::printf("\n");
  std::fflush(stdout);

  RunResult result = RunLoad(options, **workload, workers);

  const std::string name = absl::GetFlag(FLAGS_label).empty() ? workload_name : absl::GetFlag(FLAGS_label);
  const LatencyHistogram all = result.all();
  int64_t items = 0, item_calls = 0;
  for (size_t op = 0; op < kOpCount; ++op) {
    items += result.items[op];
    item_calls += result.item_calls[op];
  }
  PrintOp(name, "all", options, result, all, result.error_calls(), items, item_calls);
  if (workload_name == "mixed") {
    for (size_t op = 0; op < kOpCount; ++op) {
      if (result.latency[op].count() == 0 && result.errors[op] == 0) continue;
      PrintOp(name, OpName(static_cast<Op>(op)), options, result, result.latency[op], result.errors[op],
              result.items[op], result.item_calls[op]);
    }
  }
  if (result.dropped > 0) {
    std::printf("  dropped %lld scheduled calls: more than %d were in flight\n",
                static_cast<long long>(result.dropped), options.concurrency);
  }
  for (const auto& [kind, n] : result.error_kinds) {
    std::printf("  error x%lld: %s\n", static_cast<long long>(n), kind.c_str());
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace
}  // namespace caitiao::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the Caitiao load generator.\n"
      "Usage: caitiao_bench --target=HOST:PORT --workload=health|create|get|list|list-deep|mixed\n"
      "       [--concurrency=16] [--duration=10s] [--rate=CALLS_PER_SECOND]");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::fprintf(stderr, "caitiao_bench: unexpected argument %s\n", rest[1]);
    return 2;
  }
  return caitiao::bench::Main();
}
