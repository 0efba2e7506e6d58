// What caitiaod's metrics endpoint reads at scrape time besides the RPC
// counts: the connection pool, the room-queue watchers, the deadline sweeper,
// the database's health and the build.
#pragma once

#include <vector>

#include "services/docking/room_service.h"
#include "services/metrics/metrics_registry.h"
#include "services/server/health_monitor.h"
#include "services/sweeper/deadline_sweeper.h"
#include "storage/connection_pool.h"

namespace caitiao::server {

// The collectors hold references: the endpoint using them stops first.
std::vector<metrics::Collector> ServerCollectors(const storage::ConnectionPool& pool,
                                                 const services::RoomGrpcService& rooms,
                                                 const services::DeadlineSweeper& sweeper,
                                                 const HealthMonitor& health);

}  // namespace caitiao::server
