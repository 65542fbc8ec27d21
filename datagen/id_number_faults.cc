#include "datagen/id_number_faults.h"

#include "datagen/check_characters.h"
#include "datagen/civil_date.h"

namespace shuyuan::datagen {
namespace {

int SequenceFor(Rng& rng, bool male) {
  return static_cast<int>(rng.Below(499)) * 2 + (male ? 1 : 2);
}

// Born after the list starts but before the code came into force.
std::string AddressLaterNumber(const Person& person, const ValueMakers& makers,
                               Rng& rng) {
  const Divisions& divisions = makers.divisions();
  while (true) {
    const CodeEntry& late = divisions.AnyLateCounty(rng);
    const CivilDate birth = CivilDate::FromDays(
        CivilDate::FromKey(late.valid_from).Days() - rng.Between(1, 300));
    if (birth.Key() < divisions.earliest() ||
        divisions.InForce(late.code, birth.Key())) {
      continue;
    }
    return MakeIdNumber(late.code, birth, SequenceFor(rng, person.male));
  }
}

}  // namespace

std::string_view IdNumberFaultIssue(IdNumberFault fault) {
  switch (fault) {
    case IdNumberFault::kCheck:
      return "CHECKSUM_MISMATCH";
    case IdNumberFault::kLetter:
    case IdNumberFault::kProvince:
      return "FORMAT_MISMATCH";
    case IdNumberFault::kShort:
      return "LENGTH_OUT_OF_RANGE";
    case IdNumberFault::kBirthNotReal:
      return "INVALID_DATE";
    case IdNumberFault::kFutureBirth:
      return "DATE_OUT_OF_RANGE";
    case IdNumberFault::kAddressNotInList:
      return "CODE_NOT_IN_LIST";
    case IdNumberFault::kAddressLater:
      return "CODE_NOT_EFFECTIVE";
  }
  return "";
}

std::string FaultyIdNumber(IdNumberFault fault, const Person& person,
                           const ValueMakers& makers, Rng& rng) {
  const Divisions& divisions = makers.divisions();
  std::string id = person.id;
  switch (fault) {
    case IdNumberFault::kCheck:
      id[17] = OtherDigitOrX(rng, id[17]);
      return id;
    case IdNumberFault::kLetter:
      id[rng.Between(6, 16)] = static_cast<char>('A' + rng.Below(26));
      return id;
    case IdNumberFault::kProvince:
      id[0] = '1';
      id[1] = '9';
      id[17] = Gb11643Check(id.substr(0, 17));
      return id;
    case IdNumberFault::kShort:
      id.erase(rng.Between(0, 17), 1);
      return id;
    case IdNumberFault::kBirthNotReal: {
      static constexpr int kUnreal[][2] = {{2, 30}, {2, 31}, {4, 31},
                                           {6, 31}, {9, 31}, {11, 31}};
      const auto& day = rng.Pick(kUnreal);
      const CivilDate unreal{rng.Between(1950, 1999), day[0], day[1]};
      id = divisions.AnyCurrentCounty(rng).code;
      AppendDate(unreal, DateStyle::kCompact, &id);
      AppendPadded(SequenceFor(rng, person.male), 3, &id);
      id.push_back(Gb11643Check(id));
      return id;
    }
    case IdNumberFault::kFutureBirth:
      return MakeIdNumber(
          divisions.AnyCurrentCounty(rng).code,
          CivilDate::FromDays(makers.as_of().Days() + rng.Between(1, 1000)),
          SequenceFor(rng, person.male));
    case IdNumberFault::kAddressNotInList:
      return MakeIdNumber(divisions.UnlistedCode(rng), person.birth,
                          SequenceFor(rng, person.male));
    case IdNumberFault::kAddressLater:
      return AddressLaterNumber(person, makers, rng);
  }
  return id;
}

}  // namespace shuyuan::datagen
