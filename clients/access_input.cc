#include "clients/access_input.h"

#include <cstdint>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/cli_flags.h"
#include "clients/flag_values.h"

namespace caitiao::cli {

absl::StatusOr<caitiao::v1::Role> ParseRole(const std::string& text) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  if (!absl::StartsWith(upper, "ROLE_")) upper = absl::StrCat("ROLE_", upper);
  caitiao::v1::Role role{};
  if (!caitiao::v1::Role_Parse(upper, &role) || role == caitiao::v1::ROLE_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("--role must be admin, arbitration_staff, room_staff, reporting or funding, not \"", text, "\""));
  }
  return role;
}

absl::StatusOr<Grant> GrantFromFlags() {
  Grant g;
  const std::string role_text = absl::GetFlag(FLAGS_role);
  if (role_text.empty()) return absl::InvalidArgumentError("--role is required");
  auto role = ParseRole(role_text);
  if (!role.ok()) return role.status();
  g.role = *role;
  g.label = absl::GetFlag(FLAGS_label);
  if (g.label.empty()) return absl::InvalidArgumentError("--label is required (a name for people)");
  for (const auto& id : absl::GetFlag(FLAGS_commission)) {
    if (!id.empty()) g.scope.add_commission_ids(id);
  }
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return room.status();
  g.scope.set_room_id(*room);
  for (const auto& code : absl::GetFlag(FLAGS_region)) {
    if (!code.empty()) g.scope.add_region_codes(code);
  }
  g.unmask_personal_data = absl::GetFlag(FLAGS_unmask);
  return g;
}

absl::StatusOr<absl::Duration> ParseTtl(const std::string& text) {
  absl::string_view t = absl::StripAsciiWhitespace(text);
  absl::Duration d;
  int64_t days = 0;
  if (absl::ConsumeSuffix(&t, "d") && absl::SimpleAtoi(t, &days)) {
    d = absl::Hours(24) * days;
  } else if (!absl::ParseDuration(std::string(absl::StripAsciiWhitespace(text)), &d)) {
    return absl::InvalidArgumentError(absl::StrCat("--ttl: \"", text, "\" is not a duration such as 90d, 12h or 30m"));
  }
  if (d <= absl::ZeroDuration()) return absl::InvalidArgumentError("--ttl must be positive");
  return d;
}

}  // namespace caitiao::cli
