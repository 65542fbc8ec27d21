// StoreResolver: the codec's DefinitionResolver over the registry's store,
// optionally overlaid with items being registered (Apply checks a set's
// elements against the set's own code lists before anything is written).
// Code lists come back as headers; CompileCodeList supplies their entries,
// compiled once per content hash for stored lists.
//
//   StoreResolver resolver(impl);
//   resolver.AddPending(document);   // an item of the set being applied
//   auto schema = codec::CompiledSchema::Compile(proto, resolver);
//
// Not thread-safe: one per compile. Owns every item it returns.
#ifndef SHUYUAN_REGISTRY_INTERNAL_STORE_RESOLVER_H_
#define SHUYUAN_REGISTRY_INTERNAL_STORE_RESOLVER_H_

#include <deque>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/definition_resolver.h"
#include "registry/internal/registry_impl.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::registry_internal {

class StoreResolver : public codec::DefinitionResolver {
 public:
  explicit StoreResolver(const registry::Registry::Impl* impl) : impl_(impl) {}

  // Makes `document` (with its version_info set) resolvable as ID@N, and as
  // ID / ID@latest, ahead of the store.
  void AddPending(const v1::DefinitionDocument& document);

  absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const override;
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>>
  CompileCodeList(const v1::CodeList& list) const override;

 private:
  absl::StatusOr<const v1::DefinitionDocument*> Find(
      v1::ItemKind kind, absl::string_view ref) const;

  const registry::Registry::Impl* impl_;
  // Pending items by kind/id, and everything fetched, owned here.
  absl::flat_hash_map<std::string, const v1::DefinitionDocument*> pending_;
  mutable std::deque<v1::DefinitionDocument> owned_;
  mutable absl::flat_hash_map<std::string, const v1::DefinitionDocument*>
      fetched_;
};

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_STORE_RESOLVER_H_
