// JSONL row parsing (issue 10 item 5b): the hand-written flat-object parser
// (ParseFlatJsonObjectByHand, codec/internal/json_line.h) against the same
// job on simdjson's On-Demand API (ParseFlatJsonObjectSimd,
// codec/internal/json_line_simd.h; Debian libsimdjson-dev 3.0.1, whose
// On-Demand code compiles into the codec for baseline x86-64: its
// "fallback" kernel). The reader uses simdjson first and the hand-written
// parser for what simdjson does not accept.
//
// Lines: 20,000 generated LEGAL_PERSON_BASIC rows (datagen's JSONL, 5% of
// them with an injected error; the few lines that are not valid JSON or
// not valid UTF-8 are dropped, so both parsers see the same valid lines,
// as the reader would give them). Before timing, both parsers must give
// identical keys and values on every line, or the program exits 1. The
// simdjson figure includes copying each line into a padded buffer.
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "codec/internal/json_line.h"
#include "codec/internal/json_line_simd.h"
#include "codec/internal/text_decoder.h"
#include "datagen/dataset_writer.h"

namespace shuyuan {
namespace {

using codec_internal::JsonLineError;
using codec_internal::ParseFlatJsonObject;
using codec_internal::ParseFlatJsonObjectByHand;
using codec_internal::ParseFlatJsonObjectSimd;

std::vector<std::string> LoadLines() {
  char dir[] = "/tmp/json_line_benchmark_XXXXXX";
  if (mkdtemp(dir) == nullptr) std::exit(1);
  datagen::DatasetOptions options;
  options.rows = 20000;
  options.seed = 5;
  options.layout.format = datagen::OutputFormat::kJsonl;
  options.catalog_dir = std::string(SHUYUAN_SOURCE_DIR) + "/catalog";
  options.out_path = std::string(dir) + "/rows.jsonl";
  if (!datagen::WriteDataset(options).ok()) std::exit(1);
  std::ifstream in(options.out_path);
  std::vector<std::string> lines;
  std::vector<std::string> keys, values;
  JsonLineError error;
  for (std::string line; std::getline(in, line);) {
    // The reader parses rows already decoded: valid UTF-8 (bad bytes
    // become U+FFFD first).
    if (codec_internal::FindInvalidUtf8(line) == std::string::npos &&
        ParseFlatJsonObjectByHand(line, &keys, &values, &error)) {
      lines.push_back(line);
    }
  }
  std::filesystem::remove_all(dir);
  return lines;
}

const std::vector<std::string>& Lines() {
  static const auto* lines = new std::vector<std::string>(LoadLines());
  return *lines;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const std::string& line : Lines()) n += line.size();
  return n;
}

// Both parsers must agree on every line before anything is timed.
void CheckAgreement() {
  std::vector<std::string> k1, v1, k2, v2;
  JsonLineError error;
  for (const std::string& line : Lines()) {
    const bool a = ParseFlatJsonObjectByHand(line, &k1, &v1, &error);
    const bool b = ParseFlatJsonObjectSimd(line, &k2, &v2);
    if (a != b || k1 != k2 || v1 != v2) {
      std::cerr << "json_line_benchmark: the parsers disagree on " << line
                << "\n";
      std::exit(1);
    }
  }
}

void BM_JsonLine_HandWritten(benchmark::State& state) {
  std::vector<std::string> keys, values;
  JsonLineError error;
  for (auto _ : state) {
    for (const std::string& line : Lines()) {
      benchmark::DoNotOptimize(
          ParseFlatJsonObjectByHand(line, &keys, &values, &error));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.SetItemsProcessed(state.iterations() * Lines().size());
}
BENCHMARK(BM_JsonLine_HandWritten)->Unit(benchmark::kMillisecond);

void BM_JsonLine_Simdjson(benchmark::State& state) {
  std::vector<std::string> keys, values;
  for (auto _ : state) {
    for (const std::string& line : Lines()) {
      benchmark::DoNotOptimize(ParseFlatJsonObjectSimd(line, &keys, &values));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.SetItemsProcessed(state.iterations() * Lines().size());
}
BENCHMARK(BM_JsonLine_Simdjson)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace shuyuan

int main(int argc, char** argv) {
  shuyuan::CheckAgreement();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
