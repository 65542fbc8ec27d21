#include "codec/normalizer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "codec/checksum.h"
#include "codec/definition_error.h"
#include "codec/internal/byte_scan.h"
#include "codec/internal/date_forms.h"
#include "codec/internal/quiet_text.h"
#include "codec/internal/unicode_text.h"
#include "re2/filtered_re2.h"
#include "re2/re2.h"
#include "unicode/bytestream.h"
#include "unicode/normalizer2.h"
#include "unicode/stringpiece.h"
#include "unicode/utypes.h"

namespace shuyuan::codec {

using codec_internal::DateForm;
using codec_internal::DecodeUtf8;
using codec_internal::kInvalidCodePoint;
using codec_internal::Utf8Char;

namespace {

enum class StepKind {
  kWidth,
  kNfc,
  kTrim,
  kCollapseSpaces,
  kRemove,
  kReplace,
  kUpper,
  kLower,
  kPadLeft,
  kDate,
  kMap,
  kId15To18,
  kRegexReplace,
};

absl::string_view StepKindName(StepKind kind) {
  switch (kind) {
    case StepKind::kWidth:
      return "width";
    case StepKind::kNfc:
      return "nfc";
    case StepKind::kTrim:
      return "trim";
    case StepKind::kCollapseSpaces:
      return "collapse_spaces";
    case StepKind::kRemove:
      return "remove";
    case StepKind::kReplace:
      return "replace";
    case StepKind::kUpper:
      return "upper";
    case StepKind::kLower:
      return "lower";
    case StepKind::kPadLeft:
      return "pad_left";
    case StepKind::kDate:
      return "date";
    case StepKind::kMap:
      return "map";
    case StepKind::kId15To18:
      return "id15to18";
    case StepKind::kRegexReplace:
      return "regex_replace";
  }
  return "";
}

// What a step did to its input.
enum class Outcome {
  kUnchanged,
  kWritten,   // the new value is in the output buffer
  kSubView,   // the new value is a sub-view of the input
  kExternal,  // the new value is owned by someone else (the mapper)
};

// ---- width ------------------------------------------------------------

// Length of a full-width form at `p` (3) with its ASCII replacement in
// `*ascii`, or 0. U+FF01–FF5E is EF BC 81–BF and EF BD 80–9E; U+3000 is
// E3 80 80.
inline int FullWidthAt(const char* p, const char* end, char* ascii) {
  if (end - p < 3) return 0;
  const auto b0 = static_cast<unsigned char>(p[0]);
  const auto b1 = static_cast<unsigned char>(p[1]);
  const auto b2 = static_cast<unsigned char>(p[2]);
  if (b0 == 0xEF) {
    if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
      *ascii = static_cast<char>(b2 - 0x81 + 0x21);
      return 3;
    }
    if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
      *ascii = static_cast<char>(b2 - 0x80 + 0x60);
      return 3;
    }
    return 0;
  }
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {
    *ascii = ' ';
    return 3;
  }
  return 0;
}

// The next byte that may start a full-width form: only EF and E3 can, so
// Chinese text (leads E4–E9, and E3 only for its punctuation) is skipped in
// blocks.
inline const char* FindFullWidthLead(const char* p, const char* end) {
  return codec_internal::FindAnyOf4(p, end, 0xEF, 0xE3, 0xEF, 0xE3);
}

Outcome RunWidth(absl::string_view in, std::string* out) {
  const char* p = in.data();
  const char* const end = p + in.size();
  char ascii;
  for (;;) {
    p = FindFullWidthLead(p, end);
    if (p == end) return Outcome::kUnchanged;
    if (FullWidthAt(p, end, &ascii) != 0) break;
    ++p;
  }
  out->assign(in.data(), p - in.data());
  while (p < end) {
    const int n = FullWidthAt(p, end, &ascii);
    if (n != 0) {
      out->push_back(ascii);
      p += n;
      continue;
    }
    // Not a full-width form: copy up to the next candidate in one go.
    const char* const next = FindFullWidthLead(p + 1, end);
    out->append(p, static_cast<size_t>(next - p));
    p = next;
  }
  return Outcome::kWritten;
}

// ---- nfc --------------------------------------------------------------

