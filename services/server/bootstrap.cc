#include "services/server/bootstrap.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/access/access_admin.h"
#include "services/coverage/builtin_regions.h"
#include "services/common/log.h"
#include "services/directory/directory_admin.h"
#include "services/subsidy/demo_standard.h"
#include "services/domain/builtin_calendars.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/rollup_repository.h"
#include "storage/crypto/data_key.h"
#include "storage/crypto/field_cipher.h"
#include "storage/directory_repository.h"
#include "storage/personal_data_cipher.h"
#include "storage/policy_repository.h"

namespace caitiao::server {
namespace {

constexpr absl::Duration kSetupTime = absl::Seconds(30);

// Writes `content` to `path`, readable and writable by the owner only.
absl::Status WriteSecretFile(const std::string& path, const std::string& content) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, content.data(), content.size()) ==
                                           static_cast<ssize_t>(content.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  return absl::OkStatus();
}

// The id of the first commission in a region's subtree.
absl::StatusOr<std::string> DemoCommission(storage::Tx& tx, const std::string& region) {
  CAITIAO_ASSIGN_OR_RETURN(auto found,
                           storage::ListCommissions(tx, domain::SubtreeRange(region), std::nullopt, 1));
  if (found.empty()) return absl::NotFoundError(absl::StrCat("no demo commission in ", region));
  return found[0].id;
}

struct DemoToken {
  const char* file;  // under <data_dir>/demo-tokens/
  const char* what;
  domain::AccessGrant grant;
};

}  // namespace

// The demo mediation room's id: the demo rooms (services/directory/
// demo_rooms.cc) create the Wuhan joint docking room under this id.
constexpr char kDemoRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201";

absl::Status SetUpPersonalDataEncryption(const Config& config, storage::ConnectionPool& pool) {
  std::string key;
  if (!config.data_key.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(key, crypto::ParseDataKey(config.data_key));
    log::Info("data key from CAITIAO_DATA_KEY");
  } else {
    // A key is made only for a database that no key has sealed yet: for a
    // restored or shared one, a new key would read nothing, and its file
    // would stay behind to be mistaken for the real one.
    std::error_code ec;
    if (!std::filesystem::exists(config.data_key_file, ec)) {
      bool sealed = false;
      CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool, absl::Now() + kSetupTime, "CheckDataKeySealed",
                                                      [&](storage::Tx& tx) -> absl::Status {
                                                        CAITIAO_ASSIGN_OR_RETURN(sealed, storage::DatabaseHasDataKey(tx));
                                                        return absl::OkStatus();
                                                      }));
      if (sealed) {
        return domain::WithReason(
            absl::FailedPreconditionError(absl::StrCat(
                "no data key at ", config.data_key_file,
                ", but this database's personal data was sealed with one: give the original key "
                "(--data_key_file or CAITIAO_DATA_KEY); a new key could read none of it")),
            domain::reasons::kDataKeyMissing);
      }
    }
    bool created = false;
    CAITIAO_ASSIGN_OR_RETURN(key, crypto::LoadOrCreateDataKeyFile(config.data_key_file, &created));
    log::Info(created ? "data key created (keep a copy: without it identity numbers cannot be read)"
                      : "data key loaded",
              {{"file", config.data_key_file}});
  }
  CAITIAO_ASSIGN_OR_RETURN(auto cipher, crypto::FieldCipher::FromMasterKey(key));
  storage::InstallFieldCipher(cipher);
  int64_t sealed = 0;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool, absl::Now() + kSetupTime, "EncryptLegacyIdentityNumbers",
                                                  [&](storage::Tx& tx) -> absl::Status {
                                                    CAITIAO_RETURN_IF_ERROR(storage::VerifyDataKey(tx));
                                                    CAITIAO_ASSIGN_OR_RETURN(
                                                        sealed, storage::EncryptLegacyIdentityNumbers(tx));
                                                    return absl::OkStatus();
                                                  }));
  if (sealed > 0) log::Info("identity numbers stored in clear were encrypted", {{"parties", absl::StrCat(sealed)}});
  return absl::OkStatus();
}

absl::Status BootstrapAdminAccess(const Config& config, storage::ConnectionPool& pool) {
  std::optional<services::IssuedToken> issued;
  // The file is written inside the transaction: if it cannot be written, no
  // token exists that nobody could ever use.
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(
      pool, absl::Now() + kSetupTime, "BootstrapAdminToken", [&](storage::Tx& tx) -> absl::Status {
        CAITIAO_ASSIGN_OR_RETURN(issued, services::BootstrapAdminToken(tx, absl::Now()));
        if (issued) CAITIAO_RETURN_IF_ERROR(WriteSecretFile(config.admin_token_file, issued->secret + "\n"));
        return absl::OkStatus();
      }));
  if (issued) {
    log::Info("first start: admin token issued (mode 0600); use it to issue everyone else's tokens",
              {{"file", config.admin_token_file}, {"token_id", issued->token.id}});
  }
  return absl::OkStatus();
}

