// Whole-record throughput of the compiled codec (SPEC §7: ≥ 1,000,000 clean
// records/s per core for the 20-field legal-person schema).
//
// Data: the shipped legacy sample (examples/legacy_legal_persons.csv, GB18030)
// run once through LEGAL_PERSON_BASIC from catalog/. Its rows sort into three
// pools: canonical values of valid rows ("clean"), raw values of valid rows
// that needed normalising, and raw values of invalid rows. The clean set is
// all clean rows; the dirty set mixes 75% clean, 20% needing normalisation and
// 5% invalid.
//
// Baselines in the same run: BM_Baseline_CopyRecord copies every field of a
// record into a std::string (the floor: touching the data once), and
// BM_Baseline_Re2PerField full-matches one precompiled RE2 per field (what a
// pattern-only validator costs). bench/README.md reports codec / baseline.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"
#include "re2/re2.h"

namespace shuyuan::codec {
namespace {

using Record = std::vector<std::string>;

struct Corpus {
  std::shared_ptr<const CompiledSchema> schema;
  std::vector<Record> clean;
  std::vector<Record> normalisable;
  std::vector<Record> invalid;
  DefinitionSet defs;
};

[[noreturn]] void Die(absl::string_view what) {
  std::cerr << "record_benchmark: " << what << "\n";
  std::exit(1);
}

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    const std::string root = SHUYUAN_SOURCE_DIR;
    absl::StatusOr<DefinitionSet> defs = DefinitionSet::Load(root + "/catalog");
    if (!defs.ok()) Die(defs.status().ToString());
    c->defs = *std::move(defs);
    const v1::RecordSchema* proto = c->defs.FindSchema("LEGAL_PERSON_BASIC");
    if (proto == nullptr) Die("catalog has no LEGAL_PERSON_BASIC");
    absl::StatusOr<std::shared_ptr<const CompiledSchema>> schema =
        CompiledSchema::Compile(*proto, c->defs);
    if (!schema.ok()) Die(schema.status().ToString());
    c->schema = *schema;

    RecordReaderOptions options;
    options.encoding = TextEncoding::kAuto;
    absl::StatusOr<std::unique_ptr<RecordReader>> reader =
        RecordReader::OpenFile(root + "/examples/legacy_legal_persons.csv",
                               options);
    if (!reader.ok()) Die(reader.status().ToString());
    std::vector<int> column_field;
    for (const std::string& name : (*reader)->header()) {
      column_field.push_back(c->schema->FindField(name));
    }
    const size_t n = c->schema->field_count();
    InputRow row;
    RecordResult result;
    ValidateOptions validate;
    validate.as_of = MakeDateKey(2024, 12, 31);
    while ((*reader)->Next(&row)) {
      if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) continue;
      Record raw(n);
      for (size_t col = 0; col < row.values.size() && col < column_field.size();
           ++col) {
        if (column_field[col] >= 0) raw[column_field[col]] = row.values[col];
      }
      std::vector<absl::string_view> views(raw.begin(), raw.end());
      c->schema->Validate(views, validate, &result);
      if (!result.ok()) {
        c->invalid.push_back(raw);
        continue;
      }
      Record canonical(n);
      bool changed = false;
      for (size_t i = 0; i < n; ++i) {
        canonical[i] = std::string(result.value(i));
        changed |= canonical[i] != raw[i];
      }
      c->clean.push_back(canonical);
      if (changed) c->normalisable.push_back(raw);
    }
    if (c->clean.empty() || c->normalisable.empty() || c->invalid.empty()) {
      Die("the legacy sample yielded an empty pool; regenerate examples/");
    }
    return c;
  }();
  return *corpus;
}

// 10,000 records: `mix` = {clean, normalisable, invalid} percentages.
std::vector<Record> MakeDataset(int clean_pct, int normalisable_pct) {
  const Corpus& c = GetCorpus();
  std::mt19937 rng(20211);
  std::vector<Record> out;
  for (int i = 0; i < 10000; ++i) {
    const int roll = static_cast<int>(rng() % 100);
    const std::vector<Record>& pool = roll < clean_pct ? c.clean
                                      : roll < clean_pct + normalisable_pct
                                          ? c.normalisable
                                          : c.invalid;
    out.push_back(pool[rng() % pool.size()]);
  }
  return out;
}

// Views over a dataset, built once: the benchmark measures validation only.
std::vector<std::vector<absl::string_view>> Views(
    const std::vector<Record>& data) {
  std::vector<std::vector<absl::string_view>> views;
  for (const Record& r : data) views.emplace_back(r.begin(), r.end());
  return views;
}

void RunValidation(benchmark::State& state,
                   const std::vector<std::vector<absl::string_view>>& data) {
  const CompiledSchema& schema = *GetCorpus().schema;
  RecordResult result;
  ValidateOptions options;
  options.as_of = MakeDateKey(2024, 12, 31);
  size_t i = 0;
  int64_t invalid = 0;
  for (auto _ : state) {
    schema.Validate(data[i], options, &result);
    invalid += !result.ok();
    if (++i == data.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["invalid_pct"] = benchmark::Counter(
      100.0 * static_cast<double>(invalid) /
          static_cast<double>(std::max<int64_t>(1, state.iterations())),
      benchmark::Counter::kAvgThreads);
}

void BM_Record_Clean(benchmark::State& state) {
  static const auto* data = new auto(Views(GetCorpus().clean));
  RunValidation(state, *data);
}
BENCHMARK(BM_Record_Clean)->ThreadRange(1, 2)->UseRealTime();

void BM_Record_Dirty(benchmark::State& state) {
  static const auto* records = new auto(MakeDataset(75, 20));
  static const auto* data = new auto(Views(*records));
  RunValidation(state, *data);
}
BENCHMARK(BM_Record_Dirty)->ThreadRange(1, 2)->UseRealTime();

void BM_Baseline_CopyRecord(benchmark::State& state) {
  static const auto* data = new auto(Views(GetCorpus().clean));
  std::vector<std::string> sink(GetCorpus().schema->field_count());
  size_t i = 0;
  for (auto _ : state) {
    const auto& record = (*data)[i];
    for (size_t f = 0; f < record.size(); ++f) {
      sink[f].assign(record[f].data(), record[f].size());
    }
    benchmark::DoNotOptimize(sink.data());
    if (++i == data->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_CopyRecord);

void BM_Baseline_Re2PerField(benchmark::State& state) {
  static const auto* data = new auto(Views(GetCorpus().clean));
  // One modest pattern per field, as a regex-only validator would have.
  static const auto* patterns = [] {
    auto* p = new std::vector<std::unique_ptr<RE2>>();
    for (size_t f = 0; f < GetCorpus().schema->field_count(); ++f) {
      p->push_back(std::make_unique<RE2>("[^\\x00-\\x1f]*"));
    }
    return p;
  }();
  size_t i = 0;
  for (auto _ : state) {
    const auto& record = (*data)[i];
    bool ok = true;
    for (size_t f = 0; f < record.size(); ++f) {
      ok &= RE2::FullMatch(re2::StringPiece(record[f].data(), record[f].size()),
                           *(*patterns)[f]);
    }
    benchmark::DoNotOptimize(ok);
    if (++i == data->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_Re2PerField);

}  // namespace
}  // namespace shuyuan::codec

BENCHMARK_MAIN();
