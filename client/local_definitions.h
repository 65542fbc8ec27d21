// The definitions behind `--defs DIR|BUNDLE` for the local commands (SPEC
// §5): every definition file under DIR (or every item of a bundle) is
// loaded, and every code list, data element and record schema is compiled,
// so a broken file is an error naming it even when the command would not
// use it. Compile errors name FILE:LINE of the field at fault, in the item
// at fault (a schema's element, an element's code list), as
// codec::DefinitionSet::Describe renders them. Code lists compile once,
// however many elements use them.
//
//   SHUYUAN_ASSIGN_OR_RETURN(LocalDefinitions defs,
//                            LocalDefinitions::Load("catalog"));
//   SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const codec::CompiledSchema> s,
//                            defs.Schema("LEGAL_PERSON_BASIC"));
//
// Thread safety: const methods are safe to call concurrently once Load
// returned. The compiled items are shared and immutable.
#ifndef SHUYUAN_CLIENT_LOCAL_DEFINITIONS_H_
#define SHUYUAN_CLIENT_LOCAL_DEFINITIONS_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"

namespace shuyuan::client {

class LocalDefinitions {
 public:
  // Loads and compiles `path`. NotFound when it does not exist,
  // InvalidArgument ("FILE:LINE: ...") for a definition that does not load
  // or compile, an errno-derived code when a file cannot be read.
  static absl::StatusOr<LocalDefinitions> Load(const std::string& path);
  // Compiles the items of `set`, loaded elsewhere (a bundle fetched from the
  // registry); `name` says where it came from in messages. Errors as Load.
  static absl::StatusOr<LocalDefinitions> Adopt(codec::DefinitionSet set,
                                                std::string name);

  LocalDefinitions(LocalDefinitions&&) = default;
  LocalDefinitions& operator=(LocalDefinitions&&) = default;

  // The compiled item `ref` denotes (DefinitionSet's rules); NotFound
  // naming the reference, the path and how many items of the kind loaded.
  absl::StatusOr<std::shared_ptr<const codec::CompiledElement>> Element(
      absl::string_view ref) const;
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> Schema(
      absl::string_view ref) const;

  const codec::DefinitionSet& set() const { return *set_; }
  const std::string& path() const { return path_; }

 private:
  LocalDefinitions() = default;
  absl::Status CompileAll();

  std::string path_;
  std::unique_ptr<codec::DefinitionSet> set_;  // stable address
  absl::flat_hash_map<const v1::DataElement*,
                      std::shared_ptr<const codec::CompiledElement>>
      elements_;
  absl::flat_hash_map<const v1::RecordSchema*,
                      std::shared_ptr<const codec::CompiledSchema>>
      schemas_;
};

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_LOCAL_DEFINITIONS_H_
