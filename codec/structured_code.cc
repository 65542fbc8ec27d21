#include "codec/structured_code.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec/internal/code_shape_errors.h"
#include "common/status_macros.h"

namespace shuyuan::codec {
namespace {

constexpr absl::string_view kGb11643Parts[] = {"address_code", "birth_date",
                                               "sequence", "sex", "check"};
constexpr absl::string_view kGb32100Parts[] = {
    "registration_authority", "organization_type", "division_code",
    "organization_code", "check"};
constexpr absl::string_view kBodyCheckParts[] = {"body", "check"};

// GB 32100's 31 symbols (no I, O, S, V, Z); the check character is one too.
constexpr absl::string_view kGb32100Alphabet =
    "0123456789ABCDEFGHJKLMNPQRTUWXY";

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsDigitOrX(char c) { return IsDigit(c) || c == 'X'; }

// A whole code of the wrong length.
absl::Status WrongLength(v1::ChecksumAlgorithm algorithm,
                         absl::string_view expected, size_t got) {
  return codec_internal::WrongLength(algorithm, "code", expected, got);
}

using codec_internal::BadCharacter;

// Checks the body's alphabet by asking ComputeCheckCharacter, whose errors
// already name the offending character and its offset (the body is a prefix
// of the value, so its offsets are the value's).
absl::Status CheckBodyShape(v1::ChecksumAlgorithm algorithm,
                            absl::string_view body) {
  return ComputeCheckCharacter(algorithm, body).status();
}

void AddPart(absl::string_view name, std::string value, DecodedCode* decoded) {
  decoded->parts.push_back(CodePart{std::string(name), std::move(value)});
}

// Every part of a well-shaped code, in CodePartNames order.
void AddParts(v1::ChecksumAlgorithm algorithm, absl::string_view value,
              DecodedCode* decoded) {
  for (absl::string_view name : CodePartNames(algorithm)) {
    AddPart(name, std::string(CodePartOf(algorithm, value, name)), decoded);
  }
}

ChecksumOutcome Fail(v1::IssueCode code, const char* detail,
                     const char* detail_zh) {
  ChecksumOutcome outcome;
  outcome.code = code;
  outcome.detail = detail;
  outcome.detail_zh = detail_zh;
  return outcome;
}

// A first-generation number has no check digit, so its verdict is the
// province and birth-date rules of GB 11643 alone. Foreigners' permanent
// residence cards (9 + province) only ever had 18 digits.
ChecksumOutcome VerifyFirstGenerationId(absl::string_view value15,
                                        DateKey today) {
  if (value15[0] == '9') {
    return Fail(v1::FORMAT_MISMATCH,
                "the first two digits are not a province-level division code",
                "前两位不是省级行政区划代码");
  }
  // Upgrading with a computed check character turns the number into one
  // whose check passes, so VerifyChecksum reports exactly the other rules.
  char upgraded[18];
  for (int i = 0; i < 6; ++i) upgraded[i] = value15[i];
  upgraded[6] = '1';
  upgraded[7] = '9';
  for (int i = 6; i < 15; ++i) upgraded[i + 2] = value15[i];
  // Cannot fail: the caller checked that all 15 characters are digits.
  const absl::StatusOr<char> check =
      ComputeCheckCharacter(v1::GB11643, absl::string_view(upgraded, 17));
  upgraded[17] = check.ok() ? *check : '0';
  return VerifyChecksum(v1::GB11643, absl::string_view(upgraded, 18), today);
}

absl::StatusOr<DecodedCode> DecodeGb11643(absl::string_view value,
                                          DateKey today) {
  DecodedCode decoded;
  if (value.size() == 15) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (!IsDigit(value[i])) {
        return BadCharacter(v1::GB11643, value, i, "a digit");
      }
    }
    AddPart("address_code", std::string(value.substr(0, 6)), &decoded);
    AddPart("birth_date", absl::StrCat("19", value.substr(6, 6)), &decoded);
    AddPart("sequence", std::string(value.substr(12, 3)), &decoded);
    AddPart("sex", (value[14] - '0') % 2 == 1 ? "1" : "2", &decoded);
    decoded.outcome = VerifyFirstGenerationId(value, today);
    return decoded;
  }
  if (value.size() != 18) {
    return WrongLength(v1::GB11643, "18 (or 15 for a first-generation number)",
                       value.size());
  }
  SHUYUAN_RETURN_IF_ERROR(CheckBodyShape(v1::GB11643, value.substr(0, 17)));
  if (!IsDigitOrX(value[17])) {
    return BadCharacter(v1::GB11643, value, 17, "a check character 0-9 or X");
  }
  AddParts(v1::GB11643, value, &decoded);
  decoded.outcome = VerifyChecksum(v1::GB11643, value, today);
  return decoded;
}

