#include "codec/checksum.h"

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec/internal/check_algorithms.h"
#include "codec/internal/code_shape_errors.h"

namespace shuyuan::codec {
namespace {

using codec_internal::BadCharacter;
using codec_internal::WrongLength;

// --- Alphabets --------------------------------------------------------------

constexpr absl::string_view kGb32100Alphabet =
    "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Value of a GB 32100 character (its index in kGb32100Alphabet), or -1.
constexpr std::array<int8_t, 256> MakeGb32100Values() {
  std::array<int8_t, 256> values{};
  for (int8_t& v : values) v = -1;
  for (size_t i = 0; i < kGb32100Alphabet.size(); ++i) {
    values[static_cast<unsigned char>(kGb32100Alphabet[i])] =
        static_cast<int8_t>(i);
  }
  return values;
}
constexpr std::array<int8_t, 256> kGb32100Values = MakeGb32100Values();

inline int Gb32100Value(char c) {
  return kGb32100Values[static_cast<unsigned char>(c)];
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
// GB 11714 body characters: 0-9 are 0-9, A-Z are 10-35.
inline int Gb11714Value(char c) {
  if (IsDigit(c)) return c - '0';
  if (IsUpper(c)) return c - 'A' + 10;
  return -1;
}
inline bool IsDigitOrX(char c) { return IsDigit(c) || c == 'X'; }

// Province-level administrative division codes (GB/T 2260 first two digits)
// accepted at the head of a GB 11643 number.
constexpr std::array<bool, 100> MakeProvinceCodes() {
  std::array<bool, 100> codes{};
  constexpr int kRanges[][2] = {{11, 15}, {21, 23}, {31, 37}, {41, 46},
                                {50, 54}, {61, 65}, {71, 71}, {81, 83}};
  for (const auto& range : kRanges) {
    for (int code = range[0]; code <= range[1]; ++code) codes[code] = true;
  }
  return codes;
}
constexpr std::array<bool, 100> kProvinceCodes = MakeProvinceCodes();

inline bool IsProvinceCode(char tens, char units) {
  return kProvinceCodes[(tens - '0') * 10 + (units - '0')];
}

// --- Check-character arithmetic (inputs already shape-checked) -------------

// GB 11643 weights 2^(18-i) mod 11 for i = 1..17.
constexpr int kGb11643Weights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                     3, 7, 9,  10, 5, 8, 4, 2};
constexpr char kGb11643Checks[] = "10X98765432";

char Gb11643Check(absl::string_view body17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body17[i] - '0') * kGb11643Weights[i];
  return kGb11643Checks[sum % 11];
}

// GB 32100 weights 3^(i-1) mod 31 for i = 1..17.
constexpr int kGb32100Weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                     29, 25, 13, 8,  24, 10, 30, 28};

char Gb32100Check(absl::string_view body17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i)
    sum += Gb32100Value(body17[i]) * kGb32100Weights[i];
  return kGb32100Alphabet[(31 - sum % 31) % 31];
}

constexpr int kGb11714Weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

