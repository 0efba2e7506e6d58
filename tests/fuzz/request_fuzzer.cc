// Every RPC's request through its Read function (services/*/*_requests.h),
// without a database or a gRPC server. Input: byte 0 picks the method from
// tests/fuzz/request_table.h (index mod the table size), byte 1 the caller
// (role and scope), the rest is the request message on the wire; input that
// does not parse as that message is skipped (gRPC refuses it before any
// handler runs). Invariants: no crash or UB; a refusal carries a code the
// method documents, a catalogue reason with that reason's code, valid UTF-8
// text and field violations naming fields of the request; reading is a pure
// function of its input (the same request reads the same twice).
//
// CAITIAO_LIST_METHODS=1 ./request_fuzzer prints "index method request-type"
// per line and exits: run_fuzzers.sh uses it to encode the seeds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "google/protobuf/stubs/logging.h"
#include "tests/fuzz/fuzz_common.h"
#include "tests/fuzz/request_table.h"

using caitiao::fuzz::Callers;
using caitiao::fuzz::RefusalProblem;
using caitiao::fuzz::RequestTable;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Most inputs do not parse (strings must be UTF-8); protobuf would log each.
  google::protobuf::SetLogHandler(nullptr);
  if (const char* list = std::getenv("CAITIAO_LIST_METHODS"); list != nullptr && std::string(list) == "1") {
    const auto& table = RequestTable();
    for (size_t i = 0; i < table.size(); ++i) {
      std::printf("%zu %s %s\n", i, table[i].method.c_str(), table[i].request->full_name().c_str());
    }
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const auto& table = RequestTable();
  const auto& entry = table[data[0] % table.size()];
  const auto& caller = Callers()[data[1] % Callers().size()];
  const auto request = entry.make();
  if (!request->ParseFromArray(data + 2, static_cast<int>(size - 2))) return 0;

  const absl::Status status = entry.read(*request, caller);
  if (const std::string problem = RefusalProblem(entry, *request, status); !problem.empty()) {
    std::fprintf(stderr, "%s refused badly: %s\n  status: %s\n", entry.method.c_str(), problem.c_str(),
                 status.ToString().c_str());
    FUZZ_CHECK(problem.empty());
  }
  FUZZ_CHECK(entry.read(*request, caller) == status);
  return 0;
}
