// Compiled forms of stored definitions, cached (SPEC §2.1: clients cache by
// content hash; so do we), and bundle export (SPEC §4).
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "codec/code_list_index.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/internal/items.h"
#include "registry/internal/registry_impl.h"
#include "registry/internal/store_resolver.h"
#include "registry/registry.h"

namespace shuyuan::registry {

absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>>
Registry::Impl::CompiledCodeListFor(const v1::CodeList& header) const {
  const std::string& hash = header.version_info().content_hash();
  if (!hash.empty()) {
    absl::MutexLock lock(&cache_mu_);
    auto it = code_lists_.find(hash);
    if (it != code_lists_.end()) {
      if (std::shared_ptr<const codec::CompiledCodeList> list =
              it->second.lock()) {
        return list;
      }
    }
  }
  // Compiled outside the lock: a big list takes a second, and other
  // compiles must not wait for it. Two threads may both compile one list;
  // the first to finish is kept.
  v1::CodeList list = header;
  list.clear_entries();
  SHUYUAN_RETURN_IF_ERROR(
      ReadEntries(header.id(), header.version_info().version(), &list));
  SHUYUAN_ASSIGN_OR_RETURN(
      std::shared_ptr<const codec::CompiledCodeList> compiled,
      codec::CompiledCodeList::Compile(list));
  if (hash.empty()) return compiled;
  absl::MutexLock lock(&cache_mu_);
  std::weak_ptr<const codec::CompiledCodeList>& slot = code_lists_[hash];
  if (std::shared_ptr<const codec::CompiledCodeList> other = slot.lock()) {
    return other;
  }
  slot = compiled;
  return compiled;
}

absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>>
Registry::Impl::CompileSchema(absl::string_view ref) const {
  const std::string key(ref);
  {
    absl::MutexLock lock(&cache_mu_);
    auto it = schemas_by_ref_.find(key);
    if (it != schemas_by_ref_.end()) return it->second;
  }
  registry_internal::StoreResolver resolver(this);
  SHUYUAN_ASSIGN_OR_RETURN(const v1::RecordSchema* schema,
                           resolver.ResolveSchema(ref));
  const std::string hash = schema->version_info().content_hash();
  std::shared_ptr<const codec::CompiledSchema> compiled;
  {
    absl::MutexLock lock(&cache_mu_);
    auto it = schemas_by_hash_.find(hash);
    if (it != schemas_by_hash_.end()) compiled = it->second;
  }
  if (compiled == nullptr) {
    SHUYUAN_ASSIGN_OR_RETURN(compiled,
                             codec::CompiledSchema::Compile(*schema, resolver));
  }
  absl::MutexLock lock(&cache_mu_);
  schemas_by_hash_.emplace(hash, compiled);
  schemas_by_ref_[key] = compiled;
  return compiled;
}

absl::StatusOr<std::shared_ptr<const codec::CompiledElement>>
Registry::Impl::CompileElement(absl::string_view ref) const {
  const std::string key(ref);
  {
    absl::MutexLock lock(&cache_mu_);
    auto it = elements_by_ref_.find(key);
    if (it != elements_by_ref_.end()) return it->second;
  }
  registry_internal::StoreResolver resolver(this);
  SHUYUAN_ASSIGN_OR_RETURN(const v1::DataElement* element,
                           resolver.ResolveElement(ref));
  SHUYUAN_ASSIGN_OR_RETURN(
      std::shared_ptr<const codec::CompiledElement> compiled,
      codec::CompiledElement::Compile(*element, resolver));
  absl::MutexLock lock(&cache_mu_);
  elements_by_ref_[key] = compiled;
  return compiled;
}

absl::StatusOr<v1::Bundle> Registry::ExportBundle(
    absl::string_view schema_ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument schema,
                           impl_->ResolveRef(v1::RECORD_SCHEMA, schema_ref));
  v1::Bundle bundle;
  bundle.set_format_version(1);
  bundle.set_exported_at(
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone()));
  // Everything the schema pins, transitively: its elements, their code
  // lists and coding rules, the rules' lists and nested rules. Terms are
  // documentation and do not travel.
  std::deque<v1::DefinitionDocument> pending;
  pending.push_back(std::move(schema));
  absl::flat_hash_set<std::string> seen;
  while (!pending.empty()) {
    v1::DefinitionDocument document = std::move(pending.front());
    pending.pop_front();
    for (registry_internal::ReferenceSlot& slot :
         registry_internal::ReferencesOf(&document)) {
      if (slot.target == v1::TERM) continue;
      if (!seen.insert(absl::StrCat(slot.target, "/", *slot.ref)).second) {
        continue;
      }
      SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument d,
                               Resolve(slot.target, *slot.ref));
      pending.push_back(std::move(d));
    }
    switch (document.item_case()) {
      case v1::DefinitionDocument::kRecordSchema:
        *bundle.mutable_schema() = std::move(*document.mutable_record_schema());
        break;
      case v1::DefinitionDocument::kDataElement:
        *bundle.add_elements() = std::move(*document.mutable_data_element());
        break;
      case v1::DefinitionDocument::kCodeList:
        *bundle.add_code_lists() = std::move(*document.mutable_code_list());
        break;
      case v1::DefinitionDocument::kCodingRule:
        *bundle.add_coding_rules() = std::move(*document.mutable_coding_rule());
        break;
      default:
        break;
    }
  }
  return bundle;
}

}  // namespace shuyuan::registry
