// caitiaod: wires configuration, the database, the gRPC services, health,
// reflection and graceful shutdown. No business logic here.
//
// Threading: gRPC's synchronous API. Handlers run on gRPC's own bounded
// thread pool (ResourceQuota::SetMaxThreads), never on its polling/event
// threads, so blocking libpqxx calls are fine there; the connection pool
// bounds database concurrency and answers RESOURCE_EXHAUSTED after
// --pool_wait instead of queueing forever.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.pb.h"
#include "services/access/access_service.h"
#include "services/cases/case_service.h"
#include "services/common/audit_log.h"
#include "services/common/authenticator.h"
#include "services/common/log.h"
#include "services/common/malformed_request.h"
#include "services/metrics/metrics_endpoint.h"
#include "services/metrics/metrics_registry.h"
#include "services/coverage/builtin_regions.h"
#include "services/coverage/coverage_service.h"
#include "services/directory/directory_admin.h"
#include "services/directory/directory_service.h"
#include "services/documents/document_service.h"
#include "services/mediation/mediation_service.h"
#include "services/policy/policy_service.h"
#include "services/docking/docking_service.h"
#include "services/docking/queue_notifier.h"
#include "services/docking/room_service.h"
#include "services/reporting/reporting_service.h"
#include "services/review/review_service.h"
#include "services/subsidy/subsidy_service.h"
#include "services/server/bootstrap.h"
#include "services/server/config.h"
#include "services/server/transport.h"
#include "services/server/health_monitor.h"
#include "services/server/server_metrics.h"
#include "services/sweeper/deadline_sweeper.h"
#include "services/common/notification_listener.h"
#include "storage/access_repository.h"
#include "storage/connection_pool.h"
#include "storage/embedded_cluster.h"
#include "storage/migrations.h"
#include "storage/statements.h"
#include "storage/transaction.h"

