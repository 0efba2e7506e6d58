#include "services/metrics/metrics_endpoint.h"

#include <atomic>
#include <chrono>

// Debian's cpp-httplib: this header declares, libcpp-httplib.so implements
// (built with the OpenSSL, zlib and Brotli options pkg-config passes on). It
// is in /usr/include, a system directory, so -Werror does not reach it.
#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace caitiao::metrics {
namespace {

constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";
// Scrapes are rare and small: two workers, short timeouts, tiny requests.
constexpr int kWorkers = 2;
constexpr int kTimeoutSeconds = 5;
constexpr size_t kMaxRequestBody = 1024;

}  // namespace

MetricsEndpoint::MetricsEndpoint(std::function<std::string()> page) : page_(std::move(page)) {}

MetricsEndpoint::~MetricsEndpoint() { Stop(); }

absl::StatusOr<int> MetricsEndpoint::Start(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("--metrics_listen must be host:port, not \"", listen, "\""));
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);

  auto server = std::make_unique<httplib::Server>();
  server->new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  server->set_read_timeout(kTimeoutSeconds, 0);
  server->set_write_timeout(kTimeoutSeconds, 0);
  // One request per connection: an idle keep-alive connection would hold a
  // worker, and Stop() waiting for it, for nothing (scrapes are seconds apart).
  server->set_keep_alive_max_count(1);
  server->set_payload_max_length(kMaxRequestBody);
  // httplib's default is SO_REUSEPORT, with which a second server started on
  // the same address would silently share the port and answer every other
  // scrape. SO_REUSEADDR alone still allows a quick restart.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(page_(), kContentType);
  });
  const auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/metrics") {
      res.status = 405;
      res.set_header("Allow", "GET, HEAD");
      res.set_content("only GET /metrics\n", "text/plain");
    } else {
      res.status = 404;
      res.set_content("not found: only GET /metrics\n", "text/plain");
    }
  };
  server->Post(".*", not_allowed);
  server->Put(".*", not_allowed);
  server->Patch(".*", not_allowed);
  server->Delete(".*", not_allowed);
  server->Options(".*", not_allowed);

  const int bound = port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return absl::UnavailableError(absl::StrCat("cannot listen on ", listen, " for metrics"));

  httplib::Server* s = server.get();
  auto ended = std::make_shared<std::atomic<bool>>(false);
  thread_ = std::thread([s, ended] {
    s->listen_after_bind();
    ended->store(true);
  });
  server_ = std::move(server);
  // Stop() only stops a server whose loop has begun.
  while (!server_->is_running() && !ended->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!server_->is_running()) {
    Stop();
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", listen));
  }
  return bound;
}

void MetricsEndpoint::Stop() {
  if (server_ && thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
  server_.reset();
}

}  // namespace caitiao::metrics
