#include "clients/cli_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "caitiaod address, host:port");
ABSL_FLAG(std::string, user, "cli", "caller id sent as x-caitiao-user");
ABSL_FLAG(std::string, role, "arbitration_staff",
          "caller role sent as x-caitiao-role: arbitration_staff | room_staff | reporting | admin");
ABSL_FLAG(
    std::string, region, "",
    "6-digit region code limiting the caller's scope (x-caitiao-region); for `commissions`, also the filter");
ABSL_FLAG(bool, json, false, "print protobuf JSON instead of tables");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "deadline of each call, e.g. 10s or 500ms");

ABSL_FLAG(std::string, route_stage, "received", "create-case: received | filed");
ABSL_FLAG(std::string, request_id, "", "idempotency key of a change; a new UUID when empty");
ABSL_FLAG(std::string, commission, "", "create-case: commission id overriding the file's commission_id");
ABSL_FLAG(std::string, filter, "", "list: AIP-160 filter, e.g. state = FILED AND region_code = \"420100\"");
ABSL_FLAG(int32_t, page_size, 0, "list/events/regions/commissions: page size (0 = server default)");
ABSL_FLAG(std::string, page_token, "", "list/events/regions/commissions: next_page_token of the previous page");
ABSL_FLAG(bool, all, false, "list/events/regions/commissions: follow next_page_token to the end");
ABSL_FLAG(std::string, etag, "", "update/withdraw: the etag the change is based on");
ABSL_FLAG(std::string, fields, "", "update: comma-separated Case fields to change (the update_mask)");
ABSL_FLAG(std::string, reason, "", "withdraw: why the applicant withdrew");
ABSL_FLAG(std::string, parent, "", "regions: list children of this code; create-region: the parent code");