char Gb11714Check(absl::string_view body8) {
  int sum = 0;
  for (int i = 0; i < 8; ++i)
    sum += Gb11714Value(body8[i]) * kGb11714Weights[i];
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

// --- Outcomes ---------------------------------------------------------------

constexpr ChecksumOutcome Fail(v1::IssueCode code, const char* detail,
                               const char* detail_zh) {
  ChecksumOutcome outcome;
  outcome.code = code;
  outcome.detail = detail;
  outcome.detail_zh = detail_zh;
  return outcome;
}

ChecksumOutcome VerifyGb11643(absl::string_view value, DateKey today) {
  if (value.size() == 15) {
    return Fail(v1::FORMAT_MISMATCH,
                "a 15-digit first-generation ID number; upgrade it to 18 "
                "digits (id15to18 normaliser)",
                "15位第一代身份号码，应先升级为18位（id15to18）");
  }
  if (value.size() != 18) {
    return Fail(v1::FORMAT_MISMATCH,
                "a citizen ID number has 18 characters: 17 digits and a "
                "check character",
                "公民身份号码应为18位：17位数字本体码和1位校验码");
  }
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(value[i])) {
      return Fail(v1::FORMAT_MISMATCH,
                  "the first 17 characters of a citizen ID number must be "
                  "digits",
                  "公民身份号码前17位应为数字");
    }
  }
  if (value[17] == 'x') {
    return Fail(v1::FORMAT_MISMATCH,
                "the check character must be an upper-case X, not x",
                "校验码应为大写字母X，而非小写x");
  }
  if (!IsDigitOrX(value[17])) {
    return Fail(v1::FORMAT_MISMATCH,
                "the check character (position 18) must be a digit or X",
                "校验码（第18位）应为数字或X");
  }
  if (value[0] == '9') {
    if (!IsProvinceCode(value[1], value[2])) {
      return Fail(v1::FORMAT_MISMATCH,
                  "a foreigner's permanent residence ID number must have a "
                  "province-level division code at positions 2-3",
                  "外国人永久居留身份证号码第2至3位应为省级行政区划代码");
    }
  } else if (!IsProvinceCode(value[0], value[1])) {
    return Fail(v1::FORMAT_MISMATCH,
                "the first two digits are not a province-level division code",
                "前两位不是省级行政区划代码");
  }
  const auto num = [&](int begin, int len) {
    int n = 0;
    for (int i = begin; i < begin + len; ++i) n = n * 10 + (value[i] - '0');
    return n;
  };
  const int year = num(6, 4), month = num(10, 2), day = num(12, 2);
  if (!IsRealDate(year, month, day)) {
    return Fail(v1::INVALID_DATE,
                "the birth date (positions 7-14) is not a real date",
                "出生日期（第7至14位）不是有效日期");
  }
  if (today != 0 && MakeDateKey(year, month, day) > today) {
    return Fail(v1::DATE_OUT_OF_RANGE,
                "the birth date (positions 7-14) is after the reference date",
                "出生日期（第7至14位）晚于参照日期");
  }
  if (Gb11643Check(value.substr(0, 17)) != value[17]) {
    return Fail(v1::CHECKSUM_MISMATCH,
                "the check character (position 18) does not match GB 11643",
                "校验码（第18位）不符合GB 11643");
  }
  return ChecksumOutcome();
}

// The GB 11714 test on an organisation code without hyphen (9 characters);
// false when the shape or the check character is wrong.
bool Gb11714Passes(absl::string_view code9) {
  for (int i = 0; i < 8; ++i) {
    if (Gb11714Value(code9[i]) < 0) return false;
  }
  return Gb11714Check(code9.substr(0, 8)) == code9[8];
}

ChecksumOutcome VerifyGb32100(absl::string_view value) {
  if (value.size() != 18) {
    return Fail(v1::FORMAT_MISMATCH,
                "a unified social credit code has 18 characters",
                "统一社会信用代码应为18位");
  }
  for (char c : value) {
    if (Gb32100Value(c) < 0) {
      return Fail(
          v1::FORMAT_MISMATCH,
          "a unified social credit code uses digits and upper-case "
          "letters other than I, O, S, V and Z",
          "统一社会信用代码只能由数字和除I、O、S、V、Z以外的大写字母组成");
    }
  }
  if (Gb32100Check(value.substr(0, 17)) != value[17]) {
    return Fail(v1::CHECKSUM_MISMATCH,
                "the check character (position 18) does not match GB 32100",
                "校验码（第18位）不符合GB 32100");
  }
  if (!Gb11714Passes(value.substr(8, 9))) {
    return Fail(v1::CHECKSUM_MISMATCH,
                "the embedded organisation code (positions 9-17) fails its "
                "GB 11714 check",
                "第9至17位组织机构代码未通过GB 11714校验");
  }
  return ChecksumOutcome();
}

