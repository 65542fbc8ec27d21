// Registry::Impl: the registry's state and the store reads that its
// operations share. The operations themselves live in one file each
// (registry_apply.cc, registry_status.cc, registry_search.cc, ...), as
// LevelDB splits DBImpl's write path from its helpers.
//
// Thread-safe: mutations hold write_mu_; reads need no lock (the store gives
// them whole mutations).
#ifndef SHUYUAN_REGISTRY_INTERNAL_REGISTRY_IMPL_H_
#define SHUYUAN_REGISTRY_INTERNAL_REGISTRY_IMPL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "codec/code_list_index.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "registry/internal/keys.h"
#include "registry/internal/store.h"
#include "registry/registry.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry {

class Registry::Impl {
 public:
  Impl(RegistryOptions options, std::unique_ptr<registry_internal::Store> store,
       uint64_t last_seq);

  // --- Store reads ---------------------------------------------------------
  absl::StatusOr<std::optional<registry_internal::Head>> ReadHead(
      v1::ItemKind kind, absl::string_view id) const;
  // One stored version; code lists come without entries. nullopt when the
  // version does not exist.
  absl::StatusOr<std::optional<v1::DefinitionDocument>> ReadVersion(
      v1::ItemKind kind, absl::string_view id, uint32_t version) const;
  // Every version of an id, ascending; code lists without entries.
  absl::StatusOr<std::vector<v1::DefinitionDocument>> ReadVersions(
      v1::ItemKind kind, absl::string_view id) const;
  // Appends the stored entries of a code-list version to `list`.
  absl::Status ReadEntries(absl::string_view id, uint32_t version,
                           v1::CodeList* list) const;
  // The version `ref` denotes (SPEC §2.1): NotFound naming the item, with a
  // hint at @latest when a bare reference finds no standard version.
  absl::StatusOr<v1::DefinitionDocument> ResolveRef(
      v1::ItemKind kind, absl::string_view ref) const;

  // --- Writes --------------------------------------------------------------
  // Adds `record` (seq and time filled here) to `batch`; mutations call it
  // while holding write_mu_, then Commit.
  void AddAudit(v1::AuditRecord record, registry_internal::StoreBatch* batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Forgets the audit records added since the last commit (a refused or
  // dry-run mutation writes nothing).
  void DiscardAudit() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Writes `batch` with the audit seq of the records added since the last
  // commit, then tells waiters and listeners. `status_moved` drops compiled
  // forms whose SUPERSEDED warnings may have changed.
  absl::Status Commit(registry_internal::StoreBatch batch, bool status_moved)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // --- Compilation ---------------------------------------------------------
  // Compiled code list of a stored version, shared by content hash.
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>>
  CompiledCodeListFor(const v1::CodeList& header) const;
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> CompileSchema(
      absl::string_view ref) const;
  absl::StatusOr<std::shared_ptr<const codec::CompiledElement>> CompileElement(
      absl::string_view ref) const;

  const RegistryOptions& options() const { return options_; }
  registry_internal::Store& store() const { return *store_; }
  uint64_t last_seq() const;
  bool WaitForAudit(uint64_t seq, absl::Time deadline) const;
  int AddListener(std::function<void(uint64_t)> listener);
  void RemoveListener(int handle);

  // Serialises mutations.
  absl::Mutex write_mu_;

 private:
  // Immutable after construction.
  const RegistryOptions options_;
  const std::unique_ptr<registry_internal::Store> store_;

  // Audit sequence numbers handed out and not yet committed.
  uint64_t next_seq_ ABSL_GUARDED_BY(write_mu_);

  mutable absl::Mutex seq_mu_;
  uint64_t last_seq_ ABSL_GUARDED_BY(seq_mu_);
  std::map<int, std::function<void(uint64_t)>> listeners_
      ABSL_GUARDED_BY(seq_mu_);
  int next_listener_ ABSL_GUARDED_BY(seq_mu_) = 0;

  mutable absl::Mutex cache_mu_;
  // Compiled code lists by content hash; held weakly so that lists no
  // schema uses any more are freed.
  mutable absl::flat_hash_map<std::string,
                              std::weak_ptr<const codec::CompiledCodeList>>
      code_lists_ ABSL_GUARDED_BY(cache_mu_);
  // Compiled schemas and elements by the reference asked for; dropped on
  // every commit, since a bare reference may denote another version after
  // it.
  mutable absl::flat_hash_map<std::string,
                              std::shared_ptr<const codec::CompiledSchema>>
      schemas_by_ref_ ABSL_GUARDED_BY(cache_mu_);
  mutable absl::flat_hash_map<std::string,
                              std::shared_ptr<const codec::CompiledElement>>
      elements_by_ref_ ABSL_GUARDED_BY(cache_mu_);
  // ... and by content hash, which survives new versions of other items
  // but not status moves (SUPERSEDED warnings).
  mutable absl::flat_hash_map<std::string,
                              std::shared_ptr<const codec::CompiledSchema>>
      schemas_by_hash_ ABSL_GUARDED_BY(cache_mu_);
};

}  // namespace shuyuan::registry

#endif  // SHUYUAN_REGISTRY_INTERNAL_REGISTRY_IMPL_H_
