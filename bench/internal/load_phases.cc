#include "bench/internal/load_phases.h"

#include <algorithm>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace shuyuan::bench_internal {

bool LoadOptions::Runs(const std::string& group) const {
  return only.empty() ||
         std::find(only.begin(), only.end(), group) != only.end();
}

std::vector<std::shared_ptr<grpc::Channel>> OpenChannels(
    const std::string& address, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments args;
    // A channel of its own subchannel pool never shares a connection with
    // the others; the extra argument keeps the channels distinct.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("shuyuan.bench.channel", i);
    args.SetMaxReceiveMessageSize(64 << 20);
    args.SetMaxSendMessageSize(64 << 20);
    channels.push_back(grpc::CreateCustomChannel(
        address, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

void AddToken(const std::string& token, grpc::ClientContext* context) {
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
}

}  // namespace shuyuan::bench_internal
