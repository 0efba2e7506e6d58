#include "clients/bench/workloads.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace caitiao::bench {
namespace {

namespace v1 = caitiao::v1;
namespace health = grpc::health::v1;

// A thread keeps at most this many of the ids it created (for mixed reads).
constexpr size_t kMaxCreatedIds = 200000;

using CreateCall = UnaryCall<v1::CaseService::Stub, v1::CreateCaseRequest, v1::Case>;
using GetCall = UnaryCall<v1::CaseService::Stub, v1::GetCaseRequest, v1::Case>;
using ListCall = UnaryCall<v1::CaseService::Stub, v1::ListCasesRequest, v1::ListCasesResponse>;
using HealthCall = UnaryCall<health::Health::Stub, health::HealthCheckRequest, health::HealthCheckResponse>;

class HealthWorkload : public Workload {
 public:
  std::unique_ptr<Call> NewCall(Worker& w, int) override {
    return std::make_unique<HealthCall>(w.health.get(), &health::Health::Stub::PrepareAsyncCheck, Op::kHealth);
  }
};

class CreateWorkload : public Workload {
 public:
  explicit CreateWorkload(std::vector<std::string> commission_ids) : factory_(std::move(commission_ids)) {}
  std::unique_ptr<Call> NewCall(Worker& w, int) override {
    auto call = std::make_unique<CreateCall>(w.cases.get(), &v1::CaseService::Stub::PrepareAsyncCreateCase,
                                             Op::kCreate);
    call->request = factory_.Next(w.rng);
    call->on_ok = [](Worker& w, const v1::Case& c) {
      if (w.created_ids.size() < kMaxCreatedIds) w.created_ids.push_back(c.id());
    };
    return call;
  }

 private:
  CaseFactory factory_;
};

class GetWorkload : public Workload {
 public:
  explicit GetWorkload(std::vector<std::string> ids) : ids_(std::move(ids)) {}
  std::unique_ptr<Call> NewCall(Worker& w, int) override {
    auto call = std::make_unique<GetCall>(w.cases.get(), &v1::CaseService::Stub::PrepareAsyncGetCase, Op::kGet);
    // Known ids, and those this thread created during the run.
    const size_t n = ids_.size() + w.created_ids.size();
    const size_t i = std::uniform_int_distribution<size_t>(0, n - 1)(w.rng);
    call->request.set_id(i < ids_.size() ? ids_[i] : w.created_ids[i - ids_.size()]);
    return call;
  }

 private:
  const std::vector<std::string> ids_;
};

class ListWorkload : public Workload {
 public:
  ListWorkload(std::string filter, int page_size) : filter_(std::move(filter)), page_size_(page_size) {}
  std::unique_ptr<Call> NewCall(Worker& w, int) override {
    auto call =
        std::make_unique<ListCall>(w.cases.get(), &v1::CaseService::Stub::PrepareAsyncListCases, Op::kList);
    call->request.set_filter(filter_);
    call->request.set_page_size(page_size_);
    call->on_ok = [](Worker& w, const v1::ListCasesResponse& r) {
      w.items[static_cast<size_t>(Op::kList)] += r.cases_size();
      ++w.item_calls[static_cast<size_t>(Op::kList)];
    };
    return call;
  }

 private:
  const std::string filter_;
  const int page_size_;
};

class ListDeepWorkload : public Workload {
 public:
  ListDeepWorkload(std::string filter, int page_size, int pages, std::string start_token)
      : filter_(std::move(filter)), page_size_(page_size), pages_(pages), start_token_(std::move(start_token)) {}

  bool SupportsOpenLoop() const override { return false; }

  void PrepareWorker(Worker& w, int slots) override {
    w.slot_tokens.assign(static_cast<size_t>(slots), start_token_);
    w.slot_pages.assign(static_cast<size_t>(slots), 0);
  }

  std::unique_ptr<Call> NewCall(Worker& w, int slot) override {
    auto call =
        std::make_unique<ListCall>(w.cases.get(), &v1::CaseService::Stub::PrepareAsyncListCases, Op::kList);
    call->request.set_filter(filter_);
    call->request.set_page_size(page_size_);
    call->request.set_page_token(w.slot_tokens[static_cast<size_t>(slot)]);
    call->on_ok = [this, slot](Worker& w, const v1::ListCasesResponse& r) {
      w.items[static_cast<size_t>(Op::kList)] += r.cases_size();
      ++w.item_calls[static_cast<size_t>(Op::kList)];
      const size_t s = static_cast<size_t>(slot);
      if (r.next_page_token().empty() || ++w.slot_pages[s] >= pages_) {
        Restart(w, s);
      } else {
        w.slot_tokens[s] = r.next_page_token();
      }
    };
    call->on_error = [this, slot](Worker& w) { Restart(w, static_cast<size_t>(slot)); };
    return call;
  }

 private:
  void Restart(Worker& w, size_t slot) const {
    w.slot_tokens[slot] = start_token_;
    w.slot_pages[slot] = 0;
  }

  const std::string filter_;
  const int page_size_;
  const int pages_;
  const std::string start_token_;
};

class MixedWorkload : public Workload {
 public:
  MixedWorkload(const WorkloadConfig& config)
      : create_(config.commission_ids),
        get_(config.case_ids),
        list_(config.filter, config.page_size),
        create_percent_(config.create_percent),
        get_percent_(config.get_percent) {}

  std::unique_ptr<Call> NewCall(Worker& w, int slot) override {
    const int roll = std::uniform_int_distribution<int>(0, 99)(w.rng);
    if (roll < create_percent_) return create_.NewCall(w, slot);
    if (roll < create_percent_ + get_percent_) return get_.NewCall(w, slot);
    return list_.NewCall(w, slot);
  }

 private:
  CreateWorkload create_;
  GetWorkload get_;
  ListWorkload list_;
  const int create_percent_;
  const int get_percent_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(const std::string& name, const WorkloadConfig& config) {
  const bool needs_commissions = name == "create" || name == "mixed";
  const bool needs_ids = name == "get" || name == "mixed";
  if (needs_commissions && config.commission_ids.empty()) {
    return absl::FailedPreconditionError("no commission to create cases in (see --commission_region)");
  }
  if (needs_ids && config.case_ids.empty()) {
    return absl::FailedPreconditionError("no case ids to read (see --ids_file, --preload)");
  }
  if (name == "health") return std::make_unique<HealthWorkload>();
  if (name == "create") return std::make_unique<CreateWorkload>(config.commission_ids);
  if (name == "get") return std::make_unique<GetWorkload>(config.case_ids);
  if (name == "list") return std::make_unique<ListWorkload>(config.filter, config.page_size);
  if (name == "list-deep") {
    return std::make_unique<ListDeepWorkload>(config.filter, config.page_size, config.pages, config.start_token);
  }
  if (name == "mixed") {
    if (config.create_percent < 0 || config.get_percent < 0 || config.list_percent < 0 ||
        config.create_percent + config.get_percent + config.list_percent != 100) {
      return absl::InvalidArgumentError("--mix percentages must be non-negative and add up to 100");
    }
    return std::make_unique<MixedWorkload>(config);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown workload \"", name, "\": health, create, get, list, list-deep or mixed"));
}

}  // namespace caitiao::bench
