#include "services/common/authenticator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"

namespace caitiao::services {
namespace {

constexpr char kUserKey[] = "x-caitiao-user";
constexpr char kRoleKey[] = "x-caitiao-role";
constexpr char kRegionKey[] = "x-caitiao-region";

std::optional<std::string> Metadata(const grpc::ServerContext& ctx, const char* key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

bool IsUserId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '@' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

absl::Status Unauthenticated(std::string message, std::string_view reason) {
  return domain::WithReason(absl::UnauthenticatedError(std::move(message)), reason);
}

}  // namespace

absl::StatusOr<domain::Principal> DevIdentityAuthenticator::Authenticate(
    const grpc::ServerContext& ctx) const {
  auto user = Metadata(ctx, kUserKey);
  auto role = Metadata(ctx, kRoleKey);
  if (!user || !role) {
    return Unauthenticated(absl::StrCat("no caller identity: send metadata ", kUserKey, " and ", kRoleKey),
                           "IDENTITY_MISSING");
  }
  if (!IsUserId(*user)) {
    return Unauthenticated(absl::StrCat(kUserKey, " must be 1..64 characters of letters, digits, . _ @ -"),
                           "IDENTITY_INVALID");
  }
  auto parsed_role = domain::RoleFromName(*role);
  if (!parsed_role) {
    return Unauthenticated(absl::StrCat(kRoleKey, " must be arbitration_staff, room_staff, reporting or admin"),
                           "IDENTITY_INVALID");
  }
  domain::Principal p{*user, *parsed_role, ""};
  if (auto region = Metadata(ctx, kRegionKey); region && !region->empty()) {
    if (domain::RegionCodeProblem(*region)) {
      return Unauthenticated(absl::StrCat(kRegionKey, " must be a 6-digit region code"), "IDENTITY_INVALID");
    }
    p.region_scope = *region;
  }
  return p;
}

}  // namespace caitiao::services
