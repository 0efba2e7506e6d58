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
ABSL_FLAG(absl::Duration, pool_wait, absl::Seconds(2),
          "longest wait for a free database connection before RESOURCE_EXHAUSTED (env CAITIAO_POOL_WAIT)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error (env CAITIAO_LOG_LEVEL)");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "on SIGTERM/SIGINT, how long in-flight calls may finish (env CAITIAO_SHUTDOWN_GRACE)");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once serving");
ABSL_FLAG(bool, demo, false, "load the demo directory (Hubei regions and commissions) at start");

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
                      {"CAITIAO_MAX_THREADS", "max_threads"}, {"CAITIAO_POOL_WAIT", "pool_wait"},
                      {"CAITIAO_LOG_LEVEL", "log_level"},    {"CAITIAO_SHUTDOWN_GRACE", "shutdown_grace"}};
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
  if (c.pool_size > 1000) return absl::InvalidArgumentError("--pool_size must be at most 1000");
  if (c.max_threads < 2) return absl::InvalidArgumentError("--max_threads must be at least 2");
  if (c.pool_wait <= absl::ZeroDuration()) return absl::InvalidArgumentError("--pool_wait must be positive");
  if (c.shutdown_grace < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--shutdown_grace must not be negative");
  }
  return c;
}

}  // namespace caitiao::server
