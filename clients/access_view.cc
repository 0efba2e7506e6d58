#include "clients/access_view.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::Role;

std::string YesNo(bool b) { return b ? "yes" : "no"; }

std::string TokenStatus(const caitiao::v1::ApiToken& t, absl::Time now) {
  if (HasTime(t.revoke_time())) return "revoked";
  if (HasTime(t.expire_time()) && TimeOf(t.expire_time()) <= now) return "expired";
  return "active";
}

std::string MappingStatus(const caitiao::v1::CertificateMapping& m) {
  return HasTime(m.revoke_time()) ? "revoked" : "active";
}

std::string ChinaTimeOrEmpty(const google::protobuf::Timestamp& ts) {
  return HasTime(ts) ? absl::StrCat(FormatChinaTime(ts), " (UTC+8)") : "";
}


std::string Revocation(const google::protobuf::Timestamp& when, const std::string& by) {
  if (!HasTime(when)) return "";
  return absl::StrCat(ChinaTimeOrEmpty(when), by.empty() ? "" : " by ", by);
}

}  // namespace

std::string RoleName(Role role) {
  if (role == caitiao::v1::ROLE_UNSPECIFIED) return "-";
  return absl::AsciiStrToLower(WithoutPrefix(caitiao::v1::Role_Name(role), "ROLE_"));
}

std::string ScopeText(Role role, const caitiao::v1::AccessScope& scope) {
  std::vector<std::string> parts;
  if (!scope.commission_ids().empty()) {
    parts.push_back(absl::StrCat("commissions ", absl::StrJoin(scope.commission_ids(), ", ")));
  }
  if (!scope.room_id().empty()) parts.push_back(absl::StrCat("room ", scope.room_id()));
  if (!scope.region_codes().empty()) {
    parts.push_back(absl::StrCat("regions ", absl::StrJoin(scope.region_codes(), ", ")));
  }
  if (parts.empty()) return role == caitiao::v1::ROLE_ADMIN ? "all" : "-";
  return absl::StrJoin(parts, "; ");
}

Table NewTokenTable() {
  return Table({"ID", "LABEL", "ROLE", "SCOPE", "UNMASK", "EXPIRES (UTC+8)", "STATUS", "CREATED BY"});
}

void AddTokenRow(Table& table, const caitiao::v1::ApiToken& t, absl::Time now) {
  table.AddRow({t.id(), t.label(), RoleName(t.role()), ScopeText(t.role(), t.scope()), YesNo(t.unmask_personal_data()),
                FormatChinaTime(t.expire_time()), TokenStatus(t, now), DashIfEmpty(t.created_by())});
}

void PrintTokenDetail(const caitiao::v1::ApiToken& t, std::ostream& out) {
  out << "Token " << t.id() << " \"" << t.label() << "\"\n";
  PrintLine(out, "role:     ", RoleName(t.role()));
  PrintLine(out, "scope:    ", ScopeText(t.role(), t.scope()));
  PrintLine(out, "unmask:   ", t.unmask_personal_data() ? "yes (may read identity numbers and phones in full)" : "no");
  PrintLine(out, "status:   ", TokenStatus(t, absl::Now()));
  PrintLine(out, "created:  ",
            absl::StrCat(ChinaTimeOrEmpty(t.create_time()), t.created_by().empty() ? "" : " by ", t.created_by()));
  PrintLine(out, "expires:  ", ChinaTimeOrEmpty(t.expire_time()));
  PrintLine(out, "revoked:  ", Revocation(t.revoke_time(), t.revoked_by()));
}

Table NewMappingTable() {
  return Table({"ID", "SUBJECT", "LABEL", "ROLE", "SCOPE", "UNMASK", "CREATED (UTC+8)", "STATUS"});
}

void AddMappingRow(Table& table, const caitiao::v1::CertificateMapping& m) {
  table.AddRow({m.id(), m.subject(), m.label(), RoleName(m.role()), ScopeText(m.role(), m.scope()),
                YesNo(m.unmask_personal_data()), FormatChinaTime(m.create_time()), MappingStatus(m)});
}

void PrintMappingDetail(const caitiao::v1::CertificateMapping& m, std::ostream& out) {
  out << "Certificate mapping " << m.id() << " \"" << m.label() << "\"\n";
  PrintLine(out, "subject:  ", m.subject());
  PrintLine(out, "role:     ", RoleName(m.role()));
  PrintLine(out, "scope:    ", ScopeText(m.role(), m.scope()));
  PrintLine(out, "unmask:   ", m.unmask_personal_data() ? "yes (may read identity numbers and phones in full)" : "no");
  PrintLine(out, "status:   ", MappingStatus(m));
  PrintLine(out, "created:  ",
            absl::StrCat(ChinaTimeOrEmpty(m.create_time()), m.created_by().empty() ? "" : " by ", m.created_by()));
  PrintLine(out, "revoked:  ", Revocation(m.revoke_time(), m.revoked_by()));
}

Table NewAuditTable() {
  return Table({"TIME (UTC+8)", "PRINCIPAL", "ROLE", "METHOD", "RESOURCE", "OUTCOME", "REASON", "REQUEST ID",
                "UNMASKED FIELDS"});
}

void AddAuditRow(Table& table, const caitiao::v1::AuditRecord& r) {
  table.AddRow({FormatChinaTime(r.time()), DashIfEmpty(r.principal()), DashIfEmpty(r.role()),
                WithoutPrefix(r.method(), "caitiao.v1."), DashIfEmpty(r.resource()), r.outcome(), DashIfEmpty(r.reason()),
                DashIfEmpty(r.request_id()), DashIfEmpty(absl::StrJoin(r.unmasked_fields(), ","))});
}

}  // namespace caitiao::cli
