#include "client/registry_client.h"

#include <utility>

#include "client/grpc_status.h"
#include "grpcpp/support/sync_stream.h"

namespace shuyuan::client {
namespace {

// Detaches a call's context from its CallCancel when the call ends.
class AttachedCall {
 public:
  AttachedCall(CallCancel* cancel, grpc::ClientContext* context)
      : cancel_(cancel) {
    if (cancel_ != nullptr) cancel_->Attach(context);
  }
  ~AttachedCall() {
    if (cancel_ != nullptr) cancel_->Attach(nullptr);
  }
  AttachedCall(const AttachedCall&) = delete;
  AttachedCall& operator=(const AttachedCall&) = delete;

 private:
  CallCancel* const cancel_;
};

}  // namespace

RegistryClient::RegistryClient(std::shared_ptr<const Connection> connection)
    : connection_(std::move(connection)),
      stub_(v1::RegistryService::NewStub(connection_->channel())) {}

template <typename Request, typename Response, typename Method>
absl::StatusOr<Response> RegistryClient::Unary(Method method,
                                               const Request& request,
                                               absl::Duration timeout) const {
  grpc::ClientContext context;
  connection_->Prepare(&context, timeout);
  Response response;
  const grpc::Status status =
      (stub_.get()->*method)(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

absl::StatusOr<v1::ItemOutcome> RegistryClient::CreateVersion(
    const v1::CreateVersionRequest& request) const {
  return Unary<v1::CreateVersionRequest, v1::ItemOutcome>(
      &v1::RegistryService::Stub::CreateVersion, request, kLongCallTimeout);
}

absl::StatusOr<v1::ItemOutcome> RegistryClient::CreateCodeList(
    const ChunkSource& next_chunk, CallCancel* cancel) const {
  grpc::ClientContext context;
  connection_->Prepare(&context, kImportTimeout);
  AttachedCall attached(cancel, &context);
  v1::ItemOutcome outcome;
  std::unique_ptr<grpc::ClientWriter<v1::CodeListChunk>> writer =
      stub_->CreateCodeList(&context, &outcome);
  v1::CodeListChunk chunk;
  absl::Status source_error;
  while (true) {
    chunk.Clear();
    absl::StatusOr<bool> more = next_chunk(&chunk);
    if (!more.ok()) {
      source_error = more.status();
      context.TryCancel();
      break;
    }
    if (!*more) break;
    // A failed write means the server ended the call; Finish says why.
    if (!writer->Write(chunk)) break;
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!source_error.ok()) return source_error;
  if (!status.ok()) return FromGrpcStatus(status);
  return outcome;
}

absl::StatusOr<v1::ApplyResponse> RegistryClient::Apply(
    const v1::ApplyRequest& request) const {
  return Unary<v1::ApplyRequest, v1::ApplyResponse>(
      &v1::RegistryService::Stub::Apply, request, kLongCallTimeout);
}

absl::StatusOr<v1::GetItemResponse> RegistryClient::GetItem(
    const v1::GetItemRequest& request) const {
  return Unary<v1::GetItemRequest, v1::GetItemResponse>(
      &v1::RegistryService::Stub::GetItem, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::ListItemsResponse> RegistryClient::ListItems(
    const v1::ListItemsRequest& request) const {
  return Unary<v1::ListItemsRequest, v1::ListItemsResponse>(
      &v1::RegistryService::Stub::ListItems, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::ListItemsResponse> RegistryClient::ListAllItems(
    v1::ListItemsRequest request) const {
  v1::ListItemsResponse all;
  while (true) {
    absl::StatusOr<v1::ListItemsResponse> page = ListItems(request);
    if (!page.ok()) return page.status();
    for (v1::ItemSummary& item : *page->mutable_items()) {
      *all.add_items() = std::move(item);
    }
    if (page->next_page_token().empty()) break;
    request.set_page_token(page->next_page_token());
  }
  return all;
}

absl::StatusOr<v1::SearchResponse> RegistryClient::Search(
    const v1::SearchRequest& request) const {
  return Unary<v1::SearchRequest, v1::SearchResponse>(
      &v1::RegistryService::Stub::Search, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::HistoryResponse> RegistryClient::History(
    const v1::HistoryRequest& request) const {
  return Unary<v1::HistoryRequest, v1::HistoryResponse>(
      &v1::RegistryService::Stub::History, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::DiffResponse> RegistryClient::Diff(
    const v1::DiffRequest& request) const {
  return Unary<v1::DiffRequest, v1::DiffResponse>(
      &v1::RegistryService::Stub::Diff, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::SetStatusResponse> RegistryClient::SetStatus(
    const v1::SetStatusRequest& request) const {
  return Unary<v1::SetStatusRequest, v1::SetStatusResponse>(
      &v1::RegistryService::Stub::SetStatus, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::SetPolicyResponse> RegistryClient::SetPolicy(
    const v1::SetPolicyRequest& request) const {
  return Unary<v1::SetPolicyRequest, v1::SetPolicyResponse>(
      &v1::RegistryService::Stub::SetPolicy, request,
      connection_->options().timeout);
}

absl::StatusOr<v1::ListAuditResponse> RegistryClient::ListAudit(
    const v1::ListAuditRequest& request) const {
  return Unary<v1::ListAuditRequest, v1::ListAuditResponse>(
      &v1::RegistryService::Stub::ListAudit, request,
      connection_->options().timeout);
}

absl::Status RegistryClient::Watch(
    const v1::WatchRequest& request,
    const std::function<bool(const v1::AuditRecord&)>& on_record,
    CallCancel* cancel) const {
  grpc::ClientContext context;
  connection_->Prepare(&context, absl::InfiniteDuration());
  AttachedCall attached(cancel, &context);
  std::unique_ptr<grpc::ClientReader<v1::AuditRecord>> reader =
      stub_->Watch(&context, request);
  v1::AuditRecord record;
  bool stopped = false;
  while (reader->Read(&record)) {
    if (!on_record(record)) {
      stopped = true;
      context.TryCancel();
      break;
    }
  }
  const grpc::Status status = reader->Finish();
  if (stopped || (cancel != nullptr && cancel->cancelled())) {
    return absl::OkStatus();
  }
  return FromGrpcStatus(status);
}

absl::StatusOr<v1::Bundle> RegistryClient::ExportBundle(
    const v1::ExportBundleRequest& request) const {
  return Unary<v1::ExportBundleRequest, v1::Bundle>(
      &v1::RegistryService::Stub::ExportBundle, request, kLongCallTimeout);
}

absl::StatusOr<v1::BackupResponse> RegistryClient::Backup(
    const v1::BackupRequest& request) const {
  return Unary<v1::BackupRequest, v1::BackupResponse>(
      &v1::RegistryService::Stub::Backup, request, kImportTimeout);
}

}  // namespace shuyuan::client
