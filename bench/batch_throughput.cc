// batch_throughput: the batch figures of SPEC §7 and issue 10 (item 3). The
// real `shuyuan normalize` binary runs on generated LEGAL_PERSON_BASIC data
// (datagen: a 1 GB UTF-8 CSV, a 100 MB one, and the big one's GB18030 CSV
// and JSONL twins, 5% of rows with one injected error each), with
// --threads 1 and 2, beside baselines measured in the same run on the same
// file: `cat FILE >/dev/null`, `wc -l FILE` and the record reader alone on
// one thread. Peak RSS comes from wait4. Every run's report must give the
// generator's counts (rows_in, rows_clean, rows_rejected) and the clean and
// rejects files must be byte-identical across thread counts, or the run
// fails (exit 1): a fast wrong answer is not a figure.
//
//   build/bench/batch_throughput              # 1 GB + 100 MB, twins; minutes
//   build/bench/batch_throughput --smoke      # a few MB: seconds, for CI
//   build/bench/batch_throughput --mb 300 --small-mb 30 --no-twins
//   build/bench/batch_throughput --twin-mb 200  # twins of the first 200 MB
//   build/bench/batch_throughput --dir /big/disk --keep
//
// `make bench` runs it as its "batch" step (bench/run_all.py, which names a
// file in $SHUYUAN_FIGURES for the figures as JSON lines); `make
// bench-smoke` and CI run it with --smoke.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/internal/figure_table.h"
#include "bench/internal/timed_child.h"
#include "codec/record_reader.h"
#include "datagen/dataset_writer.h"

namespace shuyuan::bench_internal {
namespace {

namespace fs = std::filesystem;

constexpr char kSchema[] = "LEGAL_PERSON_BASIC";
constexpr char kAsOf[] = "2024-06-01";  // datagen's default reference date

struct Options {
  double mb = 1024;  // the big UTF-8 CSV, in MB (1e6 bytes)
  double small_mb = 100;
  bool twins = true;  // GB18030 and JSONL twins of the big file
  // The twins' size in MB of UTF-8 CSV (their rows are the first rows of
  // the big file's); 0 = the big file's size.
  double twin_mb = 0;
  std::string dir;    // default: a fresh folder under $TMPDIR or /tmp
  bool keep = false;  // keep the generated files
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr << "batch_throughput: " << why
            << "\nusage: batch_throughput [--smoke] [--mb N] [--small-mb N] "
               "[--no-twins] [--twin-mb N] [--dir DIR] [--keep]\n";
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--smoke") {
      options.mb = 4;
      options.small_mb = 1;
    } else if (arg == "--mb") {
      if (!absl::SimpleAtod(value(), &options.mb)) Usage("bad --mb");
    } else if (arg == "--small-mb") {
      if (!absl::SimpleAtod(value(), &options.small_mb))
        Usage("bad --small-mb");
    } else if (arg == "--twin-mb") {
      if (!absl::SimpleAtod(value(), &options.twin_mb)) Usage("bad --twin-mb");
    } else if (arg == "--no-twins") {
      options.twins = false;
    } else if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--keep") {
      options.keep = true;
    } else {
      Usage("unknown argument " + arg);
    }
  }
  if (options.mb <= 0 || options.small_mb <= 0 || options.twin_mb < 0) {
    Usage("sizes must be > 0");
  }
  return options;
}

struct Dataset {
  std::string label;  // "UTF-8 CSV 1,024 MB"
  std::string path;
  codec::RecordFormat format = codec::RecordFormat::kCsv;
  codec::TextEncoding encoding = codec::TextEncoding::kUtf8;
  datagen::DatasetSummary truth;
};

Dataset Generate(const std::string& dir, const std::string& name, uint64_t rows,
                 datagen::OutputLayout layout) {
  Dataset dataset;
  dataset.path = dir + "/" + name;
  datagen::DatasetOptions options;
  options.schema = kSchema;
  options.rows = rows;
  options.seed = 10;
  options.error_rate = 0.05;
  options.layout = layout;
  options.catalog_dir = std::string(SHUYUAN_SOURCE_DIR) + "/catalog";
  options.out_path = dataset.path;
  absl::StatusOr<datagen::DatasetSummary> summary =
      datagen::WriteDataset(options);
  if (!summary.ok()) {
    std::cerr << "batch_throughput: " << summary.status() << "\n";
    std::exit(1);
  }
  dataset.truth = *summary;
  if (layout.format == datagen::OutputFormat::kJsonl) {
    dataset.format = codec::RecordFormat::kJsonl;
  }
  if (layout.encoding == datagen::OutputEncoding::kGb18030) {
    dataset.encoding = codec::TextEncoding::kGb18030;
  }
  dataset.label = absl::StrCat(
      layout.encoding == datagen::OutputEncoding::kGb18030 ? "GB18030 "
                                                           : "UTF-8 ",
      layout.format == datagen::OutputFormat::kJsonl ? "JSONL " : "CSV ",
      Grouped(dataset.truth.bytes / 1e6), " MB");
  return dataset;
}

