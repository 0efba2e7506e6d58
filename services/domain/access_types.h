// Credentials and the audit log as plain domain structs: API tokens, client
// certificate mappings, and audit records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/domain/principal.h"

namespace caitiao::domain {

// What a credential grants; shared by tokens and certificate mappings.
struct AccessGrant {
  std::string label;  // for people; never shown to other callers
  Role role = Role::kUnspecified;
  AccessScope scope;
  bool may_unmask = false;
};

struct ApiTokenRecord {
  std::string id;
  AccessGrant grant;
  std::string secret_hash;  // SHA-256 of the bearer secret, raw bytes
  std::string created_by;
  absl::Time create_time;
  absl::Time expire_time;
  std::optional<absl::Time> revoke_time;
  std::string revoked_by;
};

struct CertificateMappingRecord {
  std::string id;
  std::string subject;
  AccessGrant grant;
  std::string created_by;
  absl::Time create_time;
  std::optional<absl::Time> revoke_time;
  std::string revoked_by;
};

// The principal a credential stands for ("token/<id>", "cert/<id>").
Principal PrincipalOf(const std::string& id, const AccessGrant& grant);

struct AuditRecord {
  int64_t sequence = 0;  // assigned by storage
  absl::Time time;
  std::string principal;  // "-" when unidentified
  std::string role;       // role name or "-"
  std::string method;     // "caitiao.v1.CaseService/UpdateCase"
  std::string resource;   // "cases/<id>", or empty
  std::string outcome;    // gRPC code name
  std::string reason;     // machine-readable reason, or empty
  std::string request_id;
  std::vector<std::string> unmasked_fields;
  std::string peer;      // the client's address without its port
  int64_t repeats = 0;   // refusals of the same kind folded into this record (refusal_tally.h)
};

struct AuditQuery {
  std::string principal, method, outcome, resource;  // exact; empty = any
  bool refused_only = false;
  bool unmasked_only = false;
  std::optional<absl::Time> start_time;  // inclusive
  std::optional<absl::Time> end_time;    // exclusive
};

}  // namespace caitiao::domain
