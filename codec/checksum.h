// Check characters of the structured codes of SPEC §2.5: the citizen ID
// number (GB 11643), the unified social credit code (GB 32100), the
// organisation code (GB 11714), Luhn (bank card numbers) and ISO 7064
// MOD 11-2. Verification is a hot-path call of compiled validators: it never
// allocates and reports failures as data (an issue code plus static English
// and Chinese details), not as errors.
//
//   ChecksumOutcome outcome =
//       VerifyChecksum(v1::GB11643, "11010519491231002X",
//       MakeDateKey(Today()));
//   if (!outcome.ok()) {
//     // outcome.code is FORMAT_MISMATCH, CHECKSUM_MISMATCH, INVALID_DATE or
//     // DATE_OUT_OF_RANGE; outcome.detail / outcome.detail_zh say why.
//   }
//
//   absl::StatusOr<char> check =
//       ComputeCheckCharacter(v1::GB11643, "11010519491231002");  // 'X'
//
// Values must already be normalised (no spaces, ASCII upper case); a
// lower-case 'x' check character is FORMAT_MISMATCH, because the element's
// normalisers are expected to upper-case it first.
//
// All functions are pure and thread-safe.
#ifndef SHUYUAN_CODEC_CHECKSUM_H_
#define SHUYUAN_CODEC_CHECKSUM_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/date_time.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// The verdict of VerifyChecksum. `code` is ISSUE_CODE_UNSPECIFIED when the
// value passes; otherwise it is the issue to raise and `detail` /
// `detail_zh` are static strings (never freed, safe to keep) saying what
// failed. A plain value type; copy freely.
struct ChecksumOutcome {
  v1::IssueCode code = v1::ISSUE_CODE_UNSPECIFIED;  // UNSPECIFIED = passes
  const char* detail = "";     // static English text saying what failed
  const char* detail_zh = "";  // static Chinese text
  bool ok() const { return code == v1::ISSUE_CODE_UNSPECIFIED; }
};

// Verifies `value` (already normalised: no spaces, upper case) against
// `algorithm`. `today` is the reference date (codec::DateKey yyyymmdd) used
// for "birth date not in the future". No allocation.
//
// Per algorithm, checks run in this order and the first failure is reported:
//  - GB11643: 18 characters, 17 digits then 0-9 or X (FORMAT_MISMATCH; a
//    15-digit first-generation number is FORMAT_MISMATCH too, with a detail
//    pointing at the id15to18 normaliser); the first two digits a
//    province-level code, or 9 followed by one for foreigners' permanent
//    residence ID cards (FORMAT_MISMATCH); the birth date (positions 7-14) a
//    real date (INVALID_DATE) and not after `today` (DATE_OUT_OF_RANGE; not
//    checked when `today` is 0); the check character (CHECKSUM_MISMATCH).
//  - GB32100: 18 characters over 0-9A-HJ-NPQRTUWXY (FORMAT_MISMATCH); the
//    check character, then the embedded GB 11714 organisation code at
//    positions 9-17 (CHECKSUM_MISMATCH).
//  - GB11714: "XXXXXXXX-X" or "XXXXXXXXX", body 0-9A-Z, check 0-9 or X
//    (FORMAT_MISMATCH); the check character (CHECKSUM_MISMATCH).
//  - LUHN: 2 to 19 digits, the last one the Luhn check digit. 19 is the
//    longest primary account number of ISO/IEC 7812; 2 the shortest string
//    that has a body at all.
//  - ISO7064_MOD11_2: one or more digits then a check character 0-9 or X
//    (pure system, ISO 7064 MOD 11-2).
//  - CHECKSUM_NONE: always passes. An algorithm value outside the enum fails
//    closed with CHECKSUM_MISMATCH.
ChecksumOutcome VerifyChecksum(v1::ChecksumAlgorithm algorithm,
                               absl::string_view value, DateKey today);

// The check character for a body (GB11643: 17 digits; GB32100: 17 chars;
// GB11714: 8 chars; LUHN: 1 to 18 digits; ISO7064_MOD11_2: one or more
// digits). Only the body's length and alphabet are checked: a body with an
// unreal birth date or an invalid embedded organisation code still gets its
// check character. InvalidArgument naming the bad character and its offset,
// or the wrong length; also for CHECKSUM_NONE and unknown algorithms.
absl::StatusOr<char> ComputeCheckCharacter(v1::ChecksumAlgorithm algorithm,
                                           absl::string_view body);

// Canonical name of an algorithm: its protobuf enum name ("GB11643",
// "GB32100", "GB11714", "LUHN", "ISO7064_MOD11_2", "CHECKSUM_NONE"), or
// "UNKNOWN" for a value outside the enum.
absl::string_view ChecksumName(v1::ChecksumAlgorithm algorithm);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_CHECKSUM_H_