ChecksumOutcome VerifyGb11714(absl::string_view value) {
  char check;
  if (value.size() == 10 && value[8] == '-') {
    check = value[9];
  } else if (value.size() == 9) {
    check = value[8];
  } else {
    return Fail(
        v1::FORMAT_MISMATCH,
        "an organisation code is 8 characters and a check character, "
        "written XXXXXXXX-X or XXXXXXXXX",
        "组织机构代码应为8位本体代码加1位校验码，写作XXXXXXXX-X或XXXXXXXXX");
  }
  for (int i = 0; i < 8; ++i) {
    if (Gb11714Value(value[i]) < 0) {
      return Fail(v1::FORMAT_MISMATCH,
                  "the first 8 characters of an organisation code must be "
                  "digits or upper-case letters",
                  "组织机构代码前8位应为数字或大写字母");
    }
  }
  if (!IsDigitOrX(check)) {
    return Fail(v1::FORMAT_MISMATCH,
                "the check character of an organisation code must be a digit "
                "or X",
                "组织机构代码校验码应为数字或X");
  }
  if (Gb11714Check(value.substr(0, 8)) != check) {
    return Fail(v1::CHECKSUM_MISMATCH,
                "the check character does not match GB 11714",
                "校验码不符合GB 11714");
  }
  return ChecksumOutcome();
}

ChecksumOutcome VerifyLuhn(absl::string_view value) {
  // Card numbers have up to 19 digits (ISO/IEC 7812), but Chinese bank
  // account numbers checked the same way run longer; the algorithm holds
  // for any length.
  if (value.size() < 2 || value.size() > 32) {
    return Fail(v1::FORMAT_MISMATCH, "a Luhn-checked number has 2 to 32 digits",
                "Luhn校验的号码应为2至32位数字");
  }
  for (char c : value) {
    if (!IsDigit(c)) {
      return Fail(v1::FORMAT_MISMATCH, "a Luhn-checked number has digits only",
                  "Luhn校验的号码只能由数字组成");
    }
  }
  if (codec_internal::LuhnCheckDigit(value.substr(0, value.size() - 1)) !=
      value.back()) {
    return Fail(v1::CHECKSUM_MISMATCH, "the last digit fails the Luhn check",
                "末位校验码未通过Luhn校验");
  }
  return ChecksumOutcome();
}

ChecksumOutcome VerifyIso7064Mod112(absl::string_view value) {
  if (value.size() < 2) {
    return Fail(v1::FORMAT_MISMATCH,
                "an ISO 7064 MOD 11-2 value has at least one digit and a "
                "check character",
                "ISO 7064 MOD 11-2校验的值应至少含1位数字和1位校验码");
  }
  for (size_t i = 0; i + 1 < value.size(); ++i) {
    if (!IsDigit(value[i])) {
      return Fail(v1::FORMAT_MISMATCH,
                  "an ISO 7064 MOD 11-2 value has digits before its check "
                  "character",
                  "ISO 7064 MOD 11-2校验的值在校验码之前只能是数字");
    }
  }
  if (!IsDigitOrX(value.back())) {
    return Fail(v1::FORMAT_MISMATCH,
                "the ISO 7064 MOD 11-2 check character must be a digit or X",
                "ISO 7064 MOD 11-2校验码应为数字或X");
  }
  if (codec_internal::Iso7064Mod11_2Check(value.substr(0, value.size() - 1)) !=
      value.back()) {
    return Fail(v1::CHECKSUM_MISMATCH,
                "the check character does not match ISO 7064 MOD 11-2",
                "校验码不符合ISO 7064 MOD 11-2");
  }
  return ChecksumOutcome();
}

// --- Body shape errors for ComputeCheckCharacter ---------------------------

template <typename Pred>
absl::Status CheckBodyAlphabet(v1::ChecksumAlgorithm algorithm,
                               absl::string_view body, Pred is_allowed,
                               absl::string_view expected) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (!is_allowed(body[i])) {
      return BadCharacter(algorithm, body, i, expected);
    }
  }
  return absl::OkStatus();
}

}  // namespace

