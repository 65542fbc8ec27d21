#include "bench/internal/hand_elements.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "bench/internal/hand_dates.h"
#include "bench/internal/hand_text.h"

namespace shuyuan::bench_internal {
namespace {

using Code = v1::IssueCode;
constexpr Code kOk = v1::ISSUE_CODE_UNSPECIFIED;

// A value under normalisation: the current view and the scratch buffers the
// steps write into, never the one holding the view. An empty value is
// missing, and no later step touches it.
class Chain {
 public:
  Chain(absl::string_view raw, FieldScratch* s) : v(raw), s_(s) {}

  template <typename Step>
  void Run(const Step& step) {
    if (v.empty()) return;
    std::string* out = in_a_ ? &s_->b : &s_->a;
    if (step(v, out)) {
      v = *out;
      in_a_ = out == &s_->a;
    }
  }
  void Trim() { v = bench_internal::Trim(v); }

  absl::string_view v;

 private:
  FieldScratch* s_;
  bool in_a_ = false;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A failed format check of a value that is not UTF-8 is INVALID_ENCODING.
Code FormatIssue(absl::string_view value, Code code) {
  return IsValidUtf8(value) ? code : v1::INVALID_ENCODING;
}

// Format class c with a length range in characters, then the value
// domain's minimum length.
Code CheckPrintable(absl::string_view v, size_t min, size_t max,
                    size_t domain_min) {
  if (!IsPrintable(v)) return FormatIssue(v, v1::CHARSET_VIOLATION);
  // A character is 1 to 4 bytes: count only when the size cannot decide.
  if (v.size() > max || v.size() < 4 * std::max(min, domain_min)) {
    const size_t n = CodePoints(v);
    if (n < min || n > max || n < domain_min) return v1::LENGTH_OUT_OF_RANGE;
  }
  return kOk;
}

// Format class n with a length range.
Code CheckDigits(absl::string_view v, size_t min, size_t max) {
  if (!IsDigits(v)) return FormatIssue(v, v1::CHARSET_VIOLATION);
  if (v.size() < min || v.size() > max) return v1::LENGTH_OUT_OF_RANGE;
  return kOk;
}

// The class-c checks of a value that ScanText found quiet (so it is the raw
// value, well-formed).
Code CheckScanned(const TextScan& scan, size_t max, size_t domain_min) {
  if (!scan.printable) return v1::CHARSET_VIOLATION;
  return scan.code_points > max || scan.code_points < domain_min
             ? v1::LENGTH_OUT_OF_RANGE
             : kOk;
}

bool IsDigitsOr(absl::string_view v, char other) {
  bool ok = true;
  for (const char c : v) ok &= (c >= '0' && c <= '9') | (c == other);
  return ok;
}

Code Membership(const HandCodeList& list, absl::string_view v, Day day) {
  switch (list.Check(v, day)) {
    case HandMembership::kMember:
      return kOk;
    case HandMembership::kNotEffective:
      return v1::CODE_NOT_EFFECTIVE;
    case HandMembership::kNotInList:
      return v1::CODE_NOT_IN_LIST;
  }
  return v1::CODE_NOT_IN_LIST;
}

// GB 32100 and GB 11714 arithmetic.
int UsccValue(char c) {
  static constexpr auto kValues = [] {
    std::array<int8_t, 256> v = {};
    for (int8_t& x : v) x = -1;
    constexpr absl::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (size_t i = 0; i < kAlphabet.size(); ++i) {
      v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
    }
    return v;
  }();
  return kValues[static_cast<unsigned char>(c)];
}

int OrgValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

char OrgCheck(const char* body8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += OrgValue(body8[i]) * kWeights[i];
  const int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

char IdCheck(const char* body17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

bool IsProvince(char tens, char units) {
  const int code = (tens - '0') * 10 + (units - '0');
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || (code >= 81 && code <= 83);
}

Code VerifyUscc(absl::string_view v) {
  if (v.size() != 18) return v1::FORMAT_MISMATCH;
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 18; ++i) {
    const int value = UsccValue(v[i]);
    if (value < 0) return v1::FORMAT_MISMATCH;
    if (i < 17) sum += value * kWeights[i];
  }
  if ("0123456789ABCDEFGHJKLMNPQRTUWXY"[(31 - sum % 31) % 31] != v[17]) {
    return v1::CHECKSUM_MISMATCH;
  }
  for (int i = 8; i < 16; ++i) {
    if (OrgValue(v[i]) < 0) return v1::CHECKSUM_MISMATCH;
  }
  return OrgCheck(v.data() + 8) == v[16] ? kOk : v1::CHECKSUM_MISMATCH;
}

Code VerifyId(absl::string_view v, Day as_of) {
  if (v.size() != 18) return v1::FORMAT_MISMATCH;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(v[i])) return v1::FORMAT_MISMATCH;
  }
  if (!IsDigit(v[17]) && v[17] != 'X') return v1::FORMAT_MISMATCH;
  if (v[0] == '9' ? !IsProvince(v[1], v[2]) : !IsProvince(v[0], v[1])) {
    return v1::FORMAT_MISMATCH;
  }
  Day birth;
  if (ParseYyyymmdd(v.substr(6, 8), &birth) != DateShape::kOk) {
    return v1::INVALID_DATE;
  }
  if (as_of != 0 && birth > as_of) return v1::DATE_OUT_OF_RANGE;
  return IdCheck(v.data()) == v[17] ? kOk : v1::CHECKSUM_MISMATCH;
}

bool LuhnPasses(absl::string_view v) {
  int sum = 0;
  bool twice = false;
  for (size_t i = v.size(); i-- > 0;) {
    int d = v[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// id15to18: a 15-digit number gains "19" and its check character.
bool UpgradeId(absl::string_view in, std::string* out) {
  if (in.size() != 15 || !IsDigits(in)) return false;
  char id[18];
  std::memcpy(id, in.data(), 6);
  id[6] = '1';
  id[7] = '9';
  std::memcpy(id + 8, in.data() + 6, 9);
  id[17] = IdCheck(id);
  out->assign(id, 18);
  return true;
}

// Literal replacements, longest key first at each position; bytes that
// start no key are passed over with one table lookup.
struct Replacement {
  absl::string_view from;
  absl::string_view to;
};

class Replacer {
 public:
  Replacer(std::initializer_list<Replacement> pairs) : pairs_(pairs) {
    for (const Replacement& pair : pairs_) {
      starts_[static_cast<unsigned char>(pair.from[0])] = true;
    }
  }

  bool operator()(absl::string_view in, std::string* out) const {
    bool writing = false;
    size_t copied = 0;
    for (size_t i = 0; i < in.size();) {
      const Replacement* hit = nullptr;
      if (starts_[static_cast<unsigned char>(in[i])]) {
        for (const Replacement& pair : pairs_) {
          if (in.substr(i, pair.from.size()) == pair.from) {
            hit = &pair;
            break;
          }
        }
      }
      if (hit == nullptr) {
        ++i;
        continue;
      }
      if (!writing) out->clear();
      writing = true;
      out->append(in.data() + copied, i - copied);
      out->append(hit->to.data(), hit->to.size());
      i += hit->from.size();
      copied = i;
    }
    if (!writing) return false;
    out->append(in.data() + copied, in.size() - copied);
    return *out != in;
  }

 private:
  std::vector<Replacement> pairs_;
  std::array<bool, 256> starts_ = {};
};

// The name separators' usual misspellings (XM adds the ASCII full stop).
const Replacer kDots = {{"•", "·"},  {"・", "·"}, {"‧", "·"}, {"．", "·"},
                        {"﹒", "·"}, {"∙", "·"},  {"⋅", "·"}, {"･", "·"}};
const Replacer kDotsAndStop = {{"•", "·"},  {"・", "·"}, {"‧", "·"},
                               {"．", "·"}, {"﹒", "·"}, {"∙", "·"},
                               {"⋅", "·"},  {"･", "·"},  {".", "·"}};
// ZCZB: units and currency, longest first.
const Replacer kCapitalUnits = {{"万元人民币", ""}, {"人民币", ""},
                                {"万元", ""},       {"万", ""},
                                {"(", ""},          {")", ""}};
// GDDHHM: brackets and extension markers.
const Replacer kPhoneMarks = {
    {"#", "-"},    {"(", ""},    {")", "-"}, {"EXT", "-"}, {"Ext", "-"},
    {"ext.", "-"}, {"ext", "-"}, {"—", "-"}, {"转", "-"},  {"分机", "-"}};
const Replacer kTimesSign = {{"×", "X"}};

// regex_replace "(\p{Han})\." → "\1·" on FDDBRXM.
bool HanFullStops(absl::string_view in, std::string* out) {
  bool writing = false;
  size_t copied = 0;
  for (size_t i = in.find('.'); i != absl::string_view::npos;
       i = in.find('.', i + 1)) {
    if (!HanBefore(in, i)) continue;
    if (!writing) out->clear();
    writing = true;
    out->append(in.data() + copied, i - copied);
    out->append("·");
    copied = i + 1;
  }
  if (!writing) return false;
  out->append(in.data() + copied, in.size() - copied);
  return true;
}

// Length of a run of digits at `at`.
size_t DigitRun(absl::string_view v, size_t at) {
  size_t n = 0;
  while (at + n < v.size() && IsDigit(v[at + n])) ++n;
  return n;
}

// The area code length of a landline written without its hyphen
// (010, 02X, 0[3-9]XX), or 0.
size_t AreaLength(absl::string_view v) {
  if (v.size() < 3 || v[0] != '0') return 0;
  if (v[1] == '1') return v[2] == '0' ? 3 : 0;
  if (v[1] == '2') return IsDigit(v[2]) ? 3 : 0;
  if (v[1] >= '3' && v[1] <= '9' && v.size() >= 4 && IsDigit(v[2]) &&
      IsDigit(v[3])) {
    return 4;
  }
  return 0;
}

// True when v[at..] is "" or "-" and 1 to 6 digits.
bool IsExtension(absl::string_view v, size_t at) {
  if (at == v.size()) return true;
  if (v[at] != '-') return false;
  const size_t n = DigitRun(v, at + 1);
  return n >= 1 && n <= 6 && at + 1 + n == v.size();
}

// regex_replace on GDDHHM: 057187654321[-ext] → 0571-87654321[-ext].
bool HyphenateArea(absl::string_view in, std::string* out) {
  const size_t area = AreaLength(in);
  if (area == 0 || area >= in.size() || in[area] < '1' || in[area] > '9') {
    return false;
  }
  const size_t local = DigitRun(in, area);
  if (local < 7 || local > 8 || !IsExtension(in, area + local)) return false;
  out->assign(in.data(), area);
  out->push_back('-');
  out->append(in.data() + area, in.size() - area);
  return true;
}

// Pattern 0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}(-[0-9]{1,6})?
bool IsLandline(absl::string_view v) {
  if (v.size() < 3 || v[0] != '0' || v[1] < '1' || v[1] > '9') return false;
  const size_t area = 2 + DigitRun(v, 2);
  if (area < 3 || area > 4 || area >= v.size() || v[area] != '-') return false;
  const size_t start = area + 1;
  if (start >= v.size() || v[start] < '1' || v[start] > '9') return false;
  const size_t local = DigitRun(v, start);
  return local >= 7 && local <= 8 && IsExtension(v, start + local);
}

// regex_replace "^(?:\+?86|0086)(1[0-9]{10})$" → "\1".
bool StripCountryCode(absl::string_view in, std::string* out) {
  for (const absl::string_view prefix : {"+86", "86", "0086"}) {
    if (in.size() == prefix.size() + 11 &&
        in.substr(0, prefix.size()) == prefix && in[prefix.size()] == '1' &&
        IsDigits(in.substr(prefix.size()))) {
      out->assign(in.data() + prefix.size(), 11);
      return true;
    }
  }
  return false;
}

// Pattern [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}
bool IsEmail(absl::string_view v) {
  const size_t at = v.find('@');
  if (at == 0 || at == absl::string_view::npos) return false;
  for (size_t i = 0; i < at; ++i) {
    const char c = v[i];
    if (!(OrgValue(c) >= 0 || (c >= 'a' && c <= 'z') || c == '.' || c == '_' ||
          c == '%' || c == '+' || c == '-')) {
      return false;
    }
  }
  size_t labels = 0;
  size_t label_start = at + 1;
  for (size_t i = at + 1; i <= v.size(); ++i) {
    if (i < v.size() && v[i] != '.') {
      const char c = v[i];
      if (!(OrgValue(c) >= 0 || (c >= 'a' && c <= 'z') || c == '-')) {
        return false;
      }
      continue;
    }
    if (i == label_start) return false;  // empty label
    ++labels;
    if (i == v.size()) {
      if (labels < 2 || i - label_start < 2) return false;
      for (size_t k = label_start; k < i; ++k) {
        const char c = v[k];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
      }
    }
    label_start = i + 1;
  }
  return true;
}

// Pattern (0[1-7]|[1-8][0-9])[0-9]{4} on six digits.
bool IsPostCode(absl::string_view v) {
  return v[0] == '0' ? v[1] >= '1' && v[1] <= '7' : v[0] <= '8';
}

// ZCZB: DECIMAL n..18,6, at least 0.
Code CheckCapital(absl::string_view v) {
  size_t i = 0;
  bool negative = false;
  if (v[0] == '+' || v[0] == '-') negative = v[i++] == '-';
  const size_t int_digits = DigitRun(v, i);
  i += int_digits;
  size_t fraction = 0;
  if (i < v.size() && v[i] == '.') {
    fraction = DigitRun(v, i + 1);
    if (fraction == 0) return FormatIssue(v, v1::TYPE_MISMATCH);
    i += 1 + fraction;
  }
  if (i != v.size() || int_digits == 0)
    return FormatIssue(v, v1::TYPE_MISMATCH);
  if (int_digits + fraction > 18) return v1::LENGTH_OUT_OF_RANGE;
  if (fraction > 6) return v1::SCALE_EXCEEDED;
  if (negative && v.find_first_of("123456789") != absl::string_view::npos) {
    return v1::VALUE_OUT_OF_RANGE;
  }
  return kOk;
}

// YYYYMMDD with a lower bound and an optional "not after".
Code CheckDate(absl::string_view v, Day min, Day not_after) {
  Day day;
  switch (ParseYyyymmdd(v, &day)) {
    case DateShape::kOk:
      break;
    case DateShape::kBadShape:
      return FormatIssue(v, v1::FORMAT_MISMATCH);
    case DateShape::kNotReal:
      return v1::INVALID_DATE;
  }
  if (day < min || (not_after != 0 && day > not_after)) {
    return v1::DATE_OUT_OF_RANGE;
  }
  return kOk;
}

Code DateElement(absl::string_view raw, Day min, Day not_after, FieldScratch* s,
                 absl::string_view* value) {
  if (raw.size() == 8 && IsDigits(raw)) {  // canonical shape already
    *value = raw;
    return CheckDate(raw, min, not_after);
  }
  Chain c(raw, s);
  c.Run(Width);
  c.Trim();
  c.Run(LegacyDate);
  *value = c.v;
  return c.v.empty() ? kOk : CheckDate(c.v, min, not_after);
}

// The map step (after width, trim and, for some elements, upper): the
// element's own aliases, then the code list's names; AMBIGUOUS_VALUE when
// the name stands for several codes.
Code MapCode(Chain* c, bool upper, const HandCodeList& list,
             const absl::flat_hash_map<std::string, std::string>* aliases,
             Day as_of) {
  if (!IsUpperAlnum(c->v)) {  // else width, trim and upper change nothing
    c->Run(Width);
    c->Trim();
    if (upper) c->Run(Upper);
  }
  if (c->v.empty()) return kOk;
  if (aliases != nullptr) {
    const auto it = aliases->find(c->v);
    if (it != aliases->end()) {
      c->v = it->second;
      return kOk;
    }
  }
  absl::string_view code;
  switch (list.Lookup(c->v, as_of, &code)) {
    case HandLookup::kFound:
      c->v = code;
      return kOk;
    case HandLookup::kAmbiguous:
      return v1::AMBIGUOUS_VALUE;
    case HandLookup::kNotFound:
      return kOk;
  }
  return kOk;
}

}  // namespace

HandElements::HandElements(const HandCodeLists& lists) : lists_(lists) {
  country_aliases_ = {{"中国台湾", "TWN"}, {"台湾", "TWN"}, {"中国香港", "HKG"},
                      {"中国澳门", "MAC"}, {"韩国", "KOR"}, {"南韩", "KOR"},
                      {"朝鲜", "PRK"},     {"北韩", "PRK"}};
}

Code HandElements::Uscc(absl::string_view raw, Day, FieldScratch* s,
                        absl::string_view* value) const {
  if (IsUpperAlnum(raw)) {  // canonical already (or empty)
    *value = raw;
    if (raw.empty()) return kOk;
    return raw.size() != 18 ? v1::LENGTH_OUT_OF_RANGE : VerifyUscc(raw);
  }
  Chain c(raw, s);
  c.Run(Width);
  c.Trim();
  c.Run(Upper);
  c.Run([](absl::string_view in, std::string* out) {
    return RemoveAscii(in, " -", out);
  });
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckPrintable(c.v, 18, 18, 0);
  return format != kOk ? format : VerifyUscc(c.v);
}

Code HandElements::OrgCode(absl::string_view raw, Day, FieldScratch* s,
                           absl::string_view* value) const {
  if (IsUpperAlnum(raw)) {
    *value = raw;
    return raw.empty() ? kOk : CheckOrgCode(raw);
  }
  Chain c(raw, s);
  c.Run(Width);
  c.Trim();
  c.Run(Upper);
  c.Run([](absl::string_view in, std::string* out) {
    return RemoveAscii(in, " -", out);
  });
  *value = c.v;
  return c.v.empty() ? kOk : CheckOrgCode(c.v);
}

Code HandElements::CheckOrgCode(absl::string_view v) const {
  const Code format = CheckPrintable(v, 9, 9, 0);
  if (format != kOk) return format;
  if (v.size() != 9) return v1::FORMAT_MISMATCH;
  for (int i = 0; i < 8; ++i) {
    if (OrgValue(v[i]) < 0) return v1::FORMAT_MISMATCH;
  }
  if (!IsDigit(v[8]) && v[8] != 'X') return v1::FORMAT_MISMATCH;
  return OrgCheck(v.data()) == v[8] ? kOk : v1::CHECKSUM_MISMATCH;
}

Code HandElements::IdNumber(absl::string_view raw, Day as_of, FieldScratch* s,
                            absl::string_view* value) const {
  if (raw.size() == 18 && IsUpperAlnum(raw)) {
    *value = raw;
    return CheckId(raw, as_of);
  }
  Chain c(raw, s);
  c.Run(Width);
  c.Trim();
  c.Run(Upper);
  c.Run(kTimesSign);
  c.Run(UpgradeId);
  *value = c.v;
  return c.v.empty() ? kOk : CheckId(c.v, as_of);
}

Code HandElements::CheckId(absl::string_view v, Day as_of) const {
  Code code = CheckPrintable(v, 18, 18, 0);
  if (code == kOk) code = VerifyId(v, as_of);
  if (code != kOk || v[0] == '9') return code;
  // The address code must be a division in force on the birth date.
  Day birth = 0;
  for (int i = 6; i < 14; ++i) birth = birth * 10 + (v[i] - '0');
  const Day day = birth < lists_.divisions->earliest() ? 0 : birth;
  return Membership(*lists_.divisions, v.substr(0, 6), day);
}

Code HandElements::BankAccount(absl::string_view raw, FieldScratch* s,
                               absl::string_view* value, bool* warning) const {
  Chain c(raw, s);
  if (!IsUpperAlnum(raw)) {
    c.Run(Width);
    c.Trim();
    c.Run([](absl::string_view in, std::string* out) {
      return RemoveAscii(in, " -", out);
    });
  }
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckDigits(c.v, 8, 32);
  // Luhn governs card numbers, not every account: a warning only.
  if (format == kOk && !LuhnPasses(c.v)) *warning = true;
  return format;
}

Code HandElements::Capital(absl::string_view raw, FieldScratch* s,
                           absl::string_view* value) const {
  Chain c(raw, s);
  if (!IsDigitsOr(raw, '.')) {
    c.Run(Width);
    c.Trim();
    c.Run(kCapitalUnits);
    c.Run([](absl::string_view in, std::string* out) {
      return RemoveAscii(in, " ,", out);
    });
  }
  *value = c.v;
  return c.v.empty() ? kOk : CheckCapital(c.v);
}

Code HandElements::Authority(absl::string_view raw, Day as_of, FieldScratch* s,
                             absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped = MapCode(&c, true, *lists_.authorities, nullptr, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  return CheckAuthority(c.v, as_of);
}

Code HandElements::CheckAuthority(absl::string_view v, Day day) const {
  const Code format = CheckPrintable(v, 1, 1, 0);
  return format != kOk ? format : Membership(*lists_.authorities, v, day);
}

Code HandElements::Division(absl::string_view raw, Day as_of, FieldScratch* s,
                            absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped = MapCode(&c, false, *lists_.divisions, nullptr, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  return CheckDivision(c.v, as_of);
}

Code HandElements::CheckDivision(absl::string_view v, Day day) const {
  const Code format = CheckDigits(v, 6, 6);
  return format != kOk ? format : Membership(*lists_.divisions, v, day);
}

Code HandElements::Sex(absl::string_view raw, Day as_of, FieldScratch* s,
                       absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped = MapCode(&c, true, *lists_.sexes, nullptr, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  return CheckSex(c.v, as_of);
}

Code HandElements::CheckSex(absl::string_view v, Day day) const {
  const Code format = CheckDigits(v, 1, 1);
  return format != kOk ? format : Membership(*lists_.sexes, v, day);
}

Code HandElements::Country(absl::string_view raw, Day as_of, FieldScratch* s,
                           absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped =
      MapCode(&c, true, *lists_.countries, &country_aliases_, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  return CheckCountry(c.v, as_of);
}

Code HandElements::CheckCountry(absl::string_view v, Day day) const {
  if (!IsLetters(v)) return FormatIssue(v, v1::CHARSET_VIOLATION);
  if (CodePoints(v) != 3) return v1::LENGTH_OUT_OF_RANGE;
  return Membership(*lists_.countries, v, day);
}

absl::string_view HandElements::CountryOfNumeric(absl::string_view digits,
                                                 Day as_of) const {
  absl::string_view code;
  return lists_.countries->Lookup(digits, as_of, &code) == HandLookup::kFound
             ? code
             : digits;
}

Code HandElements::Ethnicity(absl::string_view raw, Day as_of, FieldScratch* s,
                             absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped = MapCode(&c, false, *lists_.ethnic_groups, nullptr, as_of);
  if (mapped != kOk) {
    *value = c.v;
    return mapped;
  }
  // pad_left after map: "1" → "01", while "汉" maps first.
  c.Run([](absl::string_view in, std::string* out) {
    return PadZeros(in, 2, out);
  });
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckDigits(c.v, 2, 2);
  return format != kOk ? format : Membership(*lists_.ethnic_groups, c.v, as_of);
}

Code HandElements::Industry(absl::string_view raw, Day as_of, FieldScratch* s,
                            absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped = MapCode(&c, true, *lists_.industries, nullptr, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  if (!IsLetters(c.v)) return FormatIssue(c.v, v1::CHARSET_VIOLATION);
  if (CodePoints(c.v) != 1) return v1::LENGTH_OUT_OF_RANGE;
  return Membership(*lists_.industries, c.v, as_of);
}

Code HandElements::BusinessState(absl::string_view raw, Day as_of,
                                 FieldScratch* s,
                                 absl::string_view* value) const {
  Chain c(raw, s);
  const Code mapped =
      MapCode(&c, false, *lists_.business_state, nullptr, as_of);
  *value = c.v;
  if (mapped != kOk || c.v.empty()) return mapped;
  const Code format = CheckDigits(c.v, 1, 1);
  return format != kOk ? format
                       : Membership(*lists_.business_state, c.v, as_of);
}

Code HandElements::RegistrationDate(absl::string_view raw, FieldScratch* s,
                                    absl::string_view* value) const {
  return DateElement(raw, 19000101, 0, s, value);
}

Code HandElements::BirthDate(absl::string_view raw, Day as_of, FieldScratch* s,
                             absl::string_view* value) const {
  return DateElement(raw, 18000101, as_of, s, value);
}

Code HandElements::CheckBirthDate(absl::string_view v, Day as_of) const {
  return CheckDate(v, 18000101, as_of);
}

Code HandElements::OrganisationName(absl::string_view raw, FieldScratch* s,
                                    absl::string_view* value) const {
  const TextScan scan = ScanText(raw, false);
  if (scan.quiet && scan.nfc_quick) {
    *value = raw;
    return raw.empty() ? kOk : CheckScanned(scan, 200, 2);
  }
  Chain c(raw, s);
  c.Run(Nfc);
  c.Trim();
  c.Run(CollapseSpaces);
  *value = c.v;
  return c.v.empty() ? kOk : CheckPrintable(c.v, 0, 200, 2);
}

Code HandElements::RepresentativeName(absl::string_view raw, FieldScratch* s,
                                      absl::string_view* value) const {
  const TextScan scan = ScanText(raw, true);
  if (scan.quiet && !scan.dots) {
    *value = raw;
    return raw.empty() ? kOk : CheckScanned(scan, 100, 1);
  }
  Chain c(raw, s);
  c.Run(kDots);
  c.Run(HanFullStops);
  c.Run(Width);
  c.Trim();
  c.Run(CollapseSpaces);
  *value = c.v;
  return c.v.empty() ? kOk : CheckPrintable(c.v, 0, 100, 1);
}

Code HandElements::PersonName(absl::string_view raw, FieldScratch* s,
                              absl::string_view* value) const {
  Chain c(raw, s);
  const TextScan scan = ScanText(raw, true);
  if (!scan.quiet || scan.dots) {
    c.Run(kDotsAndStop);
    c.Run(Width);
    c.Trim();
    c.Run(CollapseSpaces);
  }
  *value = c.v;
  if (c.v.empty()) return kOk;
  if (!IsLetters(c.v)) return FormatIssue(c.v, v1::CHARSET_VIOLATION);
  return CodePoints(c.v) > 50 ? v1::LENGTH_OUT_OF_RANGE : kOk;
}

Code HandElements::PlainText(absl::string_view raw, size_t min, size_t max,
                             FieldScratch* s, absl::string_view* value) const {
  const TextScan scan = ScanText(raw, true);
  if (scan.quiet) {
    *value = raw;
    return raw.empty() ? kOk : CheckScanned(scan, max, min);
  }
  Chain c(raw, s);
  c.Run(Width);
  c.Trim();
  c.Run(CollapseSpaces);
  *value = c.v;
  return c.v.empty() ? kOk : CheckPrintable(c.v, 0, max, min);
}

Code HandElements::BusinessScope(absl::string_view raw, FieldScratch* s,
                                 absl::string_view* value) const {
  const TextScan scan = ScanText(raw, false);
  if (scan.quiet) {
    *value = raw;
    return raw.empty() ? kOk : CheckScanned(scan, 4000, 2);
  }
  Chain c(raw, s);
  c.Trim();
  c.Run(CollapseSpaces);
  *value = c.v;
  return c.v.empty() ? kOk : CheckPrintable(c.v, 0, 4000, 2);
}

Code HandElements::PostCode(absl::string_view raw, FieldScratch* s,
                            absl::string_view* value) const {
  Chain c(raw, s);
  if (raw.size() != 6 || !IsDigits(raw)) {
    c.Run(Width);
    c.Trim();
    c.Run([](absl::string_view in, std::string* out) {
      return RemoveAscii(in, " ", out);
    });
    c.Run([](absl::string_view in, std::string* out) {
      return PadZeros(in, 6, out);
    });
  }
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckDigits(c.v, 6, 6);
  if (format != kOk) return format;
  return IsPostCode(c.v) ? kOk : v1::PATTERN_MISMATCH;
}

Code HandElements::Landline(absl::string_view raw, FieldScratch* s,
                            absl::string_view* value) const {
  Chain c(raw, s);
  if (!IsDigitsOr(raw, '-')) {
    c.Run(Width);
    c.Trim();
    c.Run([](absl::string_view in, std::string* out) {
      return RemoveAscii(in, " ", out);
    });
    c.Run(kPhoneMarks);
  }
  c.Run(HyphenateArea);
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckPrintable(c.v, 0, 20, 0);
  if (format != kOk) return format;
  return IsLandline(c.v) ? kOk : v1::PATTERN_MISMATCH;
}

Code HandElements::Mobile(absl::string_view raw, FieldScratch* s,
                          absl::string_view* value) const {
  Chain c(raw, s);
  if (!IsDigits(raw)) {
    c.Run(Width);
    c.Trim();
    c.Run([](absl::string_view in, std::string* out) {
      return RemoveAscii(in, " -()", out);
    });
  }
  c.Run(StripCountryCode);
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckDigits(c.v, 11, 11);
  if (format != kOk) return format;
  return c.v[0] == '1' && c.v[1] >= '3' ? kOk : v1::PATTERN_MISMATCH;
}

Code HandElements::Email(absl::string_view raw, FieldScratch* s,
                         absl::string_view* value) const {
  Chain c(raw, s);
  if (!ScanText(raw, true).quiet) {
    c.Run(Width);
    c.Trim();
  }
  *value = c.v;
  if (c.v.empty()) return kOk;
  const Code format = CheckPrintable(c.v, 0, 254, 0);
  if (format != kOk) return format;
  return IsEmail(c.v) ? kOk : v1::PATTERN_MISMATCH;
}

}  // namespace shuyuan::bench_internal
