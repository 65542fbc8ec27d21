#include "codec/compiled_element.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "codec/checksum.h"
#include "codec/definition_error.h"
#include "codec/internal/text_decoder.h"
#include "codec/internal/unicode_text.h"
#include "common/status_macros.h"
#include "re2/re2.h"

namespace shuyuan::codec {
namespace {

void AddError(std::vector<Issue>* issues, int field, v1::IssueCode code,
              std::string message, std::string message_zh,
              absl::string_view rule) {
  AddIssue(issues, field, code, v1::ERROR, std::move(message),
           std::move(message_zh), rule);
}

absl::string_view CharClassName(CharClass cls) {
  switch (cls) {
    case CharClass::kAlpha:
      return "letters";
    case CharClass::kNumeric:
      return "digits 0-9";
    case CharClass::kAlphaNumeric:
      return "letters and digits";
    case CharClass::kAny:
      return "printable characters";
  }
  return "";
}

absl::string_view CharClassNameZh(CharClass cls) {
  switch (cls) {
    case CharClass::kAlpha:
      return "字母";
    case CharClass::kNumeric:
      return "数字";
    case CharClass::kAlphaNumeric:
      return "字母和数字";
    case CharClass::kAny:
      return "可打印字符";
  }
  return "";
}

// The code point starting at byte `offset`, for messages.
absl::string_view CharAt(absl::string_view value, size_t offset) {
  size_t end = offset + 1;
  while (end < value.size() &&
         (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) {
    ++end;
  }
  return value.substr(offset, end - offset);
}

std::string LengthRange(uint32_t min, uint32_t max) {
  if (max == UINT32_MAX) return absl::StrCat("at least ", min);
  if (min == max) return absl::StrCat("exactly ", min);
  if (min == 0) return absl::StrCat("at most ", max);
  return absl::StrCat(min, " to ", max);
}

std::string LengthRangeZh(uint32_t min, uint32_t max) {
  if (max == UINT32_MAX) return absl::StrCat("至少 ", min);
  if (min == max) return absl::StrCat("恰好 ", min);
  if (min == 0) return absl::StrCat("至多 ", max);
  return absl::StrCat(min, " 至 ", max);
}

// "characters", or "character" for a length of one.
std::string LengthUnitName(v1::LengthUnit unit, size_t length) {
  absl::string_view name;
  switch (unit) {
    case v1::UTF8_BYTES:
      name = "UTF-8 byte";
      break;
    case v1::GB18030_BYTES:
      name = "GB18030 byte";
      break;
    default:
      name = "character";
      break;
  }
  return absl::StrCat(name, length == 1 ? "" : "s");
}

absl::string_view LengthUnitNameZh(v1::LengthUnit unit) {
  switch (unit) {
    case v1::UTF8_BYTES:
      return "UTF-8 字节";
    case v1::GB18030_BYTES:
      return "GB18030 字节";
    default:
      return "个字符";
  }
}

bool IsBase64(absl::string_view v) {
  if (v.size() % 4 != 0) return false;
  size_t pad = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (c == '=') {
      if (i < v.size() - 2) return false;
      ++pad;
    } else if (!alnum || pad > 0) {
      return false;
    }
  }
  return true;
}

std::string FormatDateKeyIso(DateKey key) {
  return absl::StrFormat("%04d-%02d-%02d", key / 10000, key / 100 % 100,
                         key % 100);
}

// Whether the length of `value` in `unit` lies in [min, max]. For code
// points the byte size bounds the count (1 to 4 bytes each), which decides
// most values without decoding them.
bool LengthWithin(absl::string_view value, v1::LengthUnit unit, uint32_t min,
                  uint32_t max) {
  const size_t bytes = value.size();
  if (unit == v1::UTF8_BYTES) return bytes >= min && bytes <= max;
  if (unit == v1::CODE_POINTS && bytes <= max && (bytes + 3) / 4 >= min) {
    return true;
  }
  const size_t length = ValueLength(value, unit);
  return length >= min && length <= max;
}

// InvalidArgument "data element ID: WHAT", sited at `field` of the element.
absl::Status ElementError(const v1::DataElement& element,
                          absl::string_view field, absl::string_view what) {
  return WithErrorSite(absl::InvalidArgumentError(absl::StrCat(
                           "data element ", element.id(), ": ", what)),
                       {"data_element", element.id(), std::string(field)});
}

// The DateKey of a date written as the 8 digits YYYYMMDD.
DateKey DigitsDateKey(absl::string_view yyyymmdd) {
  DateKey key = 0;
  for (const char c : yyyymmdd) key = key * 10 + (c - '0');
  return key;
}

// Resolves and compiles the code list `ref` named by value_domain.`field`;
// sets `*list_ref` to the list's ref. Errors are sited at that field.
absl::StatusOr<std::shared_ptr<const CompiledCodeList>> CompileListRef(
    const v1::DataElement& element, absl::string_view field,
    const std::string& ref, const DefinitionResolver& resolver,
    std::string* list_ref) {
  const std::string path = absl::StrCat("value_domain.", field);
  absl::StatusOr<const v1::CodeList*> list = resolver.ResolveCodeList(ref);
  if (!list.ok()) {
    return WithErrorSite(
        absl::Status(list.status().code(),
                     absl::StrCat("data element ", element.id(), ": ", path,
                                  ": ", list.status().message())),
        {"data_element", element.id(), path});
  }
  *list_ref = ItemRef((*list)->id(), (*list)->version_info());
  return resolver.CompileCodeList(**list);
}

}  // namespace

std::string ItemRef(absl::string_view id, const v1::VersionInfo& info) {
  if (info.version() == 0) return std::string(id);
  return absl::StrCat(id, "@", info.version());
}

// The `map` step over the element's own aliases, then its code list.
class CompiledElement::Mapper : public ValueMapper {
 public:
  Mapper(const v1::DataElement& element,
         std::shared_ptr<const CompiledCodeList> list)
      : list_(std::move(list)) {
    for (const auto& [from, to] : element.aliases()) {
      aliases_[from] = to;
      ascii_alias_ |= codec_internal::IsAscii(from);
    }
  }

