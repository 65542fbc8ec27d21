#include "codec/internal/coding_rule_compiler.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/compiled_element.h"
#include "codec/definition_error.h"
#include "codec/internal/coding_rule_plan.h"
#include "common/status_macros.h"

namespace shuyuan::codec_internal {
namespace {

using codec::DateTimeLayout;

bool IsPrintableAscii(char c) { return c > ' ' && c <= '~'; }

bool IsValidName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  const auto letter = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };
  if (!letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  }
  return true;
}

ByteSet SetOf(absl::string_view chars) {
  ByteSet set{};
  for (char c : chars) set[static_cast<unsigned char>(c)] = true;
  return set;
}

bool IsSubset(const ByteSet& a, const ByteSet& b) {
  for (int i = 0; i < 256; ++i) {
    if (a[i] && !b[i]) return false;
  }
  return true;
}

ByteSet PrintableAscii() {
  ByteSet set{};
  for (int c = '!'; c <= '~'; ++c) set[c] = true;
  return set;
}

// What a segment holds.
enum class Kind { kCharset, kAllowed, kCodeList, kDate, kFixed, kRule, kCheck };

// A segment as the builder sees it between passes.
struct SegmentInfo {
  Kind kind = Kind::kCharset;
  uint32_t length = 0;  // fixed length; 0 while variable
  bool variable = false;
  uint32_t min_length = 0;
  uint32_t max_length = 0;
  std::optional<ByteSet> charset;
  DateTimeLayout layout = DateTimeLayout::kNone;
  std::shared_ptr<const codec::CompiledCodingRule> nested;
  const CodingRulePlan* nested_plan = nullptr;
  std::optional<CheckMethod> method;
  std::shared_ptr<const codec::CompiledCodeList> code_list;
  std::string code_list_ref;
  // Allowed and code-list segments: the characters their members use. The
  // shape pass admits any printable ASCII there (a non-member is
  // CODE_NOT_IN_LIST, not a charset fault), but checks run after
  // membership, so these are the characters a check can meet.
  std::vector<ByteSet> member_chars;  // per position, or one for all
  Slot slot;
  int label = -1;
  int first_run = 0;  // runs [first_run, end_run) belong to the segment
  int end_run = 0;
};

// The length a segment's kind implies (0 = none), and what implies it, for
// messages.
struct ImpliedLength {
  uint32_t length = 0;
  std::string why;
};

}  // namespace

absl::StatusOr<ByteSet> ParseCharset(absl::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("charset is empty");
  ByteSet set{};
  auto bad = [&](size_t offset, absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("charset '", absl::CHexEscape(text), "': ", why,
                     " at offset ", offset));
  };
  // One character at `*i` (an escape takes two bytes).
  auto next = [&](size_t* i, char* out) -> absl::Status {
    size_t at = *i;
    if (text[at] == '\\') {
      if (at + 1 >= text.size()) return bad(at, "'\\' escapes nothing");
      ++at;
    }
    if (!IsPrintableAscii(text[at])) {
      return bad(at, "a character outside printable ASCII ('!' to '~')");
    }
    *out = text[at];
    *i = at + 1;
    return absl::OkStatus();
  };
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    char first = 0;
    SHUYUAN_RETURN_IF_ERROR(next(&i, &first));
    char last = first;
    if (i + 1 < text.size() && text[i] == '-') {
      ++i;
      SHUYUAN_RETURN_IF_ERROR(next(&i, &last));
      if (last < first) return bad(start, "a reversed range");
    }
    for (int c = first; c <= last; ++c) set[c] = true;
  }
  return set;
}

// Builds the plan of one rule. Declared here (not in an anonymous
// namespace) so that CodingRuleCompiler can befriend it.
class RuleBuilder {
 public:
  RuleBuilder(CodingRuleCompiler& compiler, const v1::CodingRule& rule)
      : compiler_(compiler), rule_(rule), plan_(new CodingRulePlan) {}

  absl::StatusOr<std::unique_ptr<const CodingRulePlan>> Build();

 private:
  // "coding rule ID: segment 'NAME' (segments[I]): WHAT", sited.
  absl::Status SegmentError(int i, absl::string_view field,
                            absl::string_view what) const;
  absl::Status RuleError(absl::string_view field, absl::string_view what) const;

