// Registry: versioned, governed definitions (SPEC §2.1, §2.6–§2.11, §4) in an
// embedded store. Data engineers register data elements, code lists, record
// schemas and terms; the registry assigns versions, pins references, runs
// examples, classifies compatibility, moves registration status, keeps an
// append-only audit log and a change feed, exports bundles and backs up.
// The server (server/) puts it behind gRPC; requests and responses are the
// messages of proto/shuyuan/v1/registry_service.proto.
//
//   RegistryOptions options;
//   options.data_dir = "/var/lib/shuyuan";
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<Registry> registry,
//                            Registry::Open(options));
//   v1::ApplyRequest apply;
//   *apply.add_items() = document;               // from definition files
//   SHUYUAN_ASSIGN_OR_RETURN(v1::ApplyResponse applied,
//                            registry->Apply(apply, Actor{"alice"}));
//   // applied.items(0).action() == CREATED, .version() == 1
//   v1::SetStatusRequest promote;                // ... kind, ref, status,
//   registry->SetStatus(promote, Actor{"bob"});  // reason
//   SHUYUAN_ASSIGN_OR_RETURN(
//       std::shared_ptr<const codec::CompiledSchema> schema,
//       registry->CompileSchema("LEGAL_PERSON_BASIC"));
//
// Guarantees:
//  - Every mutation is one atomic, WAL-synced write: an acknowledged write
//    survives kill -9, and a half-applied set is never visible.
//  - A version never changes content; only its status moves. Its
//    content_hash (codec/content_hash.h) is computed after pinning.
//  - Definition problems are data: Apply returns OK with REFUSED outcomes
//    (and writes nothing). Statuses are for calls that cannot be
//    evaluated: InvalidArgument for a malformed request, NotFound for an
//    unknown reference, FailedPrecondition for an illegal status move,
//    DataLoss for a corrupt store.
//  - Opening reads a few keys only: nothing is compiled or scanned.
//
// Thread-safe. Mutations are serialised by one writer lock; reads run
// concurrently with them and see whole mutations only.
#ifndef SHUYUAN_REGISTRY_REGISTRY_H_
#define SHUYUAN_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry {

struct RegistryOptions {
  // Folder of the store; created when missing. Default: ./shuyuan-data, as
  // the server's --data-dir.
  std::string data_dir = "./shuyuan-data";
  // Largest page ListItems returns, whatever page_size asks. Default 1,000
  // (SPEC §4); raise for bulk exports.
  uint32_t max_page_size = 1000;
};

// Who makes a change: recorded in the audit log. Never a token.
struct Actor {
  std::string principal;
};

class Registry {
 public:
  // Opens or creates the store in options.data_dir. FailedPrecondition for
  // a store written by a newer format, DataLoss for a corrupt one,
  // Unavailable when another process holds it.
  static absl::StatusOr<std::unique_ptr<Registry>> Open(
      const RegistryOptions& options);

  // Restores the latest backup in `backup_dir` into `data_dir`, which must
  // be empty or absent (FailedPrecondition otherwise).
  static absl::Status Restore(const std::string& backup_dir,
                              const std::string& data_dir);

  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // --- Mutations -------------------------------------------------------

  // Registers a set of related definitions as one atomic write: every new
  // version or none. Items are processed in dependency order (code lists,
  // terms, elements, schemas); bare references resolve within the set
  // first, then in the store, and are pinned. Per item: CREATED vN,
  // UNCHANGED (content identical to the latest version) or REFUSED with
  // its problems; when anything is refused, or on a dry run, nothing is
  // written and `applied` is false. New versions start CANDIDATE.
  absl::StatusOr<v1::ApplyResponse> Apply(const v1::ApplyRequest& request,
                                          const Actor& actor);

  // Apply of one item; a refusal is an outcome (REFUSED with problems), as
  // in Apply.
  absl::StatusOr<v1::ItemOutcome> CreateVersion(
      const v1::CreateVersionRequest& request, const Actor& actor);

  // Moves a version's registration status (SPEC §2.8): forward along the
  // lifecycle, or to RETIRED from anywhere; a reason is required. Reaching
  // STANDARD or PREFERRED_STANDARD supersedes the other current standard
  // version of the id in the same write. A schema cannot reach STANDARD
  // while it pins a RETIRED item. Retiring reports the STANDARD schemas
  // that pin the version.
  absl::StatusOr<v1::SetStatusResponse> SetStatus(
      const v1::SetStatusRequest& request, const Actor& actor);

  // Sets the compatibility policy of an id (BACKWARD by default).
  absl::StatusOr<v1::SetPolicyResponse> SetPolicy(
      const v1::SetPolicyRequest& request, const Actor& actor);

  // --- Reads -----------------------------------------------------------

  absl::StatusOr<v1::GetItemResponse> Get(
      const v1::GetItemRequest& request) const;
  // The item a reference denotes, with code-list entries.
  absl::StatusOr<v1::DefinitionDocument> Resolve(v1::ItemKind kind,
                                                 absl::string_view ref) const;
  absl::StatusOr<v1::ListItemsResponse> List(
      const v1::ListItemsRequest& request) const;
  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) const;
  absl::StatusOr<v1::HistoryResponse> History(
      const v1::HistoryRequest& request) const;
  absl::StatusOr<v1::DiffResponse> Diff(const v1::DiffRequest& request) const;

  // --- Audit and change feed -------------------------------------------

  absl::StatusOr<v1::ListAuditResponse> ListAudit(
      const v1::ListAuditRequest& request) const;
  // The seq of the newest audit record (0 for an empty log).
  uint64_t last_audit_seq() const;
  // Blocks until the log holds a record after `seq` or `deadline` passes;
  // true when it does. For the server's Watch, which then reads ListAudit.
  bool WaitForAudit(uint64_t seq, absl::Time deadline) const;
  // Calls `listener(last_seq)` after each committed mutation, on the
  // mutating thread; it must not block or call back into the registry's
  // mutations. Returns a handle for RemoveAuditListener.
  int AddAuditListener(std::function<void(uint64_t)> listener);
  void RemoveAuditListener(int handle);

  // --- Compilation, bundles, backup ------------------------------------

  // The compiled schema a reference denotes, from a cache keyed by content
  // hash: a bare reference follows promotions on the very next call, and
  // every schema pinning one code-list version shares its compiled index.
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> CompileSchema(
      absl::string_view ref) const;
  absl::StatusOr<std::shared_ptr<const codec::CompiledElement>> CompileElement(
      absl::string_view ref) const;

  // The schema version `schema_ref` denotes with every item it pins, each
  // with its version_info (SPEC §4 bundle, format_version 1).
  absl::StatusOr<v1::Bundle> ExportBundle(absl::string_view schema_ref) const;

  // An online backup into `backup_dir` while writes go on; audited.
  absl::StatusOr<v1::BackupResponse> Backup(const std::string& backup_dir,
                                            const Actor& actor);

  const std::string& data_dir() const;

  // The implementation (registry/internal/registry_impl.h); named here only
  // so that the registry's own files can reach it.
  class Impl;

 private:
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace shuyuan::registry

#endif  // SHUYUAN_REGISTRY_REGISTRY_H_
