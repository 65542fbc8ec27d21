// WorkQueue: a fixed set of threads running closures in submission order,
// for the server's work that may wait on the disk (registry mutations
// sync the WAL). gRPC callback reactions hand such work here and return at
// once, so that they never block gRPC's own threads.
//
//   WorkQueue queue(4);
//   queue.Submit([reactor] { ... reactor->Finish(status); });
//   queue.Stop();  // runs what is queued, then joins; also in the destructor
//
// Thread-safe.
#ifndef SHUYUAN_SERVER_INTERNAL_WORK_QUEUE_H_
#define SHUYUAN_SERVER_INTERNAL_WORK_QUEUE_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace shuyuan::server_internal {

class WorkQueue {
 public:
  explicit WorkQueue(int threads);
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `work`. After Stop, runs it on the calling thread.
  void Submit(std::function<void()> work);
  // Runs everything queued, then joins the threads. Idempotent.
  void Stop();

 private:
  void Loop();

  absl::Mutex mu_;
  std::deque<std::function<void()>> pending_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;  // immutable after construction
};

}  // namespace shuyuan::server_internal

#endif  // SHUYUAN_SERVER_INTERNAL_WORK_QUEUE_H_
