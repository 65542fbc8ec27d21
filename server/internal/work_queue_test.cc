#include "server/internal/work_queue.h"

#include <atomic>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace shuyuan::server_internal {
namespace {

TEST(WorkQueueTest, RunsEverythingSubmittedBeforeStop) {
  std::atomic<int> ran{0};
  {
    WorkQueue queue(3);
    for (int i = 0; i < 1000; ++i) queue.Submit([&] { ++ran; });
    queue.Stop();
    EXPECT_EQ(ran.load(), 1000);
    // After Stop, work runs on the caller's thread.
    queue.Submit([&] { ++ran; });
    EXPECT_EQ(ran.load(), 1001);
  }
}

TEST(WorkQueueTest, OneThreadRunsInSubmissionOrder) {
  absl::Mutex mu;
  std::vector<int> order;
  WorkQueue queue(1);
  for (int i = 0; i < 100; ++i) {
    queue.Submit([&, i] {
      absl::MutexLock lock(&mu);
      order.push_back(i);
    });
  }
  queue.Stop();
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

}  // namespace
}  // namespace shuyuan::server_internal
