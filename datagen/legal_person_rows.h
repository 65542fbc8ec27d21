// LegalPersonRows: rows of the catalog's LEGAL_PERSON_BASIC schema (法人基本
// 信息, 20 fields) as a legacy registration system would export them, with
// the faults that schema can raise (record_generator.h).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<LegalPersonRows> rows,
//                            LegalPersonRows::Create(tables, makers));
//   GeneratedRow row;
//   Rng rng = Rng::ForRow(seed, 0);
//   rows->MakeRow(rng, /*fault=*/-1, /*messy=*/false, &row);
//
// A clean row is valid against the catalog as of makers.as_of(), yet
// holds values that need normalising: codes with spaces or in lower case,
// 15-digit ID numbers, 男/女, dates such as 2015年3月8日, capital written
// 1,000 or 567万, status and industry names instead of codes. Derived
// fields (组织机构代码, 行政区划代码, 登记管理部门代码, 性别) are given in a
// share of rows and then agree with their source.
//
// Immutable after Create; thread-safe. Keeps references to `tables` and
// `makers`, which must outlive it.
#ifndef SHUYUAN_DATAGEN_LEGAL_PERSON_ROWS_H_
#define SHUYUAN_DATAGEN_LEGAL_PERSON_ROWS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "datagen/code_tables.h"
#include "datagen/record_generator.h"
#include "datagen/value_makers.h"

namespace shuyuan::datagen {

class LegalPersonRows : public RecordGenerator {
 public:
  // NotFound when a code list it draws from (GB_32100_DJGLBM, JYZT,
  // GB_T_4754_MLDM) is missing from `tables`.
  static absl::StatusOr<std::unique_ptr<LegalPersonRows>> Create(
      const CodeTables& tables, const ValueMakers& makers);

  std::string_view schema_id() const override { return "LEGAL_PERSON_BASIC"; }
  const std::vector<Column>& columns() const override;
  const std::vector<FaultKind>& faults() const override;
  void MakeRow(Rng& rng, int fault, bool messy,
               GeneratedRow* row) const override;

 private:
  struct Facts;
  LegalPersonRows(const ValueMakers& makers) : makers_(makers) {}

  void MakeIdentity(Rng& rng, Facts* f, GeneratedRow* row) const;
  void MakeRepresentative(Rng& rng, Facts* f, GeneratedRow* row) const;
  void MakeRegistration(Rng& rng, bool messy, Facts* f,
                        GeneratedRow* row) const;
  void MakeContacts(Rng& rng, const Facts& f, GeneratedRow* row) const;

  // The fault injectors by the part of the row they touch; each returns
  // false when `fault` is not one of its own.
  bool InjectIdentityFault(int fault, Rng& rng, Facts* f,
                           GeneratedRow* row) const;
  bool InjectCodeFault(int fault, Rng& rng, Facts* f, GeneratedRow* row) const;
  bool InjectRepresentativeFault(int fault, Rng& rng, Facts* f,
                                 GeneratedRow* row) const;
  bool InjectBirthFault(int fault, Rng& rng, Facts* f, GeneratedRow* row) const;
  bool InjectRegistrationFault(int fault, Rng& rng, const Facts& f,
                               GeneratedRow* row) const;
  bool InjectTextFault(int fault, Rng& rng, GeneratedRow* row) const;
  bool InjectContactFault(int fault, Rng& rng, GeneratedRow* row) const;

  // Writes the representative's name and the number of `person` when the
  // row has none, so that a fault in the number has a number to sit in.
  void EnsureRepresentative(Rng& rng, Facts* f, GeneratedRow* row) const;

  const ValueMakers& makers_;
  const CodeList* authorities_ = nullptr;   // GB_32100_DJGLBM
  std::vector<const CodeEntry*> statuses_;  // JYZT in force on as_of
  const CodeList* sections_ = nullptr;      // GB_T_4754_MLDM
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_LEGAL_PERSON_ROWS_H_