// Rows of generated legal persons that make about `mb` MB of UTF-8 CSV.
uint64_t RowsFor(const std::string& dir, double mb) {
  const Dataset probe = Generate(dir, "probe.csv", 2000, {});
  fs::remove(probe.path);
  const double bytes_per_row = probe.truth.bytes / 2000.0;
  return static_cast<uint64_t>(mb * 1e6 / bytes_per_row) + 1;
}

std::string Rate(double bytes, double seconds) {
  return absl::StrCat(Grouped(bytes / 1e6 / seconds, 1), " MB/s");
}

std::string Rows(double rows, double seconds) {
  return absl::StrCat(Grouped(rows / seconds), " rows/s");
}

// The integer after "key": in a report.
std::optional<uint64_t> ReportNumber(const std::string& report,
                                     const std::string& key) {
  const std::string needle = absl::StrCat("\"", key, "\": ");
  const size_t at = report.find(needle);
  if (at == std::string::npos) return std::nullopt;
  const size_t begin = at + needle.size();
  const size_t end = report.find_first_not_of("0123456789", begin);
  uint64_t n = 0;
  if (!absl::SimpleAtoi(report.substr(begin, end - begin), &n)) {
    return std::nullopt;
  }
  return n;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool SameBytes(const std::string& a, const std::string& b) {
  std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
  std::vector<char> p(1 << 20), q(1 << 20);
  while (x && y) {
    x.read(p.data(), p.size());
    y.read(q.data(), q.size());
    if (x.gcount() != y.gcount() ||
        !std::equal(p.begin(), p.begin() + x.gcount(), q.begin())) {
      return false;
    }
  }
  return x.eof() && y.eof();
}

struct Run {
  ChildRun child;
  std::string clean_path;
  std::string rejects_path;
};

// `shuyuan normalize` on `dataset` with `threads`; its report's counts are
// checked against the generator's.
Run Normalize(const Dataset& dataset, int threads, const std::string& dir,
              FigureTable* table) {
  const std::string tag = absl::StrCat(dir, "/t", threads);
  Run run{.clean_path = tag + ".clean", .rejects_path = tag + ".rejects"};
  const std::vector<std::string> argv = {
      std::string(SHUYUAN_BINARY_DIR) + "/client/shuyuan",
      "normalize",
      "--defs",
      std::string(SHUYUAN_SOURCE_DIR) + "/catalog",
      "--schema",
      kSchema,
      "--in",
      dataset.path,
      "--format",
      dataset.format == codec::RecordFormat::kJsonl ? "jsonl" : "csv",
      "--encoding",
      dataset.encoding == codec::TextEncoding::kGb18030 ? "gb18030" : "utf-8",
      "--out",
      run.clean_path,
      "--rejects",
      run.rejects_path,
      "--report",
      tag + ".report.json",
      "--threads",
      absl::StrCat(threads),
      "--as-of",
      kAsOf};
  absl::StatusOr<ChildRun> child =
      RunTimedChild(argv, "/dev/null", tag + ".stderr");
  const std::string what =
      absl::StrCat(dataset.label, ", ", threads, " thread(s)");
  if (!child.ok() || child->exit_code != 0) {
    table->Fail(absl::StrCat(
        what, ": normalize failed: ",
        child.ok() ? ReadFile(tag + ".stderr") : child.status().ToString()));
    return run;
  }
  run.child = *child;
  const std::string report = ReadFile(tag + ".report.json");
  const datagen::DatasetSummary& truth = dataset.truth;
  for (const auto& [key, want] :
       {std::pair<std::string, uint64_t>{"rows_in", truth.rows},
        {"rows_clean", truth.clean},
        {"rows_rejected", truth.rejected}}) {
    const std::optional<uint64_t> got = ReportNumber(report, key);
    if (!got || *got != want) {
      table->Fail(absl::StrCat(what, ": ", key, " ",
                               got ? absl::StrCat(*got) : "missing",
                               ", the generator's truth says ", want));
    }
  }
  return run;
}

struct ReaderRun {
  double wall_s = 0;
  uint64_t rows = 0;
};

double Now(clockid_t clock) {
  timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

// The record reader alone, in this process, on one thread.
ReaderRun ReadAlone(const Dataset& dataset, FigureTable* table) {
  codec::RecordReaderOptions options;
  options.format = dataset.format;
  options.encoding = dataset.encoding;
  ReaderRun run;
  const double start = Now(CLOCK_MONOTONIC);
  auto reader = codec::RecordReader::OpenFile(dataset.path, options);
  if (!reader.ok()) {
    table->Fail(absl::StrCat(dataset.label, ": ", reader.status().ToString()));
    return run;
  }
  codec::InputRow row;
  while ((*reader)->Next(&row)) ++run.rows;
  run.wall_s = Now(CLOCK_MONOTONIC) - start;
  if (run.rows != dataset.truth.rows) {
    table->Fail(absl::StrCat(dataset.label, ": the reader found ", run.rows,
                             " rows, the generator wrote ",
                             dataset.truth.rows));
  }
  return run;
}

ChildRun Tool(const std::vector<std::string>& argv, FigureTable* table) {
  absl::StatusOr<ChildRun> run = RunTimedChild(argv, "/dev/null", "/dev/null");
  if (!run.ok() || run->exit_code != 0) {
    table->Fail(absl::StrCat(argv[0], " failed"));
    return {};
  }
  return *run;
}

// What one dataset's runs measured.
struct Measured {
  Run one;
  Run two;
};

// Baselines and both thread counts on one dataset, into the table.
Measured MeasureDataset(const Dataset& dataset, const std::string& dir,
                        bool with_tools, FigureTable* table) {
  const double bytes = dataset.truth.bytes;
  const double rows = dataset.truth.rows;
  if (with_tools) {
    const ChildRun cat = Tool({"/bin/cat", dataset.path}, table);
    const ChildRun wc = Tool({"/usr/bin/wc", "-l", dataset.path}, table);
    table->Add({.name = "baseline: cat FILE >/dev/null, " + dataset.label,
                .value = Rate(bytes, cat.wall_s)});
    table->Add({.name = "baseline: wc -l FILE, " + dataset.label,
                .value = Rate(bytes, wc.wall_s)});
  }
  const ReaderRun reader = ReadAlone(dataset, table);
  table->Add(
      {.name = "baseline: record reader alone, 1 thread, " + dataset.label,
       .value = absl::StrCat(Rate(bytes, reader.wall_s), ", ",
                             Rows(rows, reader.wall_s))});
  Measured m;
  m.one = Normalize(dataset, 1, dir, table);
  m.two = Normalize(dataset, 2, dir, table);
  if (m.one.child.wall_s <= 0 || m.two.child.wall_s <= 0) return m;
  const double one_rate = bytes / 1e6 / m.one.child.wall_s;
  table->Add(
      {.name = "normalize --threads 1, " + dataset.label,
       .value = absl::StrCat(Rate(bytes, m.one.child.wall_s), ", ",
                             Rows(rows, m.one.child.wall_s)),
       .baseline = "record reader " + Rate(bytes, reader.wall_s),
       .ratio = m.one.child.wall_s > 0 ? reader.wall_s / m.one.child.wall_s : 0,
       .bar = ">= 200 MB/s (target 400)",
       .met = Met(one_rate >= 200)});
  table->Add({.name = "normalize --threads 1 per CPU-second, " + dataset.label,
              .value = absl::StrCat(
                  Grouped(bytes / 1e6 / m.one.child.cpu_s(), 1), " MB/CPU-s")});
  const double scale = m.one.child.wall_s / m.two.child.wall_s;
  table->Add({.name = "normalize --threads 2, " + dataset.label,
              .value = absl::StrCat(Rate(bytes, m.two.child.wall_s), ", ",
                                    Rows(rows, m.two.child.wall_s)),
              .baseline = "--threads 1 " + Rate(bytes, m.one.child.wall_s),
              .ratio = scale,
              .bar = "ratio >= 1.8",
              .met = Met(scale >= 1.8)});
  table->Add(
      {.name = "normalize CPU-seconds, 2 threads / 1 thread, " + dataset.label,
       .value = absl::StrFormat("%.2f s / %.2f s", m.two.child.cpu_s(),
                                m.one.child.cpu_s()),
       .ratio = m.two.child.cpu_s() / m.one.child.cpu_s()});
  // How much of the machine the runs got: a loaded machine shows here,
  // not as a slow pipeline.
  table->Add(
      {.name = "cores busy (CPU-s / wall-s), 1 and 2 threads, " + dataset.label,
       .value = absl::StrFormat("%.2f and %.2f",
                                m.one.child.cpu_s() / m.one.child.wall_s,
                                m.two.child.cpu_s() / m.two.child.wall_s)});
  if (!SameBytes(m.one.clean_path, m.two.clean_path) ||
      !SameBytes(m.one.rejects_path, m.two.rejects_path)) {
    table->Fail(dataset.label + ": outputs differ between 1 and 2 threads");
  }
  return m;
}

void AddMemory(const Measured& big, const Measured& small,
               const Dataset& big_data, const Dataset& small_data,
               FigureTable* table) {
  for (const auto& [threads, b, s] :
       {std::tuple<int, const Run*, const Run*>{1, &big.one, &small.one},
        {2, &big.two, &small.two}}) {
    if (b->child.max_rss_kb == 0 || s->child.max_rss_kb == 0) continue;
    const double ratio =
        static_cast<double>(b->child.max_rss_kb) / s->child.max_rss_kb;
    table->Add({.name = absl::StrCat("peak RSS, --threads ", threads, ", ",
                                     big_data.label),
                .value = absl::StrCat(Grouped(b->child.max_rss_kb / 1024.0, 1),
                                      " MiB"),
                .baseline = absl::StrCat(
                    small_data.label, " ",
                    Grouped(s->child.max_rss_kb / 1024.0, 1), " MiB"),
                .ratio = ratio,
                .bar = "ratio <= 1.10",
                .met = Met(ratio <= 1.10)});
  }
}

void RemoveOutputs(const std::string& dir, const Dataset& dataset,
                   const Options& options) {
  if (options.keep) return;
  fs::remove(dataset.path);
  for (const char* t : {"t1", "t2"}) {
    for (const char* ext : {".clean", ".rejects"}) {
      fs::remove(absl::StrCat(dir, "/", t, ext));
    }
  }
}

std::string MakeDir(const Options& options) {
  if (!options.dir.empty()) {
    fs::create_directories(options.dir);
    return options.dir;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/batch_throughput_XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) Usage("cannot create a temp dir");
  return pattern;
}

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : 0;
}

int Main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  const std::string dir = MakeDir(options);
  FigureTable table;
  const double load_before = LoadAverage();
  const uint64_t big_rows = RowsFor(dir, options.mb);
  const uint64_t small_rows = RowsFor(dir, options.small_mb);
  const Dataset small = Generate(dir, "small.csv", small_rows, {});
  const Measured small_runs = MeasureDataset(small, dir, false, &table);
  RemoveOutputs(dir, small, options);
  const Dataset big = Generate(dir, "big.csv", big_rows, {});
  const Measured big_runs = MeasureDataset(big, dir, true, &table);
  RemoveOutputs(dir, big, options);
  AddMemory(big_runs, small_runs, big, small, &table);
  if (options.twins) {
    const uint64_t twin_rows =
        options.twin_mb > 0 ? RowsFor(dir, options.twin_mb) : big_rows;
    for (const auto& [name, layout] :
         {std::pair<std::string, datagen::OutputLayout>{
              "big.gb18030.csv",
              {.encoding = datagen::OutputEncoding::kGb18030}},
          {"big.jsonl", {.format = datagen::OutputFormat::kJsonl}}}) {
      const Dataset twin = Generate(dir, name, twin_rows, layout);
      MeasureDataset(twin, dir, false, &table);
      RemoveOutputs(dir, twin, options);
    }
  }
  std::printf(
      "batch_throughput: %s rows (%s of them rejected by the "
      "generator's truth) in the big file; load average %.2f before, "
      "%.2f after; files in %s\n\n",
      Grouped(big.truth.rows).c_str(), Grouped(big.truth.rejected).c_str(),
      load_before, LoadAverage(), dir.c_str());
  table.Print(stdout);
  // `make bench` collects every tool's figures into one table.
  if (const char* figures = std::getenv("SHUYUAN_FIGURES");
      figures != nullptr && !table.AppendJsonLines(figures)) {
    std::fprintf(stderr, "error: cannot append figures to %s\n", figures);
    return 1;
  }
  if (!options.keep && options.dir.empty()) fs::remove_all(dir);
  return table.failures().empty() ? 0 : 1;
}

}  // namespace
}  // namespace shuyuan::bench_internal

int main(int argc, char** argv) {
  return shuyuan::bench_internal::Main(argc, argv);
}
