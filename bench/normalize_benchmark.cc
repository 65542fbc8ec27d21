// Throughput of the batch pipeline behind `shuyuan normalize` (SPEC §7:
// ≥ 200 MB/s per core on UTF-8 CSV, scaling with threads).
//
// Data: the shipped legacy sample (examples/legacy_legal_persons.csv)
// converted to UTF-8 with iconv, its last row (an unterminated quote that
// runs to the end of the file) dropped, and its data rows replicated to
// about 50 MB in a temporary directory. The mix is the sample's: about 60%
// canonical rows, 35% rows needing normalisation, 6% rejects.
//
// Baseline in the same run: BM_Baseline_RecordReader reads the same file
// through codec::RecordReader only (parsing, no validation, no output), the
// floor the pipeline cannot beat on one core. BM_Normalize_Pipeline adds
// validation, input hashing and output formatting (outputs discarded);
// BM_Normalize_Command is the whole `shuyuan normalize` run writing real
// clean, rejects and report files. bench/README.md reports pipeline /
// baseline.
#include <iconv.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "client/batch_pipeline.h"
#include "client/internal/hashing_input.h"
#include "client/normalize_command.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"

namespace shuyuan::client {
namespace {

constexpr size_t kTargetBytes = 50u << 20;

[[noreturn]] void Die(absl::string_view what) {
  std::cerr << "normalize_benchmark: " << what << "\n";
  std::exit(1);
}

std::string Gb18030ToUtf8(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) Die("iconv_open GB18030");
  std::string out;
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  std::vector<char> buffer(4 * in.size() + 16);
  while (left > 0) {
    char* dst = buffer.data();
    size_t room = buffer.size();
    const size_t rc = iconv(cd, &src, &left, &dst, &room);
    out.append(buffer.data(), dst - buffer.data());
    if (rc == static_cast<size_t>(-1)) {  // keep a bad byte as it is
      out.push_back(*src);
      ++src;
      --left;
    }
  }
  iconv_close(cd);
  return out;
}

struct Fixture {
  std::string dir;
  std::string input;
  uint64_t bytes = 0;
  codec::DefinitionSet defs;
  std::shared_ptr<const codec::CompiledSchema> schema;
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    const std::string root = SHUYUAN_SOURCE_DIR;
    absl::StatusOr<codec::DefinitionSet> defs =
        codec::DefinitionSet::Load(root + "/catalog");
    if (!defs.ok()) Die(defs.status().ToString());
    f->defs = *std::move(defs);
    auto schema = codec::CompiledSchema::Compile(
        *f->defs.FindSchema("LEGAL_PERSON_BASIC"), f->defs);
    if (!schema.ok()) Die(schema.status().ToString());
    f->schema = *schema;

    std::ifstream in(root + "/examples/legacy_legal_persons.csv",
                     std::ios::binary);
    std::stringstream raw;
    raw << in.rdbuf();
    std::string text = Gb18030ToUtf8(raw.str());
    const size_t header_end = text.find('\n') + 1;
    // Drop the last row: its quote never closes.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
      text.pop_back();
    }
    text.resize(text.rfind('\n') + 1);
    const std::string header = text.substr(0, header_end);
    const std::string body = text.substr(header_end);

    char tmpl[] = "/tmp/normalize_benchmark_XXXXXX";
    if (mkdtemp(tmpl) == nullptr) Die("mkdtemp");
    f->dir = tmpl;
    f->input = f->dir + "/legacy_utf8.csv";
    std::ofstream out(f->input, std::ios::binary);
    out << header;
    f->bytes = header.size();
    while (f->bytes < kTargetBytes) {
      out << body;
      f->bytes += body.size();
    }
    if (!out.good()) Die("cannot write " + f->input);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(GetFixture().dir, ignored);
    });
    return f;
  }();
  return *fixture;
}

codec::RecordReaderOptions Utf8Csv() {
  codec::RecordReaderOptions options;
  options.encoding = codec::TextEncoding::kUtf8;
  return options;
}

void BM_Baseline_RecordReader(benchmark::State& state) {
  const Fixture& f = GetFixture();
  uint64_t rows = 0;
  for (auto _ : state) {
    auto reader = codec::RecordReader::OpenFile(f.input, Utf8Csv());
    if (!reader.ok()) Die(reader.status().ToString());
    codec::InputRow row;
    while ((*reader)->Next(&row)) ++rows;
    benchmark::DoNotOptimize(row);
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
  state.SetItemsProcessed(rows);
}
BENCHMARK(BM_Baseline_RecordReader)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Normalize_Pipeline(benchmark::State& state) {
  const Fixture& f = GetFixture();
  auto columns = ColumnResolver::Create(*f.schema, {}, "");
  if (!columns.ok()) Die(columns.status().ToString());
  BatchOptions options;
  options.threads = static_cast<int>(state.range(0));
  uint64_t rows = 0, out_bytes = 0;
  const ByteSink discard = [&out_bytes](absl::string_view data) {
    out_bytes += data.size();
    return absl::OkStatus();
  };
  for (auto _ : state) {
    auto input = client_internal::HashingInput::Open(f.input);
    if (!input.ok()) Die(input.status().ToString());
    auto reader = codec::RecordReader::Open((*input)->stream(), Utf8Csv());
    if (!reader.ok()) Die(reader.status().ToString());
    BatchReport report;
    const absl::Status status = RunBatchPipeline(
        *columns, reader->get(), options, discard, discard, &report);
    if (!status.ok()) Die(status.ToString());
    benchmark::DoNotOptimize((*input)->HexDigest());
    rows += report.rows_in;
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
  state.SetItemsProcessed(rows);
  state.counters["out_MB"] = out_bytes / 1e6 / state.iterations();
}
BENCHMARK(BM_Normalize_Pipeline)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Normalize_Command(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const std::string threads = absl::StrCat(state.range(0));
  std::ostringstream out, err;
  for (auto _ : state) {
    const int code = RunNormalize(
        {"--defs", std::string(SHUYUAN_SOURCE_DIR) + "/catalog", "--schema",
         "LEGAL_PERSON_BASIC", "--in", f.input, "--encoding", "utf-8", "--out",
         f.dir + "/clean.csv", "--rejects", f.dir + "/rejects.jsonl",
         "--report", f.dir + "/report.json", "--threads", threads},
        out, err);
    if (code != 0) Die(err.str());
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
}
BENCHMARK(BM_Normalize_Command)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace shuyuan::client

BENCHMARK_MAIN();
