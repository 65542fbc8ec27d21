// CompiledSchema: a record schema (数据集结构, SPEC §2.7) with its pinned
// elements and code lists, compiled into an immutable, thread-safe
// validator and normaliser for whole records (SPEC §3.1).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledSchema> schema,
//                            CompiledSchema::Compile(schema_proto, resolver));
//   RecordResult result;                      // reuse one per thread
//   std::vector<absl::string_view> values = ...;  // in schema field order
//   ValidateOptions options;
//   options.as_of = MakeDateKey(Today());
//   schema->Validate(values, options, &result);
//   if (result.verdict() == v1::INVALID) { ... result.issues() ... }
//   v1::RecordResult proto;
//   schema->ToProto(result, &proto);          // names, refs, masking
//
// Validate allocates nothing for records whose values are already canonical
// once `result` has warmed up. A record failing its rules is a result, not
// an error.
#ifndef SHUYUAN_CODEC_COMPILED_SCHEMA_H_
#define SHUYUAN_CODEC_COMPILED_SCHEMA_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "codec/compiled_element.h"
#include "codec/date_time.h"
#include "codec/definition_resolver.h"
#include "codec/issue.h"
#include "codec/normalizer.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::codec {

class CompiledSchema;

// What CompiledSchema::ToProto fills. The defaults give the whole result.
struct ToProtoOptions {
  // Fill the normalised `values` and the `normalizations` (default true). A
  // caller that needs only the issues (a batch writing a reject line) turns
  // this off and copies no value.
  bool values = true;
};

// Per-call options of CompiledSchema::Validate.
struct ValidateOptions {
  // Reference date for effective-date checks (SPEC §3.3). 0 = today.
  DateKey as_of = 0;
  // Index of a schema field whose (valid) date is the reference date for
  // the record, overriding `as_of`; -1 = none.
  int as_of_field = -1;
};

// The outcome of validating one record. Not thread-safe: one per thread,
// reused across records so that steady-state validation does not allocate.
// Values are views into the input passed to Validate (which must outlive
// the result's use) or into the result's own buffers.
class RecordResult {
 public:
  RecordResult() = default;
  RecordResult(const RecordResult&) = delete;
  RecordResult& operator=(const RecordResult&) = delete;

  v1::Verdict verdict() const { return verdict_; }
  bool ok() const { return verdict_ != v1::INVALID; }
  // The normalised value of field `i` (schema order); empty when missing.
  absl::string_view value(int i) const { return values_[i]; }
  // The raw value of field `i` as given (after column mapping).
  absl::string_view original(int i) const { return originals_[i]; }
  const std::vector<Issue>& issues() const { return issues_; }
  size_t field_count() const { return values_.size(); }
  // Bit i set when normaliser step i changed field `field`.
  uint32_t changed_steps(int field) const { return changed_[field]; }
  // True when field `field` was filled from its default / derived.
  bool defaulted(int field) const { return defaulted_[field]; }
  bool derived(int field) const { return derived_[field]; }

 private:
  friend class CompiledSchema;
  void Reset(size_t fields);

  v1::Verdict verdict_ = v1::VERDICT_UNSPECIFIED;
  std::vector<absl::string_view> values_;
  std::vector<absl::string_view> originals_;
  std::vector<uint32_t> changed_;
  std::vector<char> defaulted_;
  std::vector<char> derived_;
  std::vector<char> field_ok_;
  // Derive compared field i with its source's part as is (or filled i from
  // it): a rule comparing the same part is settled.
  std::vector<char> settled_;
  std::vector<NormalizeScratch> scratch_;
  std::vector<NormalizeScratch> derive_scratch_;  // derived fields' parts
  std::vector<std::string> derived_storage_;
  std::vector<Issue> issues_;
};

// One field of a compiled schema.
struct CompiledField {
  std::string name;
  std::shared_ptr<const CompiledElement> element;
  bool required = false;
  std::vector<std::string> aliases;
  bool has_default = false;
  std::string default_value;
  int derive_from = -1;  // source field index, -1 when not derived
  std::string derive_part;
};

// Thread-safe; immutable after Compile.
class CompiledSchema {
 public:
  struct Rule;  // a compiled record rule; defined in compiled_schema.cc

  // Compiles `schema`, resolving every element and code list through
  // `resolver`. InvalidArgument naming the field or rule for bad fields,
  // unknown field names in rules, derivations from codes that lack the
  // part, rules over fields of the wrong kind; NotFound for unresolvable
  // references.
  static absl::StatusOr<std::shared_ptr<const CompiledSchema>> Compile(
      const v1::RecordSchema& schema, const DefinitionResolver& resolver);

  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  ~CompiledSchema();

  // Validates a record given as values in schema field order (`values` may
  // be shorter than the schema: missing trailing fields are empty).
  void Validate(absl::Span<const absl::string_view> values,
                const ValidateOptions& options, RecordResult* result) const;

  // Validates a record given as column → value pairs. Columns match field
  // names, then aliases; unknown columns are UNKNOWN_FIELD warnings.
  void ValidateNamed(
      absl::Span<const std::pair<std::string, std::string>> columns,
      const ValidateOptions& options, RecordResult* result) const;

  // Converts a result into its API form: field names, element refs,
  // normalisation provenance, and masked values for L3/L4 elements. Values
  // quoted in issues are cut to kMaxQuotedChars characters (MaskValue).
  void ToProto(const RecordResult& result, v1::RecordResult* out,
               const ToProtoOptions& options = {}) const;

  // The field a column name denotes (exact name, then alias, then ASCII
  // case-insensitive name or alias); -1 when none.
  int FindField(absl::string_view column) const;

  size_t field_count() const { return fields_.size(); }
  const CompiledField& field(int i) const { return fields_[i]; }
  const std::string& id() const { return definition_.id(); }
  const std::string& ref() const { return ref_; }
  const v1::RecordSchema& definition() const { return definition_; }
  // Every element and code list the schema was compiled from, as refs.
  const std::vector<std::string>& dependencies() const { return dependencies_; }

 private:
  CompiledSchema() = default;

  // Compile's steps, in order: the fields and their elements (filling
  // `by_name`), the column names, the derived fields, and each rule.
  absl::Status CompileFields(const DefinitionResolver& resolver,
                             absl::flat_hash_map<std::string, int>* by_name);
  absl::Status IndexColumns();
  absl::Status CompileDerivations(
      const absl::flat_hash_map<std::string, int>& by_name);
  absl::StatusOr<Rule> CompileRule(
      int r, const absl::flat_hash_map<std::string, int>& by_name) const;

  void ValidateField(int i, absl::string_view raw, DateKey as_of,
                     RecordResult* result) const;
  void Derive(int i, DateKey as_of, RecordResult* result) const;
  void CheckRule(const Rule& rule, RecordResult* result) const;
  // The English and Chinese messages of a cross-field rule that failed on
  // the values `a` and `b`.
  std::pair<std::string, std::string> RuleMessages(const Rule& rule,
                                                   absl::string_view a,
                                                   absl::string_view b) const;

  // Immutable after construction.
  v1::RecordSchema definition_;
  std::string ref_;
  std::vector<CompiledField> fields_;
  std::vector<Rule> rules_;
  std::vector<int> plain_fields_;       // validated first
  std::vector<int> derived_fields_;     // then these, from their sources
  std::vector<int> superseded_fields_;  // fields whose element is SUPERSEDED
  absl::flat_hash_map<std::string, int> by_column_;
  std::vector<std::string> dependencies_;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_COMPILED_SCHEMA_H_
