#include "codec/element_code.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace shuyuan::codec {
namespace {

absl::Status NotStructured(const CompiledElement& element) {
  return absl::InvalidArgumentError(
      absl::StrCat("data element ", element.ref(),
                   " is not a structured code (its value_domain has no "
                   "checksum or coding_rule)"));
}

}  // namespace

bool IsStructuredCode(const CompiledElement& element) {
  return element.coding_rule() != nullptr ||
         element.checksum() != v1::CHECKSUM_NONE;
}

absl::Span<const absl::string_view> CodePartNames(
    const CompiledElement& element) {
  if (element.coding_rule() != nullptr) {
    return element.coding_rule()->part_names();
  }
  return CodePartNames(element.checksum());
}

absl::StatusOr<DecodedCode> DecodeStructuredCode(const CompiledElement& element,
                                                 absl::string_view value,
                                                 DateKey today) {
  if (element.coding_rule() != nullptr) {
    return element.coding_rule()->Decode(value, today);
  }
  if (element.checksum() == v1::CHECKSUM_NONE) return NotStructured(element);
  return DecodeStructuredCode(element.checksum(), value, today);
}

absl::StatusOr<std::string> EncodeStructuredCode(const CompiledElement& element,
                                                 absl::string_view body) {
  if (element.coding_rule() != nullptr) {
    return element.coding_rule()->Encode(body);
  }
  if (element.checksum() == v1::CHECKSUM_NONE) return NotStructured(element);
  return EncodeStructuredCode(element.checksum(), body);
}

absl::string_view CodePartOf(const CompiledElement& element,
                             absl::string_view value, absl::string_view part) {
  if (element.coding_rule() != nullptr) {
    return element.coding_rule()->PartOf(value, part);
  }
  return CodePartOf(element.checksum(), value, part);
}

}  // namespace shuyuan::codec
