#include "server/status_mapping.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/definition_error.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace shuyuan::server {

grpc::Status BadRequestStatus(
    grpc::StatusCode code, const std::string& message,
    const std::vector<std::pair<std::string, std::string>>& violations) {
  google::rpc::BadRequest bad_request;
  for (const auto& [field, description] : violations) {
    google::rpc::BadRequest::FieldViolation* v =
        bad_request.add_field_violations();
    v->set_field(field);
    v->set_description(description);
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  std::optional<codec::ErrorSite> site = codec::ErrorSiteOf(status);
  if (site.has_value()) {
    return BadRequestStatus(code, message, {{site->Path(), message}});
  }
  return grpc::Status(code, message);
}

grpc::Status RefusalToGrpcStatus(const v1::ItemOutcome& outcome) {
  std::vector<std::pair<std::string, std::string>> violations;
  std::vector<std::string> lines;
  for (const v1::DefinitionProblem& problem : outcome.problems()) {
    violations.emplace_back(problem.field(), problem.description());
    lines.push_back(absl::StrCat(problem.field(), ": ", problem.description()));
  }
  return BadRequestStatus(
      grpc::StatusCode::INVALID_ARGUMENT,
      absl::StrCat(outcome.id(), " refused: ", absl::StrJoin(lines, "; ")),
      violations);
}

}  // namespace shuyuan::server
