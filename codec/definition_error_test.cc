#include "codec/definition_error.h"

#include "absl/status/status.h"
#include "codec/definition_loader.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

TEST(ErrorSiteTest, AttachesAndReads) {
  const absl::Status s =
      WithErrorSite(absl::InvalidArgumentError("bad pattern"),
                    {"data_element", "YZBM", "value_domain.pattern"});
  EXPECT_EQ(s.message(), "bad pattern");
  const std::optional<ErrorSite> site = ErrorSiteOf(s);
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ(site->kind, "data_element");
  EXPECT_EQ(site->id, "YZBM");
  EXPECT_EQ(site->Path(), "data_element.value_domain.pattern");
  EXPECT_FALSE(ErrorSiteOf(absl::InvalidArgumentError("x")).has_value());
  EXPECT_TRUE(WithErrorSite(absl::OkStatus(), {"a", "b", "c"}).ok());
}

TEST(ErrorSiteTest, InnerItemWinsAndInnerFieldRefines) {
  // An error inside a code list stays the code list's.
  absl::Status s = WithErrorSite(absl::InvalidArgumentError("overlap"),
                                 {"code_list", "L", "entries[3].valid_from"});
  s = WithErrorSite(s, {"data_element", "X", "value_domain.code_list"});
  EXPECT_EQ(ErrorSiteOf(s)->Path(), "code_list.entries[3].valid_from");
  // A field-only site (from the normaliser) gains the item.
  absl::Status step = WithErrorSite(absl::InvalidArgumentError("token"),
                                    {"", "", "normalize[1]"});
  step = WithErrorSite(step, {"data_element", "X", ""});
  EXPECT_EQ(ErrorSiteOf(step)->Path(), "data_element.normalize[1]");
  EXPECT_EQ(ErrorSiteOf(step)->id, "X");
}

TEST(SourceLocationTest, LineOfFindsTheFieldOrItsNearestRelative) {
  absl::StatusOr<std::vector<LoadedDocument>> docs = ParseDefinitionText(
      R"(# comment
data_element:
  id: X
  format: n1
  value_domain:
    pattern: "[0-9]"
  normalize:
    - trim: {}
    - date:
        inputs: [YYYYMMDD]
)",
      "x.yaml");
  ASSERT_TRUE(docs.ok()) << docs.status();
  const SourceLocation& where = (*docs)[0].location;
  EXPECT_EQ(where.line, 2);
  EXPECT_EQ(where.LineOf("data_element.format"), 4);
  EXPECT_EQ(where.LineOf("data_element.value_domain.pattern"), 6);
  EXPECT_EQ(where.LineOf("data_element.normalize[1]"), 9);  // its first key
  EXPECT_EQ(where.LineOf("data_element.value_domain.max_length"), 5);
  EXPECT_EQ(where.LineOf("data_element.examples[0]"), 2);  // nothing nearer
}

}  // namespace
}  // namespace shuyuan::codec