  absl::Status Measure(int i);
  absl::Status MeasureKind(int i, const v1::CodingSegment& s,
                           SegmentInfo* info);
  absl::Status MeasureVariable(int i, const v1::CodingSegment& s,
                               SegmentInfo* info);
  absl::Status MeasureAllowed(int i, const v1::CodingSegment& s,
                              SegmentInfo* info, ImpliedLength* implied);
  absl::Status MeasureDate(int i, const v1::CodingSegment& s, SegmentInfo* info,
                           ImpliedLength* implied);
  absl::Status MeasureNested(int i, const v1::CodingSegment& s,
                             SegmentInfo* info, ImpliedLength* implied);
  absl::Status MeasureCheck(int i, const v1::CodingSegment& s,
                            SegmentInfo* info, ImpliedLength* implied);
  absl::Status ResolveCodeList(int i, const v1::CodingSegment& s,
                               SegmentInfo* info);
  absl::Status Place();
  void AddRuns(int i);
  void AddRun(const Slot& slot, ByteSet table, int label, int segment);
  absl::Status AddStep(int i);
  absl::Status AddCheck(int i, Step* step);
  bool Proven(const SegmentInfo& info, uint32_t k,
              const ByteSet& allowed) const;
  absl::Status CheckCoverage(int i, int covered, const CheckMethod& method,
                             int over_index);
  absl::Status AddParts();
  absl::Status AddPart(int p);
  void AddLabel(int i);

  CodingRuleCompiler& compiler_;
  const v1::CodingRule& rule_;
  std::unique_ptr<CodingRulePlan> plan_;
  std::vector<SegmentInfo> segments_;
  absl::flat_hash_map<std::string, int> by_name_;
};

absl::Status RuleBuilder::RuleError(absl::string_view field,
                                    absl::string_view what) const {
  return codec::WithErrorSite(absl::InvalidArgumentError(absl::StrCat(
                                  "coding rule ", rule_.id(), ": ", what)),
                              {"coding_rule", rule_.id(), std::string(field)});
}

absl::Status RuleBuilder::SegmentError(int i, absl::string_view field,
                                       absl::string_view what) const {
  const std::string site =
      absl::StrCat("segments[", i, "]", field.empty() ? "" : ".", field);
  return RuleError(site, absl::StrCat("segment '", rule_.segments(i).name(),
                                      "' (", site, "): ", what));
}

absl::StatusOr<std::unique_ptr<const CodingRulePlan>> RuleBuilder::Build() {
  if (rule_.id().empty()) {
    return absl::InvalidArgumentError("coding rule without an id");
  }
  plan_->id = rule_.id();
  plan_->ref = codec::ItemRef(rule_.id(), rule_.version_info());
  if (rule_.segments().empty()) {
    return RuleError("segments", "a coding rule needs at least one segment");
  }
  segments_.resize(rule_.segments_size());
  for (int i = 0; i < rule_.segments_size(); ++i) {
    SHUYUAN_RETURN_IF_ERROR(Measure(i));
  }
  SHUYUAN_RETURN_IF_ERROR(Place());
  for (int i = 0; i < rule_.segments_size(); ++i) {
    AddLabel(i);
    AddRuns(i);
  }
  // Checks of meaning first, then check characters (see coding_rule.h).
  for (int i = 0; i < rule_.segments_size(); ++i) {
    if (segments_[i].kind != Kind::kCheck) SHUYUAN_RETURN_IF_ERROR(AddStep(i));
  }
  for (int i = 0; i < rule_.segments_size(); ++i) {
    if (segments_[i].kind == Kind::kCheck) SHUYUAN_RETURN_IF_ERROR(AddStep(i));
  }
  SHUYUAN_RETURN_IF_ERROR(AddParts());
  for (const PartPlan& part : plan_->parts) {
    plan_->part_names.push_back(part.name);
  }
  return std::unique_ptr<const CodingRulePlan>(std::move(plan_));
}

