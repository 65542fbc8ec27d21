#include "server/registry_service.h"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/status_mapping.h"

namespace shuyuan::server {

using server_internal::Call;

namespace {

// Copies `result` into `*response`, or maps its error.
template <typename T>
grpc::Status Reply(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryServiceImpl::Offload(
    grpc::CallbackServerContext* context, const char* method, Role role,
    const google::protobuf::Message& request,
    const google::protobuf::Message& response,
    std::function<grpc::Status(Call&)> body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto call = std::make_shared<Call>(env_, context, method);
  const grpc::Status allowed = call->Authorize(role);
  if (!allowed.ok()) {
    call->Finish(reactor, allowed, request.ByteSizeLong(), 0);
    return reactor;
  }
  env_.work->Submit(
      [call, reactor, context, &request, &response, body = std::move(body)] {
        grpc::Status status;
        if (context->IsCancelled()) {
          status = grpc::Status(grpc::StatusCode::CANCELLED,
                                "cancelled or past its deadline before it ran");
        } else {
          status = body(*call);
        }
        call->Finish(reactor, status, request.ByteSizeLong(),
                     response.ByteSizeLong());
      });
  return reactor;
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CreateVersion(
    grpc::CallbackServerContext* context,
    const v1::CreateVersionRequest* request, v1::ItemOutcome* response) {
  return Offload(context, "CreateVersion", Role::kRegistrant, *request,
                 *response, [this, request, response](Call& call) {
                   if (request->allow_breaking()) {
                     grpc::Status s =
                         call.Require(Role::kSteward, "allow_breaking");
                     if (!s.ok()) return s;
                   }
                   absl::StatusOr<v1::ItemOutcome> outcome =
                       env_.registry->CreateVersion(*request, call.actor());
                   if (!outcome.ok()) return ToGrpcStatus(outcome.status());
                   if (outcome->action() == v1::ItemOutcome::REFUSED) {
                     return RefusalToGrpcStatus(*outcome);
                   }
                   *response = *std::move(outcome);
                   return grpc::Status::OK;
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Apply(
    grpc::CallbackServerContext* context, const v1::ApplyRequest* request,
    v1::ApplyResponse* response) {
  return Offload(
      context, "Apply", Role::kRegistrant, *request, *response,
      [this, request, response](Call& call) {
        if (request->allow_breaking()) {
          grpc::Status s = call.Require(Role::kSteward, "allow_breaking");
          if (!s.ok()) return s;
        }
        return Reply(env_.registry->Apply(*request, call.actor()), response);
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetItem(
    grpc::CallbackServerContext* context, const v1::GetItemRequest* request,
    v1::GetItemResponse* response) {
  return Offload(context, "GetItem", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   return Reply(env_.registry->Get(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListItems(
    grpc::CallbackServerContext* context, const v1::ListItemsRequest* request,
    v1::ListItemsResponse* response) {
  return Offload(context, "ListItems", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   if (request->page_size() > env_.options->max_page_size) {
                     const std::string message = absl::StrCat(
                         "page_size ", request->page_size(),
                         " is over the limit of ", env_.options->max_page_size,
                         " (--max-page-size)");
                     return BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                                             message, {{"page_size", message}});
                   }
                   return Reply(env_.registry->List(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Search(
    grpc::CallbackServerContext* context, const v1::SearchRequest* request,
    v1::SearchResponse* response) {
  return Offload(context, "Search", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   return Reply(env_.registry->Search(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::History(
    grpc::CallbackServerContext* context, const v1::HistoryRequest* request,
    v1::HistoryResponse* response) {
  return Offload(context, "History", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   return Reply(env_.registry->History(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Diff(
    grpc::CallbackServerContext* context, const v1::DiffRequest* request,
    v1::DiffResponse* response) {
  return Offload(context, "Diff", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   return Reply(env_.registry->Diff(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::SetStatus(
    grpc::CallbackServerContext* context, const v1::SetStatusRequest* request,
    v1::SetStatusResponse* response) {
  return Offload(context, "SetStatus", Role::kSteward, *request, *response,
                 [this, request, response](Call& call) {
                   return Reply(
                       env_.registry->SetStatus(*request, call.actor()),
                       response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::SetPolicy(
    grpc::CallbackServerContext* context, const v1::SetPolicyRequest* request,
    v1::SetPolicyResponse* response) {
  return Offload(context, "SetPolicy", Role::kSteward, *request, *response,
                 [this, request, response](Call& call) {
                   return Reply(
                       env_.registry->SetPolicy(*request, call.actor()),
                       response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListAudit(
    grpc::CallbackServerContext* context, const v1::ListAuditRequest* request,
    v1::ListAuditResponse* response) {
  return Offload(context, "ListAudit", Role::kReader, *request, *response,
                 [this, request, response](Call&) {
                   return Reply(env_.registry->ListAudit(*request), response);
                 });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ExportBundle(
    grpc::CallbackServerContext* context,
    const v1::ExportBundleRequest* request, v1::Bundle* response) {
  return Offload(
      context, "ExportBundle", Role::kReader, *request, *response,
      [this, request, response](Call&) {
        if (request->schema().empty()) {
          return BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                                  "schema: name the record schema to export",
                                  {{"schema", "required"}});
        }
        return Reply(env_.registry->ExportBundle(request->schema()), response);
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Backup(
    grpc::CallbackServerContext* context, const v1::BackupRequest* request,
    v1::BackupResponse* response) {
  return Offload(context, "Backup", Role::kAdmin, *request, *response,
                 [this, response](Call& call) {
                   return Reply(env_.registry->Backup(env_.options->backup_dir,
                                                      call.actor()),
                                response);
                 });
}

// --- CreateCodeList: a client stream of chunks ------------------------------

namespace {

// Gathers the chunks of one code list, then registers it on the work queue.
class CodeListUpload : public grpc::ServerReadReactor<v1::CodeListChunk> {
 public:
  CodeListUpload(const server_internal::ServiceEnv& env,
                 grpc::CallbackServerContext* context,
                 v1::ItemOutcome* response)
      : env_(env),
        call_(std::make_shared<Call>(env, context, "CreateCodeList")),
        response_(response) {
    const grpc::Status allowed = call_->Authorize(Role::kRegistrant);
    if (!allowed.ok()) {
      Done(allowed);
      return;
    }
    StartRead(&chunk_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Register();
      return;
    }
    bytes_ += chunk_.ByteSizeLong();
    const int entries = chunk_.code_list().entries_size();
    if (entries > env_.options->max_chunk_entries) {
      const std::string message = absl::StrCat(
          "chunk ", chunks_, " holds ", entries, " entries; the limit is ",
          env_.options->max_chunk_entries, " (--max-chunk-entries)");
      Done(BadRequestStatus(grpc::StatusCode::RESOURCE_EXHAUSTED, message,
                            {{"code_list.entries", message}}));
      return;
    }
    if (chunks_++ == 0) {
      request_.set_allow_breaking(chunk_.allow_breaking());
      request_.set_dry_run(chunk_.dry_run());
      *request_.mutable_item()->mutable_code_list() =
          std::move(*chunk_.mutable_code_list());
    } else {
      auto* entries_out =
          request_.mutable_item()->mutable_code_list()->mutable_entries();
      for (v1::CodeEntry& entry :
           *chunk_.mutable_code_list()->mutable_entries()) {
        entries_out->Add(std::move(entry));
      }
    }
    chunk_.Clear();
    StartRead(&chunk_);
  }

  void OnDone() override { delete this; }

 private:
  void Register() {
    if (chunks_ == 0) {
      Done(BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                            "no chunk received: the first chunk carries the "
                            "code list's header",
                            {{"code_list", "required"}}));
      return;
    }
    if (request_.allow_breaking()) {
      grpc::Status s = call_->Require(Role::kSteward, "allow_breaking");
      if (!s.ok()) {
        Done(s);
        return;
      }
    }
    env_.work->Submit([this] {
      absl::StatusOr<v1::ItemOutcome> outcome =
          env_.registry->CreateVersion(request_, call_->actor());
      grpc::Status status;
      if (!outcome.ok()) {
        status = ToGrpcStatus(outcome.status());
      } else if (outcome->action() == v1::ItemOutcome::REFUSED) {
        status = RefusalToGrpcStatus(*outcome);
      } else {
        *response_ = *std::move(outcome);
      }
      Done(status);
    });
  }

  void Done(const grpc::Status& status) {
    call_->Log(status, bytes_, status.ok() ? response_->ByteSizeLong() : 0);
    Finish(status);
  }

  const server_internal::ServiceEnv& env_;
  std::shared_ptr<Call> call_;
  v1::ItemOutcome* response_;
  v1::CodeListChunk chunk_;
  v1::CreateVersionRequest request_;
  int chunks_ = 0;
  size_t bytes_ = 0;
};

}  // namespace

grpc::ServerReadReactor<v1::CodeListChunk>* RegistryServiceImpl::CreateCodeList(
    grpc::CallbackServerContext* context, v1::ItemOutcome* response) {
  return new CodeListUpload(env_, context, response);
}

// --- Watch: replay, then follow ---------------------------------------------

// Writes audit records after `from_seq`, one at a time; when it has caught
// up, the registry's commit listener wakes it. Deletes itself when done.
class RegistryServiceImpl::WatchReactor
    : public grpc::ServerWriteReactor<v1::AuditRecord> {
 public:
  WatchReactor(RegistryServiceImpl* service, grpc::CallbackServerContext* ctx,
               const v1::WatchRequest& request)
      : service_(service),
        call_(service->env_, ctx, "Watch"),
        next_after_(request.from_seq()),
        guard_(std::make_shared<Guard>()) {
    const grpc::Status allowed = call_.Authorize(Role::kReader);
    if (!allowed.ok()) {
      End(allowed);
      return;
    }
    service_->AddWatch(this);
    std::shared_ptr<Guard> guard = guard_;
    listener_ = service_->env_.registry->AddAuditListener(
        [guard](uint64_t) { guard->Wake(); });
    guard_->Attach(this);
    Pump();
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      if (ok) ++written_;
    }
    if (!ok) {
      End(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
      return;
    }
    Pump();
  }

  void OnCancel() override {
    End(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the client"));
  }

  void OnDone() override {
    guard_->Detach();  // waits for a wake-up in progress
    service_->env_.registry->RemoveAuditListener(listener_);
    service_->RemoveWatch(this);
    delete this;
  }

  // Ends the stream (server shutdown).
  void End(const grpc::Status& status) {
    {
      absl::MutexLock lock(&mu_);
      if (finished_) return;
      finished_ = true;
    }
    call_.Log(status, 0, 0);
    Finish(status);
  }

  // Writes the next record if none is in flight; reads more from the log
  // when the queue is empty.
  void Pump() {
    v1::AuditRecord* next = nullptr;
    {
      absl::MutexLock lock(&mu_);
      if (writing_ || finished_) return;
      if (queue_.empty()) {
        v1::ListAuditRequest request;
        request.set_from_seq(next_after_);
        request.set_limit(256);
        absl::StatusOr<v1::ListAuditResponse> records =
            service_->env_.registry->ListAudit(request);
        if (records.ok()) {
          for (v1::AuditRecord& r : *records->mutable_records()) {
            queue_.push_back(std::move(r));
          }
        }
      }
      if (queue_.empty()) return;  // caught up: the listener wakes us
      current_ = std::move(queue_.front());
      queue_.pop_front();
      next_after_ = current_.seq();
      writing_ = true;
      next = &current_;
    }
    StartWrite(next);
  }

 private:
  // Keeps the listener from reaching a deleted reactor.
  class Guard {
   public:
    void Attach(WatchReactor* reactor) {
      absl::MutexLock lock(&mu_);
      reactor_ = reactor;
    }
    void Wake() {
      absl::MutexLock lock(&mu_);
      if (reactor_ != nullptr) reactor_->Pump();
    }
    void Detach() {
      absl::MutexLock lock(&mu_);
      reactor_ = nullptr;
    }

   private:
    absl::Mutex mu_;
    WatchReactor* reactor_ ABSL_GUARDED_BY(mu_) = nullptr;
  };

  RegistryServiceImpl* service_;
  Call call_;
  absl::Mutex mu_;
  uint64_t next_after_ ABSL_GUARDED_BY(mu_);
  std::deque<v1::AuditRecord> queue_ ABSL_GUARDED_BY(mu_);
  v1::AuditRecord current_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  int64_t written_ ABSL_GUARDED_BY(mu_) = 0;
  std::shared_ptr<Guard> guard_;
  int listener_ = -1;
};

grpc::ServerWriteReactor<v1::AuditRecord>* RegistryServiceImpl::Watch(
    grpc::CallbackServerContext* context, const v1::WatchRequest* request) {
  return new WatchReactor(this, context, *request);
}

void RegistryServiceImpl::AddWatch(WatchReactor* watch) {
  absl::MutexLock lock(&watches_mu_);
  watches_.insert(watch);
}

void RegistryServiceImpl::RemoveWatch(WatchReactor* watch) {
  absl::MutexLock lock(&watches_mu_);
  watches_.erase(watch);
}

void RegistryServiceImpl::EndWatches() {
  absl::MutexLock lock(&watches_mu_);
  ending_ = true;
  for (WatchReactor* watch : watches_) {
    watch->End(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                            "the server is shutting down; resume with "
                            "from_seq = the last seq you received"));
  }
}

}  // namespace shuyuan::server