  MapLookup Lookup(absl::string_view value, DateKey as_of) const override {
    // Most elements have no aliases, and the others mostly Chinese ones:
    // skip the hashing when no alias can be the value.
    if (!aliases_.empty() &&
        (ascii_alias_ || !codec_internal::IsAscii(value))) {
      auto it = aliases_.find(value);
      if (it != aliases_.end()) {
        MapLookup found;
        found.kind = MapLookup::kFound;
        found.code = it->second;
        return found;
      }
    }
    if (list_ != nullptr) return list_->LookupName(value, as_of);
    return MapLookup();
  }

 private:
  absl::flat_hash_map<std::string, std::string> aliases_;
  bool ascii_alias_ = false;  // some alias is all ASCII
  std::shared_ptr<const CompiledCodeList> list_;
};

CompiledElement::~CompiledElement() = default;

absl::StatusOr<std::shared_ptr<const CompiledElement>> CompiledElement::Compile(
    const v1::DataElement& element, const DefinitionResolver& resolver) {
  std::shared_ptr<CompiledElement> compiled(new CompiledElement());
  compiled->definition_ = element;
  compiled->ref_ = ItemRef(element.id(), element.version_info());
  if (element.id().empty()) {
    return absl::InvalidArgumentError("data element without an id");
  }
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileFormat());
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileLengthsAndPattern());
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileBounds());
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileCodeLists(resolver));
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileNormalizer());
  return std::shared_ptr<const CompiledElement>(std::move(compiled));
}

absl::Status CompiledElement::CompileFormat() {
  if (definition_.data_type() == v1::DATA_TYPE_UNSPECIFIED) {
    return ElementError(definition_, "data_type",
                        "data_type is required (STRING, INTEGER, DECIMAL, "
                        "DATE, DATETIME, TIME, BOOLEAN or BINARY)");
  }
  if (definition_.format().empty()) {
    return ElementError(definition_, "format",
                        "format is required (e.g. n6, an..50, "
                        "c18, YYYYMMDD)");
  }
  absl::StatusOr<Format> format = ParseFormat(definition_.format());
  if (!format.ok())
    return ElementError(definition_, "format", format.status().message());
  format_ = *std::move(format);
  const Format& f = format_;
  const bool has_layout = f.layout != DateTimeLayout::kNone;
  switch (definition_.data_type()) {
    case v1::DATE:
      if (!has_layout || !LayoutHasDate(f.layout) || LayoutHasTime(f.layout)) {
        return ElementError(definition_, "format",
                            absl::StrCat("data_type DATE needs a date format "
                                         "(YYYYMMDD, YYYY-MM-DD or D8), not '",
                                         definition_.format(), "'"));
      }
      break;
    case v1::DATETIME:
      if (!has_layout || !LayoutHasDate(f.layout) || !LayoutHasTime(f.layout)) {
        return ElementError(
            definition_, "format",
            absl::StrCat("data_type DATETIME needs a date-time format "
                         "(YYYYMMDDhhmmss, YYYY-MM-DDThh:mm:ss or "
                         "DT14), not '",
                         definition_.format(), "'"));
      }
      break;
    case v1::TIME:
      if (!has_layout || LayoutHasDate(f.layout)) {
        return ElementError(definition_, "format",
                            absl::StrCat("data_type TIME needs a time format "
                                         "(hhmmss, hh:mm:ss or T6), not '",
                                         definition_.format(), "'"));
      }
      break;
    case v1::INTEGER:
    case v1::DECIMAL:
      if (has_layout || f.char_class != CharClass::kNumeric) {
        return ElementError(
            definition_, "format",
            absl::StrCat("data_type ",
                         v1::DataType_Name(definition_.data_type()),
                         " needs a numeric format such as n..18,2, "
                         "not '",
                         definition_.format(), "'"));
      }
      if (definition_.data_type() == v1::INTEGER && f.scale.has_value() &&
          *f.scale > 0) {
        return ElementError(definition_, "format",
                            "data_type INTEGER cannot have decimal places in "
                            "its format");
      }
      break;
    default:
      break;
  }

  return absl::OkStatus();
}

