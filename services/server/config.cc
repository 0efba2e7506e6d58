#include "services/server/config.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve gRPC on (env CAITIAO_LISTEN); port 0 picks a free port");
ABSL_FLAG(std::string, database, "",
          "PostgreSQL URL, e.g. postgresql://user@host/db (env CAITIAO_DATABASE_URL); "
          "empty: run the embedded cluster in --data_dir");
ABSL_FLAG(std::string, data_dir, "./var/caitiao",
          "folder of the embedded PostgreSQL cluster (env CAITIAO_DATA_DIR)");
ABSL_FLAG(std::string, pg_user, "postgres",
          "unprivileged user that runs the embedded PostgreSQL when caitiaod runs as root "
          "(env CAITIAO_PG_USER)");
ABSL_FLAG(std::string, pg_bin_dir, "/usr/lib/postgresql/15/bin",
          "where initdb and pg_ctl are (env CAITIAO_PG_BIN_DIR)");
ABSL_FLAG(int, pool_size, 0,
          "database connections (env CAITIAO_POOL_SIZE); 0: 2 x CPU cores");
ABSL_FLAG(int, max_threads, 0,
          "most gRPC threads (env CAITIAO_MAX_THREADS); 0: the larger of 64 and 8 x pool size. "
          "Calls beyond it are refused by gRPC with RESOURCE_EXHAUSTED before any handler runs");
ABSL_FLAG(int, max_watchers, 0,
          "most WatchRoomQueue streams at once (env CAITIAO_MAX_WATCHERS); each holds a gRPC thread for up "
          "to a minute. 0: a quarter of --max_threads. Beyond it a watch is RESOURCE_EXHAUSTED");
ABSL_FLAG(absl::Duration, pool_wait, absl::Seconds(2),
          "longest wait for a free database connection before RESOURCE_EXHAUSTED (env CAITIAO_POOL_WAIT)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error (env CAITIAO_LOG_LEVEL)");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "on SIGTERM/SIGINT, how long in-flight calls may finish (env CAITIAO_SHUTDOWN_GRACE)");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once serving");
ABSL_FLAG(bool, demo, false,
          "load the demo directory (Hubei regions and commissions) at start and issue a demo token per role "
          "into <data_dir>/demo-tokens/");
ABSL_FLAG(std::string, tls_cert, "", "PEM server certificate chain: serve TLS (env CAITIAO_TLS_CERT)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert (env CAITIAO_TLS_KEY)");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle: require and verify client certificates (mutual TLS); a certificate's subject is "
          "mapped to a principal with AccessService.CreateCertificateMapping (env CAITIAO_TLS_CLIENT_CA)");
ABSL_FLAG(bool, allow_plaintext_remote, false,
          "serve plaintext on a non-loopback address (never in production: use --tls_cert)");
ABSL_FLAG(std::string, data_key_file, "",
          "file with the 32-byte key (64 hex characters) that encrypts identity numbers at rest "
          "(env CAITIAO_DATA_KEY_FILE); default <data_dir>/secrets/data.key, created on first start. "
          "The environment variable CAITIAO_DATA_KEY may hold the key itself instead");
ABSL_FLAG(std::string, admin_token_file, "",
          "where the first start writes the bootstrap admin token (mode 0600); default <data_dir>/admin.token");
ABSL_FLAG(absl::Duration, sweep_interval, absl::Seconds(60),
          "how often the deadline sweeper runs (0: never); one server of several sweeps at a time "
          "(env CAITIAO_SWEEP_INTERVAL)");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on, plain HTTP GET /metrics (env CAITIAO_METRICS_LISTEN); "
          "empty (the default): no metrics endpoint. Keep it on loopback or a monitoring network");
ABSL_FLAG(std::string, reporting_database, "",
          "PostgreSQL URL of a streaming replica (a read-only hot standby of --database) that ReportingService "
          "reports read from (env CAITIAO_REPORTING_DATABASE_URL); empty: reports read the primary");
