// The Prometheus scrape endpoint: GET /metrics over plain HTTP (Debian's
// cpp-httplib) on a thread of its own, separate from gRPC. Every other path
// is 404, every other method 405.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace httplib {
class Server;
}

namespace caitiao::metrics {

class MetricsEndpoint {
 public:
  // `page` makes the exposition text; it runs on the endpoint's threads.
  explicit MetricsEndpoint(std::function<std::string()> page);
  ~MetricsEndpoint();  // stops
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // Binds `listen` ("host:port"; port 0 picks a free one) and serves in the
  // background; the bound port, or UNAVAILABLE when it cannot listen there.
  absl::StatusOr<int> Start(const std::string& listen);
  // Stops serving and joins the thread (a scrape in progress finishes first).
  void Stop();

 private:
  const std::function<std::string()> page_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace caitiao::metrics