absl::Status CompiledElement::CompileLengthsAndPattern() {
  const v1::ValueDomain& domain = definition_.value_domain();
  if (domain.has_min_length()) min_length_ = domain.min_length();
  if (domain.has_max_length()) max_length_ = domain.max_length();
  if (min_length_ > max_length_) {
    return ElementError(definition_, "value_domain.min_length",
                        absl::StrFormat("value_domain.min_length %d exceeds "
                                        "max_length %d",
                                        min_length_, max_length_));
  }
  if (!domain.pattern().empty()) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(domain.pattern(), options);
    if (!re->ok()) {
      return ElementError(
          definition_, "value_domain.pattern",
          absl::StrCat("value_domain.pattern '", domain.pattern(),
                       "' is not valid RE2: ", re->error()));
    }
    pattern_ = std::move(re);
  }
  return absl::OkStatus();
}

absl::Status CompiledElement::CompileBounds() {
  // Views into definition_'s strings: they live as long as the element.
  const v1::ValueDomain& domain = definition_.value_domain();
  const Format& f = format_;
  const bool has_layout = f.layout != DateTimeLayout::kNone;
  const bool numeric = definition_.data_type() == v1::INTEGER ||
                       definition_.data_type() == v1::DECIMAL;
  auto parse_bound = [&](absl::string_view name, const std::string& text,
                         DecimalParts* out, bool* has) -> absl::Status {
    if (text.empty()) return absl::OkStatus();
    if (!numeric) {
      return ElementError(definition_, absl::StrCat("value_domain.", name),
                          absl::StrCat("value_domain.", name,
                                       " needs data_type INTEGER or DECIMAL"));
    }
    if (!ParseDecimal(text, true, out)) {
      return ElementError(
          definition_, absl::StrCat("value_domain.", name),
          absl::StrCat("value_domain.", name, " '", text, "' is not a number"));
    }
    *has = true;
    return absl::OkStatus();
  };
  SHUYUAN_RETURN_IF_ERROR(parse_bound("min_value", domain.min_value(),
                                      &min_value_, &has_min_value_));
  SHUYUAN_RETURN_IF_ERROR(parse_bound("max_value", domain.max_value(),
                                      &max_value_, &has_max_value_));
  if (has_min_value_ && has_max_value_ &&
      CompareDecimal(min_value_, max_value_) > 0) {
    return ElementError(definition_, "value_domain.min_value",
                        "value_domain.min_value exceeds max_value");
  }
  auto parse_date_bound = [&](absl::string_view name, const std::string& text,
                              DateKey* out) -> absl::Status {
    if (text.empty()) return absl::OkStatus();
    if (!has_layout || !LayoutHasDate(f.layout)) {
      return ElementError(
          definition_, absl::StrCat("value_domain.", name),
          absl::StrCat("value_domain.", name, " needs a date format"));
    }
    absl::CivilDay day;
    if (!ParseIsoDate(text, &day)) {
      return ElementError(definition_, absl::StrCat("value_domain.", name),
                          absl::StrCat("value_domain.", name, " '", text,
                                       "' is not a date written "
                                       "YYYY-MM-DD"));
    }
    *out = MakeDateKey(day);
    return absl::OkStatus();
  };
  SHUYUAN_RETURN_IF_ERROR(
      parse_date_bound("min_date", domain.min_date(), &min_date_));
  SHUYUAN_RETURN_IF_ERROR(
      parse_date_bound("max_date", domain.max_date(), &max_date_));
  if (min_date_ && max_date_ && min_date_ > max_date_) {
    return ElementError(definition_, "value_domain.min_date",
                        "value_domain.min_date is after max_date");
  }
  if (domain.not_future() && (!has_layout || !LayoutHasDate(f.layout))) {
    return ElementError(definition_, "value_domain.not_future",
                        "value_domain.not_future needs a date format");
  }
  return absl::OkStatus();
}