// Pass 1: what each segment holds and how long it is.
absl::Status RuleBuilder::Measure(int i) {
  const v1::CodingSegment& s = rule_.segments(i);
  SegmentInfo& info = segments_[i];
  if (!IsValidName(s.name())) {
    return SegmentError(i, "name",
                        s.name().empty()
                            ? "a name is required"
                            : "a name is [A-Za-z][A-Za-z0-9_]*, at most 64 "
                              "characters");
  }
  if (!by_name_.emplace(s.name(), i).second) {
    return SegmentError(i, "name", "another segment has this name");
  }
  std::vector<std::string> kinds;
  if (!s.allowed().empty()) kinds.push_back("allowed");
  if (!s.code_list().empty()) kinds.push_back("code_list");
  if (!s.date().empty()) kinds.push_back("date");
  if (!s.fixed().empty()) kinds.push_back("fixed");
  if (!s.coding_rule().empty()) kinds.push_back("coding_rule");
  if (s.has_check()) kinds.push_back("check");
  if (kinds.empty() && !s.charset().empty()) kinds.push_back("charset");
  if (kinds.size() != 1) {
    return SegmentError(
        i, "",
        absl::StrCat("give exactly one of charset, allowed, code_list, date, "
                     "fixed, coding_rule and check (found: ",
                     kinds.empty() ? "none" : absl::StrJoin(kinds, ", "), ")"));
  }
  const bool narrows = !s.code_list().empty() || !s.coding_rule().empty();
  if (!s.charset().empty()) {
    if (kinds[0] != "charset" && !narrows) {
      return SegmentError(i, "charset",
                          "a charset stands alone or narrows a code_list or "
                          "coding_rule segment");
    }
    absl::StatusOr<ByteSet> set = ParseCharset(s.charset());
    if (!set.ok()) return SegmentError(i, "charset", set.status().message());
    info.charset = *set;
  }
  if (s.not_future() && s.date().empty()) {
    return SegmentError(i, "not_future", "not_future needs a date segment");
  }
  if ((s.min_length() != 0 || s.max_length() != 0) && kinds[0] != "charset") {
    return SegmentError(i, "max_length",
                        "only a charset segment may have a variable length");
  }
  return MeasureKind(i, s, &info);
}

absl::Status RuleBuilder::MeasureKind(int i, const v1::CodingSegment& s,
                                      SegmentInfo* info) {
  ImpliedLength implied;
  absl::Status status;
  if (!s.charset().empty() && s.code_list().empty() &&
      s.coding_rule().empty()) {
    info->kind = Kind::kCharset;
    if (s.min_length() != 0 || s.max_length() != 0) {
      return MeasureVariable(i, s, info);
    }
  } else if (!s.allowed().empty()) {
    status = MeasureAllowed(i, s, info, &implied);
  } else if (!s.code_list().empty()) {
    info->kind = Kind::kCodeList;
    status = ResolveCodeList(i, s, info);
  } else if (!s.date().empty()) {
    status = MeasureDate(i, s, info, &implied);
  } else if (!s.fixed().empty()) {
    info->kind = Kind::kFixed;
    if (!std::all_of(s.fixed().begin(), s.fixed().end(), IsPrintableAscii)) {
      return SegmentError(i, "fixed", "a literal is printable ASCII");
    }
    implied = {static_cast<uint32_t>(s.fixed().size()), "the literal has"};
  } else if (!s.coding_rule().empty()) {
    status = MeasureNested(i, s, info, &implied);
  } else {
    status = MeasureCheck(i, s, info, &implied);
  }
  SHUYUAN_RETURN_IF_ERROR(status);
  // The length written must agree with the one the kind implies.
  if (implied.length == 0) {
    if (s.length() == 0) {
      return SegmentError(i, "length", "a length is required");
    }
    info->length = s.length();
  } else if (s.length() != 0 && s.length() != implied.length) {
    return SegmentError(
        i, "length",
        absl::StrCat("length ", s.length(), " does not add up: ", implied.why,
                     " ", implied.length, " character",
                     implied.length == 1 ? "" : "s"));
  } else {
    info->length = implied.length;
  }
  return absl::OkStatus();
}

absl::Status RuleBuilder::MeasureVariable(int i, const v1::CodingSegment& s,
                                          SegmentInfo* info) {
  if (s.length() != 0) {
    return SegmentError(i, "length",
                        "give length, or min_length and max_length");
  }
  if (s.max_length() == 0 || s.min_length() > s.max_length()) {
    return SegmentError(i, "max_length",
                        "max_length must be at least 1 and min_length");
  }
  info->variable = true;
  info->min_length = s.min_length();
  info->max_length = s.max_length();
  return absl::OkStatus();
}

absl::Status RuleBuilder::MeasureAllowed(int i, const v1::CodingSegment& s,
                                         SegmentInfo* info,
                                         ImpliedLength* implied) {
  info->kind = Kind::kAllowed;
  for (int k = 0; k < s.allowed_size(); ++k) {
    const std::string& v = s.allowed(k);
    const std::string field = absl::StrCat("allowed[", k, "]");
    if (v.empty() || !std::all_of(v.begin(), v.end(), IsPrintableAscii)) {
      return SegmentError(i, field,
                          "allowed values are non-empty printable ASCII");
    }
    if (v.size() > 8) {
      return SegmentError(i, field,
                          "allowed values have at most 8 characters; use a "
                          "code_list for longer codes");
    }
    if (k > 0 && v.size() != s.allowed(0).size()) {
      return SegmentError(
          i, field,
          absl::StrCat("allowed values of one segment have one length: '", v,
                       "' has ", v.size(), " characters, '", s.allowed(0), "' ",
                       s.allowed(0).size()));
    }
  }
  *implied = {static_cast<uint32_t>(s.allowed(0).size()),
              "its allowed values have"};
  for (size_t k = 0; k < implied->length; ++k) {
    ByteSet set{};
    for (const std::string& v : s.allowed()) {
      set[static_cast<unsigned char>(v[k])] = true;
    }
    info->member_chars.push_back(set);
  }
  return absl::OkStatus();
}