Outcome RunNfc(const icu::Normalizer2* nfc, absl::string_view in,
               std::string* out) {
  // Chinese text is mostly characters that are NFC on their own and never
  // combine: skip ICU when every character is one of them.
  {
    const char* p = in.data();
    const char* const end = p + in.size();
    for (;;) {
      p = codec_internal::SkipAscii(p, end);
      // E5–E9 with two continuation bytes is U+5000–9FFF, all CJK Unified
      // Ideographs (IsNfcQuickYes): the bulk of Chinese text, so no decoding.
      while (end - p >= 3) {
        const auto b0 = static_cast<unsigned char>(p[0]);
        const auto b1 = static_cast<unsigned char>(p[1]);
        const auto b2 = static_cast<unsigned char>(p[2]);
        if (static_cast<unsigned char>(b0 - 0xE5) > 0xE9 - 0xE5 ||
            (((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80)) != 0) {
          break;
        }
        p += 3;
      }
      if (p == end) return Outcome::kUnchanged;
      const Utf8Char c = DecodeUtf8(p, end);
      if (c.cp == kInvalidCodePoint || !codec_internal::IsNfcQuickYes(c.cp)) {
        break;
      }
      p += c.length;
    }
  }
  // ICU would pass ill-formed bytes through, but only by its own rules;
  // SPEC asks that they stay exactly as they are, so such values are left
  // alone (validation reports INVALID_ENCODING).
  if (!codec_internal::IsValidUtf8(in)) return Outcome::kUnchanged;
  const icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) {
    return Outcome::kUnchanged;
  }
  out->clear();
  icu::StringByteSink<std::string> sink(out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status) || *out == in) return Outcome::kUnchanged;
  return Outcome::kWritten;
}

// ---- collapse_spaces ----------------------------------------------------

// Length of the White_Space character at `p`, or 0. Only ASCII and the
// lead bytes C2, E1, E2 and E3 can start one, so other bytes (Chinese text,
// continuation bytes, ill-formed bytes) are rejected without decoding.
inline int WhiteSpaceAt(const char* p, const char* end) {
  const auto b = static_cast<unsigned char>(*p);
  if (b < 0x80) return b == ' ' || (b >= 0x09 && b <= 0x0D) ? 1 : 0;
  if (b != 0xC2 && (b < 0xE1 || b > 0xE3)) return 0;
  const Utf8Char c = DecodeUtf8(p, end);
  return c.cp != kInvalidCodePoint && codec_internal::IsWhiteSpace(c.cp)
             ? c.length
             : 0;
}

Outcome RunCollapseSpaces(absl::string_view in, std::string* out) {
  const char* p = in.data();
  const char* const end = p + in.size();
  bool previous_space = false;
  // Find the first character that changes: white space other than a single
  // ASCII space, or any white space right after a space. Bytes that cannot
  // start white space are skipped in blocks.
  for (;;) {
    p = codec_internal::FindWhiteSpaceLead(p, end);
    if (p == end) return Outcome::kUnchanged;
    if (WhiteSpaceAt(p, end) == 0) {
      ++p;
      continue;
    }
    if (*p != ' ') break;
    // A single space is canonical unless white space follows it.
    if (p + 1 < end && WhiteSpaceAt(p + 1, end) != 0) {
      ++p;
      previous_space = true;
      break;
    }
    ++p;
  }
  out->assign(in.data(), p - in.data());
  while (p < end) {
    const int n = WhiteSpaceAt(p, end);
    if (n != 0) {
      if (!previous_space) out->push_back(' ');
      previous_space = true;
      p += n;
      continue;
    }
    // Not white space: copy up to the next candidate in one go.
    const char* const next = codec_internal::FindWhiteSpaceLead(p + 1, end);
    out->append(p, static_cast<size_t>(next - p));
    previous_space = false;
    p = next;
  }
  return Outcome::kWritten;
}

// ---- upper / lower ------------------------------------------------------

template <char kFrom, char kTo>
Outcome RunAsciiCase(absl::string_view in, std::string* out) {
  constexpr auto kLo = static_cast<unsigned char>(kFrom);
  constexpr auto kHi = static_cast<unsigned char>(kFrom + 25);
  const char* const begin = in.data();
  const size_t n = in.size();
  size_t i = static_cast<size_t>(
      codec_internal::FindByteInRange(begin, begin + n, kLo, kHi) - begin);
  if (i == n) return Outcome::kUnchanged;
  out->assign(begin, n);
  for (; i < n; ++i) {
    char& c = (*out)[i];
    if (static_cast<unsigned char>(c - kFrom) <= 25) {
      c = static_cast<char>(c - kFrom + kTo);
    }
  }
  return Outcome::kWritten;
}

}  // namespace

