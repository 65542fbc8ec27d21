#include "client/local_definitions.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "codec/code_list_index.h"
#include "codec/coding_rule.h"
#include "codec/definition_resolver.h"
#include "common/status_macros.h"

namespace shuyuan::client {
namespace {

// The set as a resolver that compiles each code list once: compiling every
// element and schema would otherwise compile a list once per use.
class CompiledListCache : public codec::DefinitionResolver {
 public:
  explicit CompiledListCache(const codec::DefinitionSet& set) : set_(set) {}

  absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const override {
    return set_.ResolveElement(ref);
  }
  absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const override {
    return set_.ResolveCodeList(ref);
  }
  absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const override {
    return set_.ResolveSchema(ref);
  }
  absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const override {
    return set_.ResolveCodingRule(ref);
  }
  // Used on one thread, during LocalDefinitions::Load only.
  absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>>
  CompileCodeList(const v1::CodeList& list) const override {
    auto it = lists_.find(&list);
    if (it != lists_.end()) return it->second;
    SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const codec::CompiledCodeList> c,
                             set_.CompileCodeList(list));
    lists_.emplace(&list, c);
    return c;
  }

 private:
  const codec::DefinitionSet& set_;
  mutable absl::flat_hash_map<const v1::CodeList*,
                              std::shared_ptr<const codec::CompiledCodeList>>
      lists_;
};

}  // namespace

absl::StatusOr<LocalDefinitions> LocalDefinitions::Load(
    const std::string& path) {
  SHUYUAN_ASSIGN_OR_RETURN(codec::DefinitionSet set,
                           codec::DefinitionSet::Load(path));
  return Adopt(std::move(set), path);
}

absl::StatusOr<LocalDefinitions> LocalDefinitions::Adopt(
    codec::DefinitionSet set, std::string name) {
  LocalDefinitions defs;
  defs.path_ = std::move(name);
  defs.set_ = std::make_unique<codec::DefinitionSet>(std::move(set));
  SHUYUAN_RETURN_IF_ERROR(defs.CompileAll());
  return defs;
}

absl::Status LocalDefinitions::CompileAll() {
  const CompiledListCache resolver(*set_);
  auto described = [this](const absl::Status& status) {
    return absl::Status(status.code(), set_->Describe(status));
  };
  for (const v1::CodeList* list : set_->code_lists()) {
    absl::StatusOr<std::shared_ptr<const codec::CompiledCodeList>> compiled =
        resolver.CompileCodeList(*list);
    if (!compiled.ok()) return described(compiled.status());
  }
  for (const v1::CodingRule* rule : set_->coding_rules()) {
    auto compiled = codec::CompiledCodingRule::Compile(*rule, resolver);
    if (!compiled.ok()) return described(compiled.status());
  }
  for (const v1::DataElement* element : set_->elements()) {
    auto compiled = codec::CompiledElement::Compile(*element, resolver);
    if (!compiled.ok()) return described(compiled.status());
    elements_.emplace(element, *std::move(compiled));
  }
  for (const v1::RecordSchema* schema : set_->schemas()) {
    auto compiled = codec::CompiledSchema::Compile(*schema, resolver);
    if (!compiled.ok()) return described(compiled.status());
    schemas_.emplace(schema, *std::move(compiled));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const codec::CompiledElement>>
LocalDefinitions::Element(absl::string_view ref) const {
  const v1::DataElement* element = set_->FindElement(ref);
  auto it = elements_.find(element);
  if (element == nullptr || it == elements_.end()) {
    return absl::NotFoundError(
        absl::StrCat("no data element '", ref, "' in ", path_, " (",
                     set_->elements().size(), " elements loaded)"));
  }
  return it->second;
}

absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>>
LocalDefinitions::Schema(absl::string_view ref) const {
  const v1::RecordSchema* schema = set_->FindSchema(ref);
  auto it = schemas_.find(schema);
  if (schema == nullptr || it == schemas_.end()) {
    return absl::NotFoundError(absl::StrCat("no record schema '", ref, "' in ",
                                            path_, " (", set_->schemas().size(),
                                            " schemas loaded)"));
  }
  return it->second;
}

}  // namespace shuyuan::client
