#include "bench/internal/figure_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/json_string.h"

namespace shuyuan::bench_internal {
namespace {

// Width in terminal columns: one per code point (the table holds no wide
// characters).
size_t Columns(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& text, size_t width) {
  return text + std::string(width - std::min(width, Columns(text)), ' ');
}

// "met", "not met" or null in a figure's JSON line.
const char* OutcomeJson(BarOutcome met) {
  switch (met) {
    case BarOutcome::kMet:
      return "true";
    case BarOutcome::kNotMet:
      return "false";
    case BarOutcome::kNoBar:
      break;
  }
  return "null";
}

void AppendField(absl::string_view key, absl::string_view value,
                 std::string* line) {
  AppendJsonString(key, line);
  line->push_back(':');
  AppendJsonString(value, line);
  line->push_back(',');
}

std::string OutcomeText(BarOutcome met) {
  switch (met) {
    case BarOutcome::kMet:
      return "met";
    case BarOutcome::kNotMet:
      return "NOT MET";
    case BarOutcome::kNoBar:
      break;
  }
  return "-";
}

}  // namespace

void FigureTable::Print(std::FILE* out) const {
  constexpr size_t kColumns = 6;
  std::vector<std::array<std::string, kColumns>> rows;
  rows.push_back(
      {"figure", "value", "baseline (same run)", "ratio", "bar", "met"});
  for (const Figure& f : figures_) {
    rows.push_back({f.name, f.value, f.baseline,
                    f.ratio > 0 ? absl::StrFormat("%.2f", f.ratio) : "-",
                    f.bar.empty() ? "-" : f.bar, OutcomeText(f.met)});
  }
  std::array<size_t, kColumns> width{};
  for (const auto& row : rows) {
    for (size_t c = 0; c < kColumns; ++c) {
      width[c] = std::max(width[c], Columns(row[c]));
    }
  }
  auto print_row = [&](const std::array<std::string, kColumns>& row) {
    std::string line = "|";
    for (size_t c = 0; c < kColumns; ++c) {
      absl::StrAppend(&line, " ", Pad(row[c], width[c]), " |");
    }
    std::fprintf(out, "%s\n", line.c_str());
  };
  print_row(rows[0]);
  std::string rule = "|";
  for (size_t c = 0; c < kColumns; ++c) {
    absl::StrAppend(&rule, std::string(width[c] + 2, '-'), "|");
  }
  std::fprintf(out, "%s\n", rule.c_str());
  for (size_t r = 1; r < rows.size(); ++r) print_row(rows[r]);
  if (failures_.empty()) {
    std::fprintf(out, "\ncorrectness checks: all passed\n");
  } else {
    std::fprintf(out, "\ncorrectness checks: %zu FAILED\n", failures_.size());
    for (const std::string& f : failures_) {
      std::fprintf(out, "  - %s\n", f.c_str());
    }
  }
  std::fflush(out);
}

std::string Grouped(double value, int decimals) {
  const bool negative = value < 0;
  std::string text = absl::StrFormat("%.*f", decimals, std::fabs(value));
  const size_t point = text.find('.');
  size_t digits_end = point == std::string::npos ? text.size() : point;
  for (size_t at = digits_end; at > 3; at -= 3) text.insert(at - 3, ",");
  return negative ? "-" + text : text;
}

std::string Elapsed(double seconds) {
  if (seconds < 1e-4) return absl::StrFormat("%.1f µs", seconds * 1e6);
  if (seconds < 1e-3) return absl::StrFormat("%.0f µs", seconds * 1e6);
  if (seconds < 1) return absl::StrFormat("%.2f ms", seconds * 1e3);
  return absl::StrFormat("%.2f s", seconds);
}

bool FigureTable::AppendJsonLines(const char* path) const {
  std::string text;
  for (const Figure& f : figures_) {
    std::string line = "{";
    AppendField("figure", f.name, &line);
    AppendField("value", f.value, &line);
    AppendField("baseline", f.baseline, &line);
    AppendField("bar", f.bar, &line);
    absl::StrAppend(&line, "\"ratio\":",
                    f.ratio > 0 ? absl::StrFormat("%.4f", f.ratio) : "null",
                    ",\"met\":", OutcomeJson(f.met), "}\n");
    text += line;
  }
  for (const std::string& failure : failures_) {
    std::string line = "{";
    AppendField("failure", failure, &line);
    line.back() = '}';
    text += line + "\n";
  }
  std::FILE* out = std::fopen(path, "a");
  if (out == nullptr) return false;
  const bool written =
      std::fwrite(text.data(), 1, text.size(), out) == text.size();
  return std::fclose(out) == 0 && written;
}

}  // namespace shuyuan::bench_internal
