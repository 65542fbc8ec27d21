#include "server/auth.h"

#include <atomic>
#include <string>
#include <thread>

#include "codec/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::server {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AuthTest, TokensAreLookedUpByHashWithTheirRoles) {
  shuyuan::testing::TempDir dir("auth_test");
  const std::string file = dir.Write(
      "tokens", absl::StrCat("# stewards\n", codec::Sha256Hex("s3cret"),
                             "  alice  steward,reader # comment\n",
                             codec::Sha256Hex("r00t"), " root admin\n"));
  absl::StatusOr<std::unique_ptr<Authenticator>> auth =
      Authenticator::FromFile(file);
  ASSERT_THAT(auth, IsOk());
  absl::StatusOr<Principal> alice = (*auth)->Authenticate("Bearer s3cret");
  ASSERT_THAT(alice, IsOk());
  EXPECT_EQ(alice->name, "alice");
  EXPECT_TRUE(alice->Has(Role::kSteward));
  EXPECT_TRUE(alice->Has(Role::kReader));
  EXPECT_FALSE(alice->Has(Role::kRegistrant));
  EXPECT_FALSE(alice->Has(Role::kAdmin));
  absl::StatusOr<Principal> root = (*auth)->Authenticate("bearer r00t");
  ASSERT_THAT(root, IsOk());
  EXPECT_TRUE(root->Has(Role::kRegistrant));  // admin holds every role

  absl::StatusOr<Principal> wrong = (*auth)->Authenticate("Bearer guess");
  EXPECT_THAT(wrong, StatusIs(absl::StatusCode::kUnauthenticated,
                              Not(HasSubstr("guess"))));
  EXPECT_THAT(
      (*auth)->Authenticate(""),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("Bearer")));
  EXPECT_THAT((*auth)->Authenticate("Basic abc"),
              StatusIs(absl::StatusCode::kUnauthenticated));

  // Reload picks up a revoked token; a broken file keeps the old table.
  dir.Write("tokens", absl::StrCat(codec::Sha256Hex("r00t"), " root admin\n"));
  ASSERT_THAT((*auth)->Reload(), IsOk());
  EXPECT_THAT((*auth)->Authenticate("Bearer s3cret"),
              StatusIs(absl::StatusCode::kUnauthenticated));
  dir.Write("tokens", "garbage\n");
  EXPECT_THAT((*auth)->Reload(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT((*auth)->Authenticate("Bearer r00t"), IsOk());
}

TEST(AuthTest, TokenFileErrorsNameTheLine) {
  const std::string hash = codec::Sha256Hex("x");
  EXPECT_THAT(ParseTokenFile("s3cret alice reader\n", "t"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t:1: the first column must be")));
  EXPECT_THAT(ParseTokenFile(absl::StrCat("\n", hash, " a writer\n"), "t"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t:2: unknown role 'writer'")));
  EXPECT_THAT(ParseTokenFile(absl::StrCat(hash, " a\n"), "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("t:1")));
  EXPECT_THAT(ParseTokenFile(
                  absl::StrCat(hash, " a reader\n", hash, " b reader\n"), "t"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t:2: this token hash is listed twice")));
}

TEST(AuthTest, ReloadWhileAuthenticatingIsSafe) {
  shuyuan::testing::TempDir dir("auth_test");
  const std::string file = dir.Write(
      "tokens", absl::StrCat(codec::Sha256Hex("t"), " alice reader\n"));
  absl::StatusOr<std::unique_ptr<Authenticator>> auth =
      Authenticator::FromFile(file);
  ASSERT_THAT(auth, IsOk());
  std::atomic<bool> done{false};
  std::atomic<int> ok{0};
  std::thread reader([&] {
    while (!done) ok += (*auth)->Authenticate("Bearer t").ok() ? 1 : 0;
  });
  // Reload until the reader has authenticated many times in between.
  for (int i = 0; i < 200 || (ok.load() < 1000 && i < 1000000); ++i) {
    ASSERT_THAT((*auth)->Reload(), IsOk());
  }
  done = true;
  reader.join();
  EXPECT_GE(ok.load(), 1000);
  EXPECT_EQ((*auth)->token_count(), 1u);
}

TEST(AuthTest, OpenAccessIsLocalWithEveryRole) {
  std::unique_ptr<Authenticator> auth = Authenticator::Open();
  absl::StatusOr<Principal> who = auth->Authenticate("");
  ASSERT_THAT(who, IsOk());
  EXPECT_EQ(who->name, "local");
  EXPECT_TRUE(who->Has(Role::kAdmin));
}

}  // namespace
}  // namespace shuyuan::server
