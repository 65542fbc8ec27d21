// DefinitionResolver: how the schema compiler finds the definitions a schema
// refers to. The registry implements it over its store, and DefinitionSet
// (codec/definition_set.h) over a directory of definition files or a bundle.
//
//   const v1::DataElement* element = resolver.FindElement("GMSFHM@2");
//   if (element == nullptr) { ... NotFound ... }
#ifndef SHUYUAN_CODEC_DEFINITION_RESOLVER_H_
#define SHUYUAN_CODEC_DEFINITION_RESOLVER_H_

#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// Resolves references "ID", "ID@VERSION" or "ID@latest" (SPEC §2.1) to
// definitions. Implementations must be safe for concurrent const calls;
// returned pointers stay valid as long as the resolver lives.
class DefinitionResolver {
 public:
  virtual ~DefinitionResolver() = default;

  // nullptr when no item matches the reference.
  virtual const v1::DataElement* FindElement(absl::string_view ref) const = 0;
  virtual const v1::CodeList* FindCodeList(absl::string_view ref) const = 0;
  virtual const v1::RecordSchema* FindSchema(absl::string_view ref) const = 0;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DEFINITION_RESOLVER_H_
