// caitiaod's settings: command-line flags, each with an environment
// equivalent (flags win over the environment).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace caitiao::server {

struct Config {
  std::string listen;        // --listen / CAITIAO_LISTEN
  std::string database_url;  // --database / CAITIAO_DATABASE_URL; empty: embedded cluster
  std::string data_dir;      // --data_dir / CAITIAO_DATA_DIR
  std::string pg_user;       // --pg_user / CAITIAO_PG_USER
  std::string pg_bin_dir;    // --pg_bin_dir / CAITIAO_PG_BIN_DIR
  int pool_size = 0;         // --pool_size / CAITIAO_POOL_SIZE
  int max_threads = 0;       // --max_threads / CAITIAO_MAX_THREADS
  int max_watchers = 0;      // --max_watchers / CAITIAO_MAX_WATCHERS
  absl::Duration pool_wait;  // --pool_wait / CAITIAO_POOL_WAIT
  std::string log_level;     // --log_level / CAITIAO_LOG_LEVEL
  absl::Duration shutdown_grace;  // --shutdown_grace / CAITIAO_SHUTDOWN_GRACE
  std::string port_file;     // --port_file: write the bound port here (tests)
  bool demo = false;         // --demo: load the demo directory, issue demo tokens
  std::string tls_cert;      // --tls_cert / CAITIAO_TLS_CERT: PEM chain; empty: plaintext
  std::string tls_key;       // --tls_key / CAITIAO_TLS_KEY
  std::string tls_client_ca; // --tls_client_ca: require client certificates signed by it
  bool allow_plaintext_remote = false;  // plaintext beyond loopback
  std::string data_key_file;  // --data_key_file / CAITIAO_DATA_KEY_FILE
  std::string data_key;       // CAITIAO_DATA_KEY (hex) if set: wins over the file
  std::string admin_token_file;  // --admin_token_file
  absl::Duration credential_cache;  // --credential_cache
  absl::Duration sweep_interval;    // --sweep_interval / CAITIAO_SWEEP_INTERVAL
  std::string metrics_listen;       // --metrics_listen / CAITIAO_METRICS_LISTEN; empty: no endpoint
  std::string reporting_database_url;  // --reporting_database / CAITIAO_REPORTING_DATABASE_URL; empty: none
  absl::Duration reporting_max_lag;    // --reporting_max_lag / CAITIAO_REPORTING_MAX_LAG
  bool reporting_fallback = false;     // --reporting_fallback / CAITIAO_REPORTING_FALLBACK
};

// Parses argv (after applying the environment); INVALID_ARGUMENT with a
// message for a bad value. Exits for --help.
absl::StatusOr<Config> LoadConfig(int argc, char** argv);

}  // namespace caitiao::server
