#include "client/cli_options.h"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "client/grpc_status.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CommandLineTest, OwnAndGlobalFlagsAnywhere) {
  std::string status;
  bool all = false;
  uint64_t limit = 0;
  CommandLine line("list");
  line.Value({"--status"}, &status)
      .Switch({"--all-versions"}, &all)
      .Number({"--limit"}, &limit);
  GlobalOptions globals;
  globals.server = "before:1";
  std::vector<std::string> words;
  ASSERT_TRUE(line.Parse({"element", "--status=standard", "-o", "json",
                          "--limit", "7", "--server", "after:2",
                          "--all-versions", "--token=t", "--", "--x"},
                         &globals, &words)
                  .ok());
  EXPECT_THAT(words, ElementsAre("element", "--x"));
  EXPECT_EQ(status, "standard");
  EXPECT_TRUE(all);
  EXPECT_EQ(limit, 7u);
  EXPECT_EQ(globals.server, "after:2");
  EXPECT_EQ(globals.token, "t");
  EXPECT_EQ(globals.format(), OutputFormat::kJson);
  EXPECT_FALSE(line.help());
}

TEST(CommandLineTest, CommandFlagsWinOverGlobalOnes) {
  std::string file;
  CommandLine line("bundle export");
  line.Value({"-o", "--out"}, &file);
  GlobalOptions globals;
  std::vector<std::string> words;
  ASSERT_TRUE(line.Parse({"-o", "b.pb"}, &globals, &words).ok());
  EXPECT_EQ(file, "b.pb");
  EXPECT_FALSE(globals.output.has_value());
}

TEST(CommandLineTest, Errors) {
  uint64_t limit = 0;
  bool dry_run = false;
  CommandLine line("audit");
  line.Number({"--limit"}, &limit).Switch({"--dry-run"}, &dry_run);
  GlobalOptions globals;
  std::vector<std::string> words;
  EXPECT_THAT(std::string(line.Parse({"--nope"}, &globals, &words).message()),
              HasSubstr("audit: unknown flag '--nope'"));
  EXPECT_THAT(
      std::string(line.Parse({"--limit", "-3"}, &globals, &words).message()),
      HasSubstr("--limit '-3' is not a whole number"));
  EXPECT_THAT(std::string(line.Parse({"--limit"}, &globals, &words).message()),
              HasSubstr("--limit needs a value"));
  EXPECT_THAT(
      std::string(line.Parse({"--dry-run=1"}, &globals, &words).message()),
      HasSubstr("--dry-run takes no value"));
  EXPECT_THAT(
      std::string(line.Parse({"-o", "xml"}, &globals, &words).message()),
      HasSubstr("not one of table, yaml, json"));
  EXPECT_TRUE(line.Parse({"x", "--help", "--nope"}, &globals, &words).ok());
  EXPECT_TRUE(line.help());
}

TEST(GlobalOptionsTest, FlagsThenEnvironmentThenDefaults) {
  unsetenv("SHUYUAN_SERVER");
  unsetenv("SHUYUAN_TOKEN");
  unsetenv("SHUYUAN_TLS_CA");
  GlobalOptions globals;
  EXPECT_EQ(globals.Connection().server, "127.0.0.1:50051");
  EXPECT_EQ(globals.Connection().token, "");
  setenv("SHUYUAN_SERVER", "env:1", 1);
  setenv("SHUYUAN_TOKEN", "envtoken", 1);
  EXPECT_EQ(globals.Connection().server, "env:1");
  EXPECT_EQ(globals.Connection().token, "envtoken");
  globals.server = "flag:2";
  EXPECT_EQ(globals.Connection().server, "flag:2");
  EXPECT_THAT(globals.ConnectionWords(), ElementsAre("--server", "flag:2"));
  unsetenv("SHUYUAN_SERVER");
  unsetenv("SHUYUAN_TOKEN");
}

