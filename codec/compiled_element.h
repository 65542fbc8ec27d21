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
#include "codec/definition_resolver.h"
#include "codec/format.h"
#include "codec/internal/decimal.h"
#include "codec/issue.h"
#include "codec/normalizer.h"
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
  // Compiles `element`, resolving its code list and coding rule through
  // `resolver`. InvalidArgument naming the element and attribute for a bad
  // format, pattern, bound, normaliser step or type/format combination, or
  // both a checksum and a coding rule; NotFound for a code list or coding
  // rule the resolver does not know. A coding rule's own definition errors
  // keep their site in the rule.
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
  bool CheckDate(absl::string_view value, int field,
                 std::vector<Issue>* issues) const;
  bool CheckDomain(absl::string_view value, DateKey as_of, int field,
                   std::vector<Issue>* issues) const;
  bool CheckCodingRule(absl::string_view value, DateKey as_of, int field,
                       std::vector<Issue>* issues) const;
  absl::Status CompileCodingRule(const DefinitionResolver& resolver);

  // Immutable after construction.
  v1::DataElement definition_;
  std::string ref_;
  Format format_;
  std::optional<Normalizer> normalizer_;  // always set by Compile
  std::unique_ptr<Mapper> mapper_;
  std::shared_ptr<const CompiledCodeList> code_list_;
  std::string code_list_ref_;
  std::shared_ptr<const CompiledCodingRule> coding_rule_;
  std::unique_ptr<re2::RE2> pattern_;
  absl::flat_hash_set<std::string> allowed_values_;
  bool has_min_value_ = false;
  bool has_max_value_ = false;
  codec_internal::DecimalParts min_value_;
  codec_internal::DecimalParts max_value_;
  DateKey min_date_ = 0;
  DateKey max_date_ = 0;
  uint32_t min_length_ = 0;  // value_domain bounds; 0 / UINT32_MAX = none
  uint32_t max_length_ = UINT32_MAX;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_COMPILED_ELEMENT_H_
