#include "server/server_options.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::server {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ServerOptionsTest, DefaultsAndFlags) {
  absl::StatusOr<ServerOptions> defaults = ParseServerFlags({});
  ASSERT_THAT(defaults, IsOk());
  EXPECT_EQ(defaults->listen, "127.0.0.1:50051");
  EXPECT_EQ(defaults->data_dir, "./shuyuan-data");
  EXPECT_EQ(defaults->max_message_bytes, 64 << 20);
  EXPECT_EQ(defaults->max_batch_records, 10000);
  EXPECT_EQ(defaults->max_value_bytes, 64 << 10);
  EXPECT_FALSE(defaults->bench_echo);

  absl::StatusOr<ServerOptions> set = ParseServerFlags(
      {"--listen", "0.0.0.0:9", "--data-dir=/d", "--max-batch-records", "5",
       "--bench-echo", "--tls-cert", "c", "--tls-key", "k"});
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->listen, "0.0.0.0:9");
  EXPECT_EQ(set->data_dir, "/d");
  EXPECT_EQ(set->max_batch_records, 5);
  EXPECT_TRUE(set->bench_echo);
}

TEST(ServerOptionsTest, ErrorsNameTheFlag) {
  EXPECT_THAT(ParseServerFlags({"--listne", "x"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown flag '--listne'")));
  EXPECT_THAT(ParseServerFlags({"--max-value-bytes", "-3"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--max-value-bytes '-3'")));
  EXPECT_THAT(ParseServerFlags({"--seed"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--seed needs a value")));
  EXPECT_THAT(
      ParseServerFlags({"--tls-cert", "c"}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("go together")));
  EXPECT_THAT(ServerUsage(), HasSubstr("--max-page-size N"));
}

TEST(ServerOptionsTest, Loopback) {
  EXPECT_TRUE(IsLoopback("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopback("localhost:1"));
  EXPECT_TRUE(IsLoopback("[::1]:50051"));
  EXPECT_FALSE(IsLoopback("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopback("[::]:50051"));
  EXPECT_FALSE(IsLoopback("10.1.2.3:50051"));
}

}  // namespace
}  // namespace shuyuan::server
