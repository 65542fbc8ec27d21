// Decoding and encoding the values of a data element whose value domain
// gives them a structure: a built-in checksum (codec/structured_code.h) or a
// coding rule (codec/coding_rule.h). The same calls serve both, so the
// CLI's decode/encode, the service's DecodeValue/EncodeValue and schemas'
// derived fields need not know which one an element uses.
//
//   const CompiledElement& element = ...;         // e.g. GMSFHM
//   NormalizeScratch scratch;
//   const absl::string_view value =
//       element.Normalize(raw, as_of, &scratch).value;  // decode what
//                                                       // validation sees
//   absl::StatusOr<DecodedCode> decoded =
//       DecodeStructuredCode(element, value, as_of);
//   absl::StatusOr<std::string> code =
//       EncodeStructuredCode(element, "11010519491231002");  // ...002X
//
// Functions are pure and thread-safe, like the element.
#ifndef SHUYUAN_CODEC_ELEMENT_CODE_H_
#define SHUYUAN_CODEC_ELEMENT_CODE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "codec/compiled_element.h"
#include "codec/date_time.h"
#include "codec/structured_code.h"

namespace shuyuan::codec {

// Whether the element's values are structured codes: its value domain has a
// checksum or a coding rule.
bool IsStructuredCode(const CompiledElement& element);

// The parts DecodeStructuredCode yields for the element's values, in order;
// empty when the element is not a structured code.
absl::Span<const absl::string_view> CodePartNames(
    const CompiledElement& element);

// Splits a normalised value into its parts, with the verdict of the
// element's structure: as DecodeStructuredCode(algorithm, ...) for a
// checksum, CompiledCodingRule::Decode for a coding rule. `message` and
// `message_zh` say what failed in both cases. InvalidArgument when the value
// is not shaped as the code, or the element is not a structured code.
absl::StatusOr<DecodedCode> DecodeStructuredCode(const CompiledElement& element,
                                                 absl::string_view value,
                                                 DateKey today);

// The code for `body` (the code without its check characters), as
// EncodeStructuredCode(algorithm, ...) or CompiledCodingRule::Encode.
// InvalidArgument as those, or when the element is not a structured code.
absl::StatusOr<std::string> EncodeStructuredCode(const CompiledElement& element,
                                                 absl::string_view body);

// Part `part` of a value that passed the element's checks, without
// allocating; empty when there is no such part.
absl::string_view CodePartOf(const CompiledElement& element,
                             absl::string_view value, absl::string_view part);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_ELEMENT_CODE_H_