absl::Status CompiledElement::CompileCodeLists(
    const DefinitionResolver& resolver) {
  const v1::ValueDomain& domain = definition_.value_domain();
  for (const std::string& v : domain.allowed_values()) {
    allowed_values_.insert(v);
  }
  if (!domain.code_list().empty()) {
    SHUYUAN_ASSIGN_OR_RETURN(
        code_list_, CompileListRef(definition_, "code_list", domain.code_list(),
                                   resolver, &code_list_ref_));
  }
  if (!domain.address_codes().empty()) {
    if (domain.checksum() != v1::GB11643) {
      return ElementError(definition_, "value_domain.address_codes",
                          "value_domain.address_codes needs checksum GB11643 "
                          "(it checks the address code of a citizen "
                          "identity number)");
    }
    SHUYUAN_ASSIGN_OR_RETURN(
        address_codes_,
        CompileListRef(definition_, "address_codes", domain.address_codes(),
                       resolver, &address_codes_ref_));
  }

  if (!domain.coding_rule().empty()) {
    SHUYUAN_RETURN_IF_ERROR(CompileCodingRule(resolver));
  }

  return absl::OkStatus();
}

absl::Status CompiledElement::CompileNormalizer() {
  mapper_ = std::make_unique<Mapper>(definition_, code_list_);
  NormalizerOptions options;
  options.date_layout = format_.layout;
  options.mapper = mapper_.get();
  absl::StatusOr<Normalizer> normalizer =
      Normalizer::Compile(definition_.normalize(), options);
  if (!normalizer.ok()) {
    // The normaliser knows which step failed ("normalize[3]").
    const std::optional<ErrorSite> step = ErrorSiteOf(normalizer.status());
    return ElementError(definition_,
                        step.has_value() ? step->field : "normalize",
                        normalizer.status().message());
  }
  normalizer_.emplace(*std::move(normalizer));
  return absl::OkStatus();
}

absl::Status CompiledElement::CompileCodingRule(
    const DefinitionResolver& resolver) {
  const v1::ValueDomain& domain = definition_.value_domain();
  if (domain.checksum() != v1::CHECKSUM_NONE) {
    return ElementError(definition_, "value_domain.coding_rule",
                        absl::StrCat("value_domain has both checksum ",
                                     ChecksumName(domain.checksum()),
                                     " and coding_rule ", domain.coding_rule(),
                                     ": a value has one structure; keep one"));
  }
  absl::StatusOr<const v1::CodingRule*> rule =
      resolver.ResolveCodingRule(domain.coding_rule());
  if (!rule.ok()) {
    return WithErrorSite(
        absl::Status(rule.status().code(),
                     absl::StrCat("data element ", definition_.id(),
                                  ": value_domain.coding_rule: ",
                                  rule.status().message())),
        {"data_element", definition_.id(), "value_domain.coding_rule"});
  }
  absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> compiled =
      CompiledCodingRule::Compile(**rule, resolver);
  if (!compiled.ok()) {
    // The rule's own error keeps its site in the rule.
    return WithErrorSite(compiled.status(), {"data_element", definition_.id(),
                                             "value_domain.coding_rule"});
  }
  coding_rule_ = *std::move(compiled);
  return absl::OkStatus();
}

bool CompiledElement::Check(absl::string_view value, DateKey as_of, int field,
                            std::vector<Issue>* issues) const {
  bool ok;
  switch (definition_.data_type()) {
    case v1::INTEGER:
    case v1::DECIMAL:
      ok = CheckNumber(value, field, issues);
      break;
    case v1::BOOLEAN:
      ok = value == "true" || value == "false" || value == "1" || value == "0";
      if (!ok) {
        AddError(issues, field, v1::TYPE_MISMATCH,
                 absl::StrCat("'", MaskValue(value, sensitivity()),
                              "' is not a boolean (true, false, 1 "
                              "or 0)"),
                 absl::StrCat("“", MaskValue(value, sensitivity()),
                              "”不是布尔值（true、false、1 或 0）"),
                 "data_type");
      }
      ok = ok && CheckText(value, field, issues);
      break;
    case v1::BINARY:
      ok = IsBase64(value);
      if (!ok) {
        AddError(issues, field, v1::TYPE_MISMATCH, "value is not valid base64",
                 "值不是有效的 base64 编码", "data_type");
      }
      ok = ok && CheckText(value, field, issues);
      break;
    default:
      ok = format_.layout != DateTimeLayout::kNone
               ? CheckDate(value, as_of, field, issues)
               : CheckText(value, field, issues);
      break;
  }
  if (!ok) {
    // A value that is not UTF-8 fails its type or format check; say what is
    // really wrong with it.
    const size_t bad = codec_internal::FindInvalidUtf8(value);
    if (bad != absl::string_view::npos) {
      issues->pop_back();
      AddError(issues, field, v1::INVALID_ENCODING,
               absl::StrFormat("the value is not valid UTF-8: byte 0x%02X at "
                               "offset %d",
                               static_cast<unsigned char>(value[bad]), bad),
               absl::StrFormat("值不是有效的 UTF-8 编码：第 %d 字节为 0x%02X",
                               bad, static_cast<unsigned char>(value[bad])),
               "encoding");
    }
    return false;
  }
  return CheckDomain(value, as_of, field, issues);
}

