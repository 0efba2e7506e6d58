// The benchmark's workloads:
//   health     grpc.health.v1.Health/Check: the transport baseline
//   create     CreateCase, a new valid case and request id each call
//   get        GetCase of a random known case
//   list       ListCases, first page of a filter
//   list-deep  ListCases following next_page_token: each slot walks `pages`
//              pages from `start_token` (the token of page start_page), then
//              starts over
//   mixed      create / get / list in the given proportions
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/bench/load_generator.h"

namespace caitiao::bench {

struct WorkloadConfig {
  std::vector<std::string> commission_ids;  // create
  std::vector<std::string> case_ids;        // get
  std::string filter;                       // list, list-deep
  int page_size = 50;
  int pages = 20;            // list-deep: pages per walk
  std::string start_token;   // list-deep: empty = the first page
  int create_percent = 20;   // mixed
  int get_percent = 60;
  int list_percent = 20;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(const std::string& name, const WorkloadConfig& config);

}  // namespace caitiao::bench
