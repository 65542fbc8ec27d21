// Fuzzes what the codec does to values from records: every normaliser step
// (date patterns, cn_numeral, excel_serial, map, id15to18, ...), the element
// checks behind them, and the structured-code decoders, on arbitrary bytes.
// No crash, no undefined behaviour, results that leave the codec are UTF-8,
// and normalising twice changes nothing more than normalising once for the
// steps that are idempotent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "codec/compiled_element.h"
#include "codec/element_code.h"
#include "codec/internal/text_decoder.h"
#include "codec/structured_code.h"
#include "google/protobuf/text_format.h"

namespace {

using shuyuan::codec::CompiledElement;
using shuyuan::codec::DefinitionResolver;
namespace v1 = shuyuan::v1;

void Check(bool condition) {
  if (!condition) std::abort();
}

// One code list, for the map step and membership checks.
class Resolver : public DefinitionResolver {
 public:
  Resolver() {
    Check(google::protobuf::TextFormat::
              ParseFromString(
                  R"pb(id: "SEX"
                       entries {
                         code: "1"
                         name_zh: "男性"
                         aliases: "男"
                         aliases: "M"
                       }
                       entries {
                         code: "2"
                         name_zh: "女性"
                         aliases: "女"
                         aliases: "F"
                       }
                       entries {
                         code: "9"
                         name_zh: "未说明"
                         valid_to: "2020-12-31"
                       }
                       entries {
                         code: "9"
                         name_zh: "其他"
                         valid_from: "2021-01-01"
                       })pb",
                  &list_));
    Check(google::protobuf::TextFormat::ParseFromString(
        R"pb(id: "PERMIT"
             segments { name: "prefix" fixed: "ZJ" }
             segments { name: "sex" length: 1 code_list: "SEX" }
             segments { name: "kind" allowed: "A" allowed: "B" }
             segments { name: "issued" date: "YYYYMMDD" not_future: true }
             segments {
               name: "serial"
               min_length: 2
               max_length: 6
               charset: "0-9"
             }
             segments {
               name: "check"
               check { algorithm: ISO7064_MOD37_36 }
             }
             parts {
               name: "parity"
               from: "serial"
               parity { odd: "1" even: "2" }
             })pb",
        &rule_));
  }
  absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const override {
    return absl::NotFoundError(ref);
  }
  absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const override {
    if (ref == "SEX") return &list_;
    return absl::NotFoundError(ref);
  }
  absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const override {
    return absl::NotFoundError(ref);
  }
  absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const override {
    if (ref == "PERMIT") return &rule_;
    return absl::NotFoundError(ref);
  }

 private:
  v1::CodeList list_;
  v1::CodingRule rule_;
};

std::vector<std::shared_ptr<const CompiledElement>> Elements() {
  static const Resolver* resolver = new Resolver();
  const char* const kElements[] = {
      R"pb(id: "ID"
           data_type: STRING
           format: "c18"
           sensitivity: L3
           value_domain { checksum: GB11643 }
           normalize { width {} }
           normalize { trim {} }
           normalize { upper {} }
           normalize { replace { pairs { key: "×" value: "X" } } }
           normalize { id15to18 {} })pb",
      R"pb(id: "USCC"
           data_type: STRING
           format: "c18"
           value_domain { checksum: GB32100 }
           normalize { width {} }
           normalize { remove { chars: " -" } }
           normalize { upper {} })pb",
      R"pb(id: "DATE"
           data_type: DATE
           format: "YYYYMMDD"
           value_domain { min_date: "1800-01-01" }
           normalize { width {} }
           normalize { trim {} }
           normalize {
             date {
               inputs: "YYYY年M月D日"
               inputs: "YYYY-M-D hh:mm:ss[.f]"
               inputs: "YYYY/M/D"
               inputs: "YYYYMD"
               inputs: "cn_numeral"
               inputs: "excel_serial"
             }
           })pb",
      R"pb(id: "TIME"
           data_type: DATETIME
           format: "YYYY-MM-DDThh:mm:ss"
           normalize {
             date { inputs: "YYYY.M.D hh:mm" inputs: "excel_serial" }
           })pb",
      R"pb(id: "SEXCODE"
           data_type: STRING
           format: "n1"
           value_domain { code_list: "SEX" }
           aliases { key: "male" value: "1" }
           normalize { nfc {} }
           normalize { collapse_spaces {} }
           normalize { lower {} }
           normalize { map {} }
           normalize { pad_left { width: 1 fill: "0" } })pb",
      R"pb(id: "MONEY"
           data_type: DECIMAL
           format: "n..18,2"
           value_domain { min_value: "0" max_value: "999999999.99" }
           normalize { width {} }
           normalize { remove { chars: ",，" } })pb",
      R"pb(id: "NAME"
           data_type: STRING
           format: "a..50"
           length_unit: GB18030_BYTES
           value_domain { pattern: "[^0-9]+" allowed_values: "张三" }
           normalize { nfc {} }
           normalize { trim {} })pb",
      R"pb(id: "CARD"
           data_type: STRING
           format: "n8..32"
           value_domain { checksum: LUHN checksum_severity: WARNING })pb",
      R"pb(id: "PERMIT_NO"
           data_type: STRING
           format: "c..32"
           value_domain { coding_rule: "PERMIT" }
           normalize { width {} }
           normalize { upper {} })pb",
  };
  std::vector<std::shared_ptr<const CompiledElement>> elements;
  for (const char* text : kElements) {
    v1::DataElement element;
    Check(google::protobuf::TextFormat::ParseFromString(text, &element));
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(element, *resolver);
    Check(compiled.ok());
    elements.push_back(*compiled);
  }
  return elements;
}