// ---- Step -----------------------------------------------------------------

struct Normalizer::Step {
  StepKind kind = StepKind::kWidth;

  // nfc
  const icu::Normalizer2* nfc = nullptr;

  // remove: ASCII members as a bitmap, others as a sorted list. Up to four
  // ASCII members are also listed (the first repeated to fill the slots) for
  // the block scan.
  std::array<uint64_t, 2> remove_ascii = {0, 0};
  std::vector<char32_t> remove_other;
  std::array<unsigned char, 4> remove_ascii_list = {0, 0, 0, 0};
  int remove_ascii_count = 0;

  // replace: pairs sorted by first byte, then longest key first;
  // range[b] is the [begin, end) slice of pairs whose key starts with b.
  // When every key starts with the same byte, candidates are found with
  // memchr: the common case of one or two pairs ("×" → "X").
  struct ReplaceTable {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::array<std::pair<uint32_t, uint32_t>, 256> range = {};
    int single_first_byte = -1;
  };
  std::unique_ptr<ReplaceTable> replace;  // set for replace steps only

  // pad_left
  uint32_t pad_width = 0;
  std::string pad_fill;

  // date
  std::vector<DateForm> forms;
  DateTimeLayout layout = DateTimeLayout::kNone;

  // map
  const ValueMapper* mapper = nullptr;

  // regex_replace: the pattern, the rewrite (\0 to \9) and, when every
  // match must contain one literal, that literal: a value without it is
  // left alone without asking RE2 (whose call costs more than the scan).
  std::unique_ptr<RE2> regex;
  std::string rewrite;
  std::string required;

  bool Removes(char32_t cp) const {
    if (cp < 128) return (remove_ascii[cp >> 6] >> (cp & 63)) & 1;
    return std::binary_search(remove_other.begin(), remove_other.end(), cp);
  }

  Outcome RunRemove(absl::string_view in, std::string* out) const;
  Outcome RunReplace(absl::string_view in, std::string* out) const;
  Outcome RunPadLeft(absl::string_view in, std::string* out) const;
  Outcome RunDate(absl::string_view in, std::string* out) const;
  Outcome RunRegexReplace(absl::string_view in, std::string* out) const;
  // Sets `kind` from `proto` and compiles its options into this step;
  // InvalidArgument saying what is wrong with them (CompileSteps prefixes
  // the step's index and kind), Internal when ICU lacks its NFC data.
  absl::Status Compile(const v1::NormalizeStep& proto,
                       const NormalizerOptions& options);
  // One per step kind with options, called by Compile.
  absl::Status CompileRemove(const v1::RemoveStep& proto);
  absl::Status CompileReplace(const v1::ReplaceStep& proto);
  absl::Status CompilePadLeft(const v1::PadLeftStep& pad);
  // `output_layout` is the element's datetime format, which the step writes.
  absl::Status CompileDate(const v1::DateStep& proto,
                           DateTimeLayout output_layout);
  absl::Status CompileRegexReplace(const v1::RegexReplaceStep& proto);
  Outcome Run(absl::string_view in, DateKey as_of, std::string* out,
              absl::string_view* view, NormalizeResult* result,
              int index) const;
};

Outcome Normalizer::Step::RunRemove(absl::string_view in,
                                    std::string* out) const {
  const char* p = in.data();
  const char* const end = p + in.size();
  if (remove_other.empty()) {
    // Only ASCII to delete: bytes from 0x80 up never match, so scan bytes,
    // in blocks when the set is small (" -", " ,": the usual case).
    if (remove_ascii_count <= 4) {
      p = codec_internal::FindAnyOf4(p, end, remove_ascii_list[0],
                                     remove_ascii_list[1], remove_ascii_list[2],
                                     remove_ascii_list[3]);
    } else {
      while (p < end) {
        const auto b = static_cast<unsigned char>(*p);
        if (b < 0x80 && Removes(b)) break;
        ++p;
      }
    }
    if (p == end) return Outcome::kUnchanged;
    out->assign(in.data(), p - in.data());
    for (++p; p < end; ++p) {
      const auto b = static_cast<unsigned char>(*p);
      if (b >= 0x80 || !Removes(b)) out->push_back(*p);
    }
    return Outcome::kWritten;
  }
  Utf8Char c{0, 0};
  while (p < end) {
    c = DecodeUtf8(p, end);
    if (c.cp != kInvalidCodePoint && Removes(c.cp)) break;
    p += c.length;
  }
  if (p == end) return Outcome::kUnchanged;
  out->assign(in.data(), p - in.data());
  p += c.length;
  while (p < end) {
    c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint || !Removes(c.cp)) out->append(p, c.length);
    p += c.length;
  }
  return Outcome::kWritten;
}

