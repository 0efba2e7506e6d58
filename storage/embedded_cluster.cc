#include "storage/embedded_cluster.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "services/domain/status_macros.h"
#include "storage/command.h"

namespace caitiao::storage {
namespace fs = std::filesystem;
namespace {

constexpr int kPort = 5432;  // only names the socket file; no TCP listener
// sockaddr_un.sun_path holds 108 bytes including the terminator.
constexpr size_t kMaxSocketPath = 100;

struct UserIds {
  uid_t uid;
  gid_t gid;
};

absl::StatusOr<UserIds> LookupUser(const std::string& name) {
  struct passwd* pw = getpwnam(name.c_str());
  if (pw == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "running as root, PostgreSQL must run as an unprivileged user, but user '", name,
        "' does not exist; install the postgresql package (deploy/setup.sh) or pass --pg_user"));
  }
  return UserIds{pw->pw_uid, pw->pw_gid};
}

absl::Status Chown(const fs::path& p, UserIds ids) {
  if (chown(p.c_str(), ids.uid, ids.gid) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot hand ", p.string(), " to the PostgreSQL user"));
  }
  return absl::OkStatus();
}

absl::Status MakeOwnedDir(const fs::path& p, const std::string& user) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec) return absl::FailedPreconditionError(absl::StrCat("cannot create ", p.string(), ": ", ec.message()));
  chmod(p.c_str(), 0700);
  if (user.empty()) return absl::OkStatus();
  CAITIAO_ASSIGN_OR_RETURN(UserIds ids, LookupUser(user));
  return Chown(p, ids);
}

// True if `user` can enter `dir`, as the kernel would decide it.
bool CanTraverse(const std::string& user, const fs::path& dir) {
  auto r = RunCommand({"test", "-x", dir.string()}, user);
  return r.ok() && r->exit_code == 0;
}

// Lets `user` pass through every parent of `dir` it cannot enter: an ACL entry
// for that user alone where the file system has ACLs, else search permission
// for others (never read permission: folder listings stay private).
absl::Status GrantTraversal(const std::string& user, const fs::path& dir,
                            const std::function<void(const std::string&)>& note) {
  std::vector<fs::path> parents;
  for (fs::path p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
    parents.push_back(p);
    if (p == p.root_path()) break;
  }
  for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
    if (CanTraverse(user, *it)) continue;
    auto acl = RunCommand({"setfacl", "-m", absl::StrCat("u:", user, ":x"), it->string()});
    if (acl.ok() && acl->exit_code == 0) {
      note(absl::StrCat("granted user ", user, " traversal of ", it->string(), " (ACL u:", user, ":--x)"));
    } else {
      struct stat st;
      if (stat(it->c_str(), &st) != 0 || chmod(it->c_str(), st.st_mode | S_IXOTH) != 0) {
        return absl::FailedPreconditionError(absl::StrCat(
            "PostgreSQL (user ", user, ") cannot enter ", it->string(),
            " and it could not be granted; use a --data_dir that user can reach"));
      }
      note(absl::StrCat("granted others search permission (o+x) on ", it->string()));
    }
  }
  return absl::OkStatus();
}

// The folder is handed to PostgreSQL (chmod 0700, chown), so it must be new,
// empty or already ours: never a folder like /tmp or a home directory.
absl::Status CheckDataDirIsOurs(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec) || fs::is_empty(root, ec) || fs::exists(root / "pgdata", ec)) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "data folder ", root.string(),
      " exists, is not empty and holds no Caitiao cluster (pgdata/); choose a new or empty folder"));
}

std::string ReadFirstLine(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

// The postmaster's working directory is its data directory: that tells our
// postmaster from an unrelated process that got the same PID after a crash.
bool IsOurPostmaster(const std::string& pid, const fs::path& pgdata) {
  std::error_code ec;
  fs::path cwd = fs::read_symlink(fs::path("/proc") / pid / "cwd", ec);
  return !ec && fs::equivalent(cwd, pgdata, ec);
}

}  // namespace

absl::StatusOr<std::unique_ptr<EmbeddedCluster>> EmbeddedCluster::Start(EmbeddedClusterOptions options) {
  std::unique_ptr<EmbeddedCluster> c(new EmbeddedCluster());
  c->options_ = std::move(options);
  if (geteuid() == 0) c->user_ = c->options_.run_as_user;
  const fs::path root = fs::weakly_canonical(fs::absolute(c->options_.data_dir));
  CAITIAO_RETURN_IF_ERROR(CheckDataDirIsOurs(root));
  c->root_dir_ = root.string();
  c->pgdata_ = (root / "pgdata").string();
  std::string socket_dir = (root / "run").string();
  if (socket_dir.size() + 20 > kMaxSocketPath) {
    socket_dir = absl::StrFormat("/tmp/caitiao-%016x", std::hash<std::string>{}(c->root_dir_));
  }
  c->socket_dir_ = socket_dir;
  c->dsn_ = c->DsnFor(c->options_.database);

  CAITIAO_RETURN_IF_ERROR(MakeOwnedDir(root, c->user_));
  if (!c->user_.empty()) CAITIAO_RETURN_IF_ERROR(GrantTraversal(c->user_, root, c->options_.note));
  CAITIAO_RETURN_IF_ERROR(MakeOwnedDir(c->socket_dir_, c->user_));
  if (!fs::exists(fs::path(c->pgdata_) / "PG_VERSION")) CAITIAO_RETURN_IF_ERROR(c->Init());
  CAITIAO_RETURN_IF_ERROR(c->Launch());
  CAITIAO_RETURN_IF_ERROR(c->CreateDatabase());
  return c;
}

