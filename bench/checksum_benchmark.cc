// Throughput of check-character verification (codec/checksum.h) and of
// structured-code decoding (codec/structured_code.h) on valid values, the
// common case of clean data. Each benchmark cycles through 1024 distinct
// values generated with a fixed seed so that branch prediction cannot learn a
// single value.
//
//   build-*/bench/checksum_benchmark --benchmark_filter=BM_Checksum_
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "codec/checksum.h"
#include "codec/date_time.h"
#include "codec/structured_code.h"
#include "codec/testing/random_codes.h"
#include "re2/re2.h"

namespace shuyuan::codec {
namespace {

constexpr int kValues = 1024;  // a power of two: index with a mask
constexpr DateKey kToday = 20240601;
using codec_testing::kDigits;
using codec_testing::kGb11714Alphabet;
using codec_testing::kGb32100Alphabet;
using codec_testing::RandomString;

std::string Encode(v1::ChecksumAlgorithm algorithm, absl::string_view body) {
  absl::StatusOr<std::string> code = EncodeStructuredCode(algorithm, body);
  if (!code.ok()) {
    std::fprintf(stderr, "cannot encode %s: %s\n", std::string(body).c_str(),
                 code.status().ToString().c_str());
    std::abort();
  }
  return *std::move(code);
}

// kValues valid codes of `algorithm`.
std::vector<std::string> ValidValues(v1::ChecksumAlgorithm algorithm) {
  std::mt19937 rng(static_cast<uint32_t>(algorithm) * 7919);
  std::uniform_int_distribution<int> year(1930, 2020), month(1, 12), day(1, 28),
      card_length(15, 18);
  std::vector<std::string> values;
  for (int i = 0; i < kValues; ++i) {
    std::string body;
    switch (algorithm) {
      case v1::GB11643:
        body = absl::StrFormat(
            "33%s%04d%02d%02d%s", RandomString(rng, kDigits, 4), year(rng),
            month(rng), day(rng), RandomString(rng, kDigits, 3));
        break;
      case v1::GB32100:
        body = absl::StrCat(
            RandomString(rng, kGb32100Alphabet, 8),
            Encode(v1::GB11714, RandomString(rng, kGb32100Alphabet, 8)));
        break;
      case v1::GB11714:
        body = RandomString(rng, kGb11714Alphabet, 8);
        break;
      case v1::LUHN:  // bank card numbers: 16 to 19 digits
        body = RandomString(rng, kDigits, card_length(rng));
        break;
      default:  // ISO7064_MOD11_2 over 17 digits, like a citizen ID
        body = RandomString(rng, kDigits, 17);
        break;
    }
    values.push_back(Encode(algorithm, body));
    if (!VerifyChecksum(algorithm, values.back(), kToday).ok()) {
      std::fprintf(stderr, "generated an invalid %s: %s\n",
                   std::string(ChecksumName(algorithm)).c_str(),
                   values.back().c_str());
      std::abort();
    }
  }
  return values;
}

void RunChecksum(benchmark::State& state, v1::ChecksumAlgorithm algorithm) {
  const std::vector<std::string> values = ValidValues(algorithm);
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

void BM_Checksum_GB11643(benchmark::State& state) {
  RunChecksum(state, v1::GB11643);
}
void BM_Checksum_GB32100(benchmark::State& state) {
  RunChecksum(state, v1::GB32100);
}
void BM_Checksum_GB11714(benchmark::State& state) {
  RunChecksum(state, v1::GB11714);
}
void BM_Checksum_LUHN(benchmark::State& state) { RunChecksum(state, v1::LUHN); }
void BM_Checksum_ISO7064_MOD11_2(benchmark::State& state) {
  RunChecksum(state, v1::ISO7064_MOD11_2);
}
BENCHMARK(BM_Checksum_GB11643);
BENCHMARK(BM_Checksum_GB32100);
BENCHMARK(BM_Checksum_GB11714);
BENCHMARK(BM_Checksum_LUHN);
BENCHMARK(BM_Checksum_ISO7064_MOD11_2);

// Baseline: what a pattern-only validator does for the same values, a
// precompiled RE2 full match of the shape, with no check character computed.
void BM_Baseline_Re2Shape_GB11643(benchmark::State& state) {
  const std::vector<std::string> values = ValidValues(v1::GB11643);
  const RE2 shape(
      "[1-9][0-9]{5}(18|19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9X]");
  size_t i = 0;
  int64_t failures = 0;
  for (auto _ : state) {
    const std::string& v = values[i++ & (kValues - 1)];
    failures += !RE2::FullMatch(re2::StringPiece(v.data(), v.size()), shape);
  }
  if (failures != 0) state.SkipWithError("a valid value failed the shape");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_Re2Shape_GB11643);

// Decoding allocates the part strings; this is the cost of a derived field.
void BM_Decode_GB11643(benchmark::State& state) {
  const std::vector<std::string> values = ValidValues(v1::GB11643);
  size_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<DecodedCode> decoded =
        DecodeStructuredCode(v1::GB11643, values[i++ & (kValues - 1)], kToday);
    if (!decoded.ok() || !decoded->outcome.ok()) {
      state.SkipWithError("a valid value failed to decode");
      break;
    }
    benchmark::DoNotOptimize(decoded);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decode_GB11643);

}  // namespace
}  // namespace shuyuan::codec

BENCHMARK_MAIN();