Outcome Normalizer::Step::RunReplace(absl::string_view in,
                                     std::string* out) const {
  const auto& pairs = replace->pairs;
  const size_t n = in.size();
  bool writing = false;
  size_t copied = 0;  // in[copied, i) still to be appended when writing
  const int single = replace->single_first_byte;
  size_t i = 0;
  while (i < n) {
    if (single >= 0) {
      const void* found = std::memchr(in.data() + i, single, n - i);
      if (found == nullptr) break;
      i = static_cast<size_t>(static_cast<const char*>(found) - in.data());
    }
    const auto [begin, end] = replace->range[static_cast<unsigned char>(in[i])];
    const std::pair<std::string, std::string>* hit = nullptr;
    for (uint32_t k = begin; k < end; ++k) {
      const std::string& key = pairs[k].first;
      if (key.size() <= n - i &&
          std::memcmp(in.data() + i, key.data(), key.size()) == 0) {
        hit = &pairs[k];
        break;
      }
    }
    if (hit == nullptr) {
      ++i;
      continue;
    }
    if (!writing) {
      out->clear();
      writing = true;
    }
    out->append(in.data() + copied, i - copied);
    out->append(hit->second);
    i += hit->first.size();
    copied = i;
  }
  if (!writing) return Outcome::kUnchanged;
  out->append(in.data() + copied, n - copied);
  if (*out == in) return Outcome::kUnchanged;
  return Outcome::kWritten;
}

Outcome Normalizer::Step::RunPadLeft(absl::string_view in,
                                     std::string* out) const {
  // A character is at most 4 bytes, so 4×width bytes are always enough.
  if (in.size() >= 4 * static_cast<size_t>(pad_width)) {
    return Outcome::kUnchanged;
  }
  const size_t count = codec_internal::CountCodePoints(in);
  if (count >= pad_width) return Outcome::kUnchanged;
  out->clear();
  for (size_t k = count; k < pad_width; ++k) out->append(pad_fill);
  out->append(in.data(), in.size());
  return Outcome::kWritten;
}

Outcome Normalizer::Step::RunDate(absl::string_view in,
                                  std::string* out) const {
  DateTimeFields fields;
  // Already in the canonical shape: leave it, real or not (validation
  // decides INVALID_DATE).
  if (ParseDateTime(in, layout, &fields) != DateTimeParse::kBadShape) {
    return Outcome::kUnchanged;
  }
  for (const DateForm& form : forms) {
    if (form.Match(in, &fields)) {
      out->clear();
      AppendDateTime(fields, layout, out);
      return Outcome::kWritten;
    }
  }
  return Outcome::kUnchanged;
}

