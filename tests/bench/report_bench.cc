// caitiao_report_bench: the docking report and the room review read from
// the rollups, next to the same figures read by scanning every event of the
// period, in the same run on the same database (run_bench.sh --big, after
// the bulk load). First it builds the rollups from the loaded events, as
// caitiaod does at start; then, for --repeats rounds, it times each way in
// turn (interleaved, so that the machine's noise falls on both), checks that
// both ways give the same figures, and prints
//   RESULT name=<what> median_ms=<m> min_ms=<m> rows=<sums read>
// lines and the ratios.
//
//   caitiao_report_bench --dsn="host=/tmp/x/run dbname=caitiao user=postgres" --region=420000
//                        --from=2025-01-01 --to=2025-06-30 [--repeats=5]
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/domain/docking_report.h"
#include "services/domain/region_rules.h"
#include "storage/connection_pool.h"
#include "storage/rollup_repository.h"
#include "storage/statements.h"
#include "storage/transaction.h"

ABSL_FLAG(std::string, dsn, "", "libpq connection string of the loaded database");
ABSL_FLAG(std::string, region, "420000", "the report's region");
ABSL_FLAG(std::string, from, "2025-01-01", "the first day reported");
ABSL_FLAG(std::string, to, "2025-06-30", "the last day reported");
ABSL_FLAG(int, repeats, 5, "rounds of each way");

namespace caitiao {
namespace {

using storage::RollupQuery;
using Reader = std::function<absl::StatusOr<std::vector<domain::RollupSum>>(storage::Tx&, const RollupQuery&)>;

bool Same(std::vector<domain::RollupSum> a, std::vector<domain::RollupSum> b) {
  auto key = [](const domain::RollupSum& s) {
    return std::tie(s.group, s.year, s.month, s.figure, s.detail, s.cases, s.amount_fen);
  };
  auto less = [&](const auto& x, const auto& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const auto& x, const auto& y) { return key(x) == key(y); });
}

struct Timing {
  std::vector<double> ms;
  size_t rows = 0;
  std::vector<domain::RollupSum> last;
};

int Run() {
  std::signal(SIGPIPE, SIG_IGN);
  absl::CivilDay first, last;
  if (!absl::ParseCivilTime(absl::GetFlag(FLAGS_from), &first) || !absl::ParseCivilTime(absl::GetFlag(FLAGS_to), &last)) {
    std::cerr << "report_bench: --from and --to are YYYY-MM-DD\n";
    return 2;
  }
  storage::ConnectionPool pool({absl::GetFlag(FLAGS_dsn), 2, absl::Seconds(10), storage::PrepareAllStatements});
  const absl::Time start = absl::Now();
  auto events = storage::RebuildRollupsIfNeeded(pool);
  if (!events.ok()) {
    std::cerr << "report_bench: rebuilding the rollups failed: " << events.status() << "\n";
    return 1;
  }
  std::printf("RESULT name=rebuild events=%lld seconds=%.1f\n", static_cast<long long>(*events),
              absl::ToDoubleSeconds(absl::Now() - start));

  const auto region = domain::SubtreeRange(absl::GetFlag(FLAGS_region));
  struct Way {
    std::string name;
    RollupQuery query;
    Reader read;
    Timing t;
  };
  std::vector<Way> ways;
  for (auto [label, by] : {std::pair{"docking_by_region", domain::ReportDimension::kRegion},
                           std::pair{"room_review", domain::ReportDimension::kRoom}}) {
    const RollupQuery q{first, last, region, "", "", "", by};
    ways.push_back({std::string(label) + "_rollups", q, storage::ReadRollups, {}});
    ways.push_back({std::string(label) + "_scan", q, storage::ScanRollups, {}});
  }
  const int repeats = std::max(1, absl::GetFlag(FLAGS_repeats));
  for (int round = 0; round < repeats; ++round) {
    for (auto& w : ways) {
      const absl::Time t0 = absl::Now();
      absl::Status s = storage::RunTransaction(pool, absl::Now() + absl::Minutes(10), w.name, [&](storage::Tx& tx) {
        auto r = w.read(tx, w.query);
        if (!r.ok()) return r.status();
        // The report as the server builds it from the sums.
        domain::DockingReport(*r, {}, {}, {}, true, absl::CivilMonth(first), absl::CivilMonth(last));
        w.t.last = *std::move(r);
        return absl::OkStatus();
      });
      if (!s.ok()) {
        std::cerr << "report_bench: " << w.name << " failed: " << s << "\n";
        return 1;
      }
      w.t.ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - t0));
      w.t.rows = w.t.last.size();
    }
  }
  bool equal = true;
  for (size_t i = 0; i + 1 < ways.size(); i += 2) {
    const bool same = Same(ways[i].t.last, ways[i + 1].t.last);
    equal = equal && same;
    std::printf("RESULT name=%s_equal value=%s\n", ways[i].name.c_str(), same ? "yes" : "NO");
  }
  for (auto& w : ways) {
    std::sort(w.t.ms.begin(), w.t.ms.end());
    std::printf("RESULT name=%s median_ms=%.1f min_ms=%.1f sums=%zu\n", w.name.c_str(), w.t.ms[w.t.ms.size() / 2],
                w.t.ms.front(), w.t.rows);
  }
  return equal ? 0 : 1;
}

}  // namespace
}  // namespace caitiao

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return caitiao::Run();
}
