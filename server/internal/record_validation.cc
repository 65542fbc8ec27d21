#include "server/internal/record_validation.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "codec/date_time.h"
#include "server/status_mapping.h"

namespace shuyuan::server_internal {

grpc::Status PlanValidation(const registry::Registry& registry,
                            const server::ServerOptions& limits,
                            const std::string& schema_ref,
                            const std::string& as_of,
                            const std::string& as_of_field,
                            ValidationPlan* plan) {
  if (schema_ref.empty()) {
    return server::BadRequestStatus(
        grpc::StatusCode::INVALID_ARGUMENT,
        "schema: name the record schema to validate against (ID, ID@N or "
        "ID@latest)",
        {{"schema", "required"}});
  }
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> schema =
      registry.CompileSchema(schema_ref);
  if (!schema.ok()) {
    if (absl::IsInvalidArgument(schema.status())) {
      return server::BadRequestStatus(
          grpc::StatusCode::INVALID_ARGUMENT,
          std::string(schema.status().message()),
          {{"schema", std::string(schema.status().message())}});
    }
    return server::ToGrpcStatus(schema.status());
  }
  plan->schema = *std::move(schema);
  plan->limits = &limits;
  plan->options = codec::ValidateOptions();
  if (!as_of.empty()) {
    absl::CivilDay day;
    if (!codec::ParseIsoDate(as_of, &day)) {
      const std::string message = absl::StrCat(
          "as_of '", as_of, "' is not a real date written YYYY-MM-DD");
      return server::BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                                      message, {{"as_of", message}});
    }
    plan->options.as_of = codec::MakeDateKey(day);
  }
  if (!as_of_field.empty()) {
    plan->options.as_of_field = plan->schema->FindField(as_of_field);
    if (plan->options.as_of_field < 0) {
      const std::string message =
          absl::StrCat("as_of_field '", as_of_field, "' is not a field of ",
                       plan->schema->ref());
      return server::BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                                      message, {{"as_of_field", message}});
    }
  }
  return grpc::Status::OK;
}

grpc::Status ValidateOne(const ValidationPlan& plan, const v1::Record& record,
                         const std::string& where, v1::RecordResult* out) {
  const server::ServerOptions& limits = *plan.limits;
  if (record.fields_size() > limits.max_record_fields) {
    const std::string message = absl::StrCat(
        where, " has ", record.fields_size(), " fields; the limit is ",
        limits.max_record_fields, " (--max-record-fields)");
    return server::BadRequestStatus(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                    message, {{where + ".fields", message}});
  }
  thread_local std::vector<std::pair<std::string, std::string>> columns;
  columns.resize(record.fields_size());
  for (int i = 0; i < record.fields_size(); ++i) {
    const v1::RecordField& field = record.fields(i);
    if (static_cast<int64_t>(field.value().size()) > limits.max_value_bytes) {
      const std::string message =
          absl::StrCat(where, " field '", field.name(), "' has ",
                       field.value().size(), " bytes; the limit is ",
                       limits.max_value_bytes, " (--max-value-bytes)");
      return server::BadRequestStatus(
          grpc::StatusCode::INVALID_ARGUMENT, message,
          {{absl::StrCat(where, ".fields[", i, "].value"), message}});
    }
    columns[i].first.assign(field.name());
    columns[i].second.assign(field.value());
  }
  thread_local codec::RecordResult result;
  plan.schema->ValidateNamed(columns, plan.options, &result);
  plan.schema->ToProto(result, out);
  return grpc::Status::OK;
}

}  // namespace shuyuan::server_internal
