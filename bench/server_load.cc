// server_load: the service and registry figures of SPEC §7 (issue 12), each
// beside a baseline measured in the same run, printed as one table.
//
//   build/bench/server_load            # the full run (`make bench`)
//   build/bench/server_load --smoke    # about a second of load, tiny stores
//   build/bench/server_load --target 127.0.0.1:50051   # codec figures
//                                      # against a running --bench-echo server
//
// A load generator on the gRPC callback API: closed loop (N calls in flight
// over K connections: the saturation rate) and open loop (a fixed rate,
// latency from each call's intended send time: no coordinated omission).
// It starts its own shuyuan-server (--bench-echo --quiet, a fresh store
// seeded from catalog/) unless --target is given, and stops it at the end.
// Registration and cold-start figures always use private servers and
// stores under a temporary directory.
//
// Exit code 0 when every correctness check passed (answers are checked:
// a fast wrong answer fails the run), 1 otherwise, 2 for a bad flag. Bars
// that are not met are reported, not failed: figures depend on the machine.
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "bench/internal/figure_table.h"
#include "bench/internal/load_phases.h"
#include "bench/internal/server_process.h"

namespace shuyuan::bench_internal {

namespace {

constexpr char kUsage[] = R"(usage: server_load [flags]
  --smoke               about a second of load and tiny stores (CI)
  --target HOST:PORT    codec figures against this server (it must run with
                        --bench-echo and hold the catalog); default: start one
  --token TOKEN         bearer token for --target
  --server PATH         shuyuan-server binary (default: this build's)
  --catalog DIR         definitions (default: the source tree's catalog/)
  --records CSV         legacy sample (default: examples/legacy_legal_persons.csv)
  --work-dir DIR        scratch space, removed at the end (default: a temp dir)
  --seconds S           measured seconds per closed-loop figure and round (2)
  --rounds N            rounds alternating figure and baseline (2)
  --latency-seconds S   measured seconds per open-loop rate (4)
  --inflight N          unary calls in flight (32)
  --channels K          connections (4)
  --batch N             records per ValidateBatch call (1000)
  --streams N           concurrent ValidateStream calls (4)
  --threads N           in-process codec threads (default: one per core)
  --registrations N     element versions registered each way (10000)
  --clients N           concurrent CreateVersion clients (8)
  --elements N          element versions in the cold-start store (100000)
  --entries N           entries of its big code list (1000000)
  --cold-starts N       cold starts timed, median reported (3)
  --only LIST           figure groups, comma-separated: catalog, unary,
                        latency (implies unary), batch, stream, registry;
                        default: all
)";

void ApplySmoke(LoadOptions* o) {
  o->smoke = true;
  o->measure = absl::Milliseconds(150);
  o->rounds = 1;
  o->latency_measure = absl::Milliseconds(100);
  o->inflight = 4;
  o->channels = 2;
  o->batch_records = 100;
  o->streams = 2;
  o->registrations = 200;
  o->registration_clients = 4;
  o->elements = 1000;
  o->entries = 10000;
  o->cold_starts = 1;
}

// Parses the flags into `o`; false (after printing why) on a bad one.
bool ParseFlags(int argc, char** argv, LoadOptions* o) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& a : args) {
    if (a == "--smoke") ApplySmoke(o);  // first, so later flags override
  }
  auto seconds = [](absl::Duration* d) {
    return [d](const std::string& v) {
      double s = 0;
      if (!absl::SimpleAtod(v, &s) || s <= 0) return false;
      *d = absl::Seconds(s);
      return true;
    };
  };
  auto count = [](int* n) {
    return
        [n](const std::string& v) { return absl::SimpleAtoi(v, n) && *n > 0; };
  };
  auto text = [](std::string* s) {
    return [s](const std::string& v) {
      *s = v;
      return true;
    };
  };
  const std::vector<
      std::pair<std::string, std::function<bool(const std::string&)>>>
      valued = {{"--target", text(&o->target)},
                {"--token", text(&o->token)},
                {"--server", text(&o->server_binary)},
                {"--catalog", text(&o->catalog)},
                {"--records", text(&o->records_csv)},
                {"--work-dir", text(&o->work_dir)},
                {"--seconds", seconds(&o->measure)},
                {"--rounds", count(&o->rounds)},
                {"--latency-seconds", seconds(&o->latency_measure)},
                {"--inflight", count(&o->inflight)},
                {"--channels", count(&o->channels)},
                {"--batch", count(&o->batch_records)},
                {"--streams", count(&o->streams)},
                {"--threads", count(&o->codec_threads)},
                {"--registrations", count(&o->registrations)},
                {"--clients", count(&o->registration_clients)},
                {"--elements", count(&o->elements)},
                {"--entries", count(&o->entries)},
                {"--cold-starts", count(&o->cold_starts)}};
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--smoke") continue;
    if (args[i] == "--only" && i + 1 < args.size()) {
      o->only = absl::StrSplit(args[++i], ',', absl::SkipEmpty());
      continue;
    }
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    bool known = false;
    for (const auto& [flag, set] : valued) {
      if (args[i] != flag) continue;
      known = true;
      if (i + 1 >= args.size() || !set(args[++i])) {
        std::fprintf(stderr, "server_load: %s needs a valid value\n%s",
                     flag.c_str(), kUsage);
        return false;
      }
    }
    if (!known) {
      std::fprintf(stderr, "server_load: unknown flag %s\n%s", args[i].c_str(),
                   kUsage);
      return false;
    }
  }
  return true;
}

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "unknown";
  return absl::StrFormat("%.2f %.2f %.2f", load[0], load[1], load[2]);
}

}  // namespace
}  // namespace shuyuan::bench_internal

int main(int argc, char** argv) {
  namespace bi = shuyuan::bench_internal;
  bi::LoadOptions options;
  options.server_binary = bi::DefaultServerBinary();
  options.catalog = std::string(SHUYUAN_SOURCE_DIR) + "/catalog";
  options.records_csv =
      std::string(SHUYUAN_SOURCE_DIR) + "/examples/legacy_legal_persons.csv";
  if (!bi::ParseFlags(argc, argv, &options)) return 2;
  const bool own_work_dir = options.work_dir.empty();
  if (own_work_dir) {
    options.work_dir = (std::filesystem::temp_directory_path() /
                        absl::StrCat("server_load_", getpid()))
                           .string();
  }
  std::filesystem::create_directories(options.work_dir);
  // Open-loop sends wake on time to the microsecond, not the default 50 µs.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

  const std::string load_before = bi::LoadAverage();
  const absl::Time start = absl::Now();
  bi::FigureTable table;
  bi::RunCodecFigures(options, &table);
  if (options.Runs("registry")) bi::RunRegistryFigures(options, &table);

  std::printf(
      "\nserver_load%s: %u cores; load average %s at the start, %s at "
      "the end; %.0f s\n\n",
      options.smoke ? " --smoke" : "", std::thread::hardware_concurrency(),
      load_before.c_str(), bi::LoadAverage().c_str(),
      absl::ToDoubleSeconds(absl::Now() - start));
  table.Print(stdout);
  // `make bench` collects every tool's figures into one table.
  if (const char* figures = std::getenv("SHUYUAN_FIGURES");
      figures != nullptr && !table.AppendJsonLines(figures)) {
    std::fprintf(stderr, "error: cannot append figures to %s\n", figures);
    return 1;
  }
  if (own_work_dir) std::filesystem::remove_all(options.work_dir);
  return table.failures().empty() ? 0 : 1;
}
