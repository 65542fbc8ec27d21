// Store: the registry's RocksDB database behind a small interface of our own,
// so that no header outside registry/internal/store.cc names RocksDB (as
// LevelDB keeps DBImpl out of db.h). Keys and families are those of
// registry/internal/keys.h.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(dir));
//   StoreBatch batch;
//   batch.Put(Family::kItems, key, value);
//   SHUYUAN_RETURN_IF_ERROR(store->Write(batch));  // atomic, WAL-synced
//   SHUYUAN_ASSIGN_OR_RETURN(std::optional<std::string> v,
//                            store->Get(Family::kItems, key));
//
// Thread-safe: RocksDB serialises writes; readers see whole batches only.
// Errors: DataLoss for corruption, FailedPrecondition for a store of a newer
// format, Unavailable when the folder is locked by another process, Internal
// for other I/O errors; each names the folder.
#ifndef SHUYUAN_REGISTRY_INTERNAL_STORE_H_
#define SHUYUAN_REGISTRY_INTERNAL_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "registry/internal/keys.h"

namespace shuyuan::registry_internal {

// A set of puts and deletes applied atomically by Store::Write. Not
// thread-safe.
class StoreBatch {
 public:
  void Put(Family family, std::string key, std::string value) {
    ops_.push_back({family, std::move(key), std::move(value), false});
  }
  void Delete(Family family, std::string key) {
    ops_.push_back({family, std::move(key), std::string(), true});
  }
  bool empty() const { return ops_.empty(); }
  size_t size() const { return ops_.size(); }

 private:
  friend class Store;
  struct Op {
    Family family;
    std::string key;
    std::string value;
    bool is_delete;
  };
  std::vector<Op> ops_;
};

class Store {
 public:
  // Opens (creating when missing) the store in `dir`. Checks the format
  // version: a store of a newer format is FailedPrecondition, corruption is
  // DataLoss.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& dir);
  ~Store();

  // One atomic write, synced to the WAL before it returns.
  absl::Status Write(const StoreBatch& batch);

  absl::StatusOr<std::optional<std::string>> Get(Family family,
                                                 absl::string_view key) const;

  // Calls `visit(key, value)` for each key starting with `prefix`, in key
  // order (or reverse order), from `start` (inclusive; empty = the first
  // key of the prefix) until `visit` returns false. Reads one consistent
  // snapshot.
  using Visitor =
      std::function<bool(absl::string_view key, absl::string_view value)>;
  absl::Status Scan(Family family, absl::string_view prefix,
                    absl::string_view start, const Visitor& visit) const;
  absl::Status ScanReverse(Family family, absl::string_view prefix,
                           const Visitor& visit) const;

  // An online backup into `backup_dir` (RocksDB BackupEngine), while writes
  // go on. Returns the backup id and its size in bytes.
  absl::StatusOr<std::pair<uint32_t, uint64_t>> Backup(
      const std::string& backup_dir);
  // Restores the latest backup of `backup_dir` into `dir`, which must be
  // empty or absent. FailedPrecondition otherwise.
  static absl::Status Restore(const std::string& backup_dir,
                              const std::string& dir);

  const std::string& dir() const { return dir_; }

 private:
  struct Rep;
  explicit Store(std::string dir);

  const std::string dir_;
  std::unique_ptr<Rep> rep_;
};

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_STORE_H_
