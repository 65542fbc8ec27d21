// The audit log and change feed (SPEC §2.9), commits, and backup.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/registry.h"

namespace shuyuan::registry {

using registry_internal::Family;
using registry_internal::StoreBatch;

namespace {

constexpr uint32_t kDefaultAuditPage = 100;
constexpr uint32_t kMaxAuditPage = 10000;

}  // namespace

void Registry::Impl::AddAudit(v1::AuditRecord record, StoreBatch* batch) {
  record.set_seq(next_seq_++);
  record.set_time(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                   absl::UTCTimeZone()));
  std::string bytes;
  record.SerializeToString(&bytes);
  batch->Put(Family::kAudit, registry_internal::AuditKey(record.seq()),
             std::move(bytes));
}

void Registry::Impl::DiscardAudit() {
  absl::MutexLock lock(&seq_mu_);
  next_seq_ = last_seq_ + 1;
}

absl::Status Registry::Impl::Commit(StoreBatch batch, bool status_moved) {
  const uint64_t last = next_seq_ - 1;
  batch.Put(Family::kDefault, std::string(registry_internal::kAuditSeqKey),
            registry_internal::EncodeFixed64(last));
  absl::Status written = store_->Write(batch);
  if (!written.ok()) {
    DiscardAudit();  // nothing was written: hand the numbers out again
    return written;
  }
  {
    absl::MutexLock lock(&cache_mu_);
    schemas_by_ref_.clear();
    elements_by_ref_.clear();
    if (status_moved) schemas_by_hash_.clear();
  }
  std::vector<std::function<void(uint64_t)>> listeners;
  {
    absl::MutexLock lock(&seq_mu_);
    last_seq_ = last;
    for (const auto& [handle, listener] : listeners_) {
      listeners.push_back(listener);
    }
  }
  for (const auto& listener : listeners) listener(last);
  return absl::OkStatus();
}

uint64_t Registry::Impl::last_seq() const {
  absl::MutexLock lock(&seq_mu_);
  return last_seq_;
}

bool Registry::Impl::WaitForAudit(uint64_t seq, absl::Time deadline) const {
  absl::MutexLock lock(&seq_mu_);
  auto newer = [this, seq]() ABSL_SHARED_LOCKS_REQUIRED(seq_mu_) {
    return last_seq_ > seq;
  };
  return seq_mu_.AwaitWithDeadline(absl::Condition(&newer), deadline);
}

int Registry::Impl::AddListener(std::function<void(uint64_t)> listener) {
  absl::MutexLock lock(&seq_mu_);
  const int handle = next_listener_++;
  listeners_[handle] = std::move(listener);
  return handle;
}

void Registry::Impl::RemoveListener(int handle) {
  absl::MutexLock lock(&seq_mu_);
  listeners_.erase(handle);
}

absl::StatusOr<v1::ListAuditResponse> Registry::ListAudit(
    const v1::ListAuditRequest& request) const {
  uint32_t limit = request.limit() == 0 ? kDefaultAuditPage : request.limit();
  if (limit > kMaxAuditPage) limit = kMaxAuditPage;
  v1::ListAuditResponse response;
  response.set_last_seq(impl_->last_seq());
  absl::Status parse_error;
  const uint64_t from = request.from_seq();
  if (from == UINT64_MAX) return response;
  SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
      Family::kAudit, "", registry_internal::AuditKey(from + 1),
      [&](absl::string_view key, absl::string_view value) {
        v1::AuditRecord* record = response.add_records();
        if (!record->ParseFromArray(value.data(),
                                    static_cast<int>(value.size()))) {
          parse_error = absl::DataLossError(
              "the store's audit log holds a corrupt record");
          return false;
        }
        return static_cast<uint32_t>(response.records_size()) < limit;
      }));
  SHUYUAN_RETURN_IF_ERROR(parse_error);
  return response;
}

absl::StatusOr<v1::BackupResponse> Registry::Backup(
    const std::string& backup_dir, const Actor& actor) {
  if (backup_dir.empty()) {
    return absl::FailedPreconditionError(
        "no backup folder: start shuyuan-server with --backup-dir DIR");
  }
  // The backup is taken outside the writer lock: RocksDB's BackupEngine
  // copies a consistent checkpoint while writes go on.
  SHUYUAN_ASSIGN_OR_RETURN(auto taken, impl_->store().Backup(backup_dir));
  absl::MutexLock lock(&impl_->write_mu_);
  StoreBatch batch;
  v1::AuditRecord record;
  record.set_principal(actor.principal);
  record.set_action("backup");
  record.set_reason(absl::StrCat("backup ", taken.first, " in ", backup_dir));
  impl_->AddAudit(std::move(record), &batch);
  SHUYUAN_RETURN_IF_ERROR(impl_->Commit(std::move(batch), false));
  v1::BackupResponse response;
  response.set_backup_id(taken.first);
  response.set_size_bytes(taken.second);
  response.set_backup_dir(backup_dir);
  return response;
}

}  // namespace shuyuan::registry
