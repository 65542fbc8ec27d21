// Code lists at the size SPEC §2.4 asks for: compiling a 1,000,000-entry
// list, and membership / legacy-name lookups in it, against the baseline of
// a plain absl::flat_hash_set<std::string> built from the same codes.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "codec/code_list_index.h"

namespace shuyuan::codec {
namespace {

// n entries: 9-digit codes, a tenth of them renamed once (two periods).
const v1::CodeList& BigList(int n) {
  static auto* lists = new std::map<int, v1::CodeList>();
  auto it = lists->find(n);
  if (it != lists->end()) return it->second;
  v1::CodeList& list = (*lists)[n];
  list.set_id("BIG");
  for (int i = 0; i < n; ++i) {
    v1::CodeEntry* e = list.add_entries();
    e->set_code(absl::StrFormat("%09d", i * 7));
    e->set_name_zh(absl::StrFormat("名称%d", i));
    if (i % 10 == 0) {
      e->set_valid_to("2015-12-31");
      v1::CodeEntry* renamed = list.add_entries();
      renamed->set_code(e->code());
      renamed->set_name_zh(absl::StrFormat("新名称%d", i));
      renamed->set_valid_from("2016-01-01");
    }
  }
  return list;
}

void BM_CodeList_Compile(benchmark::State& state) {
  const v1::CodeList& list = BigList(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto compiled = CompiledCodeList::Compile(list);
    if (!compiled.ok()) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(compiled);
  }
  state.SetItemsProcessed(state.iterations() * list.entries_size());
}
BENCHMARK(BM_CodeList_Compile)
    ->Arg(10000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

void BM_Baseline_HashSetBuild(benchmark::State& state) {
  const v1::CodeList& list = BigList(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    absl::flat_hash_set<std::string> set;
    set.reserve(list.entries_size());
    for (const v1::CodeEntry& e : list.entries()) set.insert(e.code());
    benchmark::DoNotOptimize(set);
  }
  state.SetItemsProcessed(state.iterations() * list.entries_size());
}
BENCHMARK(BM_Baseline_HashSetBuild)
    ->Arg(10000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

std::vector<std::string> Probes() {
  std::vector<std::string> probes;
  for (int i = 0; i < 4096; ++i) {
    // Three in four probes hit; the rest miss.
    probes.push_back(
        absl::StrFormat("%09d", (i * 7919) % 1000000 * 7 + (i % 4 == 3)));
  }
  return probes;
}

void BM_CodeList_Check(benchmark::State& state) {
  static const auto keep = CompiledCodeList::Compile(BigList(1000000)).value();
  const std::vector<std::string> probes = Probes();
  const DateKey as_of = MakeDateKey(2020, 6, 1);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(keep->Check(probes[i], as_of));
    if (++i == probes.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CodeList_Check);

void BM_Baseline_HashSetContains(benchmark::State& state) {
  static const auto* set = [] {
    auto* s = new absl::flat_hash_set<std::string>();
    for (const v1::CodeEntry& e : BigList(1000000).entries())
      s->insert(e.code());
    return s;
  }();
  const std::vector<std::string> probes = Probes();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set->contains(probes[i]));
    if (++i == probes.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_HashSetContains);

void BM_CodeList_LookupName(benchmark::State& state) {
  static const auto list = CompiledCodeList::Compile(BigList(1000000)).value();
  std::vector<std::string> names;
  for (int i = 0; i < 4096; ++i)
    names.push_back(absl::StrFormat("名称%d", i * 211));
  const DateKey as_of = MakeDateKey(2020, 6, 1);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(list->LookupName(names[i], as_of));
    if (++i == names.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CodeList_LookupName);

}  // namespace
}  // namespace shuyuan::codec

BENCHMARK_MAIN();
