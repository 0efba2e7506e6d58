#include "clients/directory_room_input.h"

#include <algorithm>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli_flags.h"
#include "clients/flag_values.h"

namespace caitiao::cli {
namespace {

// "create-room needs --name, --kind" for the flags left empty.
absl::Status Missing(const char* command, const std::vector<std::pair<const char*, bool>>& flags) {
  std::vector<std::string> missing;
  for (const auto& [name, given] : flags) {
    if (!given) missing.push_back(absl::StrCat("--", name));
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(command, " needs ", absl::StrJoin(missing, ", ")));
}

}  // namespace

absl::StatusOr<caitiao::v1::RoomKind> ParseRoomKind(const std::string& text) {
  const std::string name = EnumValueName("ROOM_KIND_", text);
  caitiao::v1::RoomKind kind{};
  if (name == "ROOM_KIND_JOINT") return caitiao::v1::ROOM_KIND_JOINT_DOCKING_ROOM;
  if (name == "ROOM_KIND_UNION_STATION") return caitiao::v1::ROOM_KIND_UNION_LEGAL_SERVICE_STATION;
  if (name == "ROOM_KIND_TRIBUNAL") return caitiao::v1::ROOM_KIND_RESIDENT_ARBITRATION_TRIBUNAL;
  if (caitiao::v1::RoomKind_Parse(name, &kind) && kind != caitiao::v1::ROOM_KIND_UNSPECIFIED) return kind;
  return absl::InvalidArgumentError(
      absl::StrCat("--kind must be joint, union-station or tribunal, not \"", text, "\""));
}

absl::StatusOr<caitiao::v1::MediatorSource> ParseMediatorSource(const std::string& text) {
  std::string name = EnumValueName("MEDIATOR_SOURCE_", text);
  if (name == "MEDIATOR_SOURCE_RETIRED_JUDGE") name = "MEDIATOR_SOURCE_RETIRED_JUDGE_OR_PROCURATOR";
  caitiao::v1::MediatorSource source{};
  if (caitiao::v1::MediatorSource_Parse(name, &source) && source != caitiao::v1::MEDIATOR_SOURCE_UNSPECIFIED) {
    return source;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--source must be union-legal-team, lawyer, part-time-arbitrator, peoples-mediator, retired-judge, "
                   "union-cadre, hrss-cadre or other, not \"",
                   text, "\""));
}

absl::StatusOr<caitiao::v1::MediatorStatus> ParseMediatorStatus(const std::string& text) {
  caitiao::v1::MediatorStatus status{};
  if (caitiao::v1::MediatorStatus_Parse(EnumValueName("MEDIATOR_STATUS_", text), &status) &&
      status != caitiao::v1::MEDIATOR_STATUS_UNSPECIFIED) {
    return status;
  }
  return absl::InvalidArgumentError(absl::StrCat("--status must be active or suspended, not \"", text, "\""));
}

absl::StatusOr<caitiao::v1::MediationRoom> RoomFromFlags() {
  const std::vector<std::string> commissions = absl::GetFlag(FLAGS_commission);
  const std::vector<std::string> regions = absl::GetFlag(FLAGS_region);
  const std::string kind = absl::GetFlag(FLAGS_kind);
  const std::string opened = absl::GetFlag(FLAGS_opened);
  caitiao::v1::MediationRoom room;
  room.set_name(absl::GetFlag(FLAGS_name));
  room.set_host_organization(absl::GetFlag(FLAGS_host));
  room.set_capacity(absl::GetFlag(FLAGS_capacity));
  if (auto missing = Missing("create-room", {{"name", !room.name().empty()},
                                             {"kind", !kind.empty()},
                                             {"region", !regions.empty()},
                                             {"host", !room.host_organization().empty()},
                                             {"commission", !commissions.empty()},
                                             {"capacity", room.capacity() >= 0},
                                             {"opened", !opened.empty()}});
      !missing.ok()) {
    return missing;
  }
  auto parsed_kind = ParseRoomKind(kind);
  if (!parsed_kind.ok()) return parsed_kind.status();
  room.set_kind(*parsed_kind);
  auto region = OneValue("region", regions);
  if (!region.ok()) return region.status();
  room.set_region_code(*region);
  for (const auto& id : commissions) room.add_commission_ids(id);
  room.set_min_mediators(std::max(absl::GetFlag(FLAGS_min_mediators), 0));
  auto opened_on = ParseDate("opened", opened);
  if (!opened_on.ok()) return opened_on.status();
  *room.mutable_opened_on() = *opened_on;
  return room;
}

absl::StatusOr<caitiao::v1::Mediator> MediatorFromFlags() {
  const std::string source = absl::GetFlag(FLAGS_source);
  const std::string expiry = absl::GetFlag(FLAGS_certificate_expiry);
  const std::string term = absl::GetFlag(FLAGS_term);
  caitiao::v1::Mediator m;
  m.set_name(absl::GetFlag(FLAGS_name));
  m.set_resident_id_number(absl::GetFlag(FLAGS_id_number));
  m.set_certificate_number(absl::GetFlag(FLAGS_certificate));
  if (auto missing = Missing("create-mediator", {{"name", !m.name().empty()},
                                                 {"id-number", !m.resident_id_number().empty()},
                                                 {"source", !source.empty()},
                                                 {"certificate", !m.certificate_number().empty()},
                                                 {"certificate-expiry", !expiry.empty()},
                                                 {"term", !term.empty()}});
      !missing.ok()) {
    return missing;
  }
  auto parsed_source = ParseMediatorSource(source);
  if (!parsed_source.ok()) return parsed_source.status();
  m.set_source(*parsed_source);
  auto expiry_day = ParseDate("certificate-expiry", expiry);
  if (!expiry_day.ok()) return expiry_day.status();
  *m.mutable_certificate_expiry() = *expiry_day;
  auto term_days = ParseDateRange("term", term);
  if (!term_days.ok()) return term_days.status();
  *m.mutable_term_start() = term_days->first;
  *m.mutable_term_end() = term_days->second;
  m.set_training_hours(std::max(absl::GetFlag(FLAGS_training_hours), 0));
  m.set_established_civil_servant(absl::GetFlag(FLAGS_civil_servant));
  for (const auto& id : absl::GetFlag(FLAGS_room)) m.add_room_ids(id);
  return m;
}

}  // namespace caitiao::cli
