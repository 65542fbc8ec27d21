// Test helpers for the codec: protos written in text format, and a
// DefinitionResolver over items held in memory.
//
//   InMemoryResolver resolver;
//   resolver.AddCodeList(R"pb(id: "SEX" entries { code: "1" })pb");
//   auto element = CompiledElement::Compile(
//       ParseTextProto<v1::DataElement>(R"pb(id: "XBDM" ...)pb"), resolver);
//
// Test-only; not thread-safe while items are being added.
#ifndef SHUYUAN_CODEC_TESTING_IN_MEMORY_RESOLVER_H_
#define SHUYUAN_CODEC_TESTING_IN_MEMORY_RESOLVER_H_

#include <deque>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/definition_resolver.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_testing {

// `text` in protobuf text format; a parse error fails the current test.
template <typename Message>
Message ParseTextProto(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message))
      << text;
  return message;
}

// Resolves "ID" and "ID@anything" among the items added to it (the first
// added wins). Pointers stay valid while the resolver lives.
class InMemoryResolver : public codec::DefinitionResolver {
 public:
  void Add(v1::DataElement element) { elements_.push_back(std::move(element)); }
  void Add(v1::CodeList list) { code_lists_.push_back(std::move(list)); }
  void Add(v1::RecordSchema schema) { schemas_.push_back(std::move(schema)); }
  void Add(v1::CodingRule rule) { coding_rules_.push_back(std::move(rule)); }
  void AddElement(const std::string& text) {
    Add(ParseTextProto<v1::DataElement>(text));
  }
  void AddCodeList(const std::string& text) {
    Add(ParseTextProto<v1::CodeList>(text));
  }
  void AddCodingRule(const std::string& text) {
    Add(ParseTextProto<v1::CodingRule>(text));
  }

  absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const override {
    return Found(Find(elements_, ref), ref);
  }
  absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const override {
    return Found(Find(code_lists_, ref), ref);
  }
  absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const override {
    return Found(Find(schemas_, ref), ref);
  }
  absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const override {
    return Found(Find(coding_rules_, ref), ref);
  }

 private:
  template <typename Message>
  static absl::StatusOr<const Message*> Found(const Message* item,
                                              absl::string_view ref) {
    if (item == nullptr) {
      return absl::NotFoundError(absl::StrCat("'", ref, "' is not defined"));
    }
    return item;
  }
  template <typename Message>
  static const Message* Find(const std::deque<Message>& items,
                             absl::string_view ref) {
    const absl::string_view id = ref.substr(0, ref.find('@'));
    for (const Message& item : items) {
      if (item.id() == id) return &item;
    }
    return nullptr;
  }

  std::deque<v1::DataElement> elements_;
  std::deque<v1::CodeList> code_lists_;
  std::deque<v1::RecordSchema> schemas_;
  std::deque<v1::CodingRule> coding_rules_;
};

}  // namespace shuyuan::codec_testing

#endif  // SHUYUAN_CODEC_TESTING_IN_MEMORY_RESOLVER_H_