absl::Status Normalizer::Step::Compile(const v1::NormalizeStep& proto,
                                       const NormalizerOptions& options) {
  switch (proto.step_case()) {
    case v1::NormalizeStep::STEP_NOT_SET:
      break;
    case v1::NormalizeStep::kWidth:
      kind = StepKind::kWidth;
      return absl::OkStatus();
    case v1::NormalizeStep::kNfc: {
      kind = StepKind::kNfc;
      UErrorCode status = U_ZERO_ERROR;
      nfc = icu::Normalizer2::getNFCInstance(status);
      if (U_FAILURE(status) || nfc == nullptr) {
        return absl::InternalError(
            absl::StrCat("ICU has no NFC data: ", u_errorName(status)));
      }
      return absl::OkStatus();
    }
    case v1::NormalizeStep::kTrim:
      kind = StepKind::kTrim;
      return absl::OkStatus();
    case v1::NormalizeStep::kCollapseSpaces:
      kind = StepKind::kCollapseSpaces;
      return absl::OkStatus();
    case v1::NormalizeStep::kRemove:
      kind = StepKind::kRemove;
      return CompileRemove(proto.remove());
    case v1::NormalizeStep::kReplace:
      kind = StepKind::kReplace;
      return CompileReplace(proto.replace());
    case v1::NormalizeStep::kUpper:
      kind = StepKind::kUpper;
      return absl::OkStatus();
    case v1::NormalizeStep::kLower:
      kind = StepKind::kLower;
      return absl::OkStatus();
    case v1::NormalizeStep::kPadLeft:
      kind = StepKind::kPadLeft;
      return CompilePadLeft(proto.pad_left());
    case v1::NormalizeStep::kDate:
      kind = StepKind::kDate;
      return CompileDate(proto.date(), options.date_layout);
    case v1::NormalizeStep::kMap:
      kind = StepKind::kMap;
      if (options.mapper == nullptr) {
        return absl::InvalidArgumentError(
            "no value mapper (the element needs a code list or aliases)");
      }
      mapper = options.mapper;
      return absl::OkStatus();
    case v1::NormalizeStep::kId15To18:
      kind = StepKind::kId15To18;
      return absl::OkStatus();
    case v1::NormalizeStep::kRegexReplace:
      kind = StepKind::kRegexReplace;
      return CompileRegexReplace(proto.regex_replace());
  }
  return absl::InvalidArgumentError(
      "empty step; write exactly one of width, nfc, trim, collapse_spaces, "
      "remove, replace, upper, lower, pad_left, date, map, id15to18, "
      "regex_replace");
}

absl::Status Normalizer::Step::CompileRemove(const v1::RemoveStep& proto) {
  const std::string& chars = proto.chars();
  if (chars.empty()) {
    return absl::InvalidArgumentError(
        "'chars' is empty; list the characters to delete");
  }
  const char* p = chars.data();
  const char* const end = p + chars.size();
  while (p < end) {
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'chars' is not valid UTF-8 at byte ", p - chars.data()));
    }
    if (c.cp < 128) {
      remove_ascii[c.cp >> 6] |= uint64_t{1} << (c.cp & 63);
    } else {
      remove_other.push_back(c.cp);
    }
    p += c.length;
  }
  for (int b = 0; b < 128; ++b) {
    if (!Removes(static_cast<char32_t>(b))) continue;
    if (remove_ascii_count < 4) {
      remove_ascii_list[remove_ascii_count] = static_cast<unsigned char>(b);
    }
    ++remove_ascii_count;
  }
  for (int k = remove_ascii_count; k < 4; ++k) {
    remove_ascii_list[k] = remove_ascii_list[0];
  }
  std::sort(remove_other.begin(), remove_other.end());
  remove_other.erase(std::unique(remove_other.begin(), remove_other.end()),
                     remove_other.end());
  return absl::OkStatus();
}

absl::Status Normalizer::Step::CompileReplace(const v1::ReplaceStep& proto) {
  if (proto.pairs().empty()) {
    return absl::InvalidArgumentError(
        "'pairs' is empty; give at least one from: to pair");
  }
  auto table = std::make_unique<Step::ReplaceTable>();
  for (const auto& [from, to] : proto.pairs()) {
    if (from.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "empty key (replacing it with '", to, "' would match everywhere)"));
    }
    table->pairs.emplace_back(from, to);
  }
  std::sort(table->pairs.begin(), table->pairs.end(),
            [](const auto& x, const auto& y) {
              const auto bx = static_cast<unsigned char>(x.first[0]);
              const auto by = static_cast<unsigned char>(y.first[0]);
              if (bx != by) return bx < by;
              if (x.first.size() != y.first.size()) {
                return x.first.size() > y.first.size();
              }
              return x.first < y.first;
            });
  for (uint32_t k = 0; k < table->pairs.size(); ++k) {
    auto& range =
        table->range[static_cast<unsigned char>(table->pairs[k].first[0])];
    if (range.first == range.second) range.first = k;
    range.second = k + 1;
  }
  if (table->pairs.front().first[0] == table->pairs.back().first[0]) {
    table->single_first_byte =
        static_cast<unsigned char>(table->pairs.front().first[0]);
  }
  replace = std::move(table);
  return absl::OkStatus();
}

