// Throughput of the normalisers (codec/normalizer.h) one step at a time, on
// clean values (already canonical: the step only scans) and dirty ones (the
// step rewrites into the scratch buffers), plus the citizen-ID chain of the
// standard catalog (width, trim, upper, replace, id15to18). Each benchmark
// cycles through 1024 distinct values generated with a fixed seed.
//
//   build-*/bench/normalizer_benchmark --benchmark_filter=BM_Normalize_
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "codec/checksum.h"
#include "codec/date_time.h"
#include "codec/normalizer.h"
#include "google/protobuf/text_format.h"
#include "shuyuan/v1/model.pb.h"
#include "unicode/normalizer2.h"
#include "unicode/unistr.h"

namespace shuyuan::codec {
namespace {

constexpr int kValues = 1024;  // a power of two: index with a mask
constexpr DateKey kAsOf = 20240601;

using Values = std::vector<std::string>;

// A code list of sex codes with legacy names (GB/T 2261.1).
class TableMapper : public ValueMapper {
 public:
  MapLookup Lookup(absl::string_view value, DateKey) const override {
    MapLookup lookup;
    auto it = codes_.find(value);
    if (it != codes_.end()) {
      lookup.kind = MapLookup::kFound;
      lookup.code = it->second;
    }
    return lookup;
  }

