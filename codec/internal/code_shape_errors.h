// The InvalidArgument errors for a structured code, or a body to encode,
// of the wrong length or with a character outside its alphabet. Shared by
// checksum.cc (bodies) and structured_code.cc (whole codes) so both word
// them alike: "GB11643: expected a digit at offset 4, found 'A'".
//
//   if (body.size() != 17) return WrongLength(v1::GB11643, "body", "17", n);
//
// Pure and thread-safe.
#ifndef SHUYUAN_CODEC_INTERNAL_CODE_SHAPE_ERRORS_H_
#define SHUYUAN_CODEC_INTERNAL_CODE_SHAPE_ERRORS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {

// "<ALG>: a <noun> has <expected> characters, got <got>"; `noun` is "body"
// or "code".
absl::Status WrongLength(v1::ChecksumAlgorithm algorithm,
                         absl::string_view noun, absl::string_view expected,
                         size_t got);

// "<ALG>: expected <expected> at offset <offset>, found '<char>'" (escaped).
absl::Status BadCharacter(v1::ChecksumAlgorithm algorithm,
                          absl::string_view text, size_t offset,
                          absl::string_view expected);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_CODE_SHAPE_ERRORS_H_