absl::Status Normalizer::Step::CompilePadLeft(const v1::PadLeftStep& pad) {
  if (pad.width() == 0 || pad.width() > kMaxPadWidth) {
    return absl::InvalidArgumentError(absl::StrCat(
        "width ", pad.width(), " is out of range (1..", kMaxPadWidth, ")"));
  }
  pad_width = pad.width();
  pad_fill = pad.fill().empty() ? "0" : pad.fill();
  const Utf8Char c =
      DecodeUtf8(pad_fill.data(), pad_fill.data() + pad_fill.size());
  if (c.cp == kInvalidCodePoint ||
      static_cast<size_t>(c.length) != pad_fill.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("fill '", pad.fill(), "' must be exactly one character"));
  }
  return absl::OkStatus();
}

absl::Status Normalizer::Step::CompileDate(const v1::DateStep& proto,
                                           DateTimeLayout output_layout) {
  layout = output_layout;
  if (layout == DateTimeLayout::kNone) {
    return absl::InvalidArgumentError(
        "the element has no datetime format (YYYYMMDD, YYYY-MM-DD, "
        "YYYYMMDDhhmmss, ...) for the date step to write");
  }
  if (proto.inputs().empty()) {
    return absl::InvalidArgumentError(
        "'inputs' is empty; list the input forms to accept");
  }
  for (const std::string& text : proto.inputs()) {
    absl::StatusOr<DateForm> form = DateForm::Compile(text);
    if (!form.ok()) return form.status();
    if (LayoutHasDate(layout) && !form->has_date()) {
      return absl::InvalidArgumentError(
          absl::StrCat("input form '", text, "' has no date but the format ",
                       DateTimeLayoutName(layout), " needs one"));
    }
    if (!LayoutHasDate(layout) && !form->has_time()) {
      return absl::InvalidArgumentError(
          absl::StrCat("input form '", text, "' has no time but the format ",
                       DateTimeLayoutName(layout), " needs one"));
    }
    forms.push_back(*std::move(form));
  }
  return absl::OkStatus();
}

absl::Status Normalizer::Step::CompileRegexReplace(
    const v1::RegexReplaceStep& proto) {
  if (proto.pattern().empty()) {
    return absl::InvalidArgumentError(
        "'pattern' is empty; write the RE2 pattern the whole value must "
        "match");
  }
  RE2::Options options;
  options.set_log_errors(false);
  regex = std::make_unique<RE2>(proto.pattern(), options);
  if (!regex->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("pattern '", proto.pattern(), "': ", regex->error()));
  }
  std::string error;
  if (!regex->CheckRewriteString(proto.replacement(), &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("replacement '", proto.replacement(), "': ", error));
  }
  rewrite = proto.replacement();
  // RE2's prefilter names the literals ("atoms") a match needs. With exactly
  // one, every match contains it. Atoms are lower-cased, so only atoms
  // without letters are taken as written.
  re2::FilteredRE2 filter(/*min_atom_len=*/1);
  int id = 0;
  std::vector<std::string> atoms;
  if (filter.Add(proto.pattern(), options, &id) == RE2::NoError) {
    filter.Compile(&atoms);
  }
  // Every match contains one of the atoms, so an atom that is part of every
  // atom is in every match ("86" of "86" and "0086" for "^(?:\+?86|0086)").
  for (const std::string& atom : atoms) {
    const bool in_all =
        std::all_of(atoms.begin(), atoms.end(), [&](const std::string& other) {
          return other.find(atom) != std::string::npos;
        });
    const bool letters = std::any_of(atom.begin(), atom.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (in_all && !letters &&
        (required.empty() || atom.size() < required.size())) {
      required = atom;
    }
  }
  return absl::OkStatus();
}

Outcome Normalizer::Step::RunRegexReplace(absl::string_view in,
                                          std::string* out) const {
  if (!required.empty() && in.find(required) == absl::string_view::npos) {
    return Outcome::kUnchanged;
  }
  const re2::StringPiece text(in.data(), in.size());
  // Without groups first: the DFA decides most values (canonical ones do
  // not match) without allocating.
  if (!regex->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) {
    return Outcome::kUnchanged;
  }
  out->assign(in.data(), in.size());
  if (RE2::GlobalReplace(out, *regex, rewrite) == 0 || *out == in) {
    return Outcome::kUnchanged;
  }
  return Outcome::kWritten;
}