ChecksumOutcome VerifyChecksum(v1::ChecksumAlgorithm algorithm,
                               absl::string_view value, DateKey today) {
  switch (algorithm) {
    case v1::CHECKSUM_NONE:
      return ChecksumOutcome();
    case v1::GB11643:
      return VerifyGb11643(value, today);
    case v1::GB32100:
      return VerifyGb32100(value);
    case v1::GB11714:
      return VerifyGb11714(value);
    case v1::LUHN:
      return VerifyLuhn(value);
    case v1::ISO7064_MOD11_2:
      return VerifyIso7064Mod112(value);
    default:
      return Fail(v1::CHECKSUM_MISMATCH, "unknown checksum algorithm",
                  "未知的校验算法");
  }
}

absl::StatusOr<char> ComputeCheckCharacter(v1::ChecksumAlgorithm algorithm,
                                           absl::string_view body) {
  absl::Status status;
  switch (algorithm) {
    case v1::GB11643:
      if (body.size() != 17)
        return WrongLength(algorithm, "body", "17", body.size());
      status = CheckBodyAlphabet(algorithm, body, IsDigit, "a digit");
      if (!status.ok()) return status;
      return Gb11643Check(body);
    case v1::GB32100:
      if (body.size() != 17)
        return WrongLength(algorithm, "body", "17", body.size());
      status = CheckBodyAlphabet(
          algorithm, body, [](char c) { return Gb32100Value(c) >= 0; },
          "one of 0-9A-HJ-NPQRTUWXY");
      if (!status.ok()) return status;
      return Gb32100Check(body);
    case v1::GB11714:
      if (body.size() != 8)
        return WrongLength(algorithm, "body", "8", body.size());
      status = CheckBodyAlphabet(
          algorithm, body, [](char c) { return Gb11714Value(c) >= 0; },
          "a digit or an upper-case letter");
      if (!status.ok()) return status;
      return Gb11714Check(body);
    case v1::LUHN:
      if (body.empty() || body.size() > 31) {
        return WrongLength(algorithm, "body", "1 to 31", body.size());
      }
      status = CheckBodyAlphabet(algorithm, body, IsDigit, "a digit");
      if (!status.ok()) return status;
      return codec_internal::LuhnCheckDigit(body);
    case v1::ISO7064_MOD11_2:
      if (body.empty()) return WrongLength(algorithm, "body", "at least 1", 0);
      status = CheckBodyAlphabet(algorithm, body, IsDigit, "a digit");
      if (!status.ok()) return status;
      return codec_internal::Iso7064Mod11_2Check(body);
    case v1::CHECKSUM_NONE:
      return absl::InvalidArgumentError("CHECKSUM_NONE has no check character");
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown checksum algorithm ", static_cast<int>(algorithm)));
  }
}

absl::string_view ChecksumName(v1::ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case v1::CHECKSUM_NONE:
      return "CHECKSUM_NONE";
    case v1::GB11643:
      return "GB11643";
    case v1::GB32100:
      return "GB32100";
    case v1::GB11714:
      return "GB11714";
    case v1::LUHN:
      return "LUHN";
    case v1::ISO7064_MOD11_2:
      return "ISO7064_MOD11_2";
    default:
      return "UNKNOWN";
  }
}

}  // namespace shuyuan::codec

namespace shuyuan::codec_internal {

absl::Status WrongLength(v1::ChecksumAlgorithm algorithm,
                         absl::string_view noun, absl::string_view expected,
                         size_t got) {
  return absl::InvalidArgumentError(
      absl::StrCat(codec::ChecksumName(algorithm), ": a ", noun, " has ",
                   expected, " characters, got ", got));
}

absl::Status BadCharacter(v1::ChecksumAlgorithm algorithm,
                          absl::string_view text, size_t offset,
                          absl::string_view expected) {
  return absl::InvalidArgumentError(absl::StrCat(
      codec::ChecksumName(algorithm), ": expected ", expected, " at offset ",
      offset, ", found '", absl::CHexEscape(text.substr(offset, 1)), "'"));
}

}  // namespace shuyuan::codec_internal
