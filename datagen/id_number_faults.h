// Faulty GB 11643 citizen ID numbers, each failing in exactly one way that
// the codec reports with a known issue (SPEC §2.5 and README "Decisions":
// length and alphabet, province, real birth date, birth date not after the
// reference date, check character, then the address code in force on the
// birth date). Both record generators plant them.
//
//   std::string id = FaultyIdNumber(IdNumberFault::kCheck, person, makers,
//                                    rng);
//   IdNumberFaultIssue(IdNumberFault::kCheck) == "CHECKSUM_MISMATCH"
//
// Pure functions of their arguments and `rng`.
#ifndef SHUYUAN_DATAGEN_ID_NUMBER_FAULTS_H_
#define SHUYUAN_DATAGEN_ID_NUMBER_FAULTS_H_

#include <string>
#include <string_view>

#include "datagen/rng.h"
#include "datagen/value_makers.h"

namespace shuyuan::datagen {

enum class IdNumberFault {
  kCheck,             // a wrong check character: CHECKSUM_MISMATCH
  kLetter,            // a letter in the body: FORMAT_MISMATCH
  kProvince,          // 19 is no province: FORMAT_MISMATCH
  kShort,             // 17 characters: LENGTH_OUT_OF_RANGE (format c18)
  kBirthNotReal,      // born on 30 February: INVALID_DATE
  kFutureBirth,       // born after the reference date: DATE_OUT_OF_RANGE
  kAddressNotInList,  // an address code GB/T 2260 never had
  kAddressLater,      // an address code not yet in force at birth
};

// The issue code the codec reports for `fault`.
std::string_view IdNumberFaultIssue(IdNumberFault fault);

// The 18-character (17 for kShort) number of `person` with `fault`.
std::string FaultyIdNumber(IdNumberFault fault, const Person& person,
                           const ValueMakers& makers, Rng& rng);

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_ID_NUMBER_FAULTS_H_