namespace caitiao::server {
namespace {

int Fail(absl::string_view what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return 1;
}

// Blocks SIGINT/SIGTERM in every thread created after this call; one thread
// waits for them with sigwait and starts the shutdown.
sigset_t BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// A connection string that gives up connecting after 2 s unless it says
// otherwise: an unreachable replica must not hold a report up for long.
std::string WithConnectTimeout(const std::string& dsn) {
  if (dsn.find("connect_timeout") != std::string::npos) return dsn;
  if (dsn.find("://") == std::string::npos) return absl::StrCat(dsn, " connect_timeout=2");
  return absl::StrCat(dsn, dsn.find('?') == std::string::npos ? "?" : "&", "connect_timeout=2");
}

// Everything between a ready database and shutdown; returns the exit code.
// The caller stops the embedded cluster whatever this returns.
int Serve(const Config& config, const std::string& dsn, const sigset_t& shutdown_signals,
          const std::shared_ptr<grpc::ServerCredentials>& credentials, const std::function<void()>& recover_database) {
  auto applied = storage::Migrate(dsn, storage::BuiltInMigrations());
  if (!applied.ok()) return Fail("cannot migrate the database", applied.status());
  log::Info("schema up to date", {{"applied", absl::StrCat(*applied)},
                                  {"known", absl::StrCat(storage::BuiltInMigrations().size())}});

  storage::ConnectionPool pool({dsn, config.pool_size, config.pool_wait, storage::PrepareAllStatements});
  if (absl::Status s = SetUpPersonalDataEncryption(config, pool); !s.ok()) {
    return Fail("cannot set up encryption of personal data", s);
  }
  if (absl::Status s = BootstrapAdminAccess(config, pool); !s.ok()) return Fail("cannot bootstrap admin access", s);
  if (absl::Status s = InstallBuiltInCalendars(pool); !s.ok()) return Fail("cannot install the holiday calendars", s);
  if (absl::Status s = services::InstallBuiltInRegions(pool); !s.ok()) return Fail("cannot load the region list", s);
  if (absl::Status s = RebuildReportRollups(pool); !s.ok()) return Fail("cannot build the report rollups", s);
  if (config.demo) {
    if (absl::Status s = LoadDemo(config, pool); !s.ok()) return Fail("cannot load the demo", s);
  }

  services::CredentialAuthenticator authenticator(pool, config.credential_cache);
  // A revocation on any server sharing the database clears this one's cached
  // credentials as it commits.
  services::NotificationListener revocations(dsn, storage::kCredentialsChannel,
                                             [&authenticator] { authenticator.ForgetCachedCredentials(); });
  revocations.Start();
  services::AuditLog audit(pool);
  audit.Start();
  services::CaseGrpcService case_service(pool, authenticator, audit);
  services::DirectoryGrpcService directory_service(pool, authenticator, audit);
  services::AccessGrpcService access_service(pool, authenticator, audit);
  // Reports on a streaming replica (--reporting_database), if any: a pool
  // of its own, the same statements prepared (only reads run there).
  std::unique_ptr<storage::ConnectionPool> replica_pool;
  if (!config.reporting_database_url.empty()) {
    replica_pool = std::make_unique<storage::ConnectionPool>(storage::PoolOptions{
        WithConnectTimeout(config.reporting_database_url), config.pool_size, config.pool_wait,
        storage::PrepareAllStatements});
    log::Info("reports read the reporting replica", {{"max_lag", absl::FormatDuration(config.reporting_max_lag)},
                                                     {"fallback", config.reporting_fallback ? "primary" : "none"}});
  }
  services::ReportReader report_reader(pool, replica_pool.get(),
                                       {config.reporting_max_lag, config.reporting_fallback});
  services::ReportingGrpcService reporting_service(pool, report_reader, authenticator, audit, config.max_watchers);
  services::PolicyGrpcService policy_service(pool, authenticator, audit);
  services::QueueNotifier queue_notifier(dsn);
  queue_notifier.Start();
  services::DockingGrpcService docking_service(pool, authenticator, audit);
  services::RoomGrpcService room_service(pool, authenticator, audit, queue_notifier, config.max_watchers);
  services::MediationGrpcService mediation_service(pool, authenticator, audit);
  services::DocumentGrpcService document_service(pool, authenticator, audit);
  services::ReviewGrpcService review_service(pool, authenticator, audit);
  services::SubsidyGrpcService subsidy_service(pool, authenticator, audit);
  services::CoverageGrpcService coverage_service(pool, authenticator, audit);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  // Reflection describes what the generated descriptor pool holds; touching
  // the health messages links them in, so tools can check health with no
  // proto file.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::ServerBuilder builder;
  grpc::ResourceQuota quota("caitiaod");
  quota.SetMaxThreads(config.max_threads);
  builder.SetResourceQuota(quota);
  // gRPC's sync server keeps 1 to 2 idle threads polling by default and ends
  // any thread beyond that after its call: under 16 clients that was a new
  // thread for every third call (about 1,100 a second). Calls beyond the
  // pool wait for a connection anyway, so keep as many idle threads as a
  // busy pool has callers.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, std::max(2, config.pool_size / 2));
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              std::min(config.max_threads / 2, std::max(8, 4 * config.pool_size)));
  builder.experimental().SetInterceptorCreators(services::MalformedRequestInterceptors());
  int port = 0;
  builder.AddListeningPort(config.listen, credentials, &port);
  builder.RegisterService(&case_service);
  builder.RegisterService(&directory_service);
  builder.RegisterService(&access_service);
  builder.RegisterService(&reporting_service);
  builder.RegisterService(&policy_service);
  builder.RegisterService(&docking_service);
  builder.RegisterService(&room_service);
  builder.RegisterService(&mediation_service);
  builder.RegisterService(&document_service);
  builder.RegisterService(&review_service);
  builder.RegisterService(&subsidy_service);
  builder.RegisterService(&coverage_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    pool.Close();
    return Fail("cannot serve", absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen)));
  }

  HealthMonitor health(dsn, server->GetHealthCheckService(),
                       {"caitiao.v1.CaseService", "caitiao.v1.DirectoryService", "caitiao.v1.AccessService",
                        "caitiao.v1.ReportingService", "caitiao.v1.PolicyService", "caitiao.v1.DockingService",
                        "caitiao.v1.RoomService", "caitiao.v1.MediationService", "caitiao.v1.DocumentService",
                        "caitiao.v1.ReviewService", "caitiao.v1.SubsidyService",
                        "caitiao.v1.CoverageService"},
                       recover_database);
  health.Start();
  services::DeadlineSweeper sweeper(dsn, pool, config.sweep_interval, config.listen);
  sweeper.Start();

  // Off unless --metrics_listen; its collectors read the pool, the room
  // service, the sweeper and the health monitor, so it stops before them.
  metrics::MetricsEndpoint metrics_endpoint(
      [collectors = ServerCollectors(pool, room_service, sweeper, health)] {
        return metrics::Scrape(metrics::Registry::Default(), collectors);
      });
  if (!config.metrics_listen.empty()) {
    auto metrics_port = metrics_endpoint.Start(config.metrics_listen);
    if (!metrics_port.ok()) {
      sweeper.Stop();
      health.Stop();
      server->Shutdown(std::chrono::system_clock::now());  // nothing was announced yet: no grace
      server->Wait();
      queue_notifier.Stop();
      revocations.Stop();
      audit.Stop();
      pool.Close();
      return Fail("cannot serve metrics", metrics_port.status());
    }
    const std::string metrics_host = config.metrics_listen.substr(0, config.metrics_listen.rfind(':'));
    log::Info("serving metrics", {{"address", absl::StrCat(metrics_host, ":", *metrics_port)}, {"path", "/metrics"}});
  }

  const std::string host = config.listen.substr(0, config.listen.rfind(':'));
  log::Info("serving", {{"address", absl::StrCat(host, ":", port)},
                        {"transport", TransportName(config)},
                        {"pool_size", absl::StrCat(config.pool_size)},
                        {"max_threads", absl::StrCat(config.max_threads)}});
  std::fprintf(stderr, "caitiaod listening on %s:%d — stop with Ctrl-C (or SIGTERM)\n", host.c_str(), port);
  if (!config.port_file.empty()) std::ofstream(config.port_file) << port << "\n";

  std::thread signal_waiter([&] {
    int signo = 0;
    sigwait(&shutdown_signals, &signo);
    log::Info("shutting down", {{"signal", signo == SIGTERM ? "SIGTERM" : "SIGINT"},
                                {"grace", absl::FormatDuration(config.shutdown_grace)}});
    health.Stop();
    sweeper.Stop();
    // Stops accepting, lets in-flight calls finish until the deadline, then
    // cancels what is left.
    server->Shutdown(std::chrono::system_clock::now() + absl::ToChronoSeconds(config.shutdown_grace));
  });
  server->Wait();
  signal_waiter.join();
  metrics_endpoint.Stop();  // scrapes answer through the grace period, then stop before the pool closes
  queue_notifier.Stop();
  revocations.Stop();
  audit.Stop();  // the refusals still folded
  if (replica_pool) replica_pool->Close();
  pool.Close();
  return 0;
}