absl::Status InstallBuiltInCalendars(storage::ConnectionPool& pool) {
  std::vector<int> installed;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(
      pool, absl::Now() + kSetupTime, "InstallBuiltInCalendars", [&](storage::Tx& tx) -> absl::Status {
        CAITIAO_ASSIGN_OR_RETURN(installed, storage::InsertMissingCalendars(tx, domain::BuiltInCalendarTexts(),
                                                                            "system/built-in", absl::Now()));
        return absl::OkStatus();
      }));
  for (int year : installed) log::Info("built-in holiday calendar installed", {{"year", absl::StrCat(year)}});
  return absl::OkStatus();
}

absl::Status RebuildReportRollups(storage::ConnectionPool& pool) {
  const absl::Time start = absl::Now();
  CAITIAO_ASSIGN_OR_RETURN(const int64_t events, storage::RebuildRollupsIfNeeded(pool));
  if (events > 0) {
    log::Info("report rollups built from the recorded events",
              {{"events", absl::StrCat(events)}, {"seconds", absl::StrCat(absl::ToDoubleSeconds(absl::Now() - start))}});
  }
  return absl::OkStatus();
}

absl::Status LoadDemo(const Config& config, storage::ConnectionPool& pool) {
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool, absl::Now() + kSetupTime, "LoadDemoDirectory",
                                                  services::LoadDemoDirectory));
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool, absl::Now() + kSetupTime, "LoadDemoSubsidyStandard",
                                                  services::LoadDemoSubsidyStandard));
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool, absl::Now() + kSetupTime, "LoadDemoCoverageTarget",
                                                  services::LoadDemoCoverageTarget));
  const std::string dir = absl::StrCat(config.data_dir, "/demo-tokens");
  std::vector<std::string> lines;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(
      pool, absl::Now() + kSetupTime, "IssueDemoTokens", [&](storage::Tx& tx) -> absl::Status {
        CAITIAO_ASSIGN_OR_RETURN(const std::string wuhan, DemoCommission(tx, "420100"));
        CAITIAO_ASSIGN_OR_RETURN(const std::string yichang, DemoCommission(tx, "420500"));
        const DemoToken tokens[] = {
            {"arbitration_staff.token", "staff of the Wuhan commission, may unmask personal data",
             {"demo-wuhan-staff", domain::Role::kArbitrationStaff, {{wuhan}, "", {}}, true}},
            {"arbitration_staff_yichang.token", "staff of the Yichang commission",
             {"demo-yichang-staff", domain::Role::kArbitrationStaff, {{yichang}, "", {}}, false}},
            {"room_staff.token", "staff of the Wuhan demo mediation room",
             {"demo-wuhan-room", domain::Role::kRoomStaff, {{}, kDemoRoomId, {}}, false}},
            {"reporting.token", "reporting job for all of Hubei (420000)",
             {"demo-hubei-reporting", domain::Role::kReporting, {{}, "", {"420000"}}, false}},
            {"funding.token", "funding officer (经费管理) of Hubei (420000)",
             {"demo-hubei-funding", domain::Role::kFunding, {{}, "", {"420000"}}, false}},
            {"funding_second.token", "a second Hubei funding officer, to approve what the first drafted",
             {"demo-hubei-funding-2", domain::Role::kFunding, {{}, "", {"420000"}}, false}},
        };
        services::CallContext system;
        system.principal.id = "system/demo";
        system.now = absl::Now();
        for (const auto& t : tokens) {
          const std::string path = absl::StrCat(dir, "/", t.file);
          if (!std::filesystem::exists(path)) {
            CAITIAO_ASSIGN_OR_RETURN(auto issued, services::IssueToken(tx, system, t.grant, absl::Hours(24 * 90)));
            CAITIAO_RETURN_IF_ERROR(WriteSecretFile(path, issued.secret + "\n"));
          }
          lines.push_back(absl::StrCat("  ", path, "  ", t.what));
        }
        return absl::OkStatus();
      }));
  std::fprintf(stderr, "demo directory loaded (commissions of Hubei 420000 and six of its cities/counties; Hubei's coverage target)\n");
  std::fprintf(stderr, "demo tokens, one bearer token per file:\n  %s  admin\n", config.admin_token_file.c_str());
  for (const auto& line : lines) std::fprintf(stderr, "%s\n", line.c_str());
  std::fprintf(stderr, "use one with the CLI:  export CAITIAO_TOKEN=$(cat %s/arbitration_staff.token)\n",
               dir.c_str());
  return absl::OkStatus();
}

}  // namespace caitiao::server
