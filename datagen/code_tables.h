// The catalog's code lists as the generator needs them: codes, names,
// aliases and validity periods, read straight from catalog/code_lists/*.yaml
// with yaml-cpp (not through the codec, whose answers the generated ground
// truth is meant to check).
//
//   SHUYUAN_ASSIGN_OR_RETURN(CodeTables tables,
//                            CodeTables::Load("catalog"));
//   SHUYUAN_ASSIGN_OR_RETURN(const CodeList* jyzt, tables.Find("JYZT"));
//   for (const CodeEntry& e : jyzt->entries) if (e.InForce(20240601)) ...
//
// Immutable after Load; thread-safe to read.
#ifndef SHUYUAN_DATAGEN_CODE_TABLES_H_
#define SHUYUAN_DATAGEN_CODE_TABLES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace shuyuan::datagen {

// One entry of a code list. Dates are YYYYMMDD keys (CivilDate::Key).
struct CodeEntry {
  std::string code;
  std::string name;  // name_zh
  std::vector<std::string> aliases;
  int32_t valid_from = 0;  // 0: no start
  int32_t valid_to = 0;    // 0: still in force

  bool InForce(int32_t day) const {
    return (valid_from == 0 || valid_from <= day) &&
           (valid_to == 0 || day <= valid_to);
  }
};

struct CodeList {
  std::string id;
  std::vector<CodeEntry> entries;

  // True when some entry has `code`.
  bool HasCode(std::string_view code) const;
  // True when an entry of `code` is in force on `day`.
  bool InForce(std::string_view code, int32_t day) const;
  // The entries in force on `day`, in list order.
  std::vector<const CodeEntry*> InForceOn(int32_t day) const;
};

class CodeTables {
 public:
  // Reads every *.yaml below `catalog_dir`/code_lists. NotFound naming the
  // folder when it is missing; InvalidArgument naming file and list for a
  // document that is not a readable code list.
  static absl::StatusOr<CodeTables> Load(const std::string& catalog_dir);

  // NotFound naming `id` and the folder when no file defines it.
  absl::StatusOr<const CodeList*> Find(std::string_view id) const;

 private:
  std::string folder_;
  std::map<std::string, CodeList, std::less<>> lists_;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_CODE_TABLES_H_
