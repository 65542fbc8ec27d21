#include "server/internal/work_queue.h"

#include <functional>
#include <utility>

namespace shuyuan::server_internal {

WorkQueue::WorkQueue(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkQueue::~WorkQueue() { Stop(); }

void WorkQueue::Submit(std::function<void()> work) {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_) {
      pending_.push_back(std::move(work));
      return;
    }
  }
  work();
}

void WorkQueue::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

void WorkQueue::Loop() {
  for (;;) {
    std::function<void()> work;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](WorkQueue* q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(q->mu_) {
            return q->stopping_ || !q->pending_.empty();
          },
          this));
      if (pending_.empty()) return;  // stopping, and nothing left
      work = std::move(pending_.front());
      pending_.pop_front();
    }
    work();
  }
}

}  // namespace shuyuan::server_internal
