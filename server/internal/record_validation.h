// The validation steps the codec RPCs share: the request limits of SPEC §4,
// the reference date, and one record through a compiled schema.
//
//   SHUYUAN_ASSIGN_OR_RETURN(ValidationPlan plan,
//                            PlanValidation(registry, options, schema, as_of,
//                                           as_of_field));
//   grpc::Status s = ValidateOne(plan, request.record(), "record", &result);
//
// Thread-safe; ValidateOne uses a per-thread RecordResult.
#ifndef SHUYUAN_SERVER_INTERNAL_RECORD_VALIDATION_H_
#define SHUYUAN_SERVER_INTERNAL_RECORD_VALIDATION_H_

#include <memory>
#include <string>

#include "codec/compiled_schema.h"
#include "grpcpp/support/status.h"
#include "registry/registry.h"
#include "server/server_options.h"
#include "shuyuan/v1/codec_service.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::server_internal {

// A schema and options resolved once per request (once per batch).
struct ValidationPlan {
  std::shared_ptr<const codec::CompiledSchema> schema;
  codec::ValidateOptions options;
  const server::ServerOptions* limits = nullptr;
};

// Resolves and compiles `schema_ref`, parses `as_of` (YYYY-MM-DD, default
// today in UTC+8) and `as_of_field`. INVALID_ARGUMENT with a field
// violation for a missing or malformed one; NOT_FOUND for an unknown
// schema.
grpc::Status PlanValidation(const registry::Registry& registry,
                            const server::ServerOptions& limits,
                            const std::string& schema_ref,
                            const std::string& as_of,
                            const std::string& as_of_field,
                            ValidationPlan* plan);

// Checks `record` against the field-count and value-size limits
// (`where` names it in violations: "record", "records[12]") and validates
// it into `out`.
grpc::Status ValidateOne(const ValidationPlan& plan, const v1::Record& record,
                         const std::string& where, v1::RecordResult* out);

}  // namespace shuyuan::server_internal

#endif  // SHUYUAN_SERVER_INTERNAL_RECORD_VALIDATION_H_