bool CompiledElement::CheckNumber(absl::string_view value, int field,
                                  std::vector<Issue>* issues) const {
  const bool decimal = definition_.data_type() == v1::DECIMAL;
  DecimalParts parts;
  if (!ParseDecimal(value, decimal, &parts)) {
    AddError(issues, field, v1::TYPE_MISMATCH,
             absl::StrCat("'", MaskValue(value, sensitivity()), "' is not ",
                          decimal ? "a decimal number" : "an integer"),
             absl::StrCat("“", MaskValue(value, sensitivity()), "”不是",
                          decimal ? "数值" : "整数"),
             "data_type");
    return false;
  }
  const uint32_t digits = static_cast<uint32_t>(parts.digit_count);
  if (digits < format_.min_length || digits > format_.max_length) {
    AddError(
        issues, field, v1::LENGTH_OUT_OF_RANGE,
        absl::StrCat("has ", digits, " digits; format '", format_.text,
                     "' allows ",
                     LengthRange(format_.min_length, format_.max_length)),
        absl::StrCat("数字位数为 ", digits, "，格式“", format_.text, "”要求",
                     LengthRangeZh(format_.min_length, format_.max_length)),
        "format");
    return false;
  }
  const uint32_t scale = format_.scale.value_or(0);
  if (parts.fraction_digits > scale) {
    AddError(
        issues, field, v1::SCALE_EXCEEDED,
        absl::StrCat("has ", parts.fraction_digits, " decimal places; format '",
                     format_.text, "' allows at most ", scale),
        absl::StrCat("小数位数为 ", parts.fraction_digits, "，格式“",
                     format_.text, "”至多允许 ", scale, " 位"),
        "format");
    return false;
  }
  if (has_min_value_ && CompareDecimal(parts, min_value_) < 0) {
    AddError(
        issues, field, v1::VALUE_OUT_OF_RANGE,
        absl::StrCat(MaskValue(value, sensitivity()), " is below the minimum ",
                     definition_.value_domain().min_value()),
        absl::StrCat(MaskValue(value, sensitivity()), " 小于最小值 ",
                     definition_.value_domain().min_value()),
        "value_domain.min_value");
    return false;
  }
  if (has_max_value_ && CompareDecimal(parts, max_value_) > 0) {
    AddError(
        issues, field, v1::VALUE_OUT_OF_RANGE,
        absl::StrCat(MaskValue(value, sensitivity()), " is above the maximum ",
                     definition_.value_domain().max_value()),
        absl::StrCat(MaskValue(value, sensitivity()), " 大于最大值 ",
                     definition_.value_domain().max_value()),
        "value_domain.max_value");
    return false;
  }
  return true;
}

bool CompiledElement::CheckText(absl::string_view value, int field,
                                std::vector<Issue>* issues) const {
  const size_t bad = FindCharClassViolation(value, format_.char_class);
  if (bad != absl::string_view::npos) {
    const absl::string_view ch = CharAt(value, bad);
    // Offsets count characters, as lengths do: "张三1" has '1' at 2.
    const size_t at = codec_internal::CountCodePoints(value.substr(0, bad));
    AddError(
        issues, field, v1::CHARSET_VIOLATION,
        absl::StrFormat("character '%s' at offset %d is not allowed: "
                        "format '%s' takes %s",
                        ch, at, format_.text,
                        CharClassName(format_.char_class)),
        absl::StrFormat("第 %d 个字符“%s”不符合格式“%s”（仅允许%s）", at + 1,
                        ch, format_.text, CharClassNameZh(format_.char_class)),
        "format");
    return false;
  }
  const v1::LengthUnit unit = definition_.length_unit();
  // Digits only (class n): the byte size is the length in every unit.
  const bool within =
      format_.char_class == CharClass::kNumeric
          ? value.size() >= format_.min_length &&
                value.size() <= format_.max_length
          : LengthWithin(value, unit, format_.min_length, format_.max_length);
  if (!within) {
    const size_t length = ValueLength(value, unit);
    AddError(
        issues, field, v1::LENGTH_OUT_OF_RANGE,
        absl::StrCat("length ", length, " ", LengthUnitName(unit, length),
                     "; format '", format_.text, "' allows ",
                     LengthRange(format_.min_length, format_.max_length)),
        absl::StrCat("长度为 ", length, " ", LengthUnitNameZh(unit), "，格式“",
                     format_.text, "”要求",
                     LengthRangeZh(format_.min_length, format_.max_length)),
        "format");
    return false;
  }
  return true;
}