std::string EmbeddedCluster::DsnFor(const std::string& database) const {
  return absl::StrCat("host=", socket_dir_, " port=", kPort, " user=postgres dbname=", database);
}

EmbeddedCluster::~EmbeddedCluster() { Stop().IgnoreError(); }

absl::Status EmbeddedCluster::RunPg(const std::string& program, std::vector<std::string> args) {
  args.insert(args.begin(), (fs::path(options_.pg_bin_dir) / program).string());
  CAITIAO_ASSIGN_OR_RETURN(CommandResult r, RunCommand(args, user_));
  if (r.exit_code != 0) {
    return absl::FailedPreconditionError(absl::StrCat(program, " failed (exit ", r.exit_code, "): ",
                                                      absl::StripAsciiWhitespace(r.output)));
  }
  return absl::OkStatus();
}

absl::Status EmbeddedCluster::Init() {
  options_.note(absl::StrCat("initialising a new PostgreSQL cluster in ", pgdata_));
  CAITIAO_RETURN_IF_ERROR(MakeOwnedDir(pgdata_, user_));
  // trust is safe here: there is no TCP listener and the socket folder is
  // private (mode 0700) to the PostgreSQL user (and root).
  return RunPg("initdb", {"-D", pgdata_, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                          "-A", "trust", "--no-instructions"});
}

absl::Status EmbeddedCluster::Launch() {
  fs::path pid_file = fs::path(pgdata_) / "postmaster.pid";
  if (fs::exists(pid_file)) {
    std::string pid = ReadFirstLine(pid_file);
    if (!pid.empty() && IsOurPostmaster(pid, pgdata_)) {
      options_.note(absl::StrCat("adopting the PostgreSQL server already running on ", pgdata_,
                                 " (pid ", pid, ")"));
      running_ = true;
      return RunPg("pg_ctl", {"-D", pgdata_, "-w", "-t", "60", "status"});
    }
    options_.note(absl::StrCat("removing stale ", pid_file.string(), " left by a crash"));
    std::error_code ec;
    fs::remove(pid_file, ec);
    fs::remove(fs::path(socket_dir_) / absl::StrCat(".s.PGSQL.", kPort, ".lock"), ec);
  }
  std::string log = (fs::path(root_dir_) / "postgresql.log").string();
  std::string server_options = absl::StrCat("-c listen_addresses='' -p ", kPort, " -k ", socket_dir_,
                                            " -c unix_socket_permissions=0700");
  options_.note(absl::StrCat("starting PostgreSQL: data ", pgdata_, ", socket ", socket_dir_,
                             ", log ", log));
  CAITIAO_RETURN_IF_ERROR(
      RunPg("pg_ctl", {"-D", pgdata_, "-l", log, "-w", "-t", "120", "-o", server_options, "start"}));
  running_ = true;
  return absl::OkStatus();
}

absl::Status EmbeddedCluster::CreateDatabase() {
  try {
    pqxx::connection conn(DsnFor("postgres"));
    pqxx::nontransaction tx(conn);
    if (tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", options_.database).empty()) {
      tx.exec(absl::StrCat("CREATE DATABASE ", tx.quote_name(options_.database)));
    }
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("embedded PostgreSQL is not answering: ", e.what()));
  }
  return absl::OkStatus();
}

absl::Status EmbeddedCluster::Stop() {
  if (!running_) return absl::OkStatus();
  running_ = false;
  if (!PostmasterAlive()) {
    options_.note(absl::StrCat("PostgreSQL (", pgdata_, ") is not running: nothing to stop"));
    return absl::OkStatus();
  }
  options_.note(absl::StrCat("stopping PostgreSQL (", pgdata_, ")"));
  return RunPg("pg_ctl", {"-D", pgdata_, "-m", "fast", "-w", "-t", "60", "stop"});
}

bool EmbeddedCluster::PostmasterAlive() const {
  const fs::path pid_file = fs::path(pgdata_) / "postmaster.pid";
  std::error_code ec;
  if (!fs::exists(pid_file, ec)) return false;
  const std::string pid = ReadFirstLine(pid_file);
  return !pid.empty() && IsOurPostmaster(pid, pgdata_);
}

absl::Status EmbeddedCluster::Restart() {
  if (PostmasterAlive()) return absl::OkStatus();
  options_.note(absl::StrCat("PostgreSQL (", pgdata_, ") is gone; starting it again"));
  return Launch();
}

}  // namespace caitiao::storage
