// The ceiling (issue 10 item 2): records/s of the codec's
// CompiledSchema::Validate (compiled from catalog/) against a hand-written,
// hard-coded validator of the same rules (bench/internal/hand_validator.h),
// on the same in-memory rows, in one binary and one run.
//
// Rows come from the data generator (build/datagen/shuyuan-datagen, run once
// per dataset at start-up): LEGAL_PERSON_BASIC and NATURAL_PERSON_BASIC,
// clean (error rate 0; the rows still need normalising: Chinese dates,
// 15-digit IDs, 男/女, full-width digits …) and with 5% errors. Before a
// benchmark times anything it validates every row once and compares the
// verdict and primary issue with the generator's truth; each timed pass
// over the rows counts the invalid ones again. A wrong answer fails the run
// (SkipWithError), so a fast wrong validator reports no figure.
//
// After the runs a table gives codec / hand per dataset. Bar: ≥ 0.5.
//
//   build/bench/ceiling_benchmark [--rows=N] [--benchmark_min_time=2] ...
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/internal/hand_validator.h"
#include "bench/internal/truth_rows.h"
#include "benchmark/benchmark.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"

namespace shuyuan::bench_internal {
namespace {

// The generator's default reference date; both validators use it.
constexpr Day kAsOf = 20240601;
int64_t g_rows = 20000;

[[noreturn]] void Die(absl::string_view what) {
  std::cerr << "ceiling_benchmark: " << what << "\n";
  std::exit(1);
}

struct Engines {
  codec::DefinitionSet defs;
  std::map<std::string, std::shared_ptr<const codec::CompiledSchema>> schemas;
  std::unique_ptr<HandValidator> hand;
};

const Engines& GetEngines() {
  static const Engines* engines = [] {
    auto* e = new Engines();
    absl::StatusOr<codec::DefinitionSet> defs = codec::DefinitionSet::Load(
        std::string(SHUYUAN_SOURCE_DIR) + "/catalog");
    if (!defs.ok()) Die(defs.status().ToString());
    e->defs = *std::move(defs);
    for (const char* id : {"LEGAL_PERSON_BASIC", "NATURAL_PERSON_BASIC"}) {
      const v1::RecordSchema* proto = e->defs.FindSchema(id);
      if (proto == nullptr) Die(absl::StrCat("catalog has no ", id));
      auto schema = codec::CompiledSchema::Compile(*proto, e->defs);
      if (!schema.ok()) Die(schema.status().ToString());
      e->schemas[id] = *schema;
    }
    absl::StatusOr<std::unique_ptr<HandValidator>> hand =
        HandValidator::Create(e->defs);
    if (!hand.ok()) Die(hand.status().ToString());
    e->hand = *std::move(hand);
    return e;
  }();
  return *engines;
}

// One generated dataset, made on first use.
const absl::StatusOr<TruthRows>& GetRows(const std::string& schema,
                                         double error_rate) {
  static auto* cache = new std::map<std::string, absl::StatusOr<TruthRows>>();
  const std::string key = absl::StrCat(schema, "/", error_rate);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  TruthOptions options;
  options.generator =
      std::string(SHUYUAN_BINARY_DIR) + "/datagen/shuyuan-datagen";
  options.schema = schema;
  options.rows = g_rows;
  options.seed = 20261130;
  options.error_rate = error_rate;
  options.catalog = std::string(SHUYUAN_SOURCE_DIR) + "/catalog";
  return cache
      ->emplace(key,
                GenerateTruthRows(options, *GetEngines().schemas.at(schema)))
      .first->second;
}

// The codec on one schema: its primary issue per record.
class CodecRun {
 public:
  explicit CodecRun(const std::string& schema)
      : schema_(*GetEngines().schemas.at(schema)) {
    options_.as_of = kAsOf;
  }
  v1::IssueCode operator()(absl::Span<const absl::string_view> values) {
    schema_.Validate(values, options_, &result_);
    return result_.ok() ? v1::ISSUE_CODE_UNSPECIFIED : PrimaryIssue(result_);
  }

 private:
  const codec::CompiledSchema& schema_;
  codec::ValidateOptions options_;
  codec::RecordResult result_;
};

// The hand-written validator of one schema.
class HandRun {
 public:
  explicit HandRun(const std::string& schema)
      : hand_(*GetEngines().hand),
        validate_(schema == "LEGAL_PERSON_BASIC"
                      ? &HandValidator::ValidateLegalPerson
                      : &HandValidator::ValidateNaturalPerson),
        record_(std::make_unique<HandRecord>()) {}
  v1::IssueCode operator()(absl::Span<const absl::string_view> values) {
    return (hand_.*validate_)(values, kAsOf, record_.get()).issue;
  }

