// Throughput of coding rules (codec/coding_rule.h) against the built-in
// checksums they express (codec/checksum.h), in the same run: the catalog's
// WEIGHTED rules GB_32100 (which nests GB_11714) and GB_11643 against
// VerifyChecksum(GB32100) and VerifyChecksum(GB11643), and the SPEC §2.12
// example ZJ_CATALOG_CODE (code list, date, ISO 7064 MOD 37-36). Each
// benchmark cycles through 1024 distinct valid values generated with a fixed
// seed, so that branch prediction cannot learn a single value.
//
//   build/bench/coding_rule_benchmark --benchmark_filter=GB32100
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "codec/checksum.h"
#include "codec/coding_rule.h"
#include "codec/definition_set.h"
#include "codec/structured_code.h"
#include "codec/testing/random_codes.h"

namespace shuyuan::codec {
namespace {

constexpr int kValues = 1024;  // a power of two: index with a mask
constexpr DateKey kToday = 20240601;
using codec_testing::kDigits;
using codec_testing::kGb32100Alphabet;
using codec_testing::RandomString;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

const DefinitionSet& Catalog() {
  static const DefinitionSet* defs = [] {
    absl::StatusOr<DefinitionSet> loaded =
        DefinitionSet::Load(std::string(SHUYUAN_SOURCE_DIR) + "/catalog");
    if (!loaded.ok()) Die(loaded.status().ToString());
    return new DefinitionSet(*std::move(loaded));
  }();
  return *defs;
}

std::shared_ptr<const CompiledCodingRule> Rule(const std::string& id) {
  const v1::CodingRule* proto = Catalog().FindCodingRule(id);
  if (proto == nullptr) Die("no coding rule " + id);
  absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> rule =
      CompiledCodingRule::Compile(*proto, Catalog());
  if (!rule.ok()) Die(rule.status().ToString());
  return *rule;
}

// kValues valid codes: USCCs, citizen IDs or catalogue codes.
std::vector<std::string> ValidValues(absl::string_view kind) {
  std::mt19937 rng(32100);
  std::uniform_int_distribution<int> year(1930, 2020), month(1, 12), day(1, 28);
  std::vector<std::string> values;
  for (int i = 0; i < kValues; ++i) {
    absl::StatusOr<std::string> code;
    if (kind == "GB32100") {
      const std::string org = RandomString(rng, kGb32100Alphabet, 8);
      code = EncodeStructuredCode(
          v1::GB32100, absl::StrCat(RandomString(rng, kGb32100Alphabet, 8), org,
                                    std::string(1, *ComputeCheckCharacter(
                                                       v1::GB11714, org))));
    } else if (kind == "GB11643") {
      code = EncodeStructuredCode(
          v1::GB11643,
          absl::StrFormat("33%s%04d%02d%02d%s", RandomString(rng, kDigits, 4),
                          year(rng), month(rng), day(rng),
                          RandomString(rng, kDigits, 3)));
    } else {
      code = Rule("ZJ_CATALOG_CODE")
                 ->Encode(absl::StrFormat(
                     "330000%s%d%04d%02d%02d%s", RandomString(rng, kDigits, 3),
                     1 + i % 3, year(rng), month(rng), day(rng),
                     RandomString(rng, kDigits, 4)));
    }
    if (!code.ok()) Die(code.status().ToString());
    values.push_back(*std::move(code));
  }
  return values;
}

void RunBuiltIn(benchmark::State& state, v1::ChecksumAlgorithm algorithm,
                absl::string_view kind) {
  const std::vector<std::string> values = ValidValues(kind);
  std::vector<absl::string_view> views(values.begin(), values.end());
  size_t i = 0;
  int64_t failures = 0;
  for (auto _ : state) {
    const ChecksumOutcome outcome =
        VerifyChecksum(algorithm, views[i++ & (kValues - 1)], kToday);
    failures += !outcome.ok();
    benchmark::DoNotOptimize(outcome);
  }
  if (failures != 0) state.SkipWithError("a valid value failed");
  state.SetItemsProcessed(state.iterations());
}

void RunRule(benchmark::State& state, const std::string& id,
             absl::string_view kind) {
  const std::shared_ptr<const CompiledCodingRule> rule = Rule(id);
  const std::vector<std::string> values = ValidValues(kind);
  std::vector<absl::string_view> views(values.begin(), values.end());
  size_t i = 0;
  int64_t failures = 0;
  for (auto _ : state) {
    const CodingRuleOutcome outcome =
        rule->Verify(views[i++ & (kValues - 1)], kToday);
    failures += !outcome.ok();
    benchmark::DoNotOptimize(outcome);
  }
  if (failures != 0) state.SkipWithError("a valid value failed");
  state.SetItemsProcessed(state.iterations());
}

void BM_Checksum_GB32100(benchmark::State& state) {
  RunBuiltIn(state, v1::GB32100, "GB32100");
}
void BM_CodingRule_GB32100(benchmark::State& state) {
  RunRule(state, "GB_32100", "GB32100");
}
void BM_Checksum_GB11643(benchmark::State& state) {
  RunBuiltIn(state, v1::GB11643, "GB11643");
}
void BM_CodingRule_GB11643(benchmark::State& state) {
  RunRule(state, "GB_11643", "GB11643");
}
void BM_CodingRule_ZjCatalogCode(benchmark::State& state) {
  RunRule(state, "ZJ_CATALOG_CODE", "ZJ");
}
BENCHMARK(BM_Checksum_GB32100);
BENCHMARK(BM_CodingRule_GB32100);
BENCHMARK(BM_Checksum_GB11643);
BENCHMARK(BM_CodingRule_GB11643);
BENCHMARK(BM_CodingRule_ZjCatalogCode);

}  // namespace
}  // namespace shuyuan::codec

BENCHMARK_MAIN();