bool CompiledElement::CheckDate(absl::string_view value, DateKey as_of,
                                int field, std::vector<Issue>* issues) const {
  DateTimeFields fields;
  switch (ParseDateTime(value, format_.layout, &fields)) {
    case DateTimeParse::kOk:
      break;
    case DateTimeParse::kBadShape:
      AddError(
          issues, field, v1::FORMAT_MISMATCH,
          absl::StrCat("'", MaskValue(value, sensitivity()),
                       "' is not written ", DateTimeLayoutName(format_.layout)),
          absl::StrCat("“", MaskValue(value, sensitivity()), "”不符合格式 ",
                       DateTimeLayoutName(format_.layout)),
          "format");
      return false;
    case DateTimeParse::kNotReal:
      AddError(
          issues, field, v1::INVALID_DATE,
          absl::StrCat("'", MaskValue(value, sensitivity()), "' is not a real ",
                       LayoutHasDate(format_.layout) ? "date" : "time"),
          absl::StrCat("“", MaskValue(value, sensitivity()), "”不是有效的",
                       LayoutHasDate(format_.layout) ? "日期" : "时间"),
          "format");
      return false;
  }
  if (LayoutHasDate(format_.layout)) {
    const DateKey key = MakeDateKey(fields);
    if ((min_date_ && key < min_date_) || (max_date_ && key > max_date_)) {
      const bool below = min_date_ && key < min_date_;
      const std::string bound = FormatDateKeyIso(below ? min_date_ : max_date_);
      AddError(issues, field, v1::DATE_OUT_OF_RANGE,
               absl::StrCat(MaskValue(value, sensitivity()), " is ",
                            below ? "before" : "after", " ", bound),
               absl::StrCat(MaskValue(value, sensitivity()),
                            below ? " 早于 " : " 晚于 ", bound),
               below ? "value_domain.min_date" : "value_domain.max_date");
      return false;
    }
    if (definition_.value_domain().not_future() && as_of != 0 && key > as_of) {
      const std::string bound = FormatDateKeyIso(as_of);
      AddError(issues, field, v1::DATE_OUT_OF_RANGE,
               absl::StrCat(MaskValue(value, sensitivity()),
                            " is after the reference date ", bound),
               absl::StrCat(MaskValue(value, sensitivity()), " 晚于参考日期 ",
                            bound),
               "value_domain.not_future");
      return false;
    }
  }
  return true;
}

