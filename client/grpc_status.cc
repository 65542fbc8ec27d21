#include "client/grpc_status.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/unknown_field_set.h"

namespace shuyuan::client {
namespace {

using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

constexpr absl::string_view kBadRequestType =
    "type.googleapis.com/google.rpc.BadRequest";

// Field numbers of google/rpc/status.proto and error_details.proto.
constexpr int kStatusDetails = 3;         // Status.details (Any)
constexpr int kAnyTypeUrl = 1;            // Any.type_url
constexpr int kAnyValue = 2;              // Any.value
constexpr int kBadRequestViolation = 1;   // BadRequest.field_violations
constexpr int kViolationField = 1;        // FieldViolation.field
constexpr int kViolationDescription = 2;  // FieldViolation.description

// The length-delimited field `number` of `set` (the last one wins, as in
// protobuf), or "".
std::string BytesField(const UnknownFieldSet& set, int number) {
  std::string value;
  for (int i = 0; i < set.field_count(); ++i) {
    const UnknownField& field = set.field(i);
    if (field.number() == number &&
        field.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      value = field.length_delimited();
    }
  }
  return value;
}

void AddViolations(const std::string& bad_request,
                   std::vector<std::pair<std::string, std::string>>* out) {
  UnknownFieldSet request;
  if (!request.ParseFromString(bad_request)) return;
  for (int i = 0; i < request.field_count(); ++i) {
    const UnknownField& field = request.field(i);
    if (field.number() != kBadRequestViolation ||
        field.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    UnknownFieldSet violation;
    if (!violation.ParseFromString(field.length_delimited())) continue;
    out->emplace_back(BytesField(violation, kViolationField),
                      BytesField(violation, kViolationDescription));
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> FieldViolations(
    const std::string& status_details) {
  std::vector<std::pair<std::string, std::string>> violations;
  UnknownFieldSet status;
  if (status_details.empty() || !status.ParseFromString(status_details)) {
    return violations;
  }
  for (int i = 0; i < status.field_count(); ++i) {
    const UnknownField& field = status.field(i);
    if (field.number() != kStatusDetails ||
        field.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    UnknownFieldSet any;
    if (!any.ParseFromString(field.length_delimited())) continue;
    if (BytesField(any, kAnyTypeUrl) != kBadRequestType) continue;
    AddViolations(BytesField(any, kAnyValue), &violations);
  }
  return violations;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  std::string message = status.error_message();
  for (const auto& [field, description] :
       FieldViolations(status.error_details())) {
    absl::StrAppend(&message, "\n  ", field, ": ", description);
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      message);
}

}  // namespace shuyuan::client
