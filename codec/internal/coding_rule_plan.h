// The tables a coding rule compiles into (codec/coding_rule.h): where each
// segment lies, which bytes each stretch of the code admits, which checks of
// meaning and check characters run in which order, and where each decoded
// part comes from. Built once by CodingRuleCompiler; read by
// CompiledCodingRule's validator, decoder and encoder.
//
//   for (const ShapeRun& run : plan.runs) {  // the shape pass
//     const size_t begin = run.slot.Begin(value.size());
//     ... (*run.table)[byte] for each byte of the run ...
//   }
//
// A plan is immutable once built and owned by its CompiledCodingRule;
// tables of nested rules stay owned by the nested rule, which the plan keeps
// alive through its steps.
#ifndef SHUYUAN_CODEC_INTERNAL_CODING_RULE_PLAN_H_
#define SHUYUAN_CODEC_INTERNAL_CODING_RULE_PLAN_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "codec/code_list_index.h"
#include "codec/date_time.h"
#include "codec/internal/check_algorithms.h"

namespace shuyuan::codec {
class CompiledCodingRule;
}

namespace shuyuan::codec_internal {

// The longest code a rule may describe; check inputs gathered from several
// segments fit a buffer of this size.
inline constexpr size_t kMaxCodeLength = 256;
// How deep coding rules may nest (and so how a cycle is caught).
inline constexpr int kMaxNesting = 8;

// Where a stretch of the code lies in a value of `size` characters (the
// shape pass has proved the value ASCII, so characters are bytes). Segments
// after a variable-length segment are anchored at the end.
struct Slot {
  uint32_t offset = 0;  // from the start, or from the end when from_end
  uint32_t length = 0;  // fixed length; when variable, the fixed total
                        // of the rest of the code
  bool from_end = false;
  bool variable = false;

  size_t Begin(size_t size) const { return from_end ? size - offset : offset; }
  size_t Length(size_t size) const { return variable ? size - length : length; }
  absl::string_view Of(absl::string_view value) const {
    return value.substr(Begin(value.size()), Length(value.size()));
  }
  // This slot's position inside a nested code that lies at `outer`.
  Slot Within(const Slot& outer) const {
    Slot shifted = *this;
    if (outer.from_end) {
      shifted.from_end = true;
      shifted.offset = outer.offset - offset;
    } else {
      shifted.offset = outer.offset + offset;
    }
    return shifted;
  }
};

// A segment as messages name it: "organization_code.check".
struct SegmentLabel {
  std::string path;
  std::string path_zh;  // with name_zh where given
  // The characters it takes, in charset notation: "0-9", "YYYYMMDD", "ZJ".
  std::string expected;
  std::string allowed;     // allowed segments: "1, 2, 3"
  std::string allowed_zh;  // "1、2、3"
  std::string code_list_ref;
  std::shared_ptr<const codec::CompiledCodeList> code_list;
  std::string date_form;  // date segments: "YYYYMMDD"
  bool date_has_day = true;
  std::string algorithm;  // check segments: "ISO7064_MOD37_36"
  int check_length = 1;
};

// A stretch of the code whose every byte `table` must admit.
struct ShapeRun {
  Slot slot;
  const ByteSet* table = nullptr;
  int label = -1;
  int top_segment = -1;  // the top-level segment it belongs to
};

// A check of meaning or of check characters over one segment.
// `text` (at most 8 bytes) as an integer, for allowed-value lookups.
inline uint64_t PackKey(absl::string_view text) {
  uint64_t key = 0;
  for (char c : text) key = key << 8 | static_cast<unsigned char>(c);
  return key;
}

struct Step {
  enum class Kind { kAllowed, kCodeList, kDate, kNested, kCheck };
  Kind kind = Kind::kAllowed;
  Slot slot;
  int label = -1;
  // kAllowed: the values packed into integers (all are at most 8 bytes
  // long and of one length), sorted; a binary search beats hashing here.
  std::vector<uint64_t> allowed;
  // kCodeList.
  std::shared_ptr<const codec::CompiledCodeList> code_list;
  // kDate.
  codec::DateTimeLayout layout = codec::DateTimeLayout::kNone;
  bool not_future = false;
  // kNested: its labels follow this segment's label, from label_base on.
  std::shared_ptr<const codec::CompiledCodingRule> nested;
  int label_base = 0;
  // kCheck: the characters checked, every character before the segment
  // (`prefix`) or the slots of the segments listed in `over`.
  std::optional<CheckMethod> method;
  bool prefix = true;
  std::vector<Slot> over;
};

// One decoded part: a stretch of the code, or a parity mapping of the last
// digit of a stretch.
struct PartPlan {
  std::string name;
  Slot slot;
  bool parity = false;
  std::string odd;
  std::string even;
};

// A top-level segment, for the encoder.
struct TopSegment {
  Slot slot;
  int label = -1;
  bool is_check = false;
  int step = -1;  // is_check: its step
};

struct CodingRulePlan {
  std::string id;
  std::string ref;  // "ID" or "ID@VERSION"
  uint32_t min_length = 0;
  uint32_t max_length = 0;
  uint32_t check_total = 0;  // characters of top-level check segments
  std::vector<SegmentLabel> labels;
  std::deque<ByteSet> tables;  // owned tables; deque: pointers stay valid
  std::vector<ShapeRun> runs;  // in code order; nested runs inlined
  // Checks of meaning (allowed, code list, date, nested rule) in code order,
  // then check characters in code order.
  std::vector<Step> steps;
  std::vector<PartPlan> parts;  // segments, nested parts, derived parts
  std::vector<absl::string_view> part_names;  // views of parts[i].name
  std::vector<TopSegment> segments;
};

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_CODING_RULE_PLAN_H_
