#include "clients/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace caitiao::cli {
namespace {

// The write end of the catcher's pipe, for the signal handler.
std::atomic<int> g_wake_fd{-1};
struct sigaction g_old_int, g_old_term;

constexpr char kInterrupt = 'i';
constexpr char kQuit = 'q';

// Async-signal-safe: one write(2).
void OnSignal(int) {
  const int saved = errno;
  const int fd = g_wake_fd.load();
  if (fd >= 0) {
    const ssize_t n = write(fd, &kInterrupt, 1);
    (void)n;
  }
  errno = saved;
}

}  // namespace

InterruptCatcher::InterruptCatcher() {
  if (pipe(pipe_) != 0) return;  // no pipe: the signals keep their default action
  g_wake_fd.store(pipe_[1]);
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
  thread_ = std::thread([this] { Run(); });
}

InterruptCatcher::~InterruptCatcher() {
  if (pipe_[0] < 0) return;
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  g_wake_fd.store(-1);
  const ssize_t n = write(pipe_[1], &kQuit, 1);
  (void)n;
  thread_.join();
  close(pipe_[0]);
  close(pipe_[1]);
}

void InterruptCatcher::SetCall(grpc::ClientContext* ctx) {
  std::lock_guard<std::mutex> lock(mu_);
  call_ = ctx;
  if (call_ != nullptr && interrupted_.load()) call_->TryCancel();
}

void InterruptCatcher::Run() {
  for (;;) {
    char c = 0;
    const ssize_t n = read(pipe_[0], &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || c == kQuit) return;
    interrupted_.store(true);
    std::lock_guard<std::mutex> lock(mu_);
    if (call_ != nullptr) call_->TryCancel();
  }
}

}  // namespace caitiao::cli
