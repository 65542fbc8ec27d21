// CompiledElement: a data element (数据元, SPEC §2.2) compiled into a
// normaliser and a validator. Compiling parses the format, compiles the
// pattern (RE2), the normaliser steps and the code list once; checking a
// value then re-parses nothing and allocates nothing unless it finds an
// issue.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledElement> element,
//                            CompiledElement::Compile(proto, resolver));
//   v1::ValueResult result;
//   element->CheckValue("11010519491231002x", MakeDateKey(Today()), &result);
//   // result.valid() == true, result.normalized() == "11010519491231002X"
//
// Immutable and thread-safe after Compile.
#ifndef SHUYUAN_CODEC_COMPILED_ELEMENT_H_
#define SHUYUAN_CODEC_COMPILED_ELEMENT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/code_list_index.h"
#include "codec/coding_rule.h"
#include "codec/date_time.h"
#include "codec/decimal.h"
#include "codec/definition_resolver.h"
#include "codec/format.h"
#include "codec/issue.h"
#include "codec/normalizer.h"
#include "codec/structured_code.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace re2 {
class RE2;
}

namespace shuyuan::codec {

// "ID@VERSION" for registered items, "ID" for items read from files.
std::string ItemRef(absl::string_view id, const v1::VersionInfo& info);

// Thread-safe; immutable after Compile.
class CompiledElement {
 public:
  // Compiles `element`, resolving its code list, its address codes
  // (value_domain.address_codes) and its coding rule through `resolver`.
  // InvalidArgument naming the element and attribute for a bad format,
  // pattern, bound, normaliser step or type/format combination, both a
  // checksum and a coding rule, or address_codes without checksum GB11643;
  // NotFound for a code list or coding rule the resolver does not know. A
  // coding rule's own definition errors keep their site in the rule.
  static absl::StatusOr<std::shared_ptr<const CompiledElement>> Compile(
      const v1::DataElement& element, const DefinitionResolver& resolver);

  ~CompiledElement();
  CompiledElement(const CompiledElement&) = delete;
  CompiledElement& operator=(const CompiledElement&) = delete;

  // Runs the normaliser steps on `raw`.
  NormalizeResult Normalize(absl::string_view raw, DateKey as_of,
                            NormalizeScratch* scratch) const {
    return normalizer_->Apply(raw, as_of, scratch);
  }

  // Checks a normalised, non-empty value against type, format and value
  // domain, in that order, stopping at the first ERROR. Appends issues
  // (tagged with `field`) to `*issues`; returns false when an ERROR was
  // added.
  bool Check(absl::string_view value, DateKey as_of, int field,
             std::vector<Issue>* issues) const;

  // Normalises and checks one value (the `shuyuan check` path): an empty
  // value is REQUIRED_MISSING. Fills `*out`, masking values for L3/L4.
  void CheckValue(absl::string_view raw, DateKey as_of,
                  v1::ValueResult* out) const;

  // With address_codes, completes a decoded GB 11643 value (see
  // codec/element_code.h, which calls this): the outcome, when it passed,
  // also carries the address-code check that Check makes (CODE_NOT_IN_LIST /
  // CODE_NOT_EFFECTIVE, worded as the issue is), and the parts end with
  // `address_name`, the division's name as of the birth date the number
  // encodes (CompiledCodeList::NameOn), when the list has the code. Does
  // nothing for other elements.
  void AddAddressParts(DecodedCode* decoded) const;

  // True when `value` already has the element's text format: its character
  // class and its length (a part of a structured code that needs no
  // normalising, unlike a numeric country code for an alphabetic element).
  bool FitsFormat(absl::string_view value) const;

  // Parses a valid value of a date-typed element into fields; false when the
  // element has no datetime layout or the value does not parse.
  bool ParseDate(absl::string_view value, DateTimeFields* fields) const;

