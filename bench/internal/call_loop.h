// Load shapes for asynchronous calls, independent of any service: a closed
// loop (a fixed number of calls always in flight: the saturation rate) and
// an open loop (calls sent at a fixed rate whatever the answers do, with
// each latency taken from the call's INTENDED send time, so that a slow
// answer cannot hold back the calls behind it and hide their waiting — no
// coordinated omission).
//
//   CallStarter start = [&](int64_t seq, CallDone done) {
//     auto* call = new MyCall;
//     stub->async()->Method(&call->context, &request, &call->response,
//                           [call, done](grpc::Status s) {
//                             bool ok = s.ok() && Check(call->response);
//                             delete call;
//                             done(ok);
//                           });
//   };
//   ClosedLoopResult saturated = RunClosedLoop(start, {.inflight = 32});
//   OpenLoopResult latency = RunOpenLoop(start, {.rate = 5000});
//
// The starter runs on the calling thread and on the threads that deliver
// completions; it must not block. Each Run call is synchronous; the
// functions are thread-compatible.
#ifndef SHUYUAN_BENCH_INTERNAL_CALL_LOOP_H_
#define SHUYUAN_BENCH_INTERNAL_CALL_LOOP_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace shuyuan::bench_internal {

// Called exactly once per call, from any thread, with true when the call
// succeeded and its answer passed the caller's checks.
using CallDone = std::function<void(bool ok)>;
// Starts call number `seq` (0, 1, 2, …) without blocking.
using CallStarter = std::function<void(int64_t seq, CallDone done)>;

struct ClosedLoopOptions {
  // Calls kept in flight.
  int inflight = 32;
  // Run this long before counting (connections, caches, thread pools).
  absl::Duration warmup = absl::Milliseconds(500);
  // Then count completions for this long.
  absl::Duration measure = absl::Seconds(3);
  // When > 0: instead of warmup and measure, make exactly this many calls
  // and time all of them.
  int64_t total_calls = 0;
  // How long to wait for the calls in flight at the end.
  absl::Duration drain_timeout = absl::Seconds(120);
};

struct ClosedLoopResult {
  int64_t calls = 0;  // completed in the measured window
  double seconds = 0;
  int64_t completed = 0;  // in the whole run, warm-up included
  int64_t failed = 0;     // in the whole run
  double calls_per_second() const {
    return seconds > 0 ? static_cast<double>(calls) / seconds : 0;
  }
};

// Runs a closed loop. The loop stops issuing at the first failed call.
// DeadlineExceeded when calls are still in flight after drain_timeout (the
// process cannot then safely go on).
absl::StatusOr<ClosedLoopResult> RunClosedLoop(
    const CallStarter& start, const ClosedLoopOptions& options);

struct OpenLoopOptions {
  // Calls per second, evenly spaced.
  double rate = 1000;
  absl::Duration warmup = absl::Milliseconds(500);
  absl::Duration measure = absl::Seconds(4);
  // Calls allowed in flight before the sender waits (the waiting still
  // counts in the latencies, since they run from the intended send time).
  int max_outstanding = 20000;
  absl::Duration drain_timeout = absl::Seconds(120);
};

struct OpenLoopResult {
  int64_t calls = 0;   // measured
  int64_t failed = 0;  // in the whole run
  // Measured calls over the time between their first and last actual
  // send: the offered rate when the sender kept up.
  double sent_per_second = 0;
  // How far behind its schedule the sender was at worst.
  absl::Duration max_send_lag;
  // Latencies of the measured calls, ascending.
  std::vector<int64_t> latency_ns;

  // The latency at quantile `q` (0.5, 0.99, 0.999, 1 for the maximum).
  absl::Duration Percentile(double q) const;
  // Adds the calls of another run at the same rate (runs alternating with
  // a baseline's, so that bursts of load from elsewhere hit both alike).
  void Merge(const OpenLoopResult& other);
};

// Runs an open loop; the calling thread is the sender.
absl::StatusOr<OpenLoopResult> RunOpenLoop(const CallStarter& start,
                                           const OpenLoopOptions& options);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_CALL_LOOP_H_
