#include "codec/compiled_schema.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/checksum.h"
#include "codec/definition_error.h"
#include "codec/element_code.h"
#include "codec/structured_code.h"
#include "common/status_macros.h"

namespace shuyuan::codec {

struct CompiledSchema::Rule {
  enum Kind {
    kIdBirthDate,
    kIdSex,
    kUsccOrgCode,
    kUsccDivision,
    kDateOrder,
    kRequiredIf,
  };
  Kind kind;
  int a = -1;        // first operand (id, uscc, a, field)
  int b = -1;        // second operand (date, sex, org_code, division, b, other)
  std::string name;  // "id_sex(gmsfhm, xbdm)"
  // True when b is derived from a by the very part this rule compares:
  // when the derivation compared a given b with that part (or filled a
  // missing b from it), the rule holds (RecordResult::settled_).
  bool implied = false;
};

namespace {

using Rule = CompiledSchema::Rule;

// InvalidArgument "record schema ID: WHAT", sited at `field` of the schema.
absl::Status SchemaError(const v1::RecordSchema& schema,
                         absl::string_view field, absl::string_view what) {
  return WithErrorSite(absl::InvalidArgumentError(absl::StrCat(
                           "record schema ", schema.id(), ": ", what)),
                       {"record_schema", schema.id(), std::string(field)});
}

// The part of a structured code that a cross-field rule compares.
absl::string_view ImpliedPart(CompiledSchema::Rule::Kind kind) {
  switch (kind) {
    case CompiledSchema::Rule::kIdBirthDate:
      return "birth_date";
    case CompiledSchema::Rule::kIdSex:
      return "sex";
    case CompiledSchema::Rule::kUsccOrgCode:
      return "organization_code";
    case CompiledSchema::Rule::kUsccDivision:
      return "division_code";
    default:
      return "";
  }
}

bool IsDateElement(const CompiledElement& element) {
  return LayoutHasDate(element.format().layout);
}

// Compares two parsed date-times field by field.
int CompareFields(const DateTimeFields& a, const DateTimeFields& b) {
  const int ka[] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
  const int kb[] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
  for (int i = 0; i < 6; ++i) {
    if (ka[i] != kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return 0;
}

absl::string_view StripHyphen(absl::string_view v, std::string* buf) {
  if (v.find('-') == absl::string_view::npos) return v;
  buf->clear();
  for (char c : v) {
    if (c != '-') buf->push_back(c);
  }
  return *buf;
}

// A rule's kind, its name and the names of its operand fields; false for
// an empty rule.
bool ReadRule(const v1::RecordRule& proto, CompiledSchema::Rule* rule,
              absl::string_view* kind_name, std::string* a, std::string* b) {
  switch (proto.rule_case()) {
    case v1::RecordRule::kIdBirthDate:
      rule->kind = Rule::kIdBirthDate;
      *kind_name = "id_birth_date";
      *a = proto.id_birth_date().id();
      *b = proto.id_birth_date().date();
      break;
    case v1::RecordRule::kIdSex:
      rule->kind = Rule::kIdSex;
      *kind_name = "id_sex";
      *a = proto.id_sex().id();
      *b = proto.id_sex().sex();
      break;
    case v1::RecordRule::kUsccOrgCode:
      rule->kind = Rule::kUsccOrgCode;
      *kind_name = "uscc_org_code";
      *a = proto.uscc_org_code().uscc();
      *b = proto.uscc_org_code().org_code();
      break;
    case v1::RecordRule::kUsccDivision:
      rule->kind = Rule::kUsccDivision;
      *kind_name = "uscc_division";
      *a = proto.uscc_division().uscc();
      *b = proto.uscc_division().division();
      break;
    case v1::RecordRule::kDateOrder:
      rule->kind = Rule::kDateOrder;
      *kind_name = "date_order";
      *a = proto.date_order().a();
      *b = proto.date_order().b();
      break;
    case v1::RecordRule::kRequiredIf:
      rule->kind = Rule::kRequiredIf;
      *kind_name = "required_if";
      *a = proto.required_if().field();
      *b = proto.required_if().other();
      break;
    case v1::RecordRule::RULE_NOT_SET:
      return false;
  }
  return true;
}

// InvalidArgument when an operand's element cannot take part in `rule`
// (rules[r] of `schema`): an id_* rule needs a GB11643 number, a uscc_*
// rule a GB32100 code, a date operand a date format.
absl::Status CheckOperands(const v1::RecordSchema& schema, int r,
                           const CompiledSchema::Rule& rule,
                           const CompiledElement& ea,
                           const CompiledElement& eb) {
  auto need = [&](bool ok, absl::string_view what) -> absl::Status {
    if (ok) return absl::OkStatus();
    return SchemaError(schema, absl::StrCat("rules[", r, "]"),
                       absl::StrCat("rules[", r, "] ", rule.name, ": ", what));
  };
  switch (rule.kind) {
    case Rule::kIdBirthDate:
      SHUYUAN_RETURN_IF_ERROR(need(ea.checksum() == v1::GB11643,
                                   "the id field's element must have "
                                   "checksum GB11643"));
      SHUYUAN_RETURN_IF_ERROR(need(IsDateElement(eb),
                                   "the date field's element must have a "
                                   "date format"));
      break;
    case Rule::kIdSex:
      SHUYUAN_RETURN_IF_ERROR(need(ea.checksum() == v1::GB11643,
                                   "the id field's element must have "
                                   "checksum GB11643"));
      break;
    case Rule::kUsccOrgCode:
    case Rule::kUsccDivision:
      SHUYUAN_RETURN_IF_ERROR(need(ea.checksum() == v1::GB32100,
                                   "the uscc field's element must have "
                                   "checksum GB32100"));
      break;
    case Rule::kDateOrder:
      SHUYUAN_RETURN_IF_ERROR(need(IsDateElement(ea) && IsDateElement(eb),
                                   "both fields must have date formats"));
      break;
    case Rule::kRequiredIf:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

void RecordResult::Reset(size_t fields) {
  verdict_ = v1::VALID;
  issues_.clear();
  // ValidateField writes every per-field slot of every record, so the
  // vectors only change size when the schema does.
  if (values_.size() == fields) return;
  values_.assign(fields, absl::string_view());
  originals_.assign(fields, absl::string_view());
  changed_.assign(fields, 0);
  defaulted_.assign(fields, 0);
  derived_.assign(fields, 0);
  field_ok_.assign(fields, 1);
  settled_.assign(fields, 0);
  scratch_.resize(fields);
  derive_scratch_.resize(fields);
  derived_storage_.resize(fields);
}

CompiledSchema::~CompiledSchema() = default;

absl::StatusOr<std::shared_ptr<const CompiledSchema>> CompiledSchema::Compile(
    const v1::RecordSchema& schema, const DefinitionResolver& resolver) {
  std::shared_ptr<CompiledSchema> compiled(new CompiledSchema());
  compiled->definition_ = schema;
  compiled->ref_ = ItemRef(schema.id(), schema.version_info());
  if (schema.fields_size() == 0) {
    return SchemaError(schema, "fields", "has no fields");
  }
  absl::flat_hash_map<std::string, int> by_name;
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileFields(resolver, &by_name));
  SHUYUAN_RETURN_IF_ERROR(compiled->IndexColumns());
  SHUYUAN_RETURN_IF_ERROR(compiled->CompileDerivations(by_name));
  for (int r = 0; r < schema.rules_size(); ++r) {
    SHUYUAN_ASSIGN_OR_RETURN(Rule rule, compiled->CompileRule(r, by_name));
    compiled->rules_.push_back(std::move(rule));
  }
  return std::shared_ptr<const CompiledSchema>(std::move(compiled));
}

absl::Status CompiledSchema::CompileFields(
    const DefinitionResolver& resolver,
    absl::flat_hash_map<std::string, int>* by_name) {
  const v1::RecordSchema& schema = definition_;
  // Elements, compiled once each even when several fields share one.
  absl::flat_hash_map<std::string, std::shared_ptr<const CompiledElement>>
      elements;
  for (int i = 0; i < schema.fields_size(); ++i) {
    const v1::SchemaField& field = schema.fields(i);
    if (field.name().empty()) {
      return SchemaError(schema, absl::StrCat("fields[", i, "].name"),
                         absl::StrCat("fields[", i, "] has no name"));
    }
    if (!by_name->emplace(field.name(), i).second) {
      return SchemaError(
          schema, absl::StrCat("fields[", i, "].name"),
          absl::StrCat("field '", field.name(), "' is defined twice (fields[",
                       (*by_name)[field.name()], "] and fields[", i, "])"));
    }
    if (field.element().empty()) {
      return SchemaError(
          schema, absl::StrCat("fields[", i, "].element"),
          absl::StrCat("field '", field.name(), "' names no element"));
    }
    absl::StatusOr<const v1::DataElement*> resolved =
        resolver.ResolveElement(field.element());
    if (!resolved.ok()) {
      return WithErrorSite(
          absl::Status(
              resolved.status().code(),
              absl::StrCat("record schema ", schema.id(), ": field '",
                           field.name(), "': ", resolved.status().message())),
          {"record_schema", schema.id(),
           absl::StrCat("fields[", i, "].element")});
    }
    const v1::DataElement* element = *resolved;
    const std::string element_ref =
        ItemRef(element->id(), element->version_info());
    auto it = elements.find(element_ref);
    if (it == elements.end()) {
      absl::StatusOr<std::shared_ptr<const CompiledElement>> ce =
          CompiledElement::Compile(*element, resolver);
      if (!ce.ok()) {
        // Keep the element's own site: the fault is in its definition.
        const std::optional<ErrorSite> site = ErrorSiteOf(ce.status());
        return WithErrorSite(
            absl::Status(
                ce.status().code(),
                absl::StrCat("record schema ", schema.id(), ": field '",
                             field.name(), "': ", ce.status().message())),
            site.has_value()
                ? *site
                : ErrorSite{"record_schema", schema.id(),
                            absl::StrCat("fields[", i, "].element")});
      }
      it = elements.emplace(element_ref, *std::move(ce)).first;
      dependencies_.push_back(element_ref);
      // The element's code lists, each once: its value domain's and the
      // address codes of its identity numbers.
      for (const std::string* list_ref :
           {&it->second->code_list_ref(), &it->second->address_codes_ref()}) {
        if (!list_ref->empty() &&
            std::find(dependencies_.begin(), dependencies_.end(), *list_ref) ==
                dependencies_.end()) {
          dependencies_.push_back(*list_ref);
        }
      }
    }
    CompiledField& cf = fields_.emplace_back();
    cf.name = field.name();
    cf.element = it->second;
    cf.required = field.required();
    cf.aliases.assign(field.aliases().begin(), field.aliases().end());
    cf.has_default = field.has_default_();
    cf.default_value = field.default_();
  }

  return absl::OkStatus();
}

absl::Status CompiledSchema::IndexColumns() {
  const v1::RecordSchema& schema = definition_;
  // Column names: exact names and aliases, then lower-case forms.
  auto add_column = [&](const std::string& column, int i,
                        bool exact) -> absl::Status {
    auto [it, inserted] = by_column_.emplace(column, i);
    if (!inserted && it->second != i && exact) {
      return SchemaError(
          schema, absl::StrCat("fields[", i, "].aliases"),
          absl::StrCat("column name '", column, "' denotes both field '",
                       fields_[it->second].name, "' and field '",
                       fields_[i].name, "'"));
    }
    return absl::OkStatus();
  };
  for (int i = 0; i < static_cast<int>(fields_.size()); ++i) {
    SHUYUAN_RETURN_IF_ERROR(add_column(fields_[i].name, i, true));
    for (const std::string& alias : fields_[i].aliases) {
      SHUYUAN_RETURN_IF_ERROR(add_column(alias, i, true));
    }
  }
  for (int i = 0; i < static_cast<int>(fields_.size()); ++i) {
    SHUYUAN_RETURN_IF_ERROR(
        add_column(absl::AsciiStrToLower(fields_[i].name), i, false));
    for (const std::string& alias : fields_[i].aliases) {
      SHUYUAN_RETURN_IF_ERROR(
          add_column(absl::AsciiStrToLower(alias), i, false));
    }
  }

  return absl::OkStatus();
}

absl::Status CompiledSchema::CompileDerivations(
    const absl::flat_hash_map<std::string, int>& by_name) {
  const v1::RecordSchema& schema = definition_;
  // Derivations.
  for (int i = 0; i < schema.fields_size(); ++i) {
    const v1::SchemaField& field = schema.fields(i);
    if (!field.has_derive()) continue;
    const std::string& from = field.derive().from();
    auto src = by_name.find(from);
    if (src == by_name.end()) {
      return SchemaError(schema, absl::StrCat("fields[", i, "].derive.from"),
                         absl::StrCat("field '", field.name(),
                                      "': derive.from names unknown "
                                      "field '",
                                      from, "'"));
    }
    if (schema.fields(src->second).has_derive()) {
      return SchemaError(
          schema, absl::StrCat("fields[", i, "].derive.from"),
          absl::StrCat("field '", field.name(), "': derives from '", from,
                       "', which is itself derived"));
    }
    const CompiledElement& source = *fields_[src->second].element;
    const bool structured = IsStructuredCode(source);
    const auto parts = CodePartNames(source);
    if (!structured || std::find(parts.begin(), parts.end(),
                                 field.derive().part()) == parts.end()) {
      std::string allowed;
      for (absl::string_view p : parts)
        absl::StrAppend(&allowed, allowed.empty() ? "" : ", ", p);
      return SchemaError(
          schema, absl::StrCat("fields[", i, "].derive.part"),
          absl::StrCat("field '", field.name(), "': derive.part '",
                       field.derive().part(), "' is not a part of field '",
                       from, "' (element ", fields_[src->second].element->ref(),
                       !structured ? ", which is not a structured code)"
                                   : absl::StrCat("; parts: ", allowed, ")")));
    }
    fields_[i].derive_from = src->second;
    fields_[i].derive_part = field.derive().part();
  }
  for (int i = 0; i < static_cast<int>(fields_.size()); ++i) {
    (fields_[i].derive_from >= 0 ? derived_fields_ : plain_fields_)
        .push_back(i);
    if (fields_[i].element->is_superseded()) {
      superseded_fields_.push_back(i);
    }
  }

  return absl::OkStatus();
}

absl::StatusOr<CompiledSchema::Rule> CompiledSchema::CompileRule(
    int r, const absl::flat_hash_map<std::string, int>& by_name) const {
  const v1::RecordSchema& schema = definition_;
  Rule rule;
  std::string a, b;
  absl::string_view kind_name;
  if (!ReadRule(schema.rules(r), &rule, &kind_name, &a, &b)) {
    return SchemaError(schema, absl::StrCat("rules[", r, "]"),
                       absl::StrCat("rules[", r, "] is empty"));
  }
  rule.name = absl::StrCat(kind_name, "(", a, ", ", b, ")");
  for (auto [name, index] : {std::pair{&a, &rule.a}, {&b, &rule.b}}) {
    auto it = by_name.find(*name);
    if (it == by_name.end()) {
      return SchemaError(schema, absl::StrCat("rules[", r, "]"),
                         absl::StrCat("rules[", r, "] ", rule.name,
                                      ": no field named '", *name, "'"));
    }
    *index = it->second;
  }
  SHUYUAN_RETURN_IF_ERROR(CheckOperands(
      schema, r, rule, *fields_[rule.a].element, *fields_[rule.b].element));
  const CompiledField& derived = fields_[rule.b];
  rule.implied = derived.derive_from == rule.a &&
                 derived.derive_part == ImpliedPart(rule.kind);
  return rule;
}

int CompiledSchema::FindField(absl::string_view column) const {
  auto it = by_column_.find(column);
  if (it != by_column_.end()) return it->second;
  it = by_column_.find(absl::AsciiStrToLower(column));
  return it == by_column_.end() ? -1 : it->second;
}

void CompiledSchema::ValidateField(int i, absl::string_view raw, DateKey as_of,
                                   RecordResult* result) const {
  const CompiledField& field = fields_[i];
  // Every per-field slot is written here, so Reset need not clear them.
  result->originals_[i] = raw;
  result->derived_[i] = 0;
  result->settled_[i] = 0;
  result->field_ok_[i] = 1;
  result->defaulted_[i] = raw.empty() && field.has_default;
  if (result->defaulted_[i]) raw = field.default_value;
  const NormalizeResult n =
      field.element->Normalize(raw, as_of, &result->scratch_[i]);
  result->values_[i] = n.value;
  result->changed_[i] = n.changed_steps;
  if (n.issue != v1::ISSUE_CODE_UNSPECIFIED) {
    AddIssue(&result->issues_, i, n.issue, v1::ERROR,
             absl::StrCat("'", MaskValue(raw, field.element->sensitivity()),
                          "' matches several codes of ", field.element->ref(),
                          "; cannot map it"),
             absl::StrCat("“", MaskValue(raw, field.element->sensitivity()),
                          "”对应 ", field.element->ref(),
                          " 的多个代码，无法唯一映射"),
             "normalize.map");
    result->field_ok_[i] = 0;
    return;
  }
  if (n.value.empty()) {
    if (field.required && field.derive_from < 0) {
      AddIssue(
          &result->issues_, i, v1::REQUIRED_MISSING, v1::ERROR,
          absl::StrCat("required field '", field.name, "' is missing or empty"),
          absl::StrCat("必填字段“", field.name, "”缺失或为空"), "required");
      result->field_ok_[i] = 0;
    }
    return;
  }
  result->field_ok_[i] =
      field.element->Check(n.value, as_of, i, &result->issues_);
}

void CompiledSchema::Derive(int i, DateKey as_of, RecordResult* result) const {
  const CompiledField& field = fields_[i];
  const int src = field.derive_from;
  const absl::string_view source = result->values_[src];
  if (source.empty() || !result->field_ok_[src]) {
    if (result->values_[i].empty() && field.required) {
      AddIssue(&result->issues_, i, v1::REQUIRED_MISSING, v1::ERROR,
               absl::StrCat("required field '", field.name,
                            "' is missing and cannot be derived from '",
                            fields_[src].name, "'"),
               absl::StrCat("必填字段“", field.name, "”缺失，且无法从“",
                            fields_[src].name, "”推导"),
               "required");
      result->field_ok_[i] = 0;
    }
    return;
  }
  // The source passed its checks, so the part is there; a view, no copy.
  const absl::string_view part =
      CodePartOf(*fields_[src].element, source, field.derive_part);
  if (part.empty()) return;
  const CompiledElement& element = *field.element;
  // A structured code's dates are YYYYMMDD; compare and write them in the
  // field's own date format.
  DateTimeFields derived_date;
  const bool is_date = IsDateElement(element) &&
                       ParseDateTime(part, DateTimeLayout::kYyyymmdd,
                                     &derived_date) == DateTimeParse::kOk;
  // Other parts go through the field's normalisers, as a given value would:
  // a nationality's numeric code (156) becomes the element's code (CHN). A
  // part that already has the field's format is taken as it is.
  absl::string_view derived = part;
  if (!is_date && !element.FitsFormat(part)) {
    const NormalizeResult n =
        element.Normalize(part, as_of, &result->derive_scratch_[i]);
    if (n.issue == v1::ISSUE_CODE_UNSPECIFIED && !n.value.empty()) {
      derived = n.value;
    }
  }
  // Compared with (or filled from) the part itself: a rule comparing that
  // part would find what this derivation finds.
  result->settled_[i] = is_date || derived == part;
  if (!result->values_[i].empty()) {
    if (!result->field_ok_[i]) return;
    DateTimeFields present;
    const bool agrees = is_date
                            ? element.ParseDate(result->values_[i], &present) &&
                                  CompareFields(present, derived_date) == 0
                            : result->values_[i] == derived;
    if (!agrees) {
      AddIssue(&result->issues_, i, v1::CROSS_FIELD_MISMATCH, v1::ERROR,
               absl::StrCat("'", field.name, "' disagrees with the ",
                            field.derive_part, " in '", fields_[src].name, "'"),
               absl::StrCat("“", field.name, "”与“", fields_[src].name,
                            "”中的 ", field.derive_part, " 不一致"),
               absl::StrCat("derive(", fields_[src].name, ".",
                            field.derive_part, ")"));
      result->field_ok_[i] = 0;
    }
    return;
  }
  if (is_date) {
    std::string& derived = result->derived_storage_[i];
    derived.clear();
    AppendDateTime(derived_date, element.format().layout, &derived);
    result->values_[i] = derived;
  } else {
    // A view into the source value (input or scratch), static storage, the
    // derivation scratch or the mapper's code: all outlive the result's use.
    result->values_[i] = derived;
  }
  result->derived_[i] = 1;
  // A derived value is a fact of its source code, true on the day that code
  // was issued, which the code does not say: a USCC keeps the division code
  // of its issue after the division is abolished. So it is checked for
  // membership in its code list, not against effective dates (as_of 0).
  result->field_ok_[i] =
      element.Check(result->values_[i], /*as_of=*/0, i, &result->issues_);
}

std::pair<std::string, std::string> CompiledSchema::RuleMessages(
    const Rule& rule, absl::string_view a, absl::string_view b) const {
  const std::string& na = fields_[rule.a].name;
  const std::string& nb = fields_[rule.b].name;
  std::string en, zh;
  switch (rule.kind) {
    case Rule::kIdBirthDate:
      en = absl::StrCat("'", nb, "' differs from the birth date in '", na, "'");
      zh = absl::StrCat("“", nb, "”与“", na, "”中的出生日期不一致");
      break;
    case Rule::kIdSex:
      en = absl::StrCat("'", nb, "' contradicts the sex digit (17th) of '", na,
                        "'");
      zh = absl::StrCat("“", nb, "”与“", na, "”第17位所示性别不一致");
      break;
    case Rule::kUsccOrgCode:
      en = absl::StrCat("'", nb, "' differs from positions 9-17 of '", na, "'");
      zh = absl::StrCat("“", nb, "”与“", na, "”第9至17位不一致");
      break;
    case Rule::kUsccDivision:
      en = absl::StrCat("'", nb, "' differs from positions 3-8 of '", na, "'");
      zh = absl::StrCat("“", nb, "”与“", na, "”第3至8位不一致");
      break;
    case Rule::kDateOrder: {
      const std::string ma =
          MaskValue(a, fields_[rule.a].element->sensitivity());
      const std::string mb =
          MaskValue(b, fields_[rule.b].element->sensitivity());
      en = absl::StrCat("'", na, "' (", ma, ") is after '", nb, "' (", mb, ")");
      zh = absl::StrCat("“", na, "”（", ma, "）晚于“", nb, "”（", mb, "）");
    } break;
    case Rule::kRequiredIf:
      break;
  }
  return {std::move(en), std::move(zh)};
}

void CompiledSchema::CheckRule(const Rule& rule, RecordResult* result) const {
  const absl::string_view a = result->values_[rule.a];
  const absl::string_view b = result->values_[rule.b];
  if (rule.kind == Rule::kRequiredIf) {
    if (a.empty() && !b.empty()) {
      AddIssue(&result->issues_, rule.a, v1::REQUIRED_MISSING, v1::ERROR,
               absl::StrCat("'", fields_[rule.a].name, "' is required when '",
                            fields_[rule.b].name, "' is present"),
               absl::StrCat("“", fields_[rule.b].name, "”有值时，“",
                            fields_[rule.a].name, "”为必填"),
               rule.name);
    }
    return;
  }
  // Cross-field rules judge only values that passed their own checks, and
  // not again what a derivation already settled.
  if ((rule.implied && result->settled_[rule.b]) || a.empty() || b.empty() ||
      !result->field_ok_[rule.a] || !result->field_ok_[rule.b]) {
    return;
  }
  bool agrees = true;
  std::string buf;
  switch (rule.kind) {
    case Rule::kIdBirthDate: {
      DateTimeFields in_id, in_field;
      agrees = a.size() == 18 &&
               ParseDateTime(a.substr(6, 8), DateTimeLayout::kYyyymmdd,
                             &in_id) == DateTimeParse::kOk &&
               fields_[rule.b].element->ParseDate(b, &in_field) &&
               MakeDateKey(in_id) == MakeDateKey(in_field);
      break;
    }
    case Rule::kIdSex: {
      const bool odd = a.size() == 18 && ((a[16] - '0') & 1);
      agrees = a.size() == 18 && b == (odd ? "1" : "2");
      break;
    }
    case Rule::kUsccOrgCode:
      agrees = a.size() == 18 && a.substr(8, 9) == StripHyphen(b, &buf);
      break;
    case Rule::kUsccDivision:
      agrees = a.size() == 18 && a.substr(2, 6) == b;
      break;
    case Rule::kDateOrder: {
      DateTimeFields fa, fb;
      agrees = !(fields_[rule.a].element->ParseDate(a, &fa) &&
                 fields_[rule.b].element->ParseDate(b, &fb)) ||
               CompareFields(fa, fb) <= 0;
      break;
    }
    case Rule::kRequiredIf:
      break;
  }
  if (agrees) return;
  auto [en, zh] = RuleMessages(rule, a, b);
  AddIssue(&result->issues_, rule.b, v1::CROSS_FIELD_MISMATCH, v1::ERROR,
           std::move(en), std::move(zh), rule.name);
}

void CompiledSchema::Validate(absl::Span<const absl::string_view> values,
                              const ValidateOptions& options,
                              RecordResult* result) const {
  const int n = static_cast<int>(fields_.size());
  result->Reset(n);
  DateKey as_of = options.as_of != 0 ? options.as_of : MakeDateKey(Today());
  auto raw = [&](int i) {
    return i < static_cast<int>(values.size()) ? values[i]
                                               : absl::string_view();
  };
  const int ref_field = options.as_of_field;
  if (ref_field >= 0 && ref_field < n) {
    ValidateField(ref_field, raw(ref_field), as_of, result);
    DateTimeFields day;
    if (result->field_ok_[ref_field] && fields_[ref_field].element->ParseDate(
                                            result->values_[ref_field], &day)) {
      as_of = MakeDateKey(day);
    }
  }
  for (int i : plain_fields_) {
    if (i != ref_field) ValidateField(i, raw(i), as_of, result);
  }
  for (int i : derived_fields_) {
    if (i != ref_field) ValidateField(i, raw(i), as_of, result);
    Derive(i, as_of, result);
  }
  for (const Rule& rule : rules_) CheckRule(rule, result);
  for (int i : superseded_fields_) {
    if (!result->values_[i].empty()) {
      AddIssue(&result->issues_, i, v1::SUPERSEDED_DEFINITION, v1::WARNING,
               absl::StrCat("element ", fields_[i].element->ref(),
                            " is SUPERSEDED; move to its successor version"),
               absl::StrCat("数据元 ", fields_[i].element->ref(),
                            " 已被替代，请改用其后续版本"),
               "registration_status");
    }
  }
  if (definition_.version_info().registration_status() == v1::SUPERSEDED) {
    AddIssue(&result->issues_, -1, v1::SUPERSEDED_DEFINITION, v1::WARNING,
             absl::StrCat("schema ", ref_,
                          " is SUPERSEDED; move to its successor version"),
             absl::StrCat("数据集结构 ", ref_, " 已被替代，请改用其后续版本"),
             "registration_status");
  }
  v1::Verdict verdict = v1::VALID;
  for (const Issue& issue : result->issues_) {
    if (issue.severity == v1::ERROR) {
      verdict = v1::INVALID;
      break;
    }
    verdict = v1::VALID_WITH_WARNINGS;
  }
  result->verdict_ = verdict;
}

void CompiledSchema::ValidateNamed(
    absl::Span<const std::pair<std::string, std::string>> columns,
    const ValidateOptions& options, RecordResult* result) const {
  std::vector<absl::string_view> values(fields_.size());
  std::vector<int> column_field(columns.size(), -1);
  std::vector<int> conflicts;
  for (size_t c = 0; c < columns.size(); ++c) {
    const int i = FindField(columns[c].first);
    column_field[c] = i;
    if (i < 0 || columns[c].second.empty()) continue;
    if (values[i].empty()) {
      values[i] = columns[c].second;
    } else if (values[i] != columns[c].second) {
      conflicts.push_back(static_cast<int>(c));
    }
  }
  Validate(values, options, result);
  for (size_t c = 0; c < columns.size(); ++c) {
    if (column_field[c] >= 0) continue;
    Issue& issue = result->issues_.emplace_back();
    issue.code = v1::UNKNOWN_FIELD;
    issue.severity = v1::WARNING;
    issue.column = columns[c].first;
    issue.message =
        absl::StrCat("column '", columns[c].first, "' is not a field of ", ref_,
                     " nor an alias of one");
    issue.message_zh =
        absl::StrCat("列“", columns[c].first, "”不是 ", ref_, " 的字段或别名");
    issue.rule = "schema";
  }
  for (int c : conflicts) {
    const int i = column_field[c];
    AddIssue(
        &result->issues_, i, v1::AMBIGUOUS_VALUE, v1::ERROR,
        absl::StrCat("columns for field '", fields_[i].name, "' disagree ('",
                     columns[c].first, "' holds another value)"),
        absl::StrCat("字段“", fields_[i].name, "”的多个列取值不一致（“",
                     columns[c].first, "”）"),
        "schema");
  }
  for (const Issue& issue : result->issues_) {
    if (issue.severity == v1::ERROR) {
      result->verdict_ = v1::INVALID;
      break;
    }
    result->verdict_ = v1::VALID_WITH_WARNINGS;
  }
}

void CompiledSchema::ToProto(const RecordResult& result, v1::RecordResult* out,
                             const ToProtoOptions& options) const {
  out->Clear();
  out->set_verdict(result.verdict_);
  for (size_t i = 0; options.values && i < fields_.size(); ++i) {
    v1::FieldValue* value = out->add_values();
    value->set_name(fields_[i].name);
    value->set_value(ToValidUtf8(result.values_[i]));
    if (result.defaulted_[i]) {
      v1::Normalization* n = out->add_normalizations();
      n->set_field(fields_[i].name);
      n->set_step("default");
    }
    const Normalizer& normalizer = fields_[i].element->normalizer();
    for (size_t s = 0; s < normalizer.step_count(); ++s) {
      if (result.changed_[i] & (1u << s)) {
        v1::Normalization* n = out->add_normalizations();
        n->set_field(fields_[i].name);
        n->set_step(std::string(normalizer.step_name(s)));
      }
    }
    if (result.derived_[i]) {
      v1::Normalization* n = out->add_normalizations();
      n->set_field(fields_[i].name);
      n->set_step("derive");
    }
  }
  for (const Issue& issue : result.issues_) {
    v1::Issue* p = out->add_issues();
    p->set_code(issue.code);
    p->set_severity(issue.severity);
    p->set_message(ToValidUtf8(issue.message));
    p->set_message_zh(ToValidUtf8(issue.message_zh));
    p->set_rule(issue.rule);
    if (issue.field >= 0) {
      const CompiledField& field = fields_[issue.field];
      p->set_field(field.name);
      p->set_element(field.element->ref());
      p->set_original_value(MaskValue(result.originals_[issue.field],
                                      field.element->sensitivity()));
      p->set_normalized_value(
          MaskValue(result.values_[issue.field], field.element->sensitivity()));
    } else {
      p->set_field(ToValidUtf8(issue.column));
    }
  }
}

}  // namespace shuyuan::codec
