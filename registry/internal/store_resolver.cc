#include "registry/internal/store_resolver.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/internal/items.h"

namespace shuyuan::registry_internal {
namespace {

std::string PendingKey(v1::ItemKind kind, absl::string_view id) {
  return absl::StrCat(static_cast<int>(kind), "/", id);
}

}  // namespace

void StoreResolver::AddPending(const v1::DefinitionDocument& document) {
  owned_.push_back(document);
  pending_[PendingKey(KindOf(document), IdOf(document))] = &owned_.back();
}

absl::StatusOr<const v1::DefinitionDocument*> StoreResolver::Find(
    v1::ItemKind kind, absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(codec::Reference parsed, codec::ParseReference(ref));
  auto pending = pending_.find(PendingKey(kind, parsed.id));
  if (pending != pending_.end()) {
    const uint32_t version = VersionInfoOf(*pending->second).version();
    if (!parsed.pinned() || parsed.version == version) return pending->second;
  }
  const std::string key = absl::StrCat(static_cast<int>(kind), "/", ref);
  auto fetched = fetched_.find(key);
  if (fetched != fetched_.end()) return fetched->second;
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument document,
                           impl_->ResolveRef(kind, ref));
  owned_.push_back(std::move(document));
  fetched_[key] = &owned_.back();
  return &owned_.back();
}

absl::StatusOr<const v1::DataElement*> StoreResolver::ResolveElement(
    absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(const v1::DefinitionDocument* d,
                           Find(v1::DATA_ELEMENT, ref));
  return &d->data_element();
}

absl::StatusOr<const v1::CodeList*> StoreResolver::ResolveCodeList(
    absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(const v1::DefinitionDocument* d,
                           Find(v1::CODE_LIST, ref));
  return &d->code_list();
}

absl::StatusOr<const v1::RecordSchema*> StoreResolver::ResolveSchema(
    absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(const v1::DefinitionDocument* d,
                           Find(v1::RECORD_SCHEMA, ref));
  return &d->record_schema();
}

absl::StatusOr<const v1::CodingRule*> StoreResolver::ResolveCodingRule(
    absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(const v1::DefinitionDocument* d,
                           Find(v1::CODING_RULE, ref));
  return &d->coding_rule();
}

absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>>
StoreResolver::CompileCodeList(const v1::CodeList& list) const {
  auto pending = pending_.find(PendingKey(v1::CODE_LIST, list.id()));
  if (pending != pending_.end() && &pending->second->code_list() == &list) {
    // Not stored yet: its entries are in hand.
    return codec::CompiledCodeList::Compile(list);
  }
  return impl_->CompiledCodeListFor(list);
}

}  // namespace shuyuan::registry_internal
