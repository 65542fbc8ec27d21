// Turns Ctrl-C (SIGINT) and SIGTERM into the cancellation of a long call
// (`shuyuan audit --follow`), so the call ends cleanly instead of the
// process dying mid-write.
//
//   CallCancel cancel;
//   InterruptWatcher watcher(&cancel);  // before any gRPC thread exists
//   registry.Watch(request, print, &cancel);
//   if (watcher.interrupted()) ...      // ended by Ctrl-C
//
// The constructor blocks both signals in the calling thread, so threads
// created afterwards (gRPC's) inherit the mask and a watcher thread takes
// them with sigtimedwait. The destructor stops that thread and restores the
// mask. Create it before the connection; one at a time per process. Not
// thread-safe: create and destroy it on one thread; interrupted() may be
// read from any.
#ifndef SHUYUAN_CLIENT_INTERNAL_INTERRUPT_WATCHER_H_
#define SHUYUAN_CLIENT_INTERNAL_INTERRUPT_WATCHER_H_

#include <signal.h>

#include <atomic>
#include <thread>

#include "client/connection.h"

namespace shuyuan::client_internal {

class InterruptWatcher {
 public:
  explicit InterruptWatcher(client::CallCancel* cancel);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  bool interrupted() const { return interrupted_.load(); }

 private:
  client::CallCancel* const cancel_;
  sigset_t previous_mask_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> interrupted_{false};
  std::thread thread_;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_INTERRUPT_WATCHER_H_