int Run(int argc, char** argv) {
  const sigset_t shutdown_signals = BlockShutdownSignals();
  // Abseil's mutexes record every lock in a cycle graph unless told not to
  // (Debian's build keeps the debug default); the server's lock order is
  // fixed, and the graph cost a few percent of every call.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  signal(SIGPIPE, SIG_IGN);  // libpq writes to sockets the server may have closed

  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail("bad configuration", config.status());
  if (!log::SetLevelByName(config->log_level)) {
    return Fail("bad configuration", absl::InvalidArgumentError("--log_level must be debug, info, warn or error"));
  }
  // Checked before anything starts: a refused transport starts no database.
  auto credentials = ServerCredentialsFor(*config);
  if (!credentials.ok()) return Fail("bad transport security settings", credentials.status());

  std::unique_ptr<storage::EmbeddedCluster> cluster;
  std::string dsn = config->database_url;
  if (dsn.empty()) {
    storage::EmbeddedClusterOptions options;
    options.data_dir = config->data_dir;
    options.pg_bin_dir = config->pg_bin_dir;
    options.run_as_user = config->pg_user;
    options.note = [](const std::string& text) { log::Info(text); };
    auto started = storage::EmbeddedCluster::Start(options);
    if (!started.ok()) return Fail("cannot start the embedded PostgreSQL", started.status());
    cluster = *std::move(started);
    dsn = cluster->dsn();
    log::Info("embedded database ready", {{"data", cluster->pgdata()}, {"socket", cluster->socket_dir()}});
  }

  // The embedded cluster's postmaster, should it die, is started again while
  // the server runs (calls meanwhile fail fast with UNAVAILABLE).
  std::function<void()> recover_database;
  if (cluster) {
    recover_database = [&cluster] {
      if (absl::Status s = cluster->Restart(); !s.ok()) {
        log::Warn("cannot start the embedded PostgreSQL again yet", {{"error", std::string(s.message())}});
      }
    };
  }
  int code = Serve(*config, dsn, shutdown_signals, *credentials, recover_database);
  if (cluster) {
    if (absl::Status s = cluster->Stop(); !s.ok()) return Fail("stopping PostgreSQL", s);
  }
  log::Info("stopped");
  return code;
}

}  // namespace
}  // namespace caitiao::server

int main(int argc, char** argv) { return caitiao::server::Run(argc, argv); }