Outcome Normalizer::Step::Run(absl::string_view in, DateKey as_of,
                              std::string* out, absl::string_view* view,
                              NormalizeResult* result, int index) const {
  switch (kind) {
    case StepKind::kWidth:
      return RunWidth(in, out);
    case StepKind::kNfc:
      return RunNfc(nfc, in, out);
    case StepKind::kTrim: {
      const absl::string_view trimmed = codec_internal::TrimView(in);
      if (trimmed.size() == in.size()) return Outcome::kUnchanged;
      *view = trimmed;
      return Outcome::kSubView;
    }
    case StepKind::kCollapseSpaces:
      return RunCollapseSpaces(in, out);
    case StepKind::kRemove:
      return RunRemove(in, out);
    case StepKind::kReplace:
      return RunReplace(in, out);
    case StepKind::kUpper:
      return RunAsciiCase<'a', 'A'>(in, out);
    case StepKind::kLower:
      return RunAsciiCase<'A', 'a'>(in, out);
    case StepKind::kPadLeft:
      return RunPadLeft(in, out);
    case StepKind::kDate:
      return RunDate(in, out);
    case StepKind::kMap: {
      const MapLookup lookup = mapper->Lookup(in, as_of);
      if (lookup.kind == MapLookup::kAmbiguous) {
        if (result->issue == v1::ISSUE_CODE_UNSPECIFIED) {
          result->issue = v1::AMBIGUOUS_VALUE;
          result->issue_step = index;
        }
        return Outcome::kUnchanged;
      }
      if (lookup.kind != MapLookup::kFound || lookup.code == in) {
        return Outcome::kUnchanged;
      }
      *view = lookup.code;
      return Outcome::kExternal;
    }
    case StepKind::kId15To18: {
      if (in.size() != 15) return Outcome::kUnchanged;
      for (char c : in) {
        if (c < '0' || c > '9') return Outcome::kUnchanged;
      }
      char body[17];
      std::memcpy(body, in.data(), 6);
      body[6] = '1';
      body[7] = '9';
      std::memcpy(body + 8, in.data() + 6, 9);
      const absl::StatusOr<char> check =
          ComputeCheckCharacter(v1::GB11643, absl::string_view(body, 17));
      if (!check.ok()) return Outcome::kUnchanged;
      out->assign(body, 17);
      out->push_back(*check);
      return Outcome::kWritten;
    }
    case StepKind::kRegexReplace:
      return RunRegexReplace(in, out);
  }
  return Outcome::kUnchanged;
}

// ---- Normalizer -------------------------------------------------------------

Normalizer::Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;
Normalizer::~Normalizer() = default;

absl::StatusOr<Normalizer> Normalizer::Compile(
    const google::protobuf::RepeatedPtrField<v1::NormalizeStep>& steps,
    const NormalizerOptions& options) {
  int failed_step = -1;
  absl::StatusOr<Normalizer> normalizer =
      CompileSteps(steps, options, &failed_step);
  if (normalizer.ok() || failed_step < 0) return normalizer;
  // Site the error at the step, for FILE:LINE and field violations.
  return WithErrorSite(normalizer.status(),
                       {"", "", absl::StrCat("normalize[", failed_step, "]")});
}

absl::StatusOr<Normalizer> Normalizer::CompileSteps(
    const google::protobuf::RepeatedPtrField<v1::NormalizeStep>& steps,
    const NormalizerOptions& options, int* failed_step) {
  if (static_cast<size_t>(steps.size()) > kMaxSteps) {
    *failed_step = static_cast<int>(kMaxSteps);
    return absl::InvalidArgumentError(
        absl::StrCat("normalize[", kMaxSteps, "]: too many steps (",
                     steps.size(), "; at most ", kMaxSteps, ")"));
  }
  Normalizer normalizer;
  normalizer.steps_.reserve(steps.size());
  for (int i = 0; i < steps.size(); ++i) {
    *failed_step = i;
    Step step;
    if (absl::Status compiled = step.Compile(steps[i], options);
        !compiled.ok()) {
      const std::string where =
          steps[i].step_case() == v1::NormalizeStep::STEP_NOT_SET
              ? absl::StrCat("normalize[", i, "]")
              : absl::StrCat("normalize[", i, "] (", StepKindName(step.kind),
                             ")");
      return absl::Status(compiled.code(),
                          absl::StrCat(where, ": ", compiled.message()));
    }
    normalizer.steps_.push_back(std::move(step));
  }
  normalizer.PlanQuiet();
  return normalizer;
}

