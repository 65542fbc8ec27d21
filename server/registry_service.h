// RegistryService over gRPC (SPEC §4): thin wiring from requests to the
// registry (registry/registry.h). Registry work waits on the disk (every
// mutation syncs the WAL), so handlers hand it to the work queue and return
// at once; gRPC's callback threads never block. Watch follows the audit log
// without a thread of its own: the registry's commit listener wakes it.
//
//   RegistryServiceImpl registry_service(env);
//   builder.RegisterService(&registry_service);
//   ...
//   registry_service.EndWatches();  // at shutdown, before Server::Shutdown
//
// Thread-safe.
#ifndef SHUYUAN_SERVER_REGISTRY_SERVICE_H_
#define SHUYUAN_SERVER_REGISTRY_SERVICE_H_

#include <functional>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "server/internal/call.h"
#include "shuyuan/v1/registry_service.grpc.pb.h"

namespace shuyuan::server {

class RegistryServiceImpl : public v1::RegistryService::CallbackService {
 public:
  explicit RegistryServiceImpl(const server_internal::ServiceEnv& env)
      : env_(env) {}

  grpc::ServerUnaryReactor* CreateVersion(
      grpc::CallbackServerContext* context,
      const v1::CreateVersionRequest* request,
      v1::ItemOutcome* response) override;
  grpc::ServerReadReactor<v1::CodeListChunk>* CreateCodeList(
      grpc::CallbackServerContext* context, v1::ItemOutcome* response) override;
  grpc::ServerUnaryReactor* Apply(grpc::CallbackServerContext* context,
                                  const v1::ApplyRequest* request,
                                  v1::ApplyResponse* response) override;
  grpc::ServerUnaryReactor* GetItem(grpc::CallbackServerContext* context,
                                    const v1::GetItemRequest* request,
                                    v1::GetItemResponse* response) override;
  grpc::ServerUnaryReactor* ListItems(grpc::CallbackServerContext* context,
                                      const v1::ListItemsRequest* request,
                                      v1::ListItemsResponse* response) override;
  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest* request,
                                   v1::SearchResponse* response) override;
  grpc::ServerUnaryReactor* History(grpc::CallbackServerContext* context,
                                    const v1::HistoryRequest* request,
                                    v1::HistoryResponse* response) override;
  grpc::ServerUnaryReactor* Diff(grpc::CallbackServerContext* context,
                                 const v1::DiffRequest* request,
                                 v1::DiffResponse* response) override;
  grpc::ServerUnaryReactor* SetStatus(grpc::CallbackServerContext* context,
                                      const v1::SetStatusRequest* request,
                                      v1::SetStatusResponse* response) override;
  grpc::ServerUnaryReactor* SetPolicy(grpc::CallbackServerContext* context,
                                      const v1::SetPolicyRequest* request,
                                      v1::SetPolicyResponse* response) override;
  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext* context,
                                      const v1::ListAuditRequest* request,
                                      v1::ListAuditResponse* response) override;
  grpc::ServerWriteReactor<v1::AuditRecord>* Watch(
      grpc::CallbackServerContext* context,
      const v1::WatchRequest* request) override;
  grpc::ServerUnaryReactor* ExportBundle(grpc::CallbackServerContext* context,
                                         const v1::ExportBundleRequest* request,
                                         v1::Bundle* response) override;
  grpc::ServerUnaryReactor* Backup(grpc::CallbackServerContext* context,
                                   const v1::BackupRequest* request,
                                   v1::BackupResponse* response) override;

  // Ends every open Watch stream (OK), so that shutdown need not wait for
  // clients that would follow the log forever.
  void EndWatches();

  // Watch streams register here while open.
  class WatchReactor;
  void AddWatch(WatchReactor* watch);
  void RemoveWatch(WatchReactor* watch);

 private:
  // Authorises, then runs `body` on the work queue and finishes the call
  // with its status.
  grpc::ServerUnaryReactor* Offload(
      grpc::CallbackServerContext* context, const char* method, Role role,
      const google::protobuf::Message& request,
      const google::protobuf::Message& response,
      std::function<grpc::Status(server_internal::Call&)> body);

  const server_internal::ServiceEnv& env_;
  absl::Mutex watches_mu_;
  absl::flat_hash_set<WatchReactor*> watches_ ABSL_GUARDED_BY(watches_mu_);
  bool ending_ ABSL_GUARDED_BY(watches_mu_) = false;
};

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_REGISTRY_SERVICE_H_
