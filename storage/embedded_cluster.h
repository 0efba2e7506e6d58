// The embedded default database: a private PostgreSQL 15 cluster that the
// server initialises (first run), starts, and stops again, in a folder of its
// own. Layout under data_dir:
//   pgdata/           the cluster (initdb), owned by the PostgreSQL user
//   run/              the Unix socket (PostgreSQL listens on no TCP port);
//                     /tmp/caitiao-<hash> instead if data_dir is too long
//                     for a socket path
//   postgresql.log    the server log
//
// PostgreSQL refuses to run as root: when this process is root, every
// PostgreSQL program runs as `run_as_user` (default "postgres") through
// runuser, the folder is handed to that user, and that user is granted
// traversal (search permission only, by ACL where possible) of the parent
// folders it cannot enter yet. A postmaster.pid left by a crash is recovered
// from: if its process is our postmaster it is adopted, otherwise the stale
// file is removed.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace caitiao::storage {

struct EmbeddedClusterOptions {
  std::string data_dir = "./var/caitiao";
  std::string pg_bin_dir = "/usr/lib/postgresql/15/bin";
  std::string run_as_user = "postgres";  // used only when running as root
  std::string database = "caitiao";
  // Told about each step, for the server's log ("initialising cluster in …").
  std::function<void(const std::string&)> note = [](const std::string&) {};
};

class EmbeddedCluster {
 public:
  // Initialises (if new), starts (or adopts) the cluster, waits until it
  // accepts connections and creates the database if missing.
  static absl::StatusOr<std::unique_ptr<EmbeddedCluster>> Start(EmbeddedClusterOptions options);

  ~EmbeddedCluster();  // stops the cluster if Stop() was not called
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // libpq connection string of the database.
  const std::string& dsn() const { return dsn_; }
  // libpq connection string of another database in this cluster.
  std::string DsnFor(const std::string& database) const;
  // Absolute path of the cluster's data folder.
  const std::string& pgdata() const { return pgdata_; }
  const std::string& socket_dir() const { return socket_dir_; }

  // Fast shutdown (clients disconnected, no crash recovery needed next time).
  // OK if the postmaster is gone already (killed): nothing is left to stop.
  absl::Status Stop();

  // True if postmaster.pid names a live postmaster of this cluster.
  bool PostmasterAlive() const;
  // After the postmaster died (killed, out of memory): starts it again as at
  // start-up (its stale postmaster.pid removed; PostgreSQL recovers from its
  // WAL). OK if it is running. The server's health monitor calls it while
  // the database does not answer; not to be called at once with Stop().
  absl::Status Restart();

 private:
  EmbeddedCluster() = default;
  absl::Status Init();
  absl::Status Launch();
  absl::Status CreateDatabase();
  absl::Status RunPg(const std::string& program, std::vector<std::string> args);

  EmbeddedClusterOptions options_;
  std::string user_;  // empty when not root: run as ourselves
  std::string root_dir_;
  std::string pgdata_;
  std::string socket_dir_;
  std::string dsn_;
  bool running_ = false;
};

}  // namespace caitiao::storage