void Normalizer::PlanQuiet() {
  auto quiet = std::make_unique<codec_internal::QuietText>();
  non_scanning_.clear();
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    switch (step.kind) {
      case StepKind::kWidth:
        quiet->set_width();
        break;
      case StepKind::kNfc:
        quiet->set_nfc();
        break;
      case StepKind::kTrim:
        quiet->set_ends();
        break;
      case StepKind::kCollapseSpaces:
        quiet->set_collapse();
        quiet->WakeAscii(0x09, 0x0D);
        quiet->WakeAscii(' ', ' ');  // a lone space is kept, but rarely
        break;                       // worth telling
      case StepKind::kRemove:
        for (int b = 0; b < 0x80; ++b) {
          if (step.Removes(static_cast<char32_t>(b))) quiet->Block(b);
        }
        for (const char32_t cp : step.remove_other) quiet->Block(cp);
        break;
      case StepKind::kReplace:
        for (const auto& [from, to] : step.replace->pairs) {
          const Utf8Char c = DecodeUtf8(from.data(), from.data() + from.size());
          if (c.cp == kInvalidCodePoint) {
            quiet->BlockAllNonAscii();
            quiet->WakeAscii(static_cast<unsigned char>(from[0]),
                             static_cast<unsigned char>(from[0]));
          } else {
            quiet->Block(c.cp);
          }
        }
        break;
      case StepKind::kUpper:
        quiet->WakeAscii('a', 'z');
        break;
      case StepKind::kLower:
        quiet->WakeAscii('A', 'Z');
        break;
      case StepKind::kPadLeft:
      case StepKind::kDate:
      case StepKind::kMap:
      case StepKind::kId15To18:
      case StepKind::kRegexReplace:
        non_scanning_.push_back(static_cast<uint8_t>(i));
        break;
    }
  }
  quiet->Finish();
  quiet_ = std::move(quiet);
}

NormalizeResult Normalizer::Apply(absl::string_view input, DateKey as_of,
                                  NormalizeScratch* scratch) const {
  NormalizeResult result;
  absl::string_view current = input;
  // Where `current` lives, so that a step never writes over its own input:
  // 0 outside the scratch (the input, or the mapper's code), 1 in a, 2 in b.
  int home = 0;
  // Takes what step `i` made of `current` (written into `out`, or `view`).
  auto take = [&](size_t i, Outcome outcome, std::string* out,
                  absl::string_view view) {
    switch (outcome) {
      case Outcome::kUnchanged:
        return false;
      case Outcome::kWritten:
        current = *out;
        home = out == &scratch->a ? 1 : 2;
        break;
      case Outcome::kSubView:
        current = view;
        break;
      case Outcome::kExternal:
        current = view;
        home = 0;
        break;
    }
    result.changed_steps |= uint32_t{1} << i;
    return true;
  };
  size_t first = 0;  // the step the loop below starts at
  // Most values of a clean file are canonical already: when no scanning
  // step can act, run only the others. When one of them acts (a
  // date written another way, a name the map step turns into a code), the
  // steps before it had nothing to do: go on from the step after it.
  if (quiet_->IsQuiet(input)) {
    for (const uint8_t i : non_scanning_) {
      if (current.empty()) break;
      absl::string_view view;
      if (take(i, steps_[i].Run(current, as_of, &scratch->a, &view, &result, i),
               &scratch->a, view)) {
        first = i + 1;
        break;
      }
    }
    if (first == 0) {
      result.value = current;
      return result;
    }
  }
  for (size_t i = first; i < steps_.size(); ++i) {
    if (current.empty()) break;  // empty means missing: every step no-op
    std::string* out = home == 1 ? &scratch->b : &scratch->a;
    absl::string_view view;
    take(
        i,
        steps_[i].Run(current, as_of, out, &view, &result, static_cast<int>(i)),
        out, view);
  }
  result.value = current;
  return result;
}

size_t Normalizer::step_count() const { return steps_.size(); }

absl::string_view Normalizer::step_name(size_t i) const {
  return StepKindName(steps_[i].kind);
}

}  // namespace shuyuan::codec