absl::Status RuleBuilder::MeasureDate(int i, const v1::CodingSegment& s,
                                      SegmentInfo* info,
                                      ImpliedLength* implied) {
  info->kind = Kind::kDate;
  info->layout = codec::DateTimeLayoutFromName(s.date());
  if (info->layout == DateTimeLayout::kNone) {
    return SegmentError(i, "date",
                        absl::StrCat("'", s.date(),
                                     "' is not a datetime form: YYYYMMDD, "
                                     "YYYY-MM-DD, YYYYMMDDhhmmss, "
                                     "YYYY-MM-DDThh:mm:ss, hhmmss, "
                                     "hh:mm:ss, D8, DT14 or T6"));
  }
  if (s.not_future() && !codec::LayoutHasDate(info->layout)) {
    return SegmentError(i, "not_future", "not_future needs a form with a date");
  }
  const absl::string_view form = codec::DateTimeLayoutName(info->layout);
  *implied = {static_cast<uint32_t>(form.size()),
              absl::StrCat("date ", form, " has")};
  return absl::OkStatus();
}

absl::Status RuleBuilder::MeasureNested(int i, const v1::CodingSegment& s,
                                        SegmentInfo* info,
                                        ImpliedLength* implied) {
  info->kind = Kind::kRule;
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodingRule>> nested =
      compiler_.Nested(s.coding_rule());
  if (!nested.ok()) {
    if (codec::ErrorSiteOf(nested.status()).has_value()) {
      return nested.status();  // the nested rule's own error
    }
    return codec::WithErrorSite(
        absl::Status(nested.status().code(),
                     absl::StrCat("coding rule ", rule_.id(), ": segment '",
                                  s.name(), "': ", nested.status().message())),
        {"coding_rule", rule_.id(),
         absl::StrCat("segments[", i, "].coding_rule")});
  }
  info->nested = *std::move(nested);
  info->nested_plan = &CodingRuleCompiler::PlanOf(*info->nested);
  if (info->nested_plan->min_length != info->nested_plan->max_length) {
    return SegmentError(
        i, "coding_rule",
        absl::StrCat("a nested rule has a fixed length; ", info->nested->ref(),
                     " has a variable one"));
  }
  *implied = {info->nested_plan->max_length,
              absl::StrCat("coding rule ", info->nested->ref(), " has")};
  return absl::OkStatus();
}

absl::Status RuleBuilder::MeasureCheck(int i, const v1::CodingSegment& s,
                                       SegmentInfo* info,
                                       ImpliedLength* implied) {
  info->kind = Kind::kCheck;
  absl::StatusOr<CheckMethod> method = CheckMethod::Make(s.check());
  if (!method.ok()) {
    const std::optional<codec::ErrorSite> site =
        codec::ErrorSiteOf(method.status());
    return SegmentError(
        i, site.has_value() ? absl::StrCat("check.", site->field) : "check",
        method.status().message());
  }
  info->method = *std::move(method);
  *implied = {static_cast<uint32_t>(info->method->check_length()),
              absl::StrCat(info->method->name(), " computes")};
  return absl::OkStatus();
}

// The compiled list of a code_list segment, shared through the resolver.
absl::Status RuleBuilder::ResolveCodeList(int i, const v1::CodingSegment& s,
                                          SegmentInfo* info) {
  absl::StatusOr<const v1::CodeList*> list =
      compiler_.resolver_.ResolveCodeList(s.code_list());
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>> compiled =
      list.ok() ? compiler_.resolver_.CompileCodeList(**list) : list.status();
  if (!compiled.ok()) {
    if (codec::ErrorSiteOf(compiled.status()).has_value()) {
      return compiled.status();  // the list's own error
    }
    return codec::WithErrorSite(
        absl::Status(
            compiled.status().code(),
            absl::StrCat("coding rule ", rule_.id(), ": segment '", s.name(),
                         "': ", compiled.status().message())),
        {"coding_rule", rule_.id(),
         absl::StrCat("segments[", i, "].code_list")});
  }
  info->code_list = *std::move(compiled);
  info->code_list_ref = codec::ItemRef((*list)->id(), (*list)->version_info());
  ByteSet bytes = info->code_list->CodeBytes();
  const ByteSet shape = info->charset.value_or(PrintableAscii());
  for (int c = 0; c < 256; ++c) bytes[c] = bytes[c] && shape[c];
  info->member_chars.push_back(bytes);
  return absl::OkStatus();
}