  const std::string& id() const { return definition_.id(); }
  const std::string& ref() const { return ref_; }
  const v1::DataElement& definition() const { return definition_; }
  v1::Sensitivity sensitivity() const { return definition_.sensitivity(); }
  v1::ChecksumAlgorithm checksum() const {
    return definition_.value_domain().checksum();
  }
  // The ref of the value domain's code list (resolved), or "" when none.
  const std::string& code_list_ref() const { return code_list_ref_; }
  // The ref of the address-code list (value_domain.address_codes, resolved),
  // or "" when the element has none.
  const std::string& address_codes_ref() const { return address_codes_ref_; }
  // The element's coding rule (value_domain.coding_rule); nullptr when none.
  const CompiledCodingRule* coding_rule() const { return coding_rule_.get(); }
  const Format& format() const { return format_; }
  const Normalizer& normalizer() const { return *normalizer_; }
  bool is_superseded() const {
    return definition_.version_info().registration_status() == v1::SUPERSEDED;
  }

 private:
  CompiledElement() = default;
  class Mapper;

  bool CheckNumber(absl::string_view value, int field,
                   std::vector<Issue>* issues) const;
  bool CheckText(absl::string_view value, int field,
                 std::vector<Issue>* issues) const;
  bool CheckDate(absl::string_view value, DateKey as_of, int field,
                 std::vector<Issue>* issues) const;
  bool CheckDomain(absl::string_view value, DateKey as_of, int field,
                   std::vector<Issue>* issues) const;
  bool CheckAddressCode(absl::string_view value, int field,
                        std::vector<Issue>* issues) const;
  // What the address check says for a code that is not kMember.
  struct AddressIssue {
    v1::IssueCode code = v1::ISSUE_CODE_UNSPECIFIED;
    std::string message;
    std::string message_zh;
  };
  AddressIssue DescribeAddressIssue(CodeMembership membership,
                                    absl::string_view code) const;
  // The address code's membership in address_codes_ on `birth_date`
  // (yyyymmdd digits); kMember for numbers that carry no GB/T 2260 code.
  CodeMembership AddressMembership(absl::string_view address_code,
                                   absl::string_view birth_date) const;
  bool CheckCodingRule(absl::string_view value, DateKey as_of, int field,
                       std::vector<Issue>* issues) const;
  // The steps of Compile, in order, each on definition_ (whose strings the
  // parsed bounds view) and each returning InvalidArgument sited at the
  // element's field (ElementError) when the definition is wrong there.
  // Checks data_type against the format, and parses the format.
  absl::Status CompileFormat();
  // min_length, max_length and pattern.
  absl::Status CompileLengthsAndPattern();
  // min_value / max_value, min_date / max_date and not_future.
  absl::Status CompileBounds();
  // allowed_values, code_list, address_codes and coding_rule.
  absl::Status CompileCodeLists(const DefinitionResolver& resolver);
  absl::Status CompileCodingRule(const DefinitionResolver& resolver);
  // The normalisers, last: the map step needs the code list.
  absl::Status CompileNormalizer();

  // Immutable after construction.
  v1::DataElement definition_;
  std::string ref_;
  Format format_;
  std::optional<Normalizer> normalizer_;  // always set by Compile
  std::unique_ptr<Mapper> mapper_;
  std::shared_ptr<const CompiledCodeList> code_list_;
  std::string code_list_ref_;
  std::shared_ptr<const CompiledCodeList> address_codes_;
  std::string address_codes_ref_;
  std::shared_ptr<const CompiledCodingRule> coding_rule_;
  std::unique_ptr<re2::RE2> pattern_;
  absl::flat_hash_set<std::string> allowed_values_;
  bool has_min_value_ = false;
  bool has_max_value_ = false;
  DecimalParts min_value_;
  DecimalParts max_value_;
  DateKey min_date_ = 0;
  DateKey max_date_ = 0;
  uint32_t min_length_ = 0;  // value_domain bounds; 0 / UINT32_MAX = none
  uint32_t max_length_ = UINT32_MAX;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_COMPILED_ELEMENT_H_