bool CompiledElement::CheckDomain(absl::string_view value, DateKey as_of,
                                  int field, std::vector<Issue>* issues) const {
  if (min_length_ > 0 || max_length_ != UINT32_MAX) {
    const v1::LengthUnit unit = definition_.length_unit();
    if (!LengthWithin(value, unit, min_length_, max_length_)) {
      const size_t length = ValueLength(value, unit);
      AddError(
          issues, field, v1::LENGTH_OUT_OF_RANGE,
          absl::StrCat("length ", length, " ", LengthUnitName(unit, length),
                       "; allowed ", LengthRange(min_length_, max_length_)),
          absl::StrCat("长度为 ", length, " ", LengthUnitNameZh(unit), "，要求",
                       LengthRangeZh(min_length_, max_length_)),
          "value_domain.length");
      return false;
    }
  }
  // Match() directly: FullMatch's argument plumbing costs as much as the
  // match itself on short values.
  if (pattern_ != nullptr &&
      !pattern_->Match(re2::StringPiece(value.data(), value.size()), 0,
                       value.size(), RE2::ANCHOR_BOTH, nullptr, 0)) {
    AddError(issues, field, v1::PATTERN_MISMATCH,
             absl::StrCat("does not match the pattern ", pattern_->pattern()),
             absl::StrCat("不符合模式 ", pattern_->pattern()),
             "value_domain.pattern");
    return false;
  }
  const v1::ValueDomain& domain = definition_.value_domain();
  if (domain.checksum() != v1::CHECKSUM_NONE) {
    const ChecksumOutcome outcome =
        VerifyChecksum(domain.checksum(), value, as_of);
    if (!outcome.ok()) {
      const absl::string_view name = ChecksumName(domain.checksum());
      AddIssue(issues, field, outcome.code, domain.checksum_severity(),
               absl::StrCat(name, ": ", outcome.detail),
               absl::StrCat(name, "：", outcome.detail_zh),
               absl::StrCat("checksum ", name));
      if (domain.checksum_severity() == v1::ERROR) return false;
    } else if (address_codes_ != nullptr &&
               !CheckAddressCode(value, field, issues)) {
      return false;
    }
  }
  if (coding_rule_ != nullptr &&
      !CheckCodingRule(value, as_of, field, issues)) {
    return false;
  }
  if (!allowed_values_.empty() && !allowed_values_.contains(value)) {
    AddError(
        issues, field, v1::CODE_NOT_IN_LIST,
        absl::StrCat("'", MaskValue(value, sensitivity()), "' is not one of: ",
                     absl::StrJoin(domain.allowed_values(), ", ")),
        absl::StrCat("“", MaskValue(value, sensitivity()), "”不在允许值中：",
                     absl::StrJoin(domain.allowed_values(), "、")),
        "value_domain.allowed_values");
    return false;
  }
  if (code_list_ != nullptr) {
    switch (code_list_->Check(value, as_of)) {
      case CodeMembership::kMember:
        break;
      case CodeMembership::kNotInList:
        AddError(issues, field, v1::CODE_NOT_IN_LIST,
                 absl::StrCat("'", MaskValue(value, sensitivity()),
                              "' is not a code of ", code_list_ref_),
                 absl::StrCat("“", MaskValue(value, sensitivity()),
                              "”不是代码集 ", code_list_ref_, " 中的代码"),
                 "value_domain.code_list");
        return false;
      case CodeMembership::kNotEffective: {
        const std::string date = FormatDateKeyIso(as_of);
        AddError(
            issues, field, v1::CODE_NOT_EFFECTIVE,
            absl::StrCat("code '", MaskValue(value, sensitivity()), "' of ",
                         code_list_ref_, " is not in force on ", date,
                         " (valid ", code_list_->DescribePeriods(value), ")"),
            absl::StrCat("代码“", MaskValue(value, sensitivity()), "”（",
                         code_list_ref_, "）在 ", date,
                         " 不在有效期内（有效期 ",
                         code_list_->DescribePeriods(value), "）"),
            "value_domain.code_list");
        return false;
      }
    }
  }
  return true;
}

CodeMembership CompiledElement::AddressMembership(
    absl::string_view address_code, absl::string_view birth_date) const {
  // Foreigners' permanent residence ID cards hold 9, a province and the
  // holder's nationality: no GB/T 2260 code.
  if (address_code.empty() || address_code[0] == '9') {
    return CodeMembership::kMember;
  }
  const DateKey birth = DigitsDateKey(birth_date);
  // Before the list begins it cannot say what was in force: membership only.
  const DateKey day = birth < address_codes_->earliest_valid_from() ? 0 : birth;
  return address_codes_->Check(address_code, day);
}

CompiledElement::AddressIssue CompiledElement::DescribeAddressIssue(
    CodeMembership membership, absl::string_view code) const {
  AddressIssue issue;
  if (membership == CodeMembership::kNotInList) {
    issue.code = v1::CODE_NOT_IN_LIST;
    issue.message = absl::StrCat(
        "GB11643: the address code (positions 1-6) is not a code of ",
        address_codes_ref_);
    issue.message_zh = absl::StrCat("GB11643：地址码（第1至6位）不是代码集 ",
                                    address_codes_ref_, " 中的代码");
    return issue;
  }
  const std::string periods = address_codes_->DescribePeriods(code);
  issue.code = v1::CODE_NOT_EFFECTIVE;
  issue.message = absl::StrCat(
      "GB11643: the address code (positions 1-6) was not in force on the "
      "birth date the number encodes (",
      address_codes_ref_, " lists it for ", periods, ")");
  issue.message_zh =
      absl::StrCat("GB11643：地址码（第1至6位）在号码所示出生日期不在 ",
                   address_codes_ref_, " 的有效期内（有效期 ", periods, "）");
  return issue;
}

bool CompiledElement::CheckAddressCode(absl::string_view value, int field,
                                       std::vector<Issue>* issues) const {
  // `value` passed GB11643, so both parts are there.
  const absl::string_view code =
      value.substr(kGb11643AddressOffset, kGb11643AddressLength);
  const CodeMembership membership = AddressMembership(
      code, value.substr(kGb11643BirthDateOffset, kGb11643BirthDateLength));
  if (membership == CodeMembership::kMember) return true;
  AddressIssue issue = DescribeAddressIssue(membership, code);
  AddError(issues, field, issue.code, std::move(issue.message),
           std::move(issue.message_zh), "value_domain.address_codes");
  return false;
}