TEST(NamesTest, KindsAndStatuses) {
  EXPECT_EQ(*ParseKind("element"), v1::DATA_ELEMENT);
  EXPECT_EQ(*ParseKind("codelist"), v1::CODE_LIST);
  EXPECT_EQ(*ParseKind("schema"), v1::RECORD_SCHEMA);
  EXPECT_EQ(*ParseKind("term"), v1::TERM);
  EXPECT_EQ(*ParseKind("rule"), v1::CODING_RULE);
  EXPECT_THAT(std::string(ParseKind("table").status().message()),
              HasSubstr("element, codelist, schema, term, rule"));
  EXPECT_EQ(KindName(v1::CODE_LIST), "codelist");
  EXPECT_EQ(KindName(v1::CODING_RULE), "rule");
  EXPECT_EQ(*ParseStatus("standard"), v1::STANDARD);
  EXPECT_EQ(*ParseStatus("Preferred_Standard"), v1::PREFERRED_STANDARD);
  EXPECT_THAT(std::string(ParseStatus("done").status().message()),
              HasSubstr("INCOMPLETE, CANDIDATE"));
  EXPECT_FALSE(ParseStatus("REGISTRATION_STATUS_UNSPECIFIED").ok());
}

TEST(ExitCodeTest, CallerErrorsAreTwoTheRestFour) {
  EXPECT_EQ(ExitCodeFor(absl::OkStatus()), 0);
  EXPECT_EQ(ExitCodeFor(absl::InvalidArgumentError("")), 2);
  EXPECT_EQ(ExitCodeFor(absl::NotFoundError("")), 2);
  EXPECT_EQ(ExitCodeFor(absl::FailedPreconditionError("")), 2);
  EXPECT_EQ(ExitCodeFor(absl::UnavailableError("")), 4);
  EXPECT_EQ(ExitCodeFor(absl::UnauthenticatedError("")), 4);
  EXPECT_EQ(ExitCodeFor(absl::PermissionDeniedError("")), 4);
  EXPECT_EQ(ExitCodeFor(absl::DataLossError("")), 4);
}

TEST(ReportFailureTest, SaysWhatToDo) {
  const CommandContext context{"promote", "steward", "h:1", true};
  std::ostringstream err;
  EXPECT_EQ(ReportFailure(context, absl::PermissionDeniedError("denied"), err),
            4);
  EXPECT_THAT(err.str(), HasSubstr("error: denied\n"));
  EXPECT_THAT(err.str(),
              HasSubstr("`shuyuan promote` needs a token with the steward"));
  EXPECT_THAT(FailureHint(context, absl::UnauthenticatedError("")),
              HasSubstr("did not accept the token"));
  EXPECT_THAT(FailureHint({"get", "reader", "h:1", false},
                          absl::UnauthenticatedError("")),
              HasSubstr("no token was sent"));
  EXPECT_THAT(FailureHint(context, absl::UnavailableError("")),
              HasSubstr("could not reach shuyuan-server at h:1"));
  EXPECT_EQ(FailureHint(context, absl::NotFoundError("")), "");
}

// A status as the client receives it: message and one field violation.
absl::Status ServerError(const std::string& message, const std::string& field,
                         const std::string& description) {
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field(field);
  violation->set_description(description);
  google::rpc::Status details;
  details.add_details()->PackFrom(bad_request);
  return FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                     message, details.SerializeAsString()));
}

TEST(ReportFailureTest, FieldViolationsTheMessageDoesNotSay) {
  const CommandContext context{"get", "reader", "h:1", false};
  std::ostringstream err;
  EXPECT_EQ(ReportFailure(context,
                          ServerError("bad request", "schema", "empty"), err),
            2);
  EXPECT_EQ(err.str(), "error: bad request\n  schema: empty\n");
  err.str("");
  ReportFailure(
      context,
      ServerError("schema: 'X@y' is malformed", "schema", "'X@y' is malformed"),
      err);
  EXPECT_EQ(err.str(), "error: schema: 'X@y' is malformed\n");
}

}  // namespace
}  // namespace shuyuan::client
