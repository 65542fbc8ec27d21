#include "registry/internal/items.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/content_hash.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry_internal {
namespace {

const std::string& EmptyString() {
  static const std::string* const kEmpty = new std::string();
  return *kEmpty;
}

}  // namespace

v1::ItemKind KindOf(const v1::DefinitionDocument& document) {
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return v1::DATA_ELEMENT;
    case v1::DefinitionDocument::kCodeList:
      return v1::CODE_LIST;
    case v1::DefinitionDocument::kRecordSchema:
      return v1::RECORD_SCHEMA;
    case v1::DefinitionDocument::kTerm:
      return v1::TERM;
    case v1::DefinitionDocument::kCodingRule:
      return v1::CODING_RULE;
    default:
      return v1::ITEM_KIND_UNSPECIFIED;
  }
}

const std::string& IdOf(const v1::DefinitionDocument& document) {
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return document.data_element().id();
    case v1::DefinitionDocument::kCodeList:
      return document.code_list().id();
    case v1::DefinitionDocument::kRecordSchema:
      return document.record_schema().id();
    case v1::DefinitionDocument::kTerm:
      return document.term().id();
    case v1::DefinitionDocument::kCodingRule:
      return document.coding_rule().id();
    default:
      return EmptyString();
  }
}

const v1::VersionInfo& VersionInfoOf(const v1::DefinitionDocument& document) {
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return document.data_element().version_info();
    case v1::DefinitionDocument::kCodeList:
      return document.code_list().version_info();
    case v1::DefinitionDocument::kRecordSchema:
      return document.record_schema().version_info();
    case v1::DefinitionDocument::kTerm:
      return document.term().version_info();
    case v1::DefinitionDocument::kCodingRule:
      return document.coding_rule().version_info();
    default:
      return v1::VersionInfo::default_instance();
  }
}

v1::VersionInfo* MutableVersionInfo(v1::DefinitionDocument* document) {
  switch (document->item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return document->mutable_data_element()->mutable_version_info();
    case v1::DefinitionDocument::kCodeList:
      return document->mutable_code_list()->mutable_version_info();
    case v1::DefinitionDocument::kRecordSchema:
      return document->mutable_record_schema()->mutable_version_info();
    case v1::DefinitionDocument::kTerm:
      return document->mutable_term()->mutable_version_info();
    case v1::DefinitionDocument::kCodingRule:
      return document->mutable_coding_rule()->mutable_version_info();
    default:
      return nullptr;
  }
}

const char* DocumentKey(v1::ItemKind kind) {
  switch (kind) {
    case v1::DATA_ELEMENT:
      return "data_element";
    case v1::CODE_LIST:
      return "code_list";
    case v1::RECORD_SCHEMA:
      return "record_schema";
    case v1::TERM:
      return "term";
    case v1::CODING_RULE:
      return "coding_rule";
    default:
      return "item";
  }
}

const char* KindWords(v1::ItemKind kind) {
  switch (kind) {
    case v1::DATA_ELEMENT:
      return "data element";
    case v1::CODE_LIST:
      return "code list";
    case v1::RECORD_SCHEMA:
      return "record schema";
    case v1::TERM:
      return "term";
    case v1::CODING_RULE:
      return "coding rule";
    default:
      return "item";
  }
}

v1::ItemSummary Summarize(const v1::DefinitionDocument& document) {
  v1::ItemSummary summary;
  summary.set_kind(KindOf(document));
  summary.set_id(IdOf(document));
  const v1::VersionInfo& info = VersionInfoOf(document);
  summary.set_version(info.version());
  summary.set_registration_status(info.registration_status());
  summary.set_content_hash(info.content_hash());
  summary.set_created_at(info.created_at());
  summary.set_created_by(info.created_by());
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      summary.set_name_zh(document.data_element().name_zh());
      summary.set_name_en(document.data_element().name_en());
      break;
    case v1::DefinitionDocument::kCodeList:
      summary.set_name_zh(document.code_list().name_zh());
      summary.set_name_en(document.code_list().name_en());
      break;
    case v1::DefinitionDocument::kRecordSchema:
      summary.set_name_zh(document.record_schema().name_zh());
      summary.set_name_en(document.record_schema().name_en());
      break;
    case v1::DefinitionDocument::kTerm:
      summary.set_name_zh(document.term().name_zh());
      summary.set_name_en(document.term().name_en());
      break;
    case v1::DefinitionDocument::kCodingRule:
      summary.set_name_zh(document.coding_rule().name_zh());
      summary.set_name_en(document.coding_rule().name_en());
      break;
    default:
      break;
  }
  return summary;
}

std::string ContentHashOf(const v1::DefinitionDocument& document) {
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return codec::ContentHash(document.data_element());
    case v1::DefinitionDocument::kCodeList:
      return codec::ContentHash(document.code_list());
    case v1::DefinitionDocument::kRecordSchema:
      return codec::ContentHash(document.record_schema());
    case v1::DefinitionDocument::kTerm:
      return codec::ContentHash(document.term());
    case v1::DefinitionDocument::kCodingRule:
      return codec::ContentHash(document.coding_rule());
    default:
      return std::string();
  }
}

std::vector<ReferenceSlot> ReferencesOf(v1::DefinitionDocument* document) {
  std::vector<ReferenceSlot> slots;
  if (document->has_data_element()) {
    v1::DataElement* element = document->mutable_data_element();
    v1::ValueDomain* domain = element->mutable_value_domain();
    if (!domain->code_list().empty()) {
      slots.push_back({"value_domain.code_list", v1::CODE_LIST,
                       domain->mutable_code_list()});
    }
    if (!domain->coding_rule().empty()) {
      slots.push_back({"value_domain.coding_rule", v1::CODING_RULE,
                       domain->mutable_coding_rule()});
    }
    for (int i = 0; i < element->terms_size(); ++i) {
      slots.push_back({absl::StrCat("terms[", i, "]"), v1::TERM,
                       element->mutable_terms(i)});
    }
  } else if (document->has_record_schema()) {
    v1::RecordSchema* schema = document->mutable_record_schema();
    for (int i = 0; i < schema->fields_size(); ++i) {
      slots.push_back({absl::StrCat("fields[", i, "].element"),
                       v1::DATA_ELEMENT,
                       schema->mutable_fields(i)->mutable_element()});
    }
  } else if (document->has_coding_rule()) {
    v1::CodingRule* rule = document->mutable_coding_rule();
    for (int i = 0; i < rule->segments_size(); ++i) {
      v1::CodingSegment* segment = rule->mutable_segments(i);
      if (!segment->code_list().empty()) {
        slots.push_back({absl::StrCat("segments[", i, "].code_list"),
                         v1::CODE_LIST, segment->mutable_code_list()});
      }
      if (!segment->coding_rule().empty()) {
        slots.push_back({absl::StrCat("segments[", i, "].coding_rule"),
                         v1::CODING_RULE, segment->mutable_coding_rule()});
      }
    }
  } else if (document->has_term()) {
    v1::Term* term = document->mutable_term();
    for (int i = 0; i < term->broader_size(); ++i) {
      slots.push_back({absl::StrCat("broader[", i, "]"), v1::TERM,
                       term->mutable_broader(i), false});
    }
    for (int i = 0; i < term->related_size(); ++i) {
      slots.push_back({absl::StrCat("related[", i, "]"), v1::TERM,
                       term->mutable_related(i), false});
    }
  }
  return slots;
}

}  // namespace shuyuan::registry_internal
