#include "registry/internal/store.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "registry/internal/keys.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/backup_engine.h"
#include "rocksdb/write_batch.h"

namespace shuyuan::registry_internal {
namespace {

// The one rocksdb::Status → absl::Status conversion (STYLE: one per
// boundary).
absl::Status FromRocks(const rocksdb::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(what, ": ", status.ToString());
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsInvalidArgument()) return absl::InvalidArgumentError(message);
  if (status.IsNotSupported()) return absl::UnimplementedError(message);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain()) {
    return absl::UnavailableError(message);
  }
  if (status.IsIOError() &&
      status.ToString().find("lock") != std::string::npos) {
    return absl::UnavailableError(absl::StrCat(
        message, " (is another shuyuan-server using this --data-dir?)"));
  }
  return absl::InternalError(message);
}

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

rocksdb::ColumnFamilyOptions FamilyOptions(Family family) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  // Point lookups of heads and items dominate reads; a Bloom filter saves
  // the disk reads of misses (new ids, absent pins).
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  if (family == Family::kChunks) {
    options.compression = rocksdb::kNoCompression;
  }
  return options;
}

}  // namespace

struct Store::Rep {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // by Family
  ~Rep() {
    // Flushing the memtables on a clean close spares the next open a WAL
    // replay (a 1,000,000-entry list is tens of MB of log).
    if (db != nullptr) {
      db->Flush(rocksdb::FlushOptions(), handles).PermitUncheckedError();
    }
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      if (db != nullptr && handle != nullptr) {
        db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
      }
    }
    if (db != nullptr) db->Close().PermitUncheckedError();
  }
  rocksdb::ColumnFamilyHandle* cf(Family family) const {
    return handles[static_cast<int>(family)];
  }
};

Store::Store(std::string dir) : dir_(std::move(dir)), rep_(new Rep) {}
Store::~Store() = default;

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::ErrnoToStatus(error.value(), absl::StrCat("--data-dir ", dir));
  }
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.paranoid_checks = true;
  // Opening must stay fast whatever the store holds (SPEC §7: 100,000
  // element versions and 1,000,000 code entries in under 3 s).
  options.skip_stats_update_on_db_open = true;
  options.max_open_files = 512;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (int i = 0; i < kFamilyCount; ++i) {
    const Family family = static_cast<Family>(i);
    families.emplace_back(FamilyName(family), FamilyOptions(family));
  }
  std::unique_ptr<Store> store(new Store(dir));
  rocksdb::DB* db = nullptr;
  SHUYUAN_RETURN_IF_ERROR(FromRocks(
      rocksdb::DB::Open(options, dir, families, &store->rep_->handles, &db),
      absl::StrCat("opening the store in ", dir)));
  store->rep_->db.reset(db);

  SHUYUAN_ASSIGN_OR_RETURN(std::optional<std::string> format,
                           store->Get(Family::kDefault, kFormatVersionKey));
  if (!format.has_value()) {
    StoreBatch batch;
    batch.Put(Family::kDefault, std::string(kFormatVersionKey),
              EncodeFixed32(kFormatVersion));
    SHUYUAN_RETURN_IF_ERROR(store->Write(batch));
  } else if (format->size() != 4) {
    return absl::DataLossError(
        absl::StrCat(dir, ": the store's format_version record is corrupt"));
  } else if (DecodeFixed32(*format) > kFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        dir, ": the store was written by a newer shuyuan (store format ",
        DecodeFixed32(*format), "; this build reads format ", kFormatVersion,
        " and older); upgrade shuyuan-server"));
  }
  return store;
}

