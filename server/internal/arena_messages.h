// A gRPC message allocator that puts a unary call's request and response on
// one protobuf arena, released in one piece when the call ends. Parsing a
// ValidateBatchRequest of 1,000 records makes some 40,000 messages and
// strings; with the default allocation each is a malloc, and each a free
// when the call ends (a third of the server's time in ValidateBatch, by
// callgrind; see bench/README.md).
//
//   ArenaMessageAllocator<v1::ValidateBatchRequest, v1::ValidateBatchResponse>
//       batch_messages_;                                  // a service member
//   SetMessageAllocatorFor_ValidateBatch(&batch_messages_);  // in its ctor
//
// Thread-safe, as gRPC requires of allocators; it must outlive the server.
#ifndef SHUYUAN_SERVER_INTERNAL_ARENA_MESSAGES_H_
#define SHUYUAN_SERVER_INTERNAL_ARENA_MESSAGES_H_

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace shuyuan::server_internal {

template <class Request, class Response>
class ArenaMessageAllocator : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    return new Holder();
  }

 private:
  class Holder : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options()) {
      this->set_request(
          google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(
          google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    // Blocks grow from 4 KiB (a unary record fits) to 256 KiB (a batch
    // takes a few dozen).
    static google::protobuf::ArenaOptions Options() {
      google::protobuf::ArenaOptions options;
      options.start_block_size = 4 << 10;
      options.max_block_size = 256 << 10;
      return options;
    }

    google::protobuf::Arena arena_;
  };
};

}  // namespace shuyuan::server_internal

#endif  // SHUYUAN_SERVER_INTERNAL_ARENA_MESSAGES_H_
