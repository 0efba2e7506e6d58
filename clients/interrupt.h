// Ctrl-C (SIGINT) and SIGTERM for a command that runs until interrupted
// (watch): instead of killing the process, they cancel the call in progress,
// so the command can finish its output (e.g. the last sequence seen).
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace caitiao::cli {

// While one exists, SIGINT and SIGTERM are caught. Only one at a time.
class InterruptCatcher {
 public:
  InterruptCatcher();
  ~InterruptCatcher();
  InterruptCatcher(const InterruptCatcher&) = delete;
  InterruptCatcher& operator=(const InterruptCatcher&) = delete;

  // The call an interrupt cancels (nullptr: none). A call set after an
  // interrupt is cancelled at once.
  void SetCall(grpc::ClientContext* ctx);
  bool Interrupted() const { return interrupted_.load(); }

 private:
  void Run();

  int pipe_[2] = {-1, -1};
  std::atomic<bool> interrupted_{false};
  std::mutex mu_;
  grpc::ClientContext* call_ = nullptr;  // guarded by mu_
  std::thread thread_;
};

}  // namespace caitiao::cli
