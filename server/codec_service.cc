#include "server/codec_service.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "codec/date_time.h"
#include "codec/element_code.h"
#include "codec/normalizer.h"
#include "server/internal/record_validation.h"
#include "server/status_mapping.h"

namespace shuyuan::server {

using server_internal::Call;
using server_internal::ValidationPlan;

namespace {

// The reference date of a decode: `as_of` or today (UTC+8).
grpc::Status ParseAsOf(const std::string& as_of, codec::DateKey* key) {
  if (as_of.empty()) {
    *key = codec::MakeDateKey(codec::Today());
    return grpc::Status::OK;
  }
  absl::CivilDay day;
  if (!codec::ParseIsoDate(as_of, &day)) {
    const std::string message = absl::StrCat(
        "as_of '", as_of, "' is not a real date written YYYY-MM-DD");
    return BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT, message,
                            {{"as_of", message}});
  }
  *key = codec::MakeDateKey(day);
  return grpc::Status::OK;
}

// The structured-code element `ref` denotes.
grpc::Status StructuredElement(
    const registry::Registry& registry, const std::string& ref,
    std::shared_ptr<const codec::CompiledElement>* element) {
  if (ref.empty()) {
    return BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                            "element: name a data element (ID, ID@N or "
                            "ID@latest)",
                            {{"element", "required"}});
  }
  absl::StatusOr<std::shared_ptr<const codec::CompiledElement>> compiled =
      registry.CompileElement(ref);
  if (!compiled.ok()) return ToGrpcStatus(compiled.status());
  if (!codec::IsStructuredCode(**compiled)) {
    const std::string message =
        absl::StrCat("data element ", (*compiled)->ref(),
                     " is not a structured code (its value_domain has no "
                     "checksum and no coding_rule)");
    return BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT, message,
                            {{"element", message}});
  }
  *element = *std::move(compiled);
  return grpc::Status::OK;
}

