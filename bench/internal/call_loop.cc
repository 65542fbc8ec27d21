#include "bench/internal/call_loop.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace shuyuan::bench_internal {
namespace {

// CLOCK_MONOTONIC in nanoseconds: the clock clock_nanosleep waits on.
int64_t MonotonicNanos() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

void SleepUntilNanos(int64_t when) {
  timespec until;
  until.tv_sec = when / 1000000000;
  until.tv_nsec = when % 1000000000;
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) !=
         0) {
  }
}

// Shared with every call's completion, so that a completion arriving after
// a drain timeout still finds it alive.
struct ClosedLoopState {
  const CallStarter* start = nullptr;
  int64_t total_calls = 0;
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> next_seq{0};
  std::atomic<int64_t> completed{0};
  std::atomic<int64_t> failed{0};
  absl::Mutex mu;
  int active ABSL_GUARDED_BY(mu) = 0;  // slots still issuing calls
};

// Issues the next call of one slot; its completion issues the one after.
void Issue(const std::shared_ptr<ClosedLoopState>& state) {
  const int64_t seq = state->next_seq.fetch_add(1, std::memory_order_relaxed);
  if (state->stopping.load(std::memory_order_relaxed) ||
      (state->total_calls > 0 && seq >= state->total_calls)) {
    absl::MutexLock lock(&state->mu);
    --state->active;
    return;
  }
  (*state->start)(seq, [state](bool ok) {
    state->completed.fetch_add(1, std::memory_order_relaxed);
    if (!ok) {
      state->failed.fetch_add(1, std::memory_order_relaxed);
      state->stopping.store(true, std::memory_order_relaxed);
    }
    Issue(state);
  });
}

struct OpenLoopState {
  std::vector<int64_t> latency_ns;  // one slot per call, written once
  std::atomic<int64_t> outstanding{0};
  std::atomic<int64_t> failed{0};
  absl::Mutex mu;
  int64_t completed ABSL_GUARDED_BY(mu) = 0;
};

}  // namespace

absl::StatusOr<ClosedLoopResult> RunClosedLoop(
    const CallStarter& start, const ClosedLoopOptions& options) {
  auto state = std::make_shared<ClosedLoopState>();
  state->start = &start;
  state->total_calls = options.total_calls;
  {
    absl::MutexLock lock(&state->mu);
    state->active = options.inflight;
  }
  ClosedLoopResult result;
  const absl::Time begin = absl::Now();
  for (int i = 0; i < options.inflight; ++i) Issue(state);
  if (options.total_calls <= 0) {
    absl::SleepFor(options.warmup);
    const int64_t before = state->completed.load();
    const absl::Time from = absl::Now();
    absl::SleepFor(options.measure);
    result.calls = state->completed.load() - before;
    result.seconds = absl::ToDoubleSeconds(absl::Now() - from);
    state->stopping.store(true);
  }
  auto idle = [&state]() ABSL_SHARED_LOCKS_REQUIRED(state->mu) {
    return state->active == 0;
  };
  absl::MutexLock lock(&state->mu);
  if (!state->mu.AwaitWithTimeout(absl::Condition(&idle),
                                  options.drain_timeout)) {
    state->stopping.store(true);
    return absl::DeadlineExceededError(absl::StrCat(
        "calls still in flight ", absl::FormatDuration(options.drain_timeout),
        " after the load stopped"));
  }
  if (options.total_calls > 0) {
    result.calls = state->completed.load();
    result.seconds = absl::ToDoubleSeconds(absl::Now() - begin);
  }
  result.completed = state->completed.load();
  result.failed = state->failed.load();
  return result;
}

absl::StatusOr<OpenLoopResult> RunOpenLoop(const CallStarter& start,
                                           const OpenLoopOptions& options) {
  const int64_t warm = static_cast<int64_t>(
      options.rate * absl::ToDoubleSeconds(options.warmup));
  const int64_t total =
      warm + std::max<int64_t>(
                 1, static_cast<int64_t>(
                        options.rate * absl::ToDoubleSeconds(options.measure)));
  const double period_ns = 1e9 / options.rate;
  auto state = std::make_shared<OpenLoopState>();
  state->latency_ns.assign(total, -1);
  const int64_t t0 = MonotonicNanos() + 1000000;
  int64_t max_lag_ns = 0;
  int64_t first_send_ns = 0, last_send_ns = 0;
  for (int64_t i = 0; i < total; ++i) {
    const int64_t intended =
        t0 + static_cast<int64_t>(static_cast<double>(i) * period_ns);
    if (MonotonicNanos() < intended) SleepUntilNanos(intended);
    while (state->outstanding.load(std::memory_order_relaxed) >=
           options.max_outstanding) {
      absl::SleepFor(absl::Microseconds(50));
    }
    const int64_t now = MonotonicNanos();
    max_lag_ns = std::max(max_lag_ns, now - intended);
    if (i == warm) first_send_ns = now;
    last_send_ns = now;
    state->outstanding.fetch_add(1, std::memory_order_relaxed);
    start(i, [state, i, intended](bool ok) {
      state->latency_ns[i] = MonotonicNanos() - intended;
      if (!ok) state->failed.fetch_add(1, std::memory_order_relaxed);
      state->outstanding.fetch_sub(1, std::memory_order_relaxed);
      absl::MutexLock lock(&state->mu);
      ++state->completed;
    });
  }
  auto all_done = [&state, total]() ABSL_SHARED_LOCKS_REQUIRED(state->mu) {
    return state->completed == total;
  };
  {
    absl::MutexLock lock(&state->mu);
    if (!state->mu.AwaitWithTimeout(absl::Condition(&all_done),
                                    options.drain_timeout)) {
      return absl::DeadlineExceededError(
          absl::StrCat(total - state->completed, " calls still in flight ",
                       absl::FormatDuration(options.drain_timeout),
                       " after the last was sent"));
    }
  }
  OpenLoopResult result;
  result.latency_ns.assign(state->latency_ns.begin() + warm,
                           state->latency_ns.end());
  std::sort(result.latency_ns.begin(), result.latency_ns.end());
  result.calls = static_cast<int64_t>(result.latency_ns.size());
  result.failed = state->failed.load();
  const int64_t span_ns = last_send_ns - first_send_ns;
  result.sent_per_second = span_ns > 0 ? static_cast<double>(total - 1 - warm) *
                                             1e9 / static_cast<double>(span_ns)
                                       : options.rate;
  result.max_send_lag = absl::Nanoseconds(max_lag_ns);
  return result;
}

absl::Duration OpenLoopResult::Percentile(double q) const {
  if (latency_ns.empty()) return absl::ZeroDuration();
  const size_t rank = static_cast<size_t>(
      std::ceil(q * static_cast<double>(latency_ns.size())));
  return absl::Nanoseconds(
      latency_ns[std::clamp<size_t>(rank, 1, latency_ns.size()) - 1]);
}

void OpenLoopResult::Merge(const OpenLoopResult& other) {
  sent_per_second = calls == 0
                        ? other.sent_per_second
                        : std::min(sent_per_second, other.sent_per_second);
  calls += other.calls;
  failed += other.failed;
  max_send_lag = std::max(max_send_lag, other.max_send_lag);
  std::vector<int64_t> merged;
  merged.reserve(latency_ns.size() + other.latency_ns.size());
  std::merge(latency_ns.begin(), latency_ns.end(), other.latency_ns.begin(),
             other.latency_ns.end(), std::back_inserter(merged));
  latency_ns = std::move(merged);
}

}  // namespace shuyuan::bench_internal
