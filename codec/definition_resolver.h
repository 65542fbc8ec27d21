// DefinitionResolver: how the compilers find the definitions an item refers
// to (SPEC §2.1 references). The registry implements it over its store, and
// DefinitionSet (codec/definition_set.h) over a directory of definition
// files or a bundle.
//
//   absl::StatusOr<const v1::DataElement*> element =
//       resolver.ResolveElement("GMSFHM@2");
//   if (!element.ok()) return element.status();  // NotFound, or a read error
//
// Every method reports failure through its status: NotFound (naming the
// reference) when nothing matches, InvalidArgument for a malformed
// reference, and whatever the backing store reports (DataLoss, Unavailable)
// when it cannot be read — so a store read error is never mistaken for "not
// defined".
#ifndef SHUYUAN_CODEC_DEFINITION_RESOLVER_H_
#define SHUYUAN_CODEC_DEFINITION_RESOLVER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

class CompiledCodeList;

// Resolves references "ID", "ID@VERSION" or "ID@latest" to definitions.
// Implementations must be safe for concurrent const calls; returned pointers
// are owned by the resolver and stay valid as long as it lives.
class DefinitionResolver {
 public:
  virtual ~DefinitionResolver() = default;

  virtual absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const = 0;
  // The list may come without its entries when the resolver overrides
  // CompileCodeList to supply them (a store keeps big lists in chunks);
  // use CompileCodeList, not the entries, to check membership.
  virtual absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const = 0;
  virtual absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const = 0;
  // Coding rules (SPEC §2.12), named by elements' value_domain.coding_rule
  // and by nested-rule segments.
  virtual absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const = 0;

  // The compiled form of `list`, a result of ResolveCodeList. The default
  // compiles it; the registry returns one shared compiled list per content
  // hash, so every element pinning GB/T 2260 shares one index.
  virtual absl::StatusOr<std::shared_ptr<const CompiledCodeList>>
  CompileCodeList(const v1::CodeList& list) const;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DEFINITION_RESOLVER_H_