 private:
  const HandValidator& hand_;
  HandOutcome (HandValidator::*validate_)(absl::Span<const absl::string_view>,
                                          Day, HandRecord*) const;
  std::unique_ptr<HandRecord> record_;
};

// Every row's verdict and primary issue against the truth; "" when all agree.
template <typename Run>
std::string CheckAgainstTruth(const TruthRows& rows, Run& validate) {
  for (size_t i = 0; i < rows.views.size(); ++i) {
    const v1::IssueCode got = validate(rows.views[i]);
    if (got != rows.expected[i]) {
      return absl::StrCat("row ", i, ": expected ",
                          v1::IssueCode_Name(rows.expected[i]), ", got ",
                          v1::IssueCode_Name(got));
    }
  }
  return "";
}

template <typename Run>
void BM_Rows(benchmark::State& state, const char* schema, double error_rate) {
  const absl::StatusOr<TruthRows>& generated = GetRows(schema, error_rate);
  if (!generated.ok()) {
    state.SkipWithError(generated.status().ToString().c_str());
    return;
  }
  const TruthRows& rows = *generated;
  Run validate(schema);
  const std::string wrong = CheckAgainstTruth(rows, validate);
  if (!wrong.empty()) {
    state.SkipWithError(wrong.c_str());
    return;
  }
  const int64_t expected_invalid =
      static_cast<int64_t>(rows.views.size()) - rows.clean;
  size_t i = 0;
  int64_t invalid = 0;
  for (auto _ : state) {
    invalid += validate(rows.views[i]) != v1::ISSUE_CODE_UNSPECIFIED;
    if (++i == rows.views.size()) {
      if (invalid != expected_invalid) {
        state.SkipWithError(absl::StrCat("a pass found ", invalid,
                                         " invalid rows; the truth "
                                         "says ",
                                         expected_invalid)
                                .c_str());
        break;
      }
      i = 0;
      invalid = 0;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["invalid_pct"] = 100.0 *
                                  static_cast<double>(expected_invalid) /
                                  static_cast<double>(rows.views.size());
}

// Registers the hand-written and codec benchmarks of one dataset.
void RegisterDataset(const char* label, const char* schema, double error_rate) {
  benchmark::RegisterBenchmark(absl::StrCat("BM_Hand_", label).c_str(),
                               BM_Rows<HandRun>, schema, error_rate);
  benchmark::RegisterBenchmark(absl::StrCat("BM_Codec_", label).c_str(),
                               BM_Rows<CodecRun>, schema, error_rate);
}

// Console output, then codec / hand per dataset.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    // With --benchmark_repetitions the median stands for the benchmark;
    // without, its one run does.
    for (const Run& run : runs) {
      const bool median =
          run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.error_occurred ||
          (run.run_type != Run::RT_Iteration && !median)) {
        continue;
      }
      auto it = run.counters.find("items_per_second");
      if (it == run.counters.end()) continue;
      const std::string name = run.run_name.str();
      if (median || medians_.count(name) == 0) rates_[name] = it->second.value;
      if (median) medians_.insert(name);
    }
  }

  void PrintRatios() const {
    std::cout << "\ncodec / hand-written (bar >= 0.5):\n";
    for (const auto& [name, hand] : rates_) {
      if (name.rfind("BM_Hand_", 0) != 0) continue;
      const std::string dataset = name.substr(8);
      auto codec = rates_.find("BM_Codec_" + dataset);
      if (codec == rates_.end()) continue;
      const double ratio = codec->second / hand;
      std::cout << absl::StrFormat(
          "  %-28s hand %6.3f M/s  codec %6.3f M/s  ratio %.2f  %s\n", dataset,
          hand / 1e6, codec->second / 1e6, ratio,
          ratio >= 0.5 ? "met" : "NOT met");
    }
  }

 private:
  std::map<std::string, double> rates_;
  std::set<std::string> medians_;
};

}  // namespace
}  // namespace shuyuan::bench_internal

int main(int argc, char** argv) {
  using namespace shuyuan::bench_internal;  // NOLINT: main only
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--rows=", 7) == 0) {
      g_rows = std::atoll(argv[i] + 7);
      for (int k = i; k + 1 < argc; ++k) argv[k] = argv[k + 1];
      --argc;
      --i;
    }
  }
  RegisterDataset("LegalPerson_Clean", "LEGAL_PERSON_BASIC", 0);
  RegisterDataset("LegalPerson_Errors5", "LEGAL_PERSON_BASIC", 0.05);
  RegisterDataset("NaturalPerson_Clean", "NATURAL_PERSON_BASIC", 0);
  RegisterDataset("NaturalPerson_Errors5", "NATURAL_PERSON_BASIC", 0.05);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
