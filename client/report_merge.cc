#include "client/report_merge.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "codec/issue.h"
#include "common/status_macros.h"

namespace shuyuan::client {
namespace {

// Where a name sorts among its siblings in a single run's report; names of
// equal rank keep the order in which the parts first list them.
using Rank = std::function<int(const std::string&)>;

int CodeRank(const std::string& code) {
  return static_cast<int>(codec::IssueCodeFromName(code));
}

// Sums the counts of `lists`, ordered by `rank`.
NamedCounts SumCounts(const std::vector<const NamedCounts*>& lists,
                      const Rank& rank) {
  NamedCounts sum;
  absl::flat_hash_map<std::string, size_t> slot;
  for (const NamedCounts* list : lists) {
    for (const auto& [name, count] : *list) {
      auto [it, added] = slot.try_emplace(name, sum.size());
      if (added) sum.emplace_back(name, 0);
      sum[it->second].second += count;
    }
  }
  std::stable_sort(sum.begin(), sum.end(),
                   [&rank](const auto& a, const auto& b) {
                     return rank(a.first) < rank(b.first);
                   });
  return sum;
}

// Sums per-field tables (issues, normalized): fields in `field_rank`
// order, the counts of each in the order `count_rank` gives for it.
std::vector<FieldCounts> SumTables(
    const std::vector<NamedReport>& parts,
    std::vector<FieldCounts> BatchReport::*table, const Rank& field_rank,
    const std::function<Rank(const std::string&)>& count_rank) {
  std::vector<std::string> fields;
  absl::flat_hash_map<std::string, std::vector<const NamedCounts*>> lists;
  for (const NamedReport& part : parts) {
    for (const FieldCounts& field : part.report.*table) {
      auto& seen = lists[field.field];
      if (seen.empty()) fields.push_back(field.field);
      seen.push_back(&field.counts);
    }
  }
  std::stable_sort(fields.begin(), fields.end(),
                   [&field_rank](const std::string& a, const std::string& b) {
                     return field_rank(a) < field_rank(b);
                   });
  std::vector<FieldCounts> sum;
  for (const std::string& field : fields) {
    sum.push_back({field, SumCounts(lists[field], count_rank(field))});
  }
  return sum;
}

// The first `bound` samples of each code, in range order.
std::vector<CodeSamples> JoinSamples(const std::vector<NamedReport>& parts,
                                     size_t bound) {
  std::vector<CodeSamples> joined;
  absl::flat_hash_map<std::string, size_t> slot;
  for (const NamedReport& part : parts) {
    for (const CodeSamples& code : part.report.samples) {
      auto [it, added] = slot.try_emplace(code.code, joined.size());
      if (added) joined.push_back({code.code, {}});
      std::vector<IssueSample>& kept = joined[it->second].samples;
      for (const IssueSample& sample : code.samples) {
        if (kept.size() < bound) kept.push_back(sample);
      }
    }
  }
  std::stable_sort(joined.begin(), joined.end(),
                   [](const CodeSamples& a, const CodeSamples& b) {
                     return CodeRank(a.code) < CodeRank(b.code);
                   });
  return joined;
}

bool SameDefinitions(const std::vector<DefinitionDigest>& a,
                     const std::vector<DefinitionDigest>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].ref != b[i].ref ||
        a[i].sha256 != b[i].sha256 || a[i].version != b[i].version) {
      return false;
    }
  }
  return true;
}

bool SameColumns(const std::vector<ColumnBinding>& a,
                 const std::vector<ColumnBinding>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].column != b[i].column || a[i].field != b[i].field ||
        a[i].how != b[i].how) {
      return false;
    }
  }
  return true;
}

// Which run setting `part` does not share with `first`, or "".
std::string Difference(const BatchReport& first, const BatchReport& part) {
  if (part.schema_ref != first.schema_ref) return "schema";
  if (!SameDefinitions(part.definitions, first.definitions)) {
    return "definitions";
  }
  if (part.as_of != first.as_of) return "as_of";
  if (part.input_format != first.input_format) return "input_format";
  if (part.encoding != first.encoding) return "encoding";
  if (!SameColumns(part.columns, first.columns)) return "columns";
  if (part.range->input_size != first.range->input_size) {
    return "range.input_size (not the same input)";
  }
  if (part.range->data_start != first.range->data_start) {
    return "range.data_start (not the same header)";
  }
  return "";
}

// Every part is a --range run of the same run setting, and the ranges,
// sorted, tile the data from its start to the end of the input.
absl::Status CheckParts(const std::vector<NamedReport>& parts) {
  if (parts.empty()) return absl::InvalidArgumentError("no part reports");
  for (const NamedReport& part : parts) {
    if (!part.report.range.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(part.path,
                       ": not the report of a part (no \"range\"): made "
                       "without normalize --range"));
    }
  }
  const BatchReport& first = parts.front().report;
  uint64_t expected = first.range->data_start;
  for (const NamedReport& part : parts) {
    const std::string differs = Difference(first, part.report);
    if (!differs.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(part.path, ": its ", differs, " differs from ",
                       parts.front().path, "'s: parts of different runs"));
    }
    const ReportRange& range = *part.report.range;
    if (range.start != expected) {
      return absl::InvalidArgumentError(absl::StrCat(
          part.path, ": range ", range.start, ":", range.end,
          range.start > expected ? " leaves a gap after byte "
                                 : " overlaps the part before, which ends at "
                                   "byte ",
          expected, " (the data starts at byte ", range.data_start, ")"));
    }
    expected = range.end;
  }
  if (expected != first.range->input_size) {
    return absl::InvalidArgumentError(
        absl::StrCat(parts.back().path, ": the last range ends at byte ",
                     expected, ", not at the end of the input (byte ",
                     first.range->input_size, "): a part is missing"));
  }
  return absl::OkStatus();
}

