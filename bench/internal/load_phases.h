// The figures of build/bench/server_load (issue 12, SPEC §7), grouped by
// what they exercise. Each phase adds its figures, every one beside a
// baseline measured in the same run, to one FigureTable, and records a
// correctness failure for every wrong answer or failed call.
//
//   LoadOptions options = ...;              // from the command line
//   FigureTable table;
//   RunCodecFigures(options, &table);      // its own seeded server, or
//                                          // options.target
//   RunRegistryFigures(options, &table);   // private servers and stores
//   table.Print(stdout);
//
// Not thread-safe; the phases run one after the other.
#ifndef SHUYUAN_BENCH_INTERNAL_LOAD_PHASES_H_
#define SHUYUAN_BENCH_INTERNAL_LOAD_PHASES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/internal/figure_table.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace shuyuan::bench_internal {

struct LoadOptions {
  // A running server for the codec figures, HOST:PORT; empty: start one
  // (--bench-echo --quiet, a fresh store seeded from `catalog`). The
  // target must serve Echo (--bench-echo) and hold the catalog.
  std::string target;
  // Bearer token sent with every call; empty: none (loopback servers
  // without --tokens).
  std::string token;
  // Default: the shuyuan-server of the same build.
  std::string server_binary;
  // The standard catalog (seed of our server, and the in-process codec).
  std::string catalog;
  // The legacy legal-person sample whose valid rows are the records.
  std::string records_csv;
  // Scratch space for stores and logs; removed at the end.
  std::string work_dir;
  // About a second of load per figure and tiny stores: for CI, where
  // only the correctness checks matter.
  bool smoke = false;
  // Closed loop: calls in flight, over this many connections.
  int inflight = 32;
  int channels = 4;
  // Measured time per closed-loop figure and round; rounds alternate the
  // figure and its baseline, so that load from elsewhere hits both.
  absl::Duration measure = absl::Seconds(2);
  int rounds = 2;
  // Measured time per open-loop rate.
  absl::Duration latency_measure = absl::Seconds(4);
  // Records per ValidateBatch call; ValidateStream streams in parallel.
  int batch_records = 1000;
  int streams = 4;
  // Threads of the in-process codec baseline; 0: one per core.
  int codec_threads = 0;
  // Element versions registered each way, and concurrent clients for the
  // one-by-one CreateVersion figure.
  int registrations = 10000;
  int registration_clients = 8;
  // The cold-start store: element versions, and entries of its big list.
  int elements = 100000;
  int entries = 1000000;
  // Cold starts timed (the median is reported).
  int cold_starts = 3;
  // Figure groups to run: "catalog", "unary", "latency", "batch"
  // (ValidateBatch), "stream" (ValidateStream), "registry" (registrations
  // and cold start). Empty: all. For profiling one of them.
  std::vector<std::string> only;

  bool Runs(const std::string& group) const;
};

// Unary ValidateRecord against Echo (saturation and latency at fixed
// rates), ValidateBatch and ValidateStream against the in-process codec,
// the catalog's compile time and the server's memory with it compiled.
void RunCodecFigures(const LoadOptions& options, FigureTable* table);

// Registrations through the server against the registry library, and the
// cold start of a server on a big store against a bare RocksDB open.
void RunRegistryFigures(const LoadOptions& options, FigureTable* table);

// `count` connections to `address`, each on its own subchannel (so its own
// TCP connection and its own server-side transport).
std::vector<std::shared_ptr<grpc::Channel>> OpenChannels(
    const std::string& address, int count);

// Adds "authorization: Bearer TOKEN" unless `token` is empty.
void AddToken(const std::string& token, grpc::ClientContext* context);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_LOAD_PHASES_H_
