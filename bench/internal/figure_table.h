// The one table a benchmark run prints: each figure beside its baseline
// measured in the same run, their ratio, the SPEC bar when there is one and
// whether it is met — plus the run's correctness failures, which make the
// run fail whatever the figures say.
//
//   FigureTable table;
//   table.Add({.name = "ValidateRecord calls/s", .value = Rate(v),
//              .baseline = "Echo " + Rate(e), .ratio = v / e,
//              .bar = ">= 0.9", .met = Met(v / e >= 0.9)});
//   if (answer_was_wrong) table.Fail("ValidateRecord: 3 results not VALID");
//   table.Print(stdout);
//   return table.failures().empty() ? 0 : 1;
//
// Not thread-safe.
#ifndef SHUYUAN_BENCH_INTERNAL_FIGURE_TABLE_H_
#define SHUYUAN_BENCH_INTERNAL_FIGURE_TABLE_H_

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace shuyuan::bench_internal {

enum class BarOutcome { kNoBar, kMet, kNotMet };

inline BarOutcome Met(bool met) {
  return met ? BarOutcome::kMet : BarOutcome::kNotMet;
}

struct Figure {
  std::string name;
  std::string value;     // with its unit: "23,410 calls/s"
  std::string baseline;  // what it is and its value: "Echo 25,100 calls/s"
  double ratio = 0;      // value / baseline; 0 prints as "-"
  std::string bar;       // "ratio >= 0.9", "< 3 s"; empty: none
  BarOutcome met = BarOutcome::kNoBar;
};

class FigureTable {
 public:
  void Add(Figure figure) { figures_.push_back(std::move(figure)); }
  // A correctness failure (a wrong answer, a failed call): reported after
  // the table, and the run fails.
  void Fail(std::string what) { failures_.push_back(std::move(what)); }

  const std::vector<Figure>& figures() const { return figures_; }
  const std::vector<std::string>& failures() const { return failures_; }

  // A Markdown table, columns padded for the terminal, then the failures.
  void Print(std::FILE* out) const;

  // Appends one JSON object per figure (name, value, baseline, ratio, bar,
  // met) and per failure to `path`, for `make bench`'s combined table
  // (bench/run_all.py). False, with errno set, when the file cannot be
  // written.
  bool AppendJsonLines(const char* path) const;

 private:
  std::vector<Figure> figures_;
  std::vector<std::string> failures_;
};

// "12,345" with thousands separators; `decimals` after the point.
std::string Grouped(double value, int decimals = 0);
// "412 µs", "1.23 ms", "2.04 s".
std::string Elapsed(double seconds);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_FIGURE_TABLE_H_
