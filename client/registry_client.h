// RegistryClient: the registry service (proto/shuyuan/v1/
// registry_service.proto) as C++ calls returning absl::StatusOr, over a
// Connection (client/connection.h) that adds the bearer token and a deadline
// to every call.
//
//   SHUYUAN_ASSIGN_OR_RETURN(auto connection, Connection::Open(options));
//   RegistryClient registry(connection);
//   v1::GetItemRequest get;
//   get.set_kind(v1::DATA_ELEMENT);
//   get.set_ref("GMSFHM");
//   SHUYUAN_ASSIGN_OR_RETURN(v1::GetItemResponse item, registry.GetItem(get));
//
// Statuses are the server's (canonical gRPC codes, converted once by
// client/grpc_status.h): UNAVAILABLE when the server cannot be reached,
// UNAUTHENTICATED for a missing or wrong token, PERMISSION_DENIED when the
// token lacks the role, INVALID_ARGUMENT / NOT_FOUND / FAILED_PRECONDITION
// for a bad request, DEADLINE_EXCEEDED past the deadline. A refused
// definition is not an error: it is an ItemOutcome with action REFUSED.
//
// Deadlines: the connection's timeout (default 30 s) for reads and status
// moves; kLongCallTimeout for Apply, CreateVersion, ExportBundle and
// Backup; kImportTimeout for CreateCodeList; none for Watch, which runs
// until cancelled.
//
// Thread-safe: calls may run concurrently; each uses its own ClientContext.
#ifndef SHUYUAN_CLIENT_REGISTRY_CLIENT_H_
#define SHUYUAN_CLIENT_REGISTRY_CLIENT_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/connection.h"
#include "grpcpp/client_context.h"
#include "shuyuan/v1/registry_service.grpc.pb.h"

namespace shuyuan::client {

inline constexpr absl::Duration kLongCallTimeout = absl::Minutes(10);
inline constexpr absl::Duration kImportTimeout = absl::Minutes(60);

class RegistryClient {
 public:
  explicit RegistryClient(std::shared_ptr<const Connection> connection);

  // Fills `*chunk` (cleared by the caller's previous use) with the next
  // chunk of a code list; false when there is none left. An error aborts
  // the stream and is returned as is.
  using ChunkSource = std::function<absl::StatusOr<bool>(v1::CodeListChunk*)>;

  absl::StatusOr<v1::ItemOutcome> CreateVersion(
      const v1::CreateVersionRequest& request) const;
  // Streams the chunks `next_chunk` produces, one at a time (memory holds
  // one chunk), then returns the server's outcome.
  absl::StatusOr<v1::ItemOutcome> CreateCodeList(
      const ChunkSource& next_chunk, CallCancel* cancel = nullptr) const;
  absl::StatusOr<v1::ApplyResponse> Apply(
      const v1::ApplyRequest& request) const;
  absl::StatusOr<v1::GetItemResponse> GetItem(
      const v1::GetItemRequest& request) const;
  // One page.
  absl::StatusOr<v1::ListItemsResponse> ListItems(
      const v1::ListItemsRequest& request) const;
  // Every page, following next_page_token from request.page_token: the
  // items of all pages, next_page_token empty.
  absl::StatusOr<v1::ListItemsResponse> ListAllItems(
      v1::ListItemsRequest request) const;
  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) const;
  absl::StatusOr<v1::HistoryResponse> History(
      const v1::HistoryRequest& request) const;
  absl::StatusOr<v1::DiffResponse> Diff(const v1::DiffRequest& request) const;
  absl::StatusOr<v1::SetStatusResponse> SetStatus(
      const v1::SetStatusRequest& request) const;
  absl::StatusOr<v1::SetPolicyResponse> SetPolicy(
      const v1::SetPolicyRequest& request) const;
  absl::StatusOr<v1::ListAuditResponse> ListAudit(
      const v1::ListAuditRequest& request) const;
  // Calls `on_record` for each record the server streams (the replay after
  // request.from_seq, then new ones) until `on_record` returns false, the
  // stream ends or `cancel` is cancelled; the last two return OK.
  absl::Status Watch(
      const v1::WatchRequest& request,
      const std::function<bool(const v1::AuditRecord&)>& on_record,
      CallCancel* cancel = nullptr) const;
  absl::StatusOr<v1::Bundle> ExportBundle(
      const v1::ExportBundleRequest& request) const;
  absl::StatusOr<v1::BackupResponse> Backup(
      const v1::BackupRequest& request) const;

 private:
  // Runs one unary call with the connection's token and `timeout`.
  template <typename Request, typename Response, typename Method>
  absl::StatusOr<Response> Unary(Method method, const Request& request,
                                 absl::Duration timeout) const;

  // Immutable after construction.
  const std::shared_ptr<const Connection> connection_;
  const std::unique_ptr<v1::RegistryService::Stub> stub_;
};

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_REGISTRY_CLIENT_H_
