#include "services/server/server_metrics.h"

#include <string>

#include "absl/time/clock.h"

#ifndef CAITIAO_VERSION
#define CAITIAO_VERSION "unknown"
#endif

namespace caitiao::server {
namespace {

using metrics::MetricFamily;
using metrics::MetricType;

MetricFamily Gauge(std::string name, std::string help, double value) {
  return {std::move(name), std::move(help), MetricType::kGauge, {{"", {}, value}}};
}

}  // namespace

std::vector<metrics::Collector> ServerCollectors(const storage::ConnectionPool& pool,
                                                 const services::RoomGrpcService& rooms,
                                                 const services::DeadlineSweeper& sweeper,
                                                 const HealthMonitor& health) {
  std::vector<metrics::Collector> collectors;
  collectors.push_back([&pool](std::vector<MetricFamily>& out) {
    const storage::ConnectionPool::Stats s = pool.GetStats();
    out.push_back(Gauge("caitiao_db_pool_size", "Most database connections the pool opens (--pool_size)", s.size));
    out.push_back(Gauge("caitiao_db_pool_connections_open",
                        "Database connections open now (idle, on loan or being opened)", s.open));
    out.push_back(Gauge("caitiao_db_pool_connections_in_use",
                        "Database connections on loan to a call or being opened", s.in_use));
    out.push_back(Gauge("caitiao_db_pool_waiting",
                        "Calls waiting for a free database connection (RESOURCE_EXHAUSTED after --pool_wait)",
                        s.waiting));
  });
  collectors.push_back([&rooms](std::vector<MetricFamily>& out) {
    out.push_back(Gauge("caitiao_room_queue_watchers", "RoomService.WatchRoomQueue streams open now",
                        rooms.watchers()));
    out.push_back(Gauge("caitiao_room_queue_watchers_max",
                        "Most WatchRoomQueue streams at once (--max_watchers); beyond it RESOURCE_EXHAUSTED",
                        rooms.max_watchers()));
  });
  collectors.push_back([&sweeper](std::vector<MetricFamily>& out) {
    const services::DeadlineSweeper::Stats s = sweeper.GetStats();
    MetricFamily runs{"caitiao_sweeper_runs_total",
                      "Deadline sweeper rounds on this server, by outcome: swept (it held the lock), "
                      "locked_elsewhere (another server sweeps), failed (a database error)",
                      MetricType::kCounter,
                      {{"", {{"outcome", "swept"}}, static_cast<double>(s.swept)},
                       {"", {{"outcome", "locked_elsewhere"}}, static_cast<double>(s.locked_elsewhere)},
                       {"", {{"outcome", "failed"}}, static_cast<double>(s.failed)}}};
    out.push_back(std::move(runs));
    out.push_back(Gauge("caitiao_sweeper_interval_seconds", "Time between sweeper rounds (--sweep_interval; 0: off)",
                        absl::ToDoubleSeconds(s.interval)));
    if (s.started != absl::InfinitePast()) {
      // Healthy: below the interval (plus a round's run time). It grows while
      // rounds fail or do not run.
      const absl::Time since = s.last_completed != absl::InfinitePast() ? s.last_completed : s.started;
      out.push_back(Gauge("caitiao_sweeper_lag_seconds",
                          "Seconds since the sweeper's last round that did not fail (since its start before the first)",
                          absl::ToDoubleSeconds(absl::Now() - since)));
    }
  });
  collectors.push_back([&health](std::vector<MetricFamily>& out) {
    out.push_back(Gauge("caitiao_database_up", "1 while PostgreSQL answers the health monitor's checks, else 0",
                        health.database_up() ? 1 : 0));
    out.push_back({"caitiao_build_info", "The caitiaod build; always 1", MetricType::kGauge,
                   {{"", {{"version", CAITIAO_VERSION}}, 1}}});
  });
  return collectors;
}

}  // namespace caitiao::server