ABSL_FLAG(absl::Duration, reporting_max_lag, absl::Seconds(30),
          "a replica further behind the primary than this is not read: reports answer UNAVAILABLE "
          "(REPLICA_LAGGING), or read the primary with --reporting_fallback (env CAITIAO_REPORTING_MAX_LAG)");
ABSL_FLAG(bool, reporting_fallback, false,
          "when the replica lags past --reporting_max_lag or cannot be reached, read reports from the primary "
          "instead of refusing them (env CAITIAO_REPORTING_FALLBACK)");
ABSL_FLAG(absl::Duration, credential_cache, absl::Seconds(5),
          "how long a verified credential is cached; a revocation reaches other servers within this time");

namespace caitiao::server {
namespace {

// Applies environment variables as flag defaults, so that the command line
// still overrides them.
absl::Status ApplyEnvironment() {
  struct Env {
    const char* var;
    const char* flag;
  };
  const Env kEnv[] = {{"CAITIAO_LISTEN", "listen"},          {"CAITIAO_DATABASE_URL", "database"},
                      {"CAITIAO_DATA_DIR", "data_dir"},      {"CAITIAO_PG_USER", "pg_user"},
                      {"CAITIAO_PG_BIN_DIR", "pg_bin_dir"},  {"CAITIAO_POOL_SIZE", "pool_size"},
                      {"CAITIAO_MAX_THREADS", "max_threads"}, {"CAITIAO_MAX_WATCHERS", "max_watchers"}, {"CAITIAO_POOL_WAIT", "pool_wait"},
                      {"CAITIAO_LOG_LEVEL", "log_level"},    {"CAITIAO_SHUTDOWN_GRACE", "shutdown_grace"},
                      {"CAITIAO_TLS_CERT", "tls_cert"},      {"CAITIAO_TLS_KEY", "tls_key"},
                      {"CAITIAO_TLS_CLIENT_CA", "tls_client_ca"}, {"CAITIAO_DATA_KEY_FILE", "data_key_file"},
                      {"CAITIAO_SWEEP_INTERVAL", "sweep_interval"},
                      {"CAITIAO_REPORTING_DATABASE_URL", "reporting_database"},
                      {"CAITIAO_REPORTING_MAX_LAG", "reporting_max_lag"},
                      {"CAITIAO_REPORTING_FALLBACK", "reporting_fallback"},
                      {"CAITIAO_METRICS_LISTEN", "metrics_listen"}};
  for (const auto& e : kEnv) {
    const char* value = std::getenv(e.var);
    if (value == nullptr) continue;
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(e.flag);
    std::string error;
    if (flag == nullptr || !flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(e.var, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Config> LoadConfig(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the Caitiao labor-dispute arbitration-mediation docking server.\n"
      "With no --database it runs a private PostgreSQL cluster in --data_dir.\n"
      "Usage: caitiaod [--listen=127.0.0.1:50051] [--database=postgresql://...] [--demo]");
  absl::FlagsUsageConfig usage;
  usage.contains_helpshort_flags = [](absl::string_view) { return true; };
  usage.contains_help_flags = [](absl::string_view file) {
    return file.find("services/server") != absl::string_view::npos;
  };
  absl::SetFlagsUsageConfig(usage);
  if (absl::Status env = ApplyEnvironment(); !env.ok()) return env;
  absl::ParseCommandLine(argc, argv);

  Config c;
  c.listen = absl::GetFlag(FLAGS_listen);
  c.database_url = absl::GetFlag(FLAGS_database);
  c.data_dir = absl::GetFlag(FLAGS_data_dir);
  c.pg_user = absl::GetFlag(FLAGS_pg_user);
  c.pg_bin_dir = absl::GetFlag(FLAGS_pg_bin_dir);
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  c.pool_size = absl::GetFlag(FLAGS_pool_size) > 0 ? absl::GetFlag(FLAGS_pool_size) : 2 * cores;
  // Threads waiting for a pooled connection are cheap; too few of them and
  // gRPC refuses calls ("Server Threadpool Exhausted", no ErrorDetail, no
  // log) long before the pool's bounded wait could queue them.
  c.max_threads = absl::GetFlag(FLAGS_max_threads) > 0 ? absl::GetFlag(FLAGS_max_threads)
                                                        : std::max(64, 8 * c.pool_size);
  c.pool_wait = absl::GetFlag(FLAGS_pool_wait);
  c.log_level = absl::GetFlag(FLAGS_log_level);
  c.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  c.port_file = absl::GetFlag(FLAGS_port_file);
  c.demo = absl::GetFlag(FLAGS_demo);
  c.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  c.tls_key = absl::GetFlag(FLAGS_tls_key);
  c.tls_client_ca = absl::GetFlag(FLAGS_tls_client_ca);
  c.allow_plaintext_remote = absl::GetFlag(FLAGS_allow_plaintext_remote);
  c.data_key_file = absl::GetFlag(FLAGS_data_key_file);
  if (c.data_key_file.empty()) c.data_key_file = absl::StrCat(c.data_dir, "/secrets/data.key");
  if (const char* key = std::getenv("CAITIAO_DATA_KEY"); key != nullptr) c.data_key = key;
  c.admin_token_file = absl::GetFlag(FLAGS_admin_token_file);
  if (c.admin_token_file.empty()) c.admin_token_file = absl::StrCat(c.data_dir, "/admin.token");
  c.credential_cache = absl::GetFlag(FLAGS_credential_cache);
  c.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
  c.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  if (!c.metrics_listen.empty()) {
    const size_t colon = c.metrics_listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == c.metrics_listen.size() ||
        c.metrics_listen.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
      return absl::InvalidArgumentError("--metrics_listen must be host:port, e.g. 127.0.0.1:9464");
    }
    if (c.metrics_listen == c.listen) {
      return absl::InvalidArgumentError("--metrics_listen must differ from --listen");
    }
  }
  if (c.sweep_interval < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--sweep_interval must not be negative");
  }
  c.reporting_database_url = absl::GetFlag(FLAGS_reporting_database);
  c.reporting_max_lag = absl::GetFlag(FLAGS_reporting_max_lag);
  c.reporting_fallback = absl::GetFlag(FLAGS_reporting_fallback);
  if (c.reporting_max_lag <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--reporting_max_lag must be positive");
  }
  if (c.reporting_fallback && c.reporting_database_url.empty()) {
    return absl::InvalidArgumentError("--reporting_fallback needs --reporting_database (a replica to fall back from)");
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (!c.tls_client_ca.empty() && c.tls_cert.empty()) {
    return absl::InvalidArgumentError("--tls_client_ca needs --tls_cert and --tls_key");
  }
  if (c.credential_cache < absl::ZeroDuration() || c.credential_cache > absl::Minutes(5)) {
    return absl::InvalidArgumentError("--credential_cache must be between 0s and 5m");
  }
  if (c.pool_size > 1000) return absl::InvalidArgumentError("--pool_size must be at most 1000");
  if (c.max_threads < 2) return absl::InvalidArgumentError("--max_threads must be at least 2");
  c.max_watchers = absl::GetFlag(FLAGS_max_watchers) > 0 ? absl::GetFlag(FLAGS_max_watchers)
                                                          : std::max(1, c.max_threads / 4);
  if (c.max_watchers >= c.max_threads) {
    return absl::InvalidArgumentError("--max_watchers must be below --max_threads, or watchers starve every call");
  }
  if (c.pool_wait <= absl::ZeroDuration()) return absl::InvalidArgumentError("--pool_wait must be positive");
  if (c.shutdown_grace < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--shutdown_grace must not be negative");
  }
  return c;
}

}  // namespace caitiao::server