// Field ranks from the parts' layout: the row's own issues first, then the
// schema's fields in order.
Rank FieldRank(const std::vector<FieldLayout>& layout) {
  auto index = std::make_shared<absl::flat_hash_map<std::string, int>>();
  for (size_t i = 0; i < layout.size(); ++i) {
    index->emplace(layout[i].field, static_cast<int>(i));
  }
  return [index](const std::string& field) {
    if (field.empty()) return -1;
    auto it = index->find(field);
    return it == index->end() ? static_cast<int>(index->size()) : it->second;
  };
}

std::function<Rank(const std::string&)> StepRanks(
    const std::vector<FieldLayout>& layout) {
  return [&layout](const std::string& field) -> Rank {
    const FieldLayout* found = nullptr;
    for (const FieldLayout& entry : layout) {
      if (entry.field == field) found = &entry;
    }
    return [found](const std::string& step) {
      if (found == nullptr) return 0;
      auto it = std::find(found->steps.begin(), found->steps.end(), step);
      return static_cast<int>(it - found->steps.begin());
    };
  };
}

// The counts of the whole run: sums, in a single run's order.
// The lines and bytes before the first range (header, blank lines) count
// once, as in a single run.
void SumParts(const std::vector<NamedReport>& parts, size_t samples_per_code,
              BatchReport* whole) {
  const ReportRange& first = *parts.front().report.range;
  whole->lines_in = first.first_line - 1;
  whole->input_bytes = first.start;
  std::vector<const NamedCounts*> by_code, rejects;
  std::set<std::string> unknown;
  for (const NamedReport& part : parts) {
    const BatchReport& r = part.report;
    whole->rows_in += r.rows_in;
    whole->rows_clean += r.rows_clean;
    whole->rows_with_warnings += r.rows_with_warnings;
    whole->rows_rejected += r.rows_rejected;
    whole->lines_in += r.lines_in;
    whole->input_bytes += r.input_bytes;
    whole->elapsed_s += r.elapsed_s;
    whole->threads = std::max(whole->threads, r.threads);
    by_code.push_back(&r.issues_by_code);
    rejects.push_back(&r.rejects_by_code);
    unknown.insert(r.unknown_columns.begin(), r.unknown_columns.end());
    whole->parts.push_back({part.path, *r.range, r.input_sha256, r.rows_in});
  }
  whole->issues_by_code = SumCounts(by_code, CodeRank);
  whole->rejects_by_code = SumCounts(rejects, CodeRank);
  const std::vector<FieldLayout>& layout = parts.front().report.layout;
  whole->issues =
      SumTables(parts, &BatchReport::issues, FieldRank(layout),
                [](const std::string&) -> Rank { return CodeRank; });
  whole->normalized = SumTables(parts, &BatchReport::normalized,
                                FieldRank(layout), StepRanks(layout));
  whole->samples = JoinSamples(parts, samples_per_code);
  whole->unknown_columns.assign(unknown.begin(), unknown.end());
}

}  // namespace

absl::StatusOr<BatchReport> MergeReports(std::vector<NamedReport> parts,
                                         size_t samples_per_code) {
  std::stable_sort(
      parts.begin(), parts.end(),
      [](const NamedReport& a, const NamedReport& b) {
        const uint64_t sa = a.report.range ? a.report.range->start : 0;
        const uint64_t sb = b.report.range ? b.report.range->start : 0;
        return sa < sb;
      });
  SHUYUAN_RETURN_IF_ERROR(CheckParts(parts));
  const BatchReport& first = parts.front().report;
  BatchReport whole;
  whole.schema_ref = first.schema_ref;
  whole.input_format = first.input_format;
  whole.encoding = first.encoding;
  whole.as_of = first.as_of;
  whole.definitions = first.definitions;
  whole.columns = first.columns;
  whole.input = first.input;  // "" when the parts read different copies
  for (const NamedReport& part : parts) {
    if (part.report.input != first.input) whole.input.clear();
  }
  SumParts(parts, samples_per_code, &whole);
  if (whole.rows_in != whole.rows_clean + whole.rows_rejected) {
    return absl::InvalidArgumentError(
        absl::StrCat("the parts count ", whole.rows_in, " rows in but ",
                     whole.rows_clean, " clean and ", whole.rows_rejected,
                     " rejected: a part report is "
                     "inconsistent"));
  }
  return whole;
}

}  // namespace shuyuan::client