absl::StatusOr<DecodedCode> DecodeGb32100(absl::string_view value) {
  if (value.size() != 18) {
    return WrongLength(v1::GB32100, "18", value.size());
  }
  SHUYUAN_RETURN_IF_ERROR(CheckBodyShape(v1::GB32100, value.substr(0, 17)));
  if (kGb32100Alphabet.find(value[17]) == absl::string_view::npos) {
    return BadCharacter(v1::GB32100, value, 17, "one of 0-9A-HJ-NPQRTUWXY");
  }
  DecodedCode decoded;
  AddParts(v1::GB32100, value, &decoded);
  decoded.outcome = VerifyChecksum(v1::GB32100, value, 0);
  return decoded;
}

absl::StatusOr<DecodedCode> DecodeGb11714(absl::string_view value) {
  size_t check_offset;
  if (value.size() == 10) {
    if (value[8] != '-') return BadCharacter(v1::GB11714, value, 8, "'-'");
    check_offset = 9;
  } else if (value.size() == 9) {
    check_offset = 8;
  } else {
    return WrongLength(v1::GB11714, "9 (XXXXXXXXX) or 10 (XXXXXXXX-X)",
                       value.size());
  }
  SHUYUAN_RETURN_IF_ERROR(CheckBodyShape(v1::GB11714, value.substr(0, 8)));
  if (!IsDigitOrX(value[check_offset])) {
    return BadCharacter(v1::GB11714, value, check_offset,
                        "a check character 0-9 or X");
  }
  DecodedCode decoded;
  AddParts(v1::GB11714, value, &decoded);
  decoded.outcome = VerifyChecksum(v1::GB11714, value, 0);
  return decoded;
}

// LUHN and ISO7064_MOD11_2: a digit body and one check character.
absl::StatusOr<DecodedCode> DecodeBodyCheck(v1::ChecksumAlgorithm algorithm,
                                            absl::string_view value) {
  const bool luhn = algorithm == v1::LUHN;
  if (value.size() < 2 || (luhn && value.size() > 32)) {
    return WrongLength(algorithm, luhn ? "2 to 32" : "at least 2",
                       value.size());
  }
  const absl::string_view body = value.substr(0, value.size() - 1);
  SHUYUAN_RETURN_IF_ERROR(CheckBodyShape(algorithm, body));
  const char check = value.back();
  if (luhn ? !IsDigit(check) : !IsDigitOrX(check)) {
    return BadCharacter(algorithm, value, value.size() - 1,
                        luhn ? "a check digit" : "a check character 0-9 or X");
  }
  DecodedCode decoded;
  AddParts(algorithm, value, &decoded);
  decoded.outcome = VerifyChecksum(algorithm, value, 0);
  return decoded;
}

}  // namespace