void CompiledElement::AddAddressParts(DecodedCode* decoded) const {
  if (address_codes_ == nullptr) return;
  absl::string_view code, birth_date;
  for (const CodePart& part : decoded->parts) {
    if (part.name == "address_code") code = part.value;
    if (part.name == "birth_date") birth_date = part.value;
  }
  if (code.empty() || birth_date.empty()) return;
  const absl::string_view name =
      address_codes_->NameOn(code, DigitsDateKey(birth_date));
  const CodeMembership membership = AddressMembership(code, birth_date);
  if (decoded->outcome.ok() && membership != CodeMembership::kMember) {
    AddressIssue issue = DescribeAddressIssue(membership, code);
    decoded->outcome.code = issue.code;
    decoded->outcome.detail =
        "the address code (positions 1-6) is not an entry of the element's "
        "address_codes in force on the birth date";
    decoded->outcome.detail_zh =
        "地址码（第1至6位）在号码所示出生日期不是有效的区划代码";
    decoded->message = std::move(issue.message);
    decoded->message_zh = std::move(issue.message_zh);
  }
  // Last: `code` and `birth_date` view the parts this may reallocate.
  if (!name.empty()) {
    decoded->parts.push_back({"address_name", std::string(name)});
  }
}

bool CompiledElement::FitsFormat(absl::string_view value) const {
  return format_.layout == DateTimeLayout::kNone &&
         FindCharClassViolation(value, format_.char_class) ==
             absl::string_view::npos &&
         LengthWithin(value, definition_.length_unit(), format_.min_length,
                      format_.max_length);
}

bool CompiledElement::CheckCodingRule(absl::string_view value, DateKey as_of,
                                      int field,
                                      std::vector<Issue>* issues) const {
  const CodingRuleOutcome outcome = coding_rule_->Verify(value, as_of);
  if (outcome.ok()) return true;
  // checksum_severity governs check characters, as it does for checksums;
  // a code of the wrong shape or meaning is always an error.
  const v1::Severity severity =
      outcome.code == v1::CHECKSUM_MISMATCH
          ? definition_.value_domain().checksum_severity()
          : v1::ERROR;
  CodingRuleMessage message =
      coding_rule_->Describe(outcome, value, as_of, sensitivity());
  AddIssue(issues, field, outcome.code, severity, std::move(message.message),
           std::move(message.message_zh), coding_rule_->IssueRule(outcome));
  return severity != v1::ERROR;
}

bool CompiledElement::ParseDate(absl::string_view value,
                                DateTimeFields* fields) const {
  return format_.layout != DateTimeLayout::kNone &&
         ParseDateTime(value, format_.layout, fields) == DateTimeParse::kOk;
}

void CompiledElement::CheckValue(absl::string_view raw, DateKey as_of,
                                 v1::ValueResult* out) const {
  out->Clear();
  out->set_value(ToValidUtf8(raw));
  NormalizeScratch scratch;
  const NormalizeResult normalized = Normalize(raw, as_of, &scratch);
  out->set_normalized(ToValidUtf8(normalized.value));
  std::vector<Issue> issues;
  if (normalized.issue != v1::ISSUE_CODE_UNSPECIFIED) {
    AddError(&issues, -1, normalized.issue,
             absl::StrCat("'", MaskValue(raw, sensitivity()),
                          "' matches several codes; map it "
                          "explicitly"),
             absl::StrCat("“", MaskValue(raw, sensitivity()),
                          "”对应多个代码，无法唯一映射"),
             "normalize.map");
  } else if (normalized.value.empty()) {
    AddError(&issues, -1, v1::REQUIRED_MISSING, "value is empty", "值为空",
             "required");
  } else {
    Check(normalized.value, as_of, -1, &issues);
  }
  for (size_t i = 0; i < normalizer_->step_count(); ++i) {
    if (normalized.changed_steps & (1u << i)) {
      v1::Normalization* n = out->add_normalizations();
      n->set_field(definition_.id());
      n->set_step(std::string(normalizer_->step_name(i)));
    }
  }
  bool valid = true;
  for (Issue& issue : issues) {
    if (issue.severity == v1::ERROR) valid = false;
    v1::Issue* p = out->add_issues();
    p->set_field(definition_.id());
    p->set_code(issue.code);
    p->set_severity(issue.severity);
    p->set_message(ToValidUtf8(issue.message));
    p->set_message_zh(ToValidUtf8(issue.message_zh));
    p->set_rule(std::move(issue.rule));
    p->set_element(ref_);
    p->set_original_value(MaskValue(raw, sensitivity()));
    p->set_normalized_value(MaskValue(normalized.value, sensitivity()));
  }
  out->set_valid(valid);
}

}  // namespace shuyuan::codec
