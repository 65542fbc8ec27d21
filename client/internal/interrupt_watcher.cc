#include "client/internal/interrupt_watcher.h"

#include <pthread.h>

#include <ctime>

namespace shuyuan::client_internal {

InterruptWatcher::InterruptWatcher(client::CallCancel* cancel)
    : cancel_(cancel) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, &previous_mask_);
  thread_ = std::thread([this, signals] {
    // Polls so that the destructor can stop the thread without a signal.
    const timespec poll = {0, 100 * 1000 * 1000};
    while (!stop_.load()) {
      if (sigtimedwait(&signals, nullptr, &poll) > 0) {
        interrupted_.store(true);
        cancel_->Cancel();
        return;
      }
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  stop_.store(true);
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

}  // namespace shuyuan::client_internal