// Pass 2: where each segment lies.
absl::Status RuleBuilder::Place() {
  int variable = -1;
  uint64_t fixed_total = 0;
  for (int i = 0; i < static_cast<int>(segments_.size()); ++i) {
    if (segments_[i].variable) {
      if (variable >= 0) {
        return SegmentError(
            i, "max_length",
            absl::StrCat("segment '", rule_.segments(variable).name(),
                         "' already has a variable length; positions "
                         "would not add up with two"));
      }
      variable = i;
    } else {
      fixed_total += segments_[i].length;
    }
  }
  const uint64_t variable_max =
      variable >= 0 ? segments_[variable].max_length : 0;
  if (fixed_total + variable_max > kMaxCodeLength) {
    return RuleError(
        "segments",
        absl::StrCat("the code would have up to ", fixed_total + variable_max,
                     " characters; a coding rule has at most ",
                     kMaxCodeLength));
  }
  plan_->min_length = static_cast<uint32_t>(
      fixed_total + (variable >= 0 ? segments_[variable].min_length : 0));
  plan_->max_length = static_cast<uint32_t>(fixed_total + variable_max);
  uint32_t from_start = 0;
  uint32_t to_end = static_cast<uint32_t>(fixed_total);
  for (int i = 0; i < static_cast<int>(segments_.size()); ++i) {
    SegmentInfo& info = segments_[i];
    const bool after_variable = variable >= 0 && i > variable;
    if (info.variable) {
      info.slot =
          Slot{from_start, static_cast<uint32_t>(fixed_total), false, true};
    } else if (after_variable) {
      info.slot = Slot{to_end, info.length, true, false};
    } else {
      info.slot = Slot{from_start, info.length, false, false};
    }
    if (!info.variable) {
      from_start += info.length;
      to_end -= info.length;
    }
    TopSegment top;
    top.slot = info.slot;
    top.is_check = info.kind == Kind::kCheck;
    if (top.is_check) plan_->check_total += info.length;
    plan_->segments.push_back(top);
  }
  return absl::OkStatus();
}

void RuleBuilder::AddLabel(int i) {
  const v1::CodingSegment& s = rule_.segments(i);
  SegmentInfo& info = segments_[i];
  info.label = static_cast<int>(plan_->labels.size());
  plan_->segments[i].label = info.label;
  SegmentLabel label;
  label.path = s.name();
  label.path_zh = s.name_zh().empty() ? s.name() : s.name_zh();
  switch (info.kind) {
    case Kind::kCharset:
      label.expected = s.charset();
      break;
    case Kind::kAllowed:
      label.expected =
          absl::StrCat("one of ", absl::StrJoin(s.allowed(), ", "));
      label.allowed = absl::StrJoin(s.allowed(), ", ");
      label.allowed_zh = absl::StrJoin(s.allowed(), "、");
      break;
    case Kind::kCodeList:
      label.expected = s.charset().empty() ? "!-~" : s.charset();
      label.code_list = info.code_list;
      label.code_list_ref = info.code_list_ref;
      break;
    case Kind::kRule:
      label.expected = s.charset().empty() ? "!-~" : s.charset();
      break;
    case Kind::kDate:
      label.expected = std::string(codec::DateTimeLayoutName(info.layout));
      label.date_form = label.expected;
      label.date_has_day = codec::LayoutHasDate(info.layout);
      break;
    case Kind::kFixed:
      label.expected = s.fixed();
      break;
    case Kind::kCheck:
      label.expected = info.method->output_description();
      label.algorithm = std::string(info.method->name());
      label.check_length = info.method->check_length();
      break;
  }
  plan_->labels.push_back(std::move(label));
  if (info.kind == Kind::kRule) {
    // The nested rule's segments follow, as "segment.nested".
    for (const SegmentLabel& inner : info.nested_plan->labels) {
      SegmentLabel copy = inner;
      copy.path = absl::StrCat(s.name(), ".", inner.path);
      copy.path_zh =
          absl::StrCat(plan_->labels[info.label].path_zh, ".", inner.path_zh);
      plan_->labels.push_back(std::move(copy));
    }
  }
}

