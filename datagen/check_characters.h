// Check characters of the identification codes the generator writes,
// computed here from the standards themselves so that the generator's
// ground truth does not lean on the codec it is used to test:
// - GB 11643-1999 citizen ID (ISO 7064 MOD 11-2 over 17 digits);
// - GB 32100-2015 unified social credit code (MOD 31 over 17 characters);
// - GB 11714-1997 organisation code (MOD 11 over 8 characters);
// - Luhn (ISO/IEC 7812) for bank account numbers.
//
//   std::string id = "11010519491231002";
//   id.push_back(Gb11643Check(id));            // '11010519491231002X'
//   Gb32100Value('A') == 10; Gb32100Value('I') == -1;
//
// Inputs must already have the right length and alphabet. Pure functions.
#ifndef SHUYUAN_DATAGEN_CHECK_CHARACTERS_H_
#define SHUYUAN_DATAGEN_CHECK_CHARACTERS_H_

#include <string_view>

#include "datagen/rng.h"

namespace shuyuan::datagen {

// The 31 characters of GB 32100 in value order: 0-9, then upper-case
// letters without I, O, S, V and Z.
inline constexpr std::string_view kGb32100Alphabet =
    "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The value of a GB 32100 character, or -1 when it is not one.
int Gb32100Value(char c);

// The check character of a 17-digit GB 11643 body: "10X98765432"[sum mod 11]
// with weights 2^(18-i) mod 11.
char Gb11643Check(std::string_view body17);

// The check character of a 17-character GB 32100 body: weights 3^(i-1)
// mod 31, check = (31 - sum mod 31) mod 31.
char Gb32100Check(std::string_view body17);

// The check character of an 8-character GB 11714 body (0-9, A-Z = 10-35):
// weights 3 7 9 10 5 8 4 2, check = 11 - sum mod 11, 10 -> X, 11 -> 0.
char Gb11714Check(std::string_view body8);

// The Luhn check digit to append to `digits`.
char LuhnCheck(std::string_view digits);

// A GB 11643 or GB 11714 check character (a digit or X) other than `c`,
// for numbers that must fail their check.
char OtherDigitOrX(Rng& rng, char c);

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_CHECK_CHARACTERS_H_
