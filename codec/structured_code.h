// Decoding and encoding of the structured codes of SPEC §2.5: a citizen ID
// number splits into address code, birth date, sequence, sex and check; a
// unified social credit code into registration authority, organisation type,
// division code, organisation code and check; the other algorithms into body
// and check. Schemas derive fields from these parts (`derive: {from: gmsfhm,
// part: birth_date}`, SPEC §2.7) and the service exposes them as the
// DecodeValue / EncodeValue RPCs.
//
//   absl::StatusOr<DecodedCode> decoded = DecodeStructuredCode(
//       v1::GB11643, "11010519491231002X", MakeDateKey(Today()));
//   // decoded->parts: address_code=110105, birth_date=19491231,
//   //                 sequence=002, sex=2, check=X; decoded->outcome.ok().
//
//   absl::StatusOr<std::string> id =
//       EncodeStructuredCode(v1::GB11643, "11010519491231002");
//   // "11010519491231002X"
//
// A value that is shaped as the code but fails one of its rules (wrong check
// character, unreal birth date, bad province) still decodes: the parts come
// back together with the failing outcome, so that callers can show what the
// value says and why it is wrong.
//
// All functions are pure and thread-safe. Decoding and encoding allocate the
// returned strings; the allocation-free check is VerifyChecksum
// (codec/checksum.h).
#ifndef SHUYUAN_CODEC_STRUCTURED_CODE_H_
#define SHUYUAN_CODEC_STRUCTURED_CODE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "codec/checksum.h"
#include "codec/date_time.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// One named part of a decoded code, e.g. {"birth_date", "19491231"}.
struct CodePart {
  std::string name;
  std::string value;
};

// The parts of a code, in the order CodePartNames lists them, and the
// verdict of VerifyChecksum on the whole value. CodePart and DecodedCode are
// plain value types that own their strings; not thread-safe to mutate
// concurrently, like any std::vector.
struct DecodedCode {
  std::vector<CodePart> parts;
  // The verdict: for built-ins VerifyChecksum's, with its static details;
  // coding rules (codec/coding_rule.h) set only `outcome.code`.
  ChecksumOutcome outcome;
  // What failed, as an issue says it ("GB11643: the check character ...",
  // "ZJ_CATALOG_CODE: segment opened_on ..."); empty when the value passes.
  std::string message;
  std::string message_zh;
};

// Splits a code into its parts. InvalidArgument when the value is not shaped
// as the code at all (wrong length or alphabet, with offset); otherwise
// returns parts AND the verification outcome (so a wrong check char still
// decodes). `today` is the reference date for "birth date not in the future"
// (0 skips that check).
//
// Parts per algorithm:
//  - GB11643 (18 characters): address_code (positions 1-6), birth_date
//    (7-14, YYYYMMDD), sequence (15-17), sex ("1" when the 17th digit is
//    odd, "2" when even, GB/T 2261.1), check (18).
//    A 15-digit first-generation number (6 address + yymmdd + 3 sequence,
//    born 19yy) decodes into the same parts without `check`; its outcome
//    checks the province, the date (real, not after `today`) and nothing
//    else, since such numbers carry no check digit. VerifyChecksum itself
//    refuses 15-digit numbers (they must be upgraded to validate).
//  - GB32100: registration_authority (1), organization_type (2),
//    division_code (3-8), organization_code (9-17), check (18).
//  - GB11714 ("XXXXXXXX-X" or "XXXXXXXXX"): body (8 characters), check.
//  - LUHN, ISO7064_MOD11_2: body (all but the last character), check.
// CHECKSUM_NONE and unknown algorithms are InvalidArgument.
absl::StatusOr<DecodedCode> DecodeStructuredCode(
    v1::ChecksumAlgorithm algorithm, absl::string_view value, DateKey today);

// A part of a code that has passed VerifyChecksum, without allocating: a
// view into `value`, or for GB11643's `sex` a view of static "1" / "2".
// Empty when `part` is not one of CodePartNames(algorithm) or `value` is
// too short to hold it. The schema compiler's derived fields use this on
// their hot path; DecodeStructuredCode uses it for its parts too.
absl::string_view CodePartOf(v1::ChecksumAlgorithm algorithm,
                             absl::string_view value, absl::string_view part);

// body → full code (body + check). GB11714 returns 9 chars without hyphen.
// Only the body's length and alphabet are checked (as ComputeCheckCharacter
// does), so that test data for the other rules (an unreal birth date, a bad
// province, an invalid embedded organisation code) can be built; the result
// always passes the check-character test and VerifyChecksum reports any
// other rule it breaks. InvalidArgument for a badly shaped body,
// CHECKSUM_NONE or an unknown algorithm.
absl::StatusOr<std::string> EncodeStructuredCode(
    v1::ChecksumAlgorithm algorithm, absl::string_view body);

// The part names DecodeStructuredCode yields for an algorithm (used to
// validate `derive.part` at compile time), in decode order. Empty for
// CHECKSUM_NONE and unknown algorithms. The span points at static storage.
absl::Span<const absl::string_view> CodePartNames(
    v1::ChecksumAlgorithm algorithm);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_STRUCTURED_CODE_H_