void RuleBuilder::AddRun(const Slot& slot, ByteSet table, int label,
                         int segment) {
  // Most runs share a handful of tables (digits, one charset per segment).
  const ByteSet* shared = nullptr;
  for (const ByteSet& existing : plan_->tables) {
    if (existing == table) {
      shared = &existing;
      break;
    }
  }
  if (shared == nullptr) shared = &plan_->tables.emplace_back(table);
  plan_->runs.push_back(ShapeRun{slot, shared, label, segment});
}

// Pass 3: the shape runs of segment `i`, in code order.
void RuleBuilder::AddRuns(int i) {
  const v1::CodingSegment& s = rule_.segments(i);
  SegmentInfo& info = segments_[i];
  info.first_run = static_cast<int>(plan_->runs.size());
  // One run per character position, for kinds whose table varies by
  // position.
  auto per_position = [&](auto table_at) {
    for (uint32_t k = 0; k < info.length; ++k) {
      AddRun(Slot{k, 1, false, false}.Within(info.slot), table_at(k),
             info.label, i);
    }
  };
  switch (info.kind) {
    case Kind::kCharset:
      AddRun(info.slot, *info.charset, info.label, i);
      break;
    case Kind::kAllowed:
      AddRun(info.slot, PrintableAscii(), info.label, i);
      break;
    case Kind::kCodeList:
      AddRun(info.slot, info.charset.value_or(PrintableAscii()), info.label, i);
      break;
    case Kind::kDate: {
      const absl::string_view form = codec::DateTimeLayoutName(info.layout);
      per_position([&](uint32_t k) {
        const char c = form[k];
        const bool digit =
            absl::string_view("YMDhms").find(c) != absl::string_view::npos;
        return SetOf(digit ? absl::string_view("0123456789")
                           : absl::string_view(&form[k], 1));
      });
      break;
    }
    case Kind::kFixed:
      per_position([&](uint32_t k) {
        return SetOf(absl::string_view(&s.fixed()[k], 1));
      });
      break;
    case Kind::kRule: {
      if (info.charset.has_value()) {
        AddRun(info.slot, *info.charset, info.label, i);
      }
      const int base = info.label + 1;
      for (const ShapeRun& inner : info.nested_plan->runs) {
        plan_->runs.push_back(ShapeRun{inner.slot.Within(info.slot),
                                       inner.table, base + inner.label, i});
      }
      break;
    }
    case Kind::kCheck:
      AddRun(info.slot, info.method->output_table(), info.label, i);
      break;
  }
  info.end_run = static_cast<int>(plan_->runs.size());
}

absl::Status RuleBuilder::AddStep(int i) {
  const v1::CodingSegment& s = rule_.segments(i);
  const SegmentInfo& info = segments_[i];
  Step step;
  step.slot = info.slot;
  step.label = info.label;
  switch (info.kind) {
    case Kind::kCharset:
    case Kind::kFixed:
      return absl::OkStatus();  // the shape pass says it all
    case Kind::kAllowed:
      step.kind = Step::Kind::kAllowed;
      for (const std::string& value : s.allowed()) {
        step.allowed.push_back(PackKey(value));
      }
      std::sort(step.allowed.begin(), step.allowed.end());
      break;
    case Kind::kCodeList: {
      step.kind = Step::Kind::kCodeList;
      step.code_list = info.code_list;
      break;
    }
    case Kind::kDate:
      step.kind = Step::Kind::kDate;
      step.layout = info.layout;
      step.not_future = s.not_future();
      break;
    case Kind::kRule:
      step.kind = Step::Kind::kNested;
      step.nested = info.nested;
      step.label_base = info.label + 1;
      break;
    case Kind::kCheck:
      step.kind = Step::Kind::kCheck;
      SHUYUAN_RETURN_IF_ERROR(AddCheck(i, &step));
      plan_->segments[i].step = static_cast<int>(plan_->steps.size());
      break;
  }
  plan_->steps.push_back(std::move(step));
  return absl::OkStatus();
}

