#include "codec/reference.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

using ::testing::HasSubstr;

TEST(ReferenceTest, ParsesTheThreeForms) {
  absl::StatusOr<Reference> bare = ParseReference("GMSFHM");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->id, "GMSFHM");
  EXPECT_EQ(bare->form, Reference::Form::kBare);
  EXPECT_FALSE(bare->pinned());

  absl::StatusOr<Reference> latest = ParseReference("GB_T_2261_1@latest");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->id, "GB_T_2261_1");
  EXPECT_EQ(latest->form, Reference::Form::kLatest);

  absl::StatusOr<Reference> pinned = ParseReference("a.b-c_d@4294967295");
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(pinned->id, "a.b-c_d");
  EXPECT_TRUE(pinned->pinned());
  EXPECT_EQ(pinned->version, 4294967295u);
}

TEST(ReferenceTest, PrintsCanonicalText) {
  for (const char* text : {"X", "X@latest", "X@12"}) {
    absl::StatusOr<Reference> ref = ParseReference(text);
    ASSERT_TRUE(ref.ok()) << text;
    EXPECT_EQ(ref->ToString(), text);
  }
  EXPECT_EQ(Reference::Pinned("XBDM", 3).ToString(), "XBDM@3");
  EXPECT_EQ(PinnedRef("XBDM", 3), "XBDM@3");
}

TEST(ReferenceTest, RefusesMalformedReferences) {
  for (const char* text :
       {"", "@1", "1ABC", "A B", "X@", "X@0", "X@01", "X@-1", "X@+1",
        "X@4294967296", "X@1@2", "X@LATEST", "X@1.0"}) {
    absl::StatusOr<Reference> ref = ParseReference(text);
    EXPECT_EQ(ref.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
  EXPECT_THAT(ParseReference("X@0").status().message(),
              HasSubstr("positive integer or 'latest'"));
  EXPECT_THAT(ParseReference("9X").status().message(),
              HasSubstr("[A-Za-z][A-Za-z0-9_.-]{0,63}"));
}

TEST(ReferenceTest, IdGrammar) {
  EXPECT_TRUE(IsValidId("DE00001"));
  EXPECT_TRUE(IsValidId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidId("_X"));
  EXPECT_FALSE(IsValidId("身份"));
}

}  // namespace
}  // namespace shuyuan::codec