bool IsUtf8(absl::string_view s) {
  return shuyuan::codec_internal::FindInvalidUtf8(s) == absl::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* const kElements =
      new std::vector<std::shared_ptr<const CompiledElement>>(Elements());
  const absl::string_view value(reinterpret_cast<const char*>(data), size);
  for (const auto& element : *kElements) {
    for (int as_of : {20190601, 20240601}) {
      v1::ValueResult result;
      element->CheckValue(value, as_of, &result);
      Check(IsUtf8(result.value()) && IsUtf8(result.normalized()));
      for (const v1::Issue& issue : result.issues()) {
        Check(IsUtf8(issue.message()) && IsUtf8(issue.message_zh()));
        Check(IsUtf8(issue.original_value()));
        Check(issue.code() != v1::ISSUE_CODE_UNSPECIFIED);
      }
      // A valid value is canonical: normalising it again changes nothing.
      if (result.valid()) {
        v1::ValueResult again;
        element->CheckValue(result.normalized(), as_of, &again);
        Check(again.valid() && again.normalized() == result.normalized());
      }
    }
  }
  // Every structured element decodes and encodes through the one API.
  for (const auto& element : *kElements) {
    if (!shuyuan::codec::IsStructuredCode(*element)) continue;
    absl::StatusOr<shuyuan::codec::DecodedCode> decoded =
        shuyuan::codec::DecodeStructuredCode(*element, value, 20240601);
    if (decoded.ok()) {
      // A rule yields every part; a 15-digit GB 11643 number has no check.
      Check(element->coding_rule() == nullptr ||
            decoded->parts.size() ==
                shuyuan::codec::CodePartNames(*element).size());
      Check(IsUtf8(decoded->message) && IsUtf8(decoded->message_zh));
    }
    absl::StatusOr<std::string> code =
        shuyuan::codec::EncodeStructuredCode(*element, value);
    // What encodes, decodes with right check characters.
    if (code.ok() && element->coding_rule() != nullptr) {
      const shuyuan::codec::CodingRuleOutcome outcome =
          element->coding_rule()->Verify(*code, 0);
      Check(outcome.code != v1::CHECKSUM_MISMATCH &&
            outcome.code != v1::CHARSET_VIOLATION &&
            outcome.code != v1::LENGTH_OUT_OF_RANGE);
    }
  }
  for (v1::ChecksumAlgorithm algorithm :
       {v1::GB11643, v1::GB32100, v1::GB11714, v1::LUHN, v1::ISO7064_MOD11_2}) {
    absl::StatusOr<shuyuan::codec::DecodedCode> decoded =
        shuyuan::codec::DecodeStructuredCode(algorithm, value, 20240601);
    if (decoded.ok()) {
      for (const auto& part : decoded->parts) Check(!part.name.empty());
    }
    (void)shuyuan::codec::EncodeStructuredCode(algorithm, value);
  }
  return 0;
}
