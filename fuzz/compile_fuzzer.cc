// Fuzzes compiling definitions: whatever definition file loads (seeded with
// the catalog) is compiled — formats, patterns, bounds, normaliser steps,
// code lists, derivations, rules — and its examples are run. Bad definitions
// must come back as errors naming their site, never as a crash, a hang or
// undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "codec/coding_rule.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/definition_error.h"
#include "codec/definition_loader.h"
#include "codec/definition_set.h"
#include "codec/examples_runner.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// A compile error is a definition error (or a reference to nothing), and it
// says where.
void CheckError(const absl::Status& status) {
  Check(status.code() == absl::StatusCode::kInvalidArgument ||
        status.code() == absl::StatusCode::kNotFound);
  Check(shuyuan::codec::ErrorSiteOf(status).has_value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shuyuan::codec;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<LoadedDocument>> documents =
      ParseDefinitionText(text, "fuzz.yaml");
  if (!documents.ok()) return 0;
  DefinitionSet defs;
  for (LoadedDocument& document : *documents) {
    (void)defs.Add(std::move(document));  // duplicates and bad ids refused
  }
  for (const shuyuan::v1::DataElement* element : defs.elements()) {
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(*element, defs);
    if (!compiled.ok()) {
      CheckError(compiled.status());
      continue;
    }
    (void)RunElementExamples(**compiled);
  }
  for (const shuyuan::v1::CodingRule* rule : defs.coding_rules()) {
    absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> compiled =
        CompiledCodingRule::Compile(*rule, defs);
    if (!compiled.ok()) {
      CheckError(compiled.status());
      continue;
    }
    (void)RunCodingRuleExamples(**compiled);
    // Encoding the examples' bodies gives codes of the rule's shape.
    for (const shuyuan::v1::ElementExample& example : rule->examples()) {
      (void)(*compiled)->Encode(example.value());
      (void)(*compiled)->Decode(example.value(), 20240601);
    }
  }
  for (const shuyuan::v1::RecordSchema* schema : defs.schemas()) {
    absl::StatusOr<std::shared_ptr<const CompiledSchema>> compiled =
        CompiledSchema::Compile(*schema, defs);
    if (!compiled.ok()) {
      CheckError(compiled.status());
      continue;
    }
    (void)RunSchemaExamples(**compiled);
    RecordResult result;
    (*compiled)->Validate({}, ValidateOptions(), &result);
    Check(result.verdict() != shuyuan::v1::VERDICT_UNSPECIFIED);
  }
  return 0;
}
