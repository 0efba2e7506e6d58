// Realistic, valid CreateCase requests: one or two workers with resident
// identity numbers whose check characters are right, one employer with a
// valid unified social credit code, two or three claims. The shape is drawn
// with the same probabilities as the pgbench script of tests/bench/, so that
// baseline runs the same statements on average:
//   workers   1 or 2        (1/2 each)
//   agent     the first worker has a lawyer with probability 1/2
//   employer  exactly one, no agent
//   claims    2 or 3        (1/2 each)
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "caitiao/v1/case_service.pb.h"

namespace caitiao::bench {

using Rng = std::mt19937_64;

// A random (version 4) UUID.
std::string NewUuidV4(Rng& rng);

// 18 characters: a Hubei area code, a birth date between 1965 and 2004, a
// sequence number and the GB 11643 check character.
std::string RandomResidentIdNumber(Rng& rng);

// 18 characters: "91" (an enterprise), a Hubei area code, a 9-character
// organisation code and the GB 32100 check character.
std::string RandomCreditCode(Rng& rng);

class CaseFactory {
 public:
  // Cases are spread evenly over `commission_ids` (at least one).
  explicit CaseFactory(std::vector<std::string> commission_ids);

  // A fresh request with its own request_id.
  caitiao::v1::CreateCaseRequest Next(Rng& rng) const;

 private:
  std::vector<std::string> commission_ids_;
};

}  // namespace caitiao::bench