absl::StatusOr<DecodedCode> DecodeStructuredCode(
    v1::ChecksumAlgorithm algorithm, absl::string_view value, DateKey today) {
  absl::StatusOr<DecodedCode> decoded;
  switch (algorithm) {
    case v1::GB11643:
      decoded = DecodeGb11643(value, today);
      break;
    case v1::GB32100:
      decoded = DecodeGb32100(value);
      break;
    case v1::GB11714:
      decoded = DecodeGb11714(value);
      break;
    case v1::LUHN:
    case v1::ISO7064_MOD11_2:
      decoded = DecodeBodyCheck(algorithm, value);
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          ChecksumName(algorithm), " is not a structured code algorithm"));
  }
  if (decoded.ok() && !decoded->outcome.ok()) {
    // Worded as the element's issue is (compiled_element.cc).
    const absl::string_view name = ChecksumName(algorithm);
    decoded->message = absl::StrCat(name, ": ", decoded->outcome.detail);
    decoded->message_zh = absl::StrCat(name, "：", decoded->outcome.detail_zh);
  }
  return decoded;
}

absl::string_view CodePartOf(v1::ChecksumAlgorithm algorithm,
                             absl::string_view value, absl::string_view part) {
  // Fixed positions: {name, offset, length}.
  struct Slice {
    absl::string_view name;
    size_t offset;
    size_t length;
  };
  static constexpr Slice kGb11643[] = {{"address_code", 0, 6},
                                       {"birth_date", 6, 8},
                                       {"sequence", 14, 3},
                                       {"check", 17, 1}};
  static constexpr Slice kGb32100[] = {{"registration_authority", 0, 1},
                                       {"organization_type", 1, 1},
                                       {"division_code", 2, 6},
                                       {"organization_code", 8, 9},
                                       {"check", 17, 1}};
  auto slice = [&](absl::Span<const Slice> slices) -> absl::string_view {
    if (value.size() != 18) return {};
    for (const Slice& s : slices) {
      if (s.name == part) return value.substr(s.offset, s.length);
    }
    return {};
  };
  switch (algorithm) {
    case v1::GB11643:
      if (part == "sex") {
        if (value.size() != 18) return {};
        return (value[16] - '0') % 2 == 1 ? "1" : "2";
      }
      return slice(kGb11643);
    case v1::GB32100:
      return slice(kGb32100);
    case v1::GB11714:
    case v1::LUHN:
    case v1::ISO7064_MOD11_2:
      if (value.size() < 2) return {};
      if (part == "body") {
        // GB 11714's hyphenated form: the body is the first 8 characters.
        return algorithm == v1::GB11714 ? value.substr(0, 8)
                                        : value.substr(0, value.size() - 1);
      }
      if (part == "check") return value.substr(value.size() - 1);
      return {};
    default:
      return {};
  }
}

absl::StatusOr<std::string> EncodeStructuredCode(
    v1::ChecksumAlgorithm algorithm, absl::string_view body) {
  SHUYUAN_ASSIGN_OR_RETURN(const char check,
                           ComputeCheckCharacter(algorithm, body));
  // A USCC embeds an organisation code (positions 9-17) that must pass GB
  // 11714 itself; a body whose embedded code fails would encode to a USCC
  // that its own check refuses.
  if (algorithm == v1::GB32100 &&
      !VerifyChecksum(v1::GB11714, body.substr(8, 9), 0).ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "GB32100: positions 9-17 ('", body.substr(8, 9),
        "') are not a valid GB 11714 organisation code (its check character, "
        "position 17, should be ",
        std::string(1, ComputeCheckCharacter(v1::GB11714, body.substr(8, 8))
                           .value_or('?')),
        ")"));
  }
  std::string code;
  code.reserve(body.size() + 1);
  code.append(body.data(), body.size());
  code.push_back(check);
  return code;
}

absl::Span<const absl::string_view> CodePartNames(
    v1::ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case v1::GB11643:
      return kGb11643Parts;
    case v1::GB32100:
      return kGb32100Parts;
    case v1::GB11714:
    case v1::LUHN:
    case v1::ISO7064_MOD11_2:
      return kBodyCheckParts;
    default:
      return {};
  }
}

}  // namespace shuyuan::codec
