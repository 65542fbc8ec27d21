// CodingRuleCompiler: turns a v1::CodingRule into the plan of
// codec/internal/coding_rule_plan.h, refusing definitions that cannot work
// with errors sited at the field at fault (codec/definition_error.h). One
// compiler compiles a rule and everything it nests; a rule nested several
// times compiles once, and a rule that nests itself is refused.
//
//   CodingRuleCompiler compiler(resolver);
//   absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> rule =
//       compiler.Compile(proto);
//
// Also the charset notation of segments ("0-9A-HJ-NP-Y").
//
// Not thread-safe: one compiler per Compile call (CompiledCodingRule::Compile
// makes one).
#ifndef SHUYUAN_CODEC_INTERNAL_CODING_RULE_COMPILER_H_
#define SHUYUAN_CODEC_INTERNAL_CODING_RULE_COMPILER_H_

#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/coding_rule.h"
#include "codec/definition_resolver.h"
#include "codec/internal/check_algorithms.h"
#include "codec/internal/coding_rule_plan.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {

// Parses a charset: characters and ranges ("0-9A-Z"), printable ASCII only;
// '\' escapes the next character, and a '-' first or last is literal.
// InvalidArgument naming the offset of the first bad character.
absl::StatusOr<ByteSet> ParseCharset(absl::string_view text);

class CodingRuleCompiler {
 public:
  explicit CodingRuleCompiler(const codec::DefinitionResolver& resolver)
      : resolver_(resolver) {}
  CodingRuleCompiler(const CodingRuleCompiler&) = delete;
  CodingRuleCompiler& operator=(const CodingRuleCompiler&) = delete;

  absl::StatusOr<std::shared_ptr<const codec::CompiledCodingRule>> Compile(
      const v1::CodingRule& rule);

 private:
  friend class RuleBuilder;

  // The rule `ref` names, compiled once per compiler.
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodingRule>> Nested(
      absl::string_view ref);
  static std::shared_ptr<const codec::CompiledCodingRule> Make(
      const v1::CodingRule& rule, std::unique_ptr<const CodingRulePlan> plan);
  static const CodingRulePlan& PlanOf(const codec::CompiledCodingRule& rule) {
    return *rule.plan_;
  }

  const codec::DefinitionResolver& resolver_;
  absl::flat_hash_map<const v1::CodingRule*,
                      std::shared_ptr<const codec::CompiledCodingRule>>
      compiled_;
  std::vector<const v1::CodingRule*> in_progress_;
};

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_CODING_RULE_COMPILER_H_
