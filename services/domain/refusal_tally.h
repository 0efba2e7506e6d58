// How refused calls reach the audit log (审计日志) without a flood of them
// becoming a flood of rows: the first refusal of a kind — same peer, caller,
// method and reason — in an interval is written at once; the ones after it in
// that interval are counted and written as one record, with its count, when
// the interval ends. Pure: the caller supplies the clock and does the writing.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/time.h"

namespace caitiao::domain {

struct RefusalKind {
  std::string peer;       // the client's address without its port, e.g. "ipv4:10.1.2.3"
  std::string principal;  // "-" when the caller could not be identified
  std::string role;       // the principal's role name, or "-"
  std::string method;
  std::string outcome;    // the gRPC code name, e.g. "UNAUTHENTICATED"
  std::string reason;
  bool operator<(const RefusalKind& o) const {
    return std::tie(peer, principal, role, method, outcome, reason) <
           std::tie(o.peer, o.principal, o.role, o.method, o.outcome, o.reason);
  }
};

// Refusals of one kind folded into one record.
struct RepeatedRefusal {
  RefusalKind kind;
  int64_t repeats = 0;          // refusals after the one written at once
  absl::Time last;              // when the last of them came
  std::string last_request_id;  // its request id, for the record
};

class RefusalTally {
 public:
  // `interval`: how long refusals of a kind are folded; `max_kinds`: how many
  // kinds are tracked at once (the memory bound). Past it, a new kind is
  // folded under the peer "*" (any peer) with the same method and reason.
  RefusalTally(absl::Duration interval, size_t max_kinds) : interval_(interval), max_kinds_(max_kinds) {}

  // A refusal now. True: write it now, as it is. False: it was counted, and
  // Due will return it folded.
  bool Admit(RefusalKind kind, absl::Time now, const std::string& request_id);

  // The folded refusals of every interval that has ended by `now`, each once;
  // their kinds are forgotten. Due(absl::InfiniteFuture()) returns them all.
  std::vector<RepeatedRefusal> Due(absl::Time now);

  size_t tracked() const { return open_.size(); }

 private:
  struct Open {
    absl::Time started;
    RepeatedRefusal folded;
  };
  absl::Duration interval_;
  size_t max_kinds_;
  std::map<RefusalKind, Open> open_;
  std::vector<RepeatedRefusal> pending_;  // counts of intervals ended before Due collected them
};

// "ipv4:10.1.2.3:5555" -> "ipv4:10.1.2.3"; "ipv6:[::1]:5555" -> "ipv6:[::1]";
// a peer without a port is kept whole.
std::string PeerHost(const std::string& peer);

}  // namespace caitiao::domain
