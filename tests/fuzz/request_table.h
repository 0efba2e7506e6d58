// Every RPC's request, read without a database: the table the request
// fuzzer draws from and the unit tests check against the API (a new RPC
// without an entry fails tests/unit/request_table_test.cc), with the
// invariants a refusal of a Read function must meet. Compiled by both g++
// (unit tests) and clang (tests/fuzz/fuzz.mk).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/domain/principal.h"

namespace caitiao::fuzz {

// What a Read function may know about the call besides the request.
struct Caller {
  absl::Time now;
  domain::Principal principal;
};

struct RequestEntry {
  std::string method;  // full name: "caitiao.v1.CaseService/CreateCase"
  const google::protobuf::Descriptor* request;
  // A new, empty request message of the method.
  std::function<std::unique_ptr<google::protobuf::Message>()> make;
  // The method's Read function on `request` (of the type `make` gives): OK
  // or the refusal.
  std::function<absl::Status(const google::protobuf::Message& request, const Caller& caller)> read;
  // The codes its refusals may carry (INVALID_ARGUMENT for most).
  std::vector<absl::StatusCode> codes;
};

// One entry per RPC of caitiao.v1, in proto order.
const std::vector<RequestEntry>& RequestTable();

// A few callers of different roles and scopes, at a fixed time.
const std::vector<Caller>& Callers();

// Why `refusal` (from `entry.read` on `request`) breaks the rules, or "" if
// it does not: a code the entry allows; a reason from the catalogue
// (services/domain/reasons.h) whose code it carries; a valid UTF-8 message;
// field violations with clean text that each name a field of `request` by
// its path ("case.applicants[0].name": every segment a field of the
// message it walks into, every index within its repeated field).
std::string RefusalProblem(const RequestEntry& entry, const google::protobuf::Message& request,
                           const absl::Status& refusal);

// "" if `path` names a field of `message` (as RefusalProblem walks it), else why not.
std::string FieldPathProblem(const google::protobuf::Message& message, const std::string& path);

}  // namespace caitiao::fuzz