absl::Status RuleBuilder::AddCheck(int i, Step* step) {
  const v1::CodingCheck& check = rule_.segments(i).check();
  const CheckMethod& method = *segments_[i].method;
  step->method = method;
  size_t checked = 0;
  bool variable = false;
  if (check.over().empty()) {
    if (i == 0) {
      return SegmentError(i, "check",
                          "a check over every preceding character needs a "
                          "segment before it");
    }
    step->prefix = true;
    for (int j = 0; j < i; ++j) {
      SHUYUAN_RETURN_IF_ERROR(CheckCoverage(i, j, method, -1));
      checked += segments_[j].length;
      variable |= segments_[j].variable;
    }
  } else {
    step->prefix = false;
    int previous = -1;
    for (int k = 0; k < check.over_size(); ++k) {
      const std::string field = absl::StrCat("check.over[", k, "]");
      auto it = by_name_.find(check.over(k));
      if (it == by_name_.end()) {
        return SegmentError(
            i, field,
            absl::StrCat("no segment is named '", check.over(k), "'"));
      }
      const int j = it->second;
      if (j >= i) {
        return SegmentError(
            i, field,
            absl::StrCat("a check covers earlier segments only; '",
                         check.over(k), "' is ",
                         j == i ? "the check itself" : "a later segment"));
      }
      if (j <= previous) {
        return SegmentError(i, field,
                            "list the segments once each, in code order");
      }
      previous = j;
      SHUYUAN_RETURN_IF_ERROR(CheckCoverage(i, j, method, k));
      step->over.push_back(segments_[j].slot);
      checked += segments_[j].length;
      variable |= segments_[j].variable;
    }
  }
  if (method.weight_count() != 0) {
    if (variable) {
      return SegmentError(i, "check.weighted.weights",
                          "WEIGHTED needs a fixed number of characters; a "
                          "checked segment has a variable length");
    }
    if (method.weight_count() != checked) {
      return SegmentError(
          i, "check.weighted.weights",
          absl::StrCat(method.weight_count(), " weights for ", checked,
                       " checked character", checked == 1 ? "" : "s",
                       ": give one weight per character"));
    }
  }
  return absl::OkStatus();
}

// Whether position `k` of segment `info` can hold only characters of
// `allowed`: some run of the segment covering it admits nothing else (a
// value passes every run, so it holds only what each run admits).
bool RuleBuilder::Proven(const SegmentInfo& info, uint32_t k,
                         const ByteSet& allowed) const {
  if (!info.member_chars.empty()) {
    const ByteSet& members =
        info.member_chars[info.member_chars.size() == 1 ? 0 : k];
    return IsSubset(members, allowed);
  }
  for (int r = info.first_run; r < info.end_run; ++r) {
    const ShapeRun& run = plan_->runs[r];
    // The run's start within the segment; runs of a fixed segment share its
    // anchoring, and a variable segment has one run over all of it.
    const uint32_t start = info.variable ? 0
                           : run.slot.from_end
                               ? info.slot.offset - run.slot.offset
                               : run.slot.offset - info.slot.offset;
    const bool covers =
        info.variable || (start <= k && k < start + run.slot.length);
    if (covers && IsSubset(*run.table, allowed)) return true;
  }
  return false;
}

// Every character of segment `covered` is one the check of segment `i`
// reads.
absl::Status RuleBuilder::CheckCoverage(int i, int covered,
                                        const CheckMethod& method,
                                        int over_index) {
  const SegmentInfo& info = segments_[covered];
  const uint32_t positions = info.variable ? 1 : info.length;
  for (uint32_t k = 0; k < positions; ++k) {
    if (!Proven(info, k, method.input_table())) {
      return SegmentError(
          i,
          over_index < 0 ? "check"
                         : absl::StrCat("check.over[", over_index, "]"),
          absl::StrCat("segment '", rule_.segments(covered).name(),
                       "' may hold characters that ", method.name(),
                       " does not read (it reads ", method.input_description(),
                       "); narrow it with a charset"));
    }
  }
  return absl::OkStatus();
}

// Pass 4: the decoded parts.
absl::Status RuleBuilder::AddParts() {
  for (int i = 0; i < rule_.segments_size(); ++i) {
    const SegmentInfo& info = segments_[i];
    PartPlan part;
    part.name = rule_.segments(i).name();
    part.slot = info.slot;
    plan_->parts.push_back(std::move(part));
    if (info.kind != Kind::kRule) continue;
    for (const PartPlan& inner : info.nested_plan->parts) {
      PartPlan part = inner;
      part.name = absl::StrCat(rule_.segments(i).name(), ".", inner.name);
      part.slot = inner.slot.Within(info.slot);
      plan_->parts.push_back(std::move(part));
    }
  }
  for (int p = 0; p < rule_.parts_size(); ++p) {
    SHUYUAN_RETURN_IF_ERROR(AddPart(p));
  }
  return absl::OkStatus();
}

