// CodecClient: the codec service (proto/shuyuan/v1/codec_service.proto) as
// C++ calls returning absl::StatusOr: validation of records against a
// registered schema, and decoding / encoding of structured codes. Shares a
// Connection (client/connection.h) with RegistryClient.
//
//   CodecClient codec(connection);
//   v1::ValidateRecordRequest request;
//   request.set_schema("NATURAL_PERSON_BASIC");
//   v1::RecordField* field = request.mutable_record()->add_fields();
//   field->set_name("gmsfhm");
//   field->set_value("11010519491231002X");
//   SHUYUAN_ASSIGN_OR_RETURN(v1::ValidateRecordResponse response,
//                            codec.ValidateRecord(request));
//
// A record failing its rules is a result (verdict INVALID), not an error.
// Statuses as RegistryClient's. Thread-safe: calls may run concurrently.
#ifndef SHUYUAN_CLIENT_CODEC_CLIENT_H_
#define SHUYUAN_CLIENT_CODEC_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/connection.h"
#include "shuyuan/v1/codec_service.grpc.pb.h"

namespace shuyuan::client {

class CodecClient {
 public:
  explicit CodecClient(std::shared_ptr<const Connection> connection);

  // Fills `*request` (cleared) with the next record to validate and sets
  // `*tag` to anything the caller wants back with its response (a line
  // number, say); false when there is none left. An error ends the stream
  // and is returned by ValidateStream.
  using RequestSource = std::function<absl::StatusOr<bool>(
      v1::ValidateRecordRequest* request, uint64_t* tag)>;
  // Receives each response with the tag of its request, in request order.
  using ResponseSink =
      std::function<void(uint64_t tag, const v1::ValidateRecordResponse&)>;

  absl::StatusOr<v1::ValidateRecordResponse> ValidateRecord(
      const v1::ValidateRecordRequest& request) const;
  absl::StatusOr<v1::ValidateBatchResponse> ValidateBatch(
      const v1::ValidateBatchRequest& request) const;
  // Streams the requests `next` produces while receiving responses: `next`
  // runs on a writer thread, `on_response` on the calling thread. gRPC flow
  // control bounds the records in flight, so memory does not grow with the
  // input. No deadline; `cancel` ends the call (then CANCELLED).
  absl::Status ValidateStream(const RequestSource& next,
                              const ResponseSink& on_response,
                              CallCancel* cancel = nullptr) const;
  absl::StatusOr<v1::DecodeValueResponse> DecodeValue(
      const v1::DecodeValueRequest& request) const;
  absl::StatusOr<v1::EncodeValueResponse> EncodeValue(
      const v1::EncodeValueRequest& request) const;

 private:
  // Immutable after construction.
  const std::shared_ptr<const Connection> connection_;
  const std::unique_ptr<v1::CodecService::Stub> stub_;
};

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_CODEC_CLIENT_H_