 private:
  absl::flat_hash_map<std::string, std::string> codes_ = {
      {"男", "1"},   {"男性", "1"}, {"M", "1"},          {"女", "2"},
      {"女性", "2"}, {"F", "2"},    {"未知的性别", "0"}, {"未说明的性别", "9"}};
};

Normalizer CompileOrDie(const std::string& text) {
  static const TableMapper* const kMapper = new TableMapper();
  v1::DataElement element;
  if (!google::protobuf::TextFormat::ParseFromString(text, &element)) {
    std::fprintf(stderr, "bad steps: %s\n", text.c_str());
    std::abort();
  }
  NormalizerOptions options;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  options.mapper = kMapper;
  absl::StatusOr<Normalizer> normalizer =
      Normalizer::Compile(element.normalize(), options);
  if (!normalizer.ok()) {
    std::fprintf(stderr, "%s\n", normalizer.status().ToString().c_str());
    std::abort();
  }
  return *std::move(normalizer);
}

// kValues values made by `make(rng, i)`.
Values Generate(uint32_t seed,
                const std::function<std::string(std::mt19937&, int)>& make) {
  std::mt19937 rng(seed);
  Values values;
  values.reserve(kValues);
  for (int i = 0; i < kValues; ++i) values.push_back(make(rng, i));
  return values;
}

// A valid 18-character citizen ID number.
std::string CitizenId(std::mt19937& rng) {
  std::uniform_int_distribution<int> digit(0, 9), year(1930, 1999),
      month(1, 12), day(1, 28);
  std::string body = "330106";
  absl::StrAppend(&body, year(rng));
  const int m = month(rng);
  if (m < 10) body.push_back('0');
  body += std::to_string(m);
  const int d = day(rng);
  if (d < 10) body.push_back('0');
  body += std::to_string(d);
  for (int i = 0; i < 3; ++i)
    body.push_back(static_cast<char>('0' + digit(rng)));
  body.resize(17, '0');
  absl::StatusOr<char> check = ComputeCheckCharacter(v1::GB11643, body);
  if (!check.ok()) std::abort();
  return body + *check;
}

// Full-width forms of ASCII (U+FF01–FF5E).
std::string FullWidth(absl::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    const char32_t cp = static_cast<char32_t>(c) + 0xFEE0;
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

const char* const kSurnames[] = {"张", "王", "李", "赵",
                                 "陈", "刘", "杨", "黄"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊",
                              "军", "洋", "勇", "艳", "杰", "涛", "明", "超"};

std::string ChineseName(std::mt19937& rng) {
  std::uniform_int_distribution<int> s(0, 7), g(0, 15), n(1, 2);
  std::string name = kSurnames[s(rng)];
  for (int i = n(rng); i > 0; --i) name += kGiven[g(rng)];
  return name;
}

void RunNormalizer(benchmark::State& state, const std::string& steps,
                   const Values& values) {
  const Normalizer normalizer = CompileOrDie(steps);
  NormalizeScratch scratch;
  size_t bytes = 0;
  size_t changed = 0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& value = values[i++ & (kValues - 1)];
    const NormalizeResult r = normalizer.Apply(value, kAsOf, &scratch);
    benchmark::DoNotOptimize(r.value.data());
    changed += r.changed_steps != 0;
    bytes += value.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["changed"] = benchmark::Counter(
      static_cast<double>(changed) /
      static_cast<double>(std::max<int64_t>(1, state.iterations())));
}

#define SHUYUAN_NORMALIZE_BENCHMARK(name, steps, values)   \
  void BM_Normalize_##name(benchmark::State& state) {      \
    static const Values* const kData = new Values(values); \
    RunNormalizer(state, steps, *kData);                   \
  }                                                        \
  BENCHMARK(BM_Normalize_##name)

// ---- baselines, measured in the same run ----
// Copying each value into a string: the floor any normaliser that produces
// its output pays.
void BM_Baseline_CopyValue(benchmark::State& state) {
  static const Values* const kData = new Values(
      Generate(1, [](std::mt19937& rng, int) { return CitizenId(rng); }));
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& value = (*kData)[i++ & (kValues - 1)];
    out.assign(value);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Baseline_CopyValue);

// ICU's NFC normalisation called directly on Chinese names, as a caller
// without the nfc step's quick check would.
void BM_Baseline_IcuNfc(benchmark::State& state) {
  static const Values* const kData = new Values(
      Generate(2, [](std::mt19937& rng, int) { return ChineseName(rng); }));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& value = (*kData)[i++ & (kValues - 1)];
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(value);
    UErrorCode error = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfc->normalize(text, error);
    out.clear();
    normalized.toUTF8String(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Baseline_IcuNfc);

// ---- width ----
SHUYUAN_NORMALIZE_BENCHMARK(Width_Clean, "normalize { width {} }",
                            Generate(1, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Width_Dirty, "normalize { width {} }",
                            Generate(1, [](std::mt19937& rng, int) {
                              return FullWidth(CitizenId(rng));
                            }));

// ---- nfc: Chinese names (non-ASCII, already NFC) vs decomposed Latin ----
SHUYUAN_NORMALIZE_BENCHMARK(Nfc_Clean, "normalize { nfc {} }",
                            Generate(2, [](std::mt19937& rng, int) {
                              return ChineseName(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Nfc_Dirty, "normalize { nfc {} }",
                            Generate(2, [](std::mt19937& rng, int i) {
                              return ChineseName(rng) + "·Ame\u0301lie" +
                                     std::to_string(i);
                            }));

// ---- trim ----
SHUYUAN_NORMALIZE_BENCHMARK(Trim_Clean, "normalize { trim {} }",
                            Generate(3, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Trim_Dirty, "normalize { trim {} }",
                            Generate(3, [](std::mt19937& rng, int) {
                              return " " + CitizenId(rng) + "\u3000";
                            }));

// ---- collapse_spaces: addresses ----
SHUYUAN_NORMALIZE_BENCHMARK(CollapseSpaces_Clean,
                            "normalize { collapse_spaces {} }",
                            Generate(4, [](std::mt19937&, int i) {
                              return "浙江省杭州市西湖区 文三路" +
                                     std::to_string(i) + "号";
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(CollapseSpaces_Dirty,
                            "normalize { collapse_spaces {} }",
                            Generate(4, [](std::mt19937&, int i) {
                              return "浙江省\u3000杭州市  西湖区\t文三路" +
                                     std::to_string(i) + "号";
                            }));

// ---- remove ----
SHUYUAN_NORMALIZE_BENCHMARK(Remove_Clean,
                            R"pb(normalize { remove { chars: " -" } })pb",
                            Generate(5, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Remove_Dirty,
                            R"pb(normalize { remove { chars: " -" } })pb",
                            Generate(5, [](std::mt19937& rng, int) {
                              const std::string id = CitizenId(rng);
                              return id.substr(0, 6) + "-" + id.substr(6, 8) +
                                     " " + id.substr(14);
                            }));

// ---- replace ----
constexpr char kReplaceSteps[] =
    R"pb(normalize { replace { pairs { key: "×" value: "X" } } })pb";
SHUYUAN_NORMALIZE_BENCHMARK(Replace_Clean, kReplaceSteps,
                            Generate(6, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Replace_Dirty, kReplaceSteps,
                            Generate(6, [](std::mt19937& rng, int) {
                              std::string id = CitizenId(rng);
                              id.pop_back();
                              return id + "×";
                            }));

// ---- upper / lower ----
SHUYUAN_NORMALIZE_BENCHMARK(Upper_Clean, "normalize { upper {} }",
                            Generate(7, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Upper_Dirty, "normalize { upper {} }",
                            Generate(7, [](std::mt19937& rng, int) {
                              std::string id = CitizenId(rng);
                              id.back() = 'x';
                              return id;
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Lower_Clean, "normalize { lower {} }",
                            Generate(8, [](std::mt19937&, int i) {
                              return "user" + std::to_string(i) +
                                     "@example.gov.cn";
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Lower_Dirty, "normalize { lower {} }",
                            Generate(8, [](std::mt19937&, int i) {
                              return "User" + std::to_string(i) +
                                     "@Example.GOV.cn";
                            }));

// ---- pad_left: ethnic codes ----
constexpr char kPadSteps[] = "normalize { pad_left { width: 2 } }";
SHUYUAN_NORMALIZE_BENCHMARK(PadLeft_Clean, kPadSteps,
                            Generate(9, [](std::mt19937&, int i) {
                              const int code = 10 + i % 47;
                              return std::to_string(code);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(PadLeft_Dirty, kPadSteps,
                            Generate(9, [](std::mt19937&, int i) {
                              return std::to_string(1 + i % 9);
                            }));

// ---- date ----
constexpr char kDateSteps[] = R"pb(
  normalize {
    date {
      inputs: "YYYY年M月D日"
      inputs: "YYYY-M-D"
      inputs: "YYYY/M/D"
      inputs: "YYYY.M.D"
      inputs: "cn_numeral"
      inputs: "excel_serial"
    }
  })pb";
SHUYUAN_NORMALIZE_BENCHMARK(Date_Clean, kDateSteps,
                            Generate(10, [](std::mt19937& rng, int) {
                              return CitizenId(rng).substr(6, 8);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(
    Date_Dirty, kDateSteps, Generate(10, [](std::mt19937& rng, int i) {
      const std::string ymd = CitizenId(rng).substr(6, 8);
      const std::string y = ymd.substr(0, 4);
      const std::string m = std::to_string(std::stoi(ymd.substr(4, 2)));
      const std::string d = std::to_string(std::stoi(ymd.substr(6, 2)));
      switch (i % 4) {
        case 0:
          return y + "年" + m + "月" + d + "日";
        case 1:
          return y + "-" + m + "-" + d;
        case 2:
          return y + "/" + m + "/" + d;
        default:
          return y + "." + m + "." + d;
      }
    }));

// ---- map ----
SHUYUAN_NORMALIZE_BENCHMARK(Map_Clean, "normalize { map {} }",
                            Generate(11, [](std::mt19937&, int i) {
                              return std::string(i % 2 ? "1" : "2");
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(
    Map_Dirty, "normalize { map {} }", Generate(11, [](std::mt19937&, int i) {
      const char* const kNames[] = {"男", "女性", "M", "F"};
      return std::string(kNames[i % 4]);
    }));

// ---- id15to18 ----
SHUYUAN_NORMALIZE_BENCHMARK(Id15To18_Clean, "normalize { id15to18 {} }",
                            Generate(12, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(Id15To18_Dirty, "normalize { id15to18 {} }",
                            Generate(12, [](std::mt19937& rng, int) {
                              const std::string id = CitizenId(rng);
                              return id.substr(0, 6) + id.substr(8, 9);
                            }));

// ---- the citizen-ID chain of the standard catalog ----
constexpr char kIdChain[] = R"pb(
  normalize { width {} }
  normalize { trim {} }
  normalize { upper {} }
  normalize { replace { pairs { key: "×" value: "X" } } }
  normalize { id15to18 {} })pb";
SHUYUAN_NORMALIZE_BENCHMARK(IdChain_Clean, kIdChain,
                            Generate(13, [](std::mt19937& rng, int) {
                              return CitizenId(rng);
                            }));
SHUYUAN_NORMALIZE_BENCHMARK(IdChain_Dirty, kIdChain,
                            Generate(13, [](std::mt19937& rng, int i) {
                              std::string id = CitizenId(rng);
                              switch (i % 4) {
                                case 0:
                                  return FullWidth(id);
                                case 1:
                                  return " " + id + "\u3000";
                                case 2:
                                  return id.substr(0, 6) + id.substr(8, 9);
                                default:
                                  id.back() = 'x';
                                  return id;
                              }
                            }));

}  // namespace
}  // namespace shuyuan::codec

BENCHMARK_MAIN();
