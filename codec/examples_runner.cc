#include "codec/examples_runner.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/date_time.h"

namespace shuyuan::codec {
namespace {

// The reference date of an example; false when as_of is malformed.
bool ExampleDate(const std::string& as_of, DateKey* out) {
  if (as_of.empty()) {
    *out = MakeDateKey(Today());
    return true;
  }
  absl::CivilDay day;
  if (!ParseIsoDate(as_of, &day)) return false;
  *out = MakeDateKey(day);
  return true;
}

std::string DescribeIssues(
    const google::protobuf::RepeatedPtrField<v1::Issue>& issues) {
  if (issues.empty()) return "no issues";
  std::vector<std::string> parts;
  for (const v1::Issue& issue : issues) {
    parts.push_back(absl::StrCat(
        issue.field().empty() ? "" : absl::StrCat(issue.field(), ": "),
        v1::IssueCode_Name(issue.code()),
        issue.severity() == v1::WARNING ? " (warning)" : "", " — ",
        issue.message()));
  }
  return absl::StrJoin(parts, "; ");
}

bool HasIssue(const google::protobuf::RepeatedPtrField<v1::Issue>& issues,
              v1::IssueCode code, const std::string& field) {
  for (const v1::Issue& issue : issues) {
    if (issue.code() == code && (field.empty() || issue.field() == field)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> RunElementExamples(const CompiledElement& element) {
  std::vector<std::string> failures;
  const auto& examples = element.definition().examples();
  for (int i = 0; i < examples.size(); ++i) {
    const v1::ElementExample& ex = examples[i];
    const std::string where =
        absl::StrCat(element.id(), " example ", i + 1, " ('", ex.value(), "')");
    DateKey as_of;
    if (!ExampleDate(ex.as_of(), &as_of)) {
      failures.push_back(absl::StrCat(where, ": as_of '", ex.as_of(),
                                      "' is not a date written YYYY-MM-DD"));
      continue;
    }
    v1::ValueResult result;
    element.CheckValue(ex.value(), as_of, &result);
    std::vector<std::string> problems;
    if (result.valid() != ex.valid()) {
      problems.push_back(
          absl::StrCat("expected ", ex.valid() ? "valid" : "invalid", ", got ",
                       result.valid() ? "valid" : "invalid", " (",
                       DescribeIssues(result.issues()), ")"));
    }
    if (ex.has_normalized() && result.normalized() != ex.normalized()) {
      problems.push_back(absl::StrCat("expected normalized '", ex.normalized(),
                                      "', got '", result.normalized(), "'"));
    }
    if (ex.issue() != v1::ISSUE_CODE_UNSPECIFIED &&
        !HasIssue(result.issues(), ex.issue(), "")) {
      problems.push_back(absl::StrCat("expected issue ",
                                      v1::IssueCode_Name(ex.issue()), ", got ",
                                      DescribeIssues(result.issues())));
    }
    if (!problems.empty()) {
      failures.push_back(
          absl::StrCat(where, ": ", absl::StrJoin(problems, "; ")));
    }
  }
  return failures;
}

std::vector<std::string> RunSchemaExamples(const CompiledSchema& schema) {
  std::vector<std::string> failures;
  const auto& examples = schema.definition().examples();
  for (int i = 0; i < examples.size(); ++i) {
    const v1::RecordExample& ex = examples[i];
    const std::string where = absl::StrCat(schema.id(), " example ", i + 1);
    ValidateOptions options;
    if (!ExampleDate(ex.as_of(), &options.as_of)) {
      failures.push_back(absl::StrCat(where, ": as_of '", ex.as_of(),
                                      "' is not a date written YYYY-MM-DD"));
      continue;
    }
    // Columns in a stable order: protobuf maps have none of their own.
    std::vector<std::pair<std::string, std::string>> columns(
        ex.record().begin(), ex.record().end());
    std::sort(columns.begin(), columns.end());
    RecordResult result;
    schema.ValidateNamed(columns, options, &result);
    v1::RecordResult proto;
    schema.ToProto(result, &proto);
    std::vector<std::string> problems;
    const bool valid = proto.verdict() != v1::INVALID;
    if (valid != ex.valid()) {
      problems.push_back(
          absl::StrCat("expected ", ex.valid() ? "valid" : "invalid", ", got ",
                       v1::Verdict_Name(proto.verdict()), " (",
                       DescribeIssues(proto.issues()), ")"));
    }
    std::vector<std::pair<std::string, std::string>> expected(
        ex.normalized().begin(), ex.normalized().end());
    std::sort(expected.begin(), expected.end());
    for (const auto& [name, value] : expected) {
      const int f = schema.FindField(name);
      if (f < 0) {
        problems.push_back(
            absl::StrCat("normalized names unknown field '", name, "'"));
      } else if (result.value(f) != value) {
        problems.push_back(absl::StrCat("expected ", name, " = '", value,
                                        "', got '", result.value(f), "'"));
      }
    }
    if (ex.issue() != v1::ISSUE_CODE_UNSPECIFIED &&
        !HasIssue(proto.issues(), ex.issue(), ex.field())) {
      problems.push_back(absl::StrCat(
          "expected issue ", v1::IssueCode_Name(ex.issue()),
          ex.field().empty() ? "" : absl::StrCat(" on ", ex.field()), ", got ",
          DescribeIssues(proto.issues())));
    }
    if (!problems.empty()) {
      failures.push_back(
          absl::StrCat(where, ": ", absl::StrJoin(problems, "; ")));
    }
  }
  return failures;
}

std::vector<std::string> RunCodingRuleExamples(const CompiledCodingRule& rule) {
  std::vector<std::string> failures;
  const auto& examples = rule.definition().examples();
  for (int i = 0; i < examples.size(); ++i) {
    const v1::ElementExample& ex = examples[i];
    const std::string where =
        absl::StrCat(rule.id(), " example ", i + 1, " ('", ex.value(), "')");
    DateKey as_of;
    if (!ExampleDate(ex.as_of(), &as_of)) {
      failures.push_back(absl::StrCat(where, ": as_of '", ex.as_of(),
                                      "' is not a date written YYYY-MM-DD"));
      continue;
    }
    const CodingRuleOutcome outcome = rule.Verify(ex.value(), as_of);
    const std::string got =
        outcome.ok()
            ? std::string("no issues")
            : absl::StrCat(
                  v1::IssueCode_Name(outcome.code), " — ",
                  rule.Describe(outcome, ex.value(), as_of, v1::L1).message);
    std::vector<std::string> problems;
    if (outcome.ok() != ex.valid()) {
      problems.push_back(
          absl::StrCat("expected ", ex.valid() ? "valid" : "invalid", ", got ",
                       outcome.ok() ? "valid" : "invalid", " (", got, ")"));
    }
    if (ex.has_normalized() && ex.normalized() != ex.value()) {
      problems.push_back(absl::StrCat(
          "expected normalized '", ex.normalized(),
          "', but a coding rule does not normalise (elements do)"));
    }
    if (ex.issue() != v1::ISSUE_CODE_UNSPECIFIED &&
        outcome.code != ex.issue()) {
      problems.push_back(absl::StrCat(
          "expected issue ", v1::IssueCode_Name(ex.issue()), ", got ", got));
    }
    if (!problems.empty()) {
      failures.push_back(
          absl::StrCat(where, ": ", absl::StrJoin(problems, "; ")));
    }
  }
  return failures;
}

absl::Status VerifyElementExamples(const v1::DataElement& element,
                                   const DefinitionResolver& resolver) {
  absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
      CompiledElement::Compile(element, resolver);
  if (!compiled.ok()) return compiled.status();
  const std::vector<std::string> failures = RunElementExamples(**compiled);
  if (failures.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(failures, "\n"));
}

absl::Status VerifySchemaExamples(const v1::RecordSchema& schema,
                                  const DefinitionResolver& resolver) {
  absl::StatusOr<std::shared_ptr<const CompiledSchema>> compiled =
      CompiledSchema::Compile(schema, resolver);
  if (!compiled.ok()) return compiled.status();
  const std::vector<std::string> failures = RunSchemaExamples(**compiled);
  if (failures.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(failures, "\n"));
}

absl::Status VerifyCodingRuleExamples(const v1::CodingRule& rule,
                                      const DefinitionResolver& resolver) {
  absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> compiled =
      CompiledCodingRule::Compile(rule, resolver);
  if (!compiled.ok()) return compiled.status();
  const std::vector<std::string> failures = RunCodingRuleExamples(**compiled);
  if (failures.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(failures, "\n"));
}

}  // namespace shuyuan::codec
