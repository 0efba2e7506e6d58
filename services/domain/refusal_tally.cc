#include "services/domain/refusal_tally.h"

namespace caitiao::domain {

bool RefusalTally::Admit(RefusalKind kind, absl::Time now, const std::string& request_id) {
  auto it = open_.find(kind);
  if (it == open_.end() && open_.size() >= max_kinds_) {
    kind.peer.assign(1, '*');  // (not = "*": g++ 12 -Wrestrict false positive)
    it = open_.find(kind);
    if (it == open_.end()) {
      // Even the overflow kind is new: it gets one slot past the bound, once
      // per method and reason, which the server's methods and reasons bound.
      open_.emplace(kind, Open{now, RepeatedRefusal{kind, 0, now, request_id}});
      return true;
    }
  }
  if (it == open_.end() || now - it->second.started >= interval_) {
    // A new kind, or the interval of an old one has ended (Due had not yet
    // collected it): the old one's count stays for Due; this one is written.
    if (it != open_.end() && it->second.folded.repeats > 0) {
      pending_.push_back(it->second.folded);
    }
    open_.insert_or_assign(kind, Open{now, RepeatedRefusal{kind, 0, now, request_id}});
    return true;
  }
  it->second.folded.repeats += 1;
  it->second.folded.last = now;
  it->second.folded.last_request_id = request_id;
  return false;
}

std::vector<RepeatedRefusal> RefusalTally::Due(absl::Time now) {
  std::vector<RepeatedRefusal> due;
  due.swap(pending_);
  for (auto it = open_.begin(); it != open_.end();) {
    if (now - it->second.started >= interval_ || now == absl::InfiniteFuture()) {
      if (it->second.folded.repeats > 0) due.push_back(it->second.folded);
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
  return due;
}

std::string PeerHost(const std::string& peer) {
  const size_t colon = peer.rfind(':');
  const size_t scheme = peer.find(':');
  if (colon == std::string::npos || colon == scheme) return peer;
  const size_t bracket = peer.rfind(']');
  if (bracket != std::string::npos && bracket > colon) return peer;  // "ipv6:[::1]" without a port
  return peer.substr(0, colon);
}

}  // namespace caitiao::domain
