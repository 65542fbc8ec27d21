#include "datagen/check_characters.h"

namespace shuyuan::datagen {

int Gb32100Value(char c) {
  const size_t at = kGb32100Alphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

char Gb11643Check(std::string_view body17) {
  int sum = 0;
  int weight = 1;  // 2^(18-i) mod 11, built from position 17 backwards
  for (int i = 16; i >= 0; --i) {
    weight = weight * 2 % 11;
    sum += (body17[i] - '0') * weight;
  }
  return "10X98765432"[sum % 11];
}

char Gb32100Check(std::string_view body17) {
  int sum = 0;
  int weight = 1;  // 3^(i-1) mod 31
  for (int i = 0; i < 17; ++i) {
    sum += Gb32100Value(body17[i]) * weight;
    weight = weight * 3 % 31;
  }
  return kGb32100Alphabet[(31 - sum % 31) % 31];
}

char Gb11714Check(std::string_view body8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = body8[i];
    const int value = c <= '9' ? c - '0' : c - 'A' + 10;
    sum += value * kWeights[i];
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

char LuhnCheck(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the digit next to the check digit is doubled
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char OtherDigitOrX(Rng& rng, char c) {
  static constexpr char kChecks[] = "0123456789X";
  char other;
  do {
    other = kChecks[rng.Below(11)];
  } while (other == c);
  return other;
}

}  // namespace shuyuan::datagen
