// CodecService over gRPC (SPEC §4): validation of records against
// registered schemas, and decoding / encoding of structured codes. Thin
// wiring: request → registry's compiled schema (cached by content hash,
// following promotions) → codec → response. Validation is CPU work of
// microseconds and runs on gRPC's callback threads.
//
//   CodecServiceImpl codec(env);
//   builder.RegisterService(&codec);
//
// Thread-safe.
#ifndef SHUYUAN_SERVER_CODEC_SERVICE_H_
#define SHUYUAN_SERVER_CODEC_SERVICE_H_

#include "server/internal/call.h"
#include "shuyuan/v1/codec_service.grpc.pb.h"

namespace shuyuan::server {

class CodecServiceImpl : public v1::CodecService::CallbackService {
 public:
  explicit CodecServiceImpl(const server_internal::ServiceEnv& env)
      : env_(env) {}

  grpc::ServerUnaryReactor* ValidateRecord(
      grpc::CallbackServerContext* context,
      const v1::ValidateRecordRequest* request,
      v1::ValidateRecordResponse* response) override;
  grpc::ServerUnaryReactor* ValidateBatch(
      grpc::CallbackServerContext* context,
      const v1::ValidateBatchRequest* request,
      v1::ValidateBatchResponse* response) override;
  grpc::ServerBidiReactor<v1::ValidateRecordRequest,
                          v1::ValidateRecordResponse>*
  ValidateStream(grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* DecodeValue(
      grpc::CallbackServerContext* context,
      const v1::DecodeValueRequest* request,
      v1::DecodeValueResponse* response) override;
  grpc::ServerUnaryReactor* EncodeValue(
      grpc::CallbackServerContext* context,
      const v1::EncodeValueRequest* request,
      v1::EncodeValueResponse* response) override;
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const v1::ValidateRecordRequest* request,
                                 v1::ValidateRecordResponse* response) override;

 private:
  const server_internal::ServiceEnv& env_;
};

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_CODEC_SERVICE_H_
