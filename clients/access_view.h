// The human views of AccessService answers: tokens, certificate mappings and
// audit records.
#pragma once

#include <ostream>
#include <string>

#include "absl/time/time.h"
#include "caitiao/v1/access.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// "admin", "arbitration_staff", ... ("-" when unset).
std::string RoleName(caitiao::v1::Role role);

// "commissions A, B", "room R", "regions 420000", or "all" for an admin.
std::string ScopeText(caitiao::v1::Role role, const caitiao::v1::AccessScope& scope);

// admin token list: one row per token, with its status (active, expired,
// revoked) as of `now`.
Table NewTokenTable();
void AddTokenRow(Table& table, const caitiao::v1::ApiToken& token, absl::Time now);

// admin token issue / revoke: one token over several lines.
void PrintTokenDetail(const caitiao::v1::ApiToken& token, std::ostream& out);

// admin cert list: one row per mapping.
Table NewMappingTable();
void AddMappingRow(Table& table, const caitiao::v1::CertificateMapping& mapping);

// admin cert map / revoke: one mapping over several lines.
void PrintMappingDetail(const caitiao::v1::CertificateMapping& mapping, std::ostream& out);

// admin audit: one row per record.
Table NewAuditTable();
void AddAuditRow(Table& table, const caitiao::v1::AuditRecord& record);

}  // namespace caitiao::cli