absl::Status Store::Write(const StoreBatch& batch) {
  rocksdb::WriteBatch write;
  for (const StoreBatch::Op& op : batch.ops_) {
    rocksdb::Status s = op.is_delete
                            ? write.Delete(rep_->cf(op.family), ToSlice(op.key))
                            : write.Put(rep_->cf(op.family), ToSlice(op.key),
                                        ToSlice(op.value));
    SHUYUAN_RETURN_IF_ERROR(FromRocks(s, "building a write"));
  }
  rocksdb::WriteOptions options;
  options.sync = true;
  return FromRocks(rep_->db->Write(options, &write),
                   absl::StrCat("writing to the store in ", dir_));
}

absl::StatusOr<std::optional<std::string>> Store::Get(
    Family family, absl::string_view key) const {
  std::string value;
  rocksdb::Status s = rep_->db->Get(rocksdb::ReadOptions(), rep_->cf(family),
                                    ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  SHUYUAN_RETURN_IF_ERROR(
      FromRocks(s, absl::StrCat("reading the store in ", dir_)));
  return std::optional<std::string>(std::move(value));
}

absl::Status Store::Scan(Family family, absl::string_view prefix,
                         absl::string_view start, const Visitor& visit) const {
  rocksdb::ReadOptions options;
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(options, rep_->cf(family)));
  const absl::string_view from =
      start.empty() || start < prefix ? prefix : start;
  for (it->Seek(ToSlice(from)); it->Valid(); it->Next()) {
    const absl::string_view key = ToView(it->key());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, ToView(it->value()))) break;
  }
  return FromRocks(it->status(), absl::StrCat("reading the store in ", dir_));
}

absl::Status Store::ScanReverse(Family family, absl::string_view prefix,
                                const Visitor& visit) const {
  rocksdb::ReadOptions options;
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(options, rep_->cf(family)));
  // The first key after every key starting with `prefix`: the prefix with
  // its last byte incremented (carrying past 0xff bytes).
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) {
    end.pop_back();
  }
  if (end.empty()) {
    it->SeekToLast();
  } else {
    end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    it->SeekForPrev(ToSlice(end));
    if (it->Valid() && ToView(it->key()) == end) it->Prev();
  }
  for (; it->Valid(); it->Prev()) {
    const absl::string_view key = ToView(it->key());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, ToView(it->value()))) break;
  }
  return FromRocks(it->status(), absl::StrCat("reading the store in ", dir_));
}

absl::StatusOr<std::pair<uint32_t, uint64_t>> Store::Backup(
    const std::string& backup_dir) {
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::BackupEngineOptions options(backup_dir);
  SHUYUAN_RETURN_IF_ERROR(FromRocks(
      rocksdb::BackupEngine::Open(options, rocksdb::Env::Default(), &raw),
      absl::StrCat("opening backups in ", backup_dir)));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions create;
  create.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  SHUYUAN_RETURN_IF_ERROR(
      FromRocks(engine->CreateNewBackup(create, rep_->db.get(), &id),
                absl::StrCat("backing up into ", backup_dir)));
  rocksdb::BackupInfo info;
  SHUYUAN_RETURN_IF_ERROR(FromRocks(engine->GetBackupInfo(id, &info),
                                    absl::StrCat("reading backup ", id)));
  return std::make_pair(static_cast<uint32_t>(id), info.size);
}

absl::Status Store::Restore(const std::string& backup_dir,
                            const std::string& dir) {
  std::error_code error;
  if (std::filesystem::exists(dir, error) &&
      !std::filesystem::is_empty(dir, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("restore into ", dir,
                     ": the folder is not empty; restore into a new "
                     "or empty folder"));
  }
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::BackupEngineOptions options(backup_dir);
  SHUYUAN_RETURN_IF_ERROR(
      FromRocks(rocksdb::BackupEngineReadOnly::Open(
                    options, rocksdb::Env::Default(), &raw),
                absl::StrCat("opening backups in ", backup_dir)));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw);
  return FromRocks(engine->RestoreDBFromLatestBackup(dir, dir),
                   absl::StrCat("restoring ", backup_dir, " into ", dir));
}

}  // namespace shuyuan::registry_internal