// One ValidateStream call: reads a request, validates it, writes its
// result, then reads the next — results in request order, and the client's
// sending is paced by gRPC's flow control. Deletes itself when done.
class ValidateStreamReactor
    : public grpc::ServerBidiReactor<v1::ValidateRecordRequest,
                                     v1::ValidateRecordResponse> {
 public:
  ValidateStreamReactor(const server_internal::ServiceEnv& env,
                        grpc::CallbackServerContext* context)
      : env_(env), call_(env, context, "ValidateStream") {
    const grpc::Status status = call_.Authorize(Role::kReader);
    if (!status.ok()) {
      Done(status);
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Done(grpc::Status::OK);  // the client finished sending
      return;
    }
    request_bytes_ += request_.ByteSizeLong();
    grpc::Status status = Validate();
    if (!status.ok()) {
      Done(status);
      return;
    }
    response_bytes_ += response_.ByteSizeLong();
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Done(grpc::Status(grpc::StatusCode::CANCELLED,
                        "the client stopped reading results"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  grpc::Status Validate() {
    response_.Clear();
    // One plan per distinct (schema, as_of, as_of_field), reused while the
    // stream names the same ones.
    if (!plan_.schema || request_.schema() != schema_ ||
        request_.as_of() != as_of_ || request_.as_of_field() != as_of_field_) {
      schema_ = request_.schema();
      as_of_ = request_.as_of();
      as_of_field_ = request_.as_of_field();
      grpc::Status status = server_internal::PlanValidation(
          *env_.registry, *env_.options, schema_, as_of_, as_of_field_, &plan_);
      if (!status.ok()) {
        plan_.schema.reset();
        return status;
      }
    }
    response_.set_schema_ref(plan_.schema->ref());
    response_.set_content_hash(
        plan_.schema->definition().version_info().content_hash());
    return server_internal::ValidateOne(plan_, request_.record(),
                                        absl::StrCat("record ", count_++),
                                        response_.mutable_result());
  }

  void Done(const grpc::Status& status) {
    call_.Log(status, request_bytes_, response_bytes_);
    Finish(status);
  }

  const server_internal::ServiceEnv& env_;
  Call call_;
  v1::ValidateRecordRequest request_;
  v1::ValidateRecordResponse response_;
  ValidationPlan plan_;
  std::string schema_, as_of_, as_of_field_;
  int64_t count_ = 0;
  size_t request_bytes_ = 0;
  size_t response_bytes_ = 0;
};

}  // namespace

grpc::ServerUnaryReactor* CodecServiceImpl::ValidateRecord(
    grpc::CallbackServerContext* context,
    const v1::ValidateRecordRequest* request,
    v1::ValidateRecordResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Call call(env_, context, "ValidateRecord");
  grpc::Status status = call.Authorize(Role::kReader);
  ValidationPlan plan;
  if (status.ok()) {
    status = server_internal::PlanValidation(
        *env_.registry, *env_.options, request->schema(), request->as_of(),
        request->as_of_field(), &plan);
  }
  if (status.ok()) {
    response->set_schema_ref(plan.schema->ref());
    response->set_content_hash(
        plan.schema->definition().version_info().content_hash());
    status = server_internal::ValidateOne(plan, request->record(), "record",
                                          response->mutable_result());
  }
  call.Finish(reactor, status, request->ByteSizeLong(),
              response->ByteSizeLong());
  return reactor;
}

grpc::ServerUnaryReactor* CodecServiceImpl::ValidateBatch(
    grpc::CallbackServerContext* context,
    const v1::ValidateBatchRequest* request,
    v1::ValidateBatchResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Call call(env_, context, "ValidateBatch");
  grpc::Status status = call.Authorize(Role::kReader);
  if (status.ok() &&
      request->records_size() > env_.options->max_batch_records) {
    const std::string message =
        absl::StrCat("the batch holds ", request->records_size(),
                     " records; the limit is ", env_.options->max_batch_records,
                     " (--max-batch-records); split it, or use ValidateStream");
    status = BadRequestStatus(grpc::StatusCode::RESOURCE_EXHAUSTED, message,
                              {{"records", message}});
  }
  ValidationPlan plan;
  if (status.ok()) {
    status = server_internal::PlanValidation(
        *env_.registry, *env_.options, request->schema(), request->as_of(),
        request->as_of_field(), &plan);
  }
  if (status.ok()) {
    response->set_schema_ref(plan.schema->ref());
    response->set_content_hash(
        plan.schema->definition().version_info().content_hash());
    response->mutable_results()->Reserve(request->records_size());
    for (int i = 0; i < request->records_size() && status.ok(); ++i) {
      status = server_internal::ValidateOne(plan, request->records(i),
                                            absl::StrCat("records[", i, "]"),
                                            response->add_results());
    }
  }
  if (!status.ok()) response->Clear();
  call.Finish(reactor, status, request->ByteSizeLong(),
              response->ByteSizeLong());
  return reactor;
}

grpc::ServerBidiReactor<v1::ValidateRecordRequest, v1::ValidateRecordResponse>*
CodecServiceImpl::ValidateStream(grpc::CallbackServerContext* context) {
  return new ValidateStreamReactor(env_, context);
}

grpc::ServerUnaryReactor* CodecServiceImpl::DecodeValue(
    grpc::CallbackServerContext* context, const v1::DecodeValueRequest* request,
    v1::DecodeValueResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Call call(env_, context, "DecodeValue");
  grpc::Status status = call.Authorize(Role::kReader);
  codec::DateKey as_of = 0;
  std::shared_ptr<const codec::CompiledElement> element;
  if (status.ok()) status = ParseAsOf(request->as_of(), &as_of);
  if (status.ok()) {
    status = StructuredElement(*env_.registry, request->element(), &element);
  }
  if (status.ok()) {
    response->set_element_ref(element->ref());
    // Decode what validation sees: the normalised value.
    v1::ValueResult checked;
    element->CheckValue(request->value(), as_of, &checked);
    response->set_normalized(checked.normalized());
    response->set_valid(checked.valid());
    *response->mutable_issues() = checked.issues();
    codec::NormalizeScratch scratch;
    const codec::NormalizeResult normalized =
        element->Normalize(request->value(), as_of, &scratch);
    absl::StatusOr<codec::DecodedCode> decoded =
        codec::DecodeStructuredCode(*element, normalized.value, as_of);
    if (decoded.ok()) {
      for (const codec::CodePart& part : decoded->parts) {
        v1::CodePartValue* out = response->add_parts();
        out->set_name(part.name);
        out->set_value(part.value);
      }
    }
  }
  call.Finish(reactor, status, request->ByteSizeLong(),
              response->ByteSizeLong());
  return reactor;
}

grpc::ServerUnaryReactor* CodecServiceImpl::EncodeValue(
    grpc::CallbackServerContext* context, const v1::EncodeValueRequest* request,
    v1::EncodeValueResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Call call(env_, context, "EncodeValue");
  grpc::Status status = call.Authorize(Role::kReader);
  std::shared_ptr<const codec::CompiledElement> element;
  if (status.ok()) {
    status = StructuredElement(*env_.registry, request->element(), &element);
  }
  if (status.ok()) {
    absl::StatusOr<std::string> code =
        codec::EncodeStructuredCode(*element, request->body());
    if (code.ok()) {
      response->set_element_ref(element->ref());
      response->set_code(*std::move(code));
    } else {
      status =
          BadRequestStatus(grpc::StatusCode::INVALID_ARGUMENT,
                           std::string(code.status().message()),
                           {{"body", std::string(code.status().message())}});
    }
  }
  call.Finish(reactor, status, request->ByteSizeLong(),
              response->ByteSizeLong());
  return reactor;
}

grpc::ServerUnaryReactor* CodecServiceImpl::Echo(
    grpc::CallbackServerContext* context,
    const v1::ValidateRecordRequest* request,
    v1::ValidateRecordResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Call call(env_, context, "Echo");
  grpc::Status status = call.Authorize(Role::kReader);
  if (status.ok() && !env_.options->bench_echo) {
    status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                          "Echo is a benchmark baseline; start the server "
                          "with --bench-echo");
  }
  if (status.ok()) {
    response->set_schema_ref(request->schema());
    v1::RecordResult* result = response->mutable_result();
    result->set_verdict(v1::VALID);
    for (const v1::RecordField& field : request->record().fields()) {
      v1::FieldValue* value = result->add_values();
      value->set_name(field.name());
      value->set_value(field.value());
    }
  }
  call.Finish(reactor, status, request->ByteSizeLong(),
              response->ByteSizeLong());
  return reactor;
}

}  // namespace shuyuan::server