absl::Status RuleBuilder::AddPart(int p) {
  const v1::CodingPart& part = rule_.parts(p);
  const std::string site = absl::StrCat("parts[", p, "]");
  auto error = [&](absl::string_view field, absl::string_view what) {
    return RuleError(
        absl::StrCat(site, field.empty() ? "" : ".", field),
        absl::StrCat("part '", part.name(), "' (", site, "): ", what));
  };
  if (!IsValidName(part.name())) {
    return error("name",
                 "a name is [A-Za-z][A-Za-z0-9_]*, at most 64 "
                 "characters");
  }
  for (const PartPlan& existing : plan_->parts) {
    if (existing.name == part.name()) {
      return error("name", "a segment or another part has this name");
    }
  }
  if (part.has_parity() == part.has_substring()) {
    return error("", "give exactly one of parity and substring");
  }
  PartPlan plan;
  plan.name = part.name();
  const auto source = by_name_.find(part.from());
  if (!part.from().empty() && source == by_name_.end()) {
    return error("from",
                 absl::StrCat("no segment is named '", part.from(), "'"));
  }
  if (part.has_parity()) {
    if (part.from().empty()) {
      return error("from", "a parity part needs the segment it reads");
    }
    const SegmentInfo& info = segments_[source->second];
    if (part.parity().odd().empty() || part.parity().even().empty()) {
      return error("parity", "give both odd and even");
    }
    // The last character must be a digit whatever the value.
    if (!Proven(info, info.variable ? 0 : info.length - 1,
                SetOf("0123456789"))) {
      return error("from", absl::StrCat("segment '", part.from(),
                                        "' does not end in a digit"));
    }
    plan.slot = info.slot;
    plan.parity = true;
    plan.odd = part.parity().odd();
    plan.even = part.parity().even();
  } else {
    const uint64_t end =
        uint64_t{part.substring().start()} + part.substring().length();
    const bool whole = part.from().empty();
    if (!whole && segments_[source->second].variable) {
      return error("from", "a substring of a variable-length segment");
    }
    // A substring of the whole code lies within its shortest form.
    const uint64_t available =
        whole ? plan_->min_length : segments_[source->second].length;
    if (part.substring().length() == 0 || end > available) {
      return error("substring",
                   absl::StrCat("characters ", part.substring().start(), " to ",
                                end, " do not lie within the ", available,
                                " of ", whole ? "the code" : part.from()));
    }
    plan.slot =
        Slot{part.substring().start(), part.substring().length(), false, false};
    if (!whole) plan.slot = plan.slot.Within(segments_[source->second].slot);
  }
  plan_->parts.push_back(std::move(plan));
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const codec::CompiledCodingRule>>
CodingRuleCompiler::Compile(const v1::CodingRule& rule) {
  for (const v1::CodingRule* open : in_progress_) {
    if (open->id() == rule.id()) {
      return codec::WithErrorSite(
          absl::InvalidArgumentError(
              absl::StrCat("coding rule ", rule.id(), " nests itself (through ",
                           in_progress_.front()->id(), ")")),
          {"coding_rule", in_progress_.back()->id(), "segments"});
    }
  }
  if (static_cast<int>(in_progress_.size()) >= kMaxNesting) {
    return codec::WithErrorSite(
        absl::InvalidArgumentError(
            absl::StrCat("coding rule ", in_progress_.back()->id(),
                         ": rules nest at most ", kMaxNesting, " deep")),
        {"coding_rule", in_progress_.back()->id(), "segments"});
  }
  in_progress_.push_back(&rule);
  absl::StatusOr<std::unique_ptr<const CodingRulePlan>> plan =
      RuleBuilder(*this, rule).Build();
  in_progress_.pop_back();
  if (!plan.ok()) return plan.status();
  return Make(rule, *std::move(plan));
}

absl::StatusOr<std::shared_ptr<const codec::CompiledCodingRule>>
CodingRuleCompiler::Nested(absl::string_view ref) {
  SHUYUAN_ASSIGN_OR_RETURN(const v1::CodingRule* rule,
                           resolver_.ResolveCodingRule(ref));
  auto it = compiled_.find(rule);
  if (it != compiled_.end()) return it->second;
  SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const codec::CompiledCodingRule> out,
                           Compile(*rule));
  compiled_.emplace(rule, out);
  return out;
}

std::shared_ptr<const codec::CompiledCodingRule> CodingRuleCompiler::Make(
    const v1::CodingRule& rule, std::unique_ptr<const CodingRulePlan> plan) {
  return std::shared_ptr<const codec::CompiledCodingRule>(
      new codec::CompiledCodingRule(rule, std::move(plan)));
}

}  // namespace shuyuan::codec_internal
