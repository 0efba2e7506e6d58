#include "clients/cli_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "caitiaod address, host:port");
ABSL_FLAG(std::string, token, "", "API token, sent as `authorization: Bearer TOKEN` (env CAITIAO_TOKEN)");
ABSL_FLAG(std::string, token_file, "", "file whose first line is the API token (env CAITIAO_TOKEN_FILE)");
ABSL_FLAG(std::string, ca, "", "PEM root certificate(s) of the server: connect with TLS");
ABSL_FLAG(std::string, cert, "", "PEM client certificate for mutual TLS (with --key)");
ABSL_FLAG(std::string, key, "", "PEM private key of --cert");
ABSL_FLAG(std::string, server_name, "", "TLS: the name to verify the server certificate against");
ABSL_FLAG(bool, json, false, "print protobuf JSON instead of tables");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "deadline of each call, e.g. 10s or 500ms");

ABSL_FLAG(std::string, route_stage, "received", "create-case: received | filed");
ABSL_FLAG(std::string, request_id, "", "idempotency key of a change; a new UUID when empty");
ABSL_FLAG(std::vector<std::string>, commission, {},
          "create-case: commission id overriding the file's commission_id; admin token issue / cert map: "
          "a commission in scope (repeatable)");
ABSL_FLAG(std::string, filter, "", "list, report: AIP-160 filter, e.g. state = FILED AND region_code = \"420100\"");
ABSL_FLAG(int32_t, page_size, 0, "list commands: page size (0 = server default)");
ABSL_FLAG(std::string, page_token, "", "list commands: next_page_token of the previous page");
ABSL_FLAG(bool, all, false,
          "list commands: follow next_page_token to the end; admin token/cert list: also revoked and expired ones");
ABSL_FLAG(std::string, etag, "", "update/withdraw: the etag the change is based on");
ABSL_FLAG(std::string, fields, "", "update: comma-separated Case fields to change (the update_mask)");
ABSL_FLAG(std::string, reason, "", "withdraw: why the applicant withdrew");
ABSL_FLAG(std::string, parent, "", "regions: list children of this code; create-region: the parent code");
ABSL_FLAG(bool, unmask, false,
          "get: identity numbers and phones in full (audited); admin token issue / cert map: allow that");

ABSL_FLAG(std::string, role, "", "admin token issue / cert map: admin | arbitration_staff | room_staff | reporting");
ABSL_FLAG(std::string, label, "", "admin token issue / cert map: a name for people, 1..100 characters");
ABSL_FLAG(std::string, room, "", "admin token issue / cert map: the mediation room (room_staff)");
ABSL_FLAG(std::vector<std::string>, region, {},
          "admin token issue / cert map: a 6-digit region code in scope (reporting; repeatable)");
ABSL_FLAG(std::string, ttl, "", "admin token issue: validity, e.g. 90d, 12h, 30m (default 90d; 1h..400d)");
ABSL_FLAG(std::string, principal, "", "admin audit: only this principal, e.g. token/ID");
ABSL_FLAG(std::string, method, "", "admin audit: only this method, e.g. CaseService/GetCase");
ABSL_FLAG(std::string, outcome, "", "admin audit: only this status code, e.g. PERMISSION_DENIED");
ABSL_FLAG(std::string, resource, "", "admin audit: only this resource, e.g. cases/ID");
ABSL_FLAG(bool, refused, false, "admin audit: only refusals (UNAUTHENTICATED, PERMISSION_DENIED)");
ABSL_FLAG(bool, unmasked, false, "admin audit: only unmasked reads of personal data");
ABSL_FLAG(int32_t, limit, 50, "admin audit: at most this many records, newest first");

ABSL_FLAG(std::string, resume, "", "report export: continue after the case that carried this resume token");
