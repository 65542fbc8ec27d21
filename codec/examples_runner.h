// Examples are executable documentation (SPEC §2.6): every element and
// schema example states how a value or record must behave, and the registry
// refuses a definition whose examples do not behave as written. This file
// runs them.
//
//   std::vector<std::string> failures = RunElementExamples(*element);
//   if (!failures.empty()) {
//     return absl::InvalidArgumentError(absl::StrJoin(failures, "\n"));
//   }
//
// Each failure is one line naming the item, the example (1-based) and what
// differed: "GMSFHM example 3 ('110105194912310021'): expected valid, got
// INVALID (CHECKSUM_MISMATCH: ...)". Functions are thread-safe.
#ifndef SHUYUAN_CODEC_EXAMPLES_RUNNER_H_
#define SHUYUAN_CODEC_EXAMPLES_RUNNER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "codec/coding_rule.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/definition_resolver.h"

namespace shuyuan::codec {

// Runs the element's own examples (from its definition).
std::vector<std::string> RunElementExamples(const CompiledElement& element);

// Runs the schema's record examples.
std::vector<std::string> RunSchemaExamples(const CompiledSchema& schema);

// Runs a coding rule's examples (SPEC §2.12): each value as written, since a
// rule does not normalise (a `normalized` that differs from the value is a
// failure saying so).
std::vector<std::string> RunCodingRuleExamples(const CompiledCodingRule& rule);

// Compiles `element` against `resolver` and runs its examples: the check the
// registry makes before it registers a version. InvalidArgument with one
// line per failing example, or the compile error.
absl::Status VerifyElementExamples(const v1::DataElement& element,
                                   const DefinitionResolver& resolver);
absl::Status VerifySchemaExamples(const v1::RecordSchema& schema,
                                  const DefinitionResolver& resolver);
absl::Status VerifyCodingRuleExamples(const v1::CodingRule& rule,
                                      const DefinitionResolver& resolver);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_EXAMPLES_RUNNER_H_
