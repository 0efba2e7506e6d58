// What a handler knows about the call it serves.
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/domain/principal.h"

namespace caitiao::services {

struct CallContext {
  std::string request_id;  // server-assigned, in logs and trailing metadata
  std::string method;      // full name: "caitiao.v1.CaseService/GetCase"
  std::string peer;        // the client's address without its port, e.g. "ipv4:10.1.2.3"
  domain::Principal principal;
  absl::Time now;       // when the call started; the only clock handlers use
  absl::Time deadline;  // the client's deadline, capped by the server's limit
  bool mutating = false;  // from the permission table

  // Filled in by the handler for the audit record: what the call was about
  // ("cases/<id>"), and whether the record was already committed with the
  // change itself (then the runner writes none).
  mutable std::string resource;
  mutable bool audited = false;
};

}  // namespace caitiao::services
