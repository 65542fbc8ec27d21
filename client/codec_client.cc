#include "client/codec_client.h"

#include <deque>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "client/grpc_status.h"
#include "grpcpp/support/sync_stream.h"

namespace shuyuan::client {
namespace {

// The tags of requests written and not yet answered, in order. Thread-safe.
class PendingTags {
 public:
  void Push(uint64_t tag) {
    absl::MutexLock lock(&mu_);
    tags_.push_back(tag);
  }
  // The oldest tag; 0 if the server answered more than was asked, which
  // the protocol rules out.
  uint64_t Pop() {
    absl::MutexLock lock(&mu_);
    if (tags_.empty()) return 0;
    const uint64_t tag = tags_.front();
    tags_.pop_front();
    return tag;
  }

 private:
  absl::Mutex mu_;
  std::deque<uint64_t> tags_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

CodecClient::CodecClient(std::shared_ptr<const Connection> connection)
    : connection_(std::move(connection)),
      stub_(v1::CodecService::NewStub(connection_->channel())) {}

absl::StatusOr<v1::ValidateRecordResponse> CodecClient::ValidateRecord(
    const v1::ValidateRecordRequest& request) const {
  grpc::ClientContext context;
  connection_->Prepare(&context);
  v1::ValidateRecordResponse response;
  const grpc::Status status =
      stub_->ValidateRecord(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

absl::StatusOr<v1::ValidateBatchResponse> CodecClient::ValidateBatch(
    const v1::ValidateBatchRequest& request) const {
  grpc::ClientContext context;
  connection_->Prepare(&context);
  v1::ValidateBatchResponse response;
  const grpc::Status status =
      stub_->ValidateBatch(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

absl::Status CodecClient::ValidateStream(const RequestSource& next,
                                         const ResponseSink& on_response,
                                         CallCancel* cancel) const {
  grpc::ClientContext context;
  connection_->Prepare(&context, absl::InfiniteDuration());
  if (cancel != nullptr) cancel->Attach(&context);
  std::unique_ptr<grpc::ClientReaderWriter<v1::ValidateRecordRequest,
                                           v1::ValidateRecordResponse>>
      stream = stub_->ValidateStream(&context);
  PendingTags pending;
  absl::Status source_error;  // written by the writer, read after join
  std::thread writer([&] {
    v1::ValidateRecordRequest request;
    while (true) {
      request.Clear();
      uint64_t tag = 0;
      absl::StatusOr<bool> more = next(&request, &tag);
      if (!more.ok()) {
        source_error = more.status();
        context.TryCancel();
        return;
      }
      if (!*more) break;
      // Before the write: the response may arrive before Write returns.
      pending.Push(tag);
      if (!stream->Write(request)) return;  // the server ended the call
    }
    stream->WritesDone();
  });
  v1::ValidateRecordResponse response;
  while (stream->Read(&response)) on_response(pending.Pop(), response);
  writer.join();
  const grpc::Status status = stream->Finish();
  if (cancel != nullptr) cancel->Attach(nullptr);
  if (!source_error.ok()) return source_error;
  return FromGrpcStatus(status);
}

absl::StatusOr<v1::DecodeValueResponse> CodecClient::DecodeValue(
    const v1::DecodeValueRequest& request) const {
  grpc::ClientContext context;
  connection_->Prepare(&context);
  v1::DecodeValueResponse response;
  const grpc::Status status = stub_->DecodeValue(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

absl::StatusOr<v1::EncodeValueResponse> CodecClient::EncodeValue(
    const v1::EncodeValueRequest& request) const {
  grpc::ClientContext context;
  connection_->Prepare(&context);
  v1::EncodeValueResponse response;
  const grpc::Status status = stub_->EncodeValue(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

}  // namespace shuyuan::client
