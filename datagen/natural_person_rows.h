// NaturalPersonRows: rows of the catalog's NATURAL_PERSON_BASIC schema (自然人
// 基本信息, 11 fields) as a legacy population system would export them, with
// the faults that schema can raise (record_generator.h).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<NaturalPersonRows> rows,
//                            NaturalPersonRows::Create(tables, makers));
//   GeneratedRow row;
//   Rng rng = Rng::ForRow(seed, 0);
//   rows->MakeRow(rng, /*fault=*/-1, /*messy=*/false, &row);
//
// A clean row is valid against the catalog as of makers.as_of(): a citizen
// ID number (now and then 15 digits, lower-case x, full-width) or, rarely,
// a foreigner's permanent residence number (9 + province + nationality);
// sex, birth date and nationality given in a share of rows and then agreeing
// with the number, in the ways legacy data writes them (男, 1985年6月15日,
// 中国, 156); ethnic group as code, unpadded code or name; mobile numbers
// with +86, postal codes that lost their leading zero.
//
// Immutable after Create; thread-safe. Keeps references to `tables` and
// `makers`, which must outlive it.
#ifndef SHUYUAN_DATAGEN_NATURAL_PERSON_ROWS_H_
#define SHUYUAN_DATAGEN_NATURAL_PERSON_ROWS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "datagen/code_tables.h"
#include "datagen/record_generator.h"
#include "datagen/value_makers.h"

namespace shuyuan::datagen {

class NaturalPersonRows : public RecordGenerator {
 public:
  // NotFound when GB_T_3304 or GB_T_2659_1 is missing from `tables`;
  // FailedPrecondition when GB_T_2659_1 lists CHN or none of the usual
  // foreign nationalities without their numeric codes.
  static absl::StatusOr<std::unique_ptr<NaturalPersonRows>> Create(
      const CodeTables& tables, const ValueMakers& makers);

  std::string_view schema_id() const override { return "NATURAL_PERSON_BASIC"; }
  const std::vector<Column>& columns() const override;
  const std::vector<FaultKind>& faults() const override;
  void MakeRow(Rng& rng, int fault, bool messy,
               GeneratedRow* row) const override;

 private:
  struct Facts;
  // A country of GB_T_2659_1 with its numeric code (an alias there).
  struct Nationality {
    const CodeEntry* entry;
    std::string numeric;
  };
  explicit NaturalPersonRows(const ValueMakers& makers) : makers_(makers) {}

  void MakeIdentity(Rng& rng, Facts* f, GeneratedRow* row) const;
  void MakeOrigin(Rng& rng, const Facts& f, GeneratedRow* row) const;
  void MakeContacts(Rng& rng, bool messy, const Facts& f,
                    GeneratedRow* row) const;
  // Each returns false when `fault` is not one of its own.
  bool InjectIdentityFault(int fault, Rng& rng, const Facts& f,
                           GeneratedRow* row) const;
  bool InjectContactFault(int fault, Rng& rng, GeneratedRow* row) const;

  const ValueMakers& makers_;
  std::vector<const CodeEntry*> ethnic_groups_;  // GB_T_3304, in force
  Nationality china_;
  std::vector<Nationality> foreign_;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_NATURAL_PERSON_ROWS_H_
