// DefinitionSet: the items of local definition files, as used by
// `--defs DIR` (SPEC §2.10, §5): a directory of YAML/JSON definition files,
// one such file, or a binary v1::Bundle (written by the registry's bundle
// export, a later piece of work). Items are used
// as written and references resolve by id within the set.
//
//   absl::StatusOr<DefinitionSet> defs = DefinitionSet::Load("catalog/");
//   if (!defs.ok()) return defs.status();  // names FILE:LINE
//   const v1::DataElement* id_number = defs->FindElement("GMSFHM");
//   const SourceLocation* where = defs->ElementLocation("GMSFHM");
//
// References: "ID" and "ID@latest" resolve to the item with that id. "ID@N"
// resolves to an item whose version_info.version is N, or to the item with
// that id when it carries no version at all — definition files never carry
// one (SPEC §2.1), so a pinned reference copied from the registry still finds
// the local definition. Bundle items carry their registry versions; a bundle
// may hold several versions of one id (a schema pinning one version of a code
// list while an element pins another), and "ID"/"ID@latest" then pick the
// highest. Any other reference resolves to nothing (nullptr).
//
// Thread safety: Load and Add are not thread-safe; once loading is done, all
// const methods are safe to call concurrently. Returned pointers stay valid
// for the life of the set, including across moves of it.
#ifndef SHUYUAN_CODEC_DEFINITION_SET_H_
#define SHUYUAN_CODEC_DEFINITION_SET_H_

#include <deque>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/definition_loader.h"
#include "codec/definition_resolver.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

class DefinitionSet : public DefinitionResolver {
 public:
  DefinitionSet() = default;
  DefinitionSet(DefinitionSet&&) = default;
  DefinitionSet& operator=(DefinitionSet&&) = default;
  DefinitionSet(const DefinitionSet&) = delete;
  DefinitionSet& operator=(const DefinitionSet&) = delete;

  // Loads `path`: a directory (every *.yaml, *.yml and *.json below it,
  // recursively, in sorted path order; entries whose name starts with "." are
  // skipped), a file ending in .pb or .bundle (a serialized v1::Bundle), or
  // any other file (YAML or JSON). NotFound naming the path when it does not
  // exist; InvalidArgument naming FILE:LINE for a bad definition or a
  // duplicate id; an errno-derived code when a file cannot be read.
  static absl::StatusOr<DefinitionSet> Load(const std::string& path);

  // Adds one item. InvalidArgument naming the document's location when the
  // document holds no item, when its id is not
  // [A-Za-z][A-Za-z0-9_.-]{0,63}, or when an item of the same kind and id is
  // already in the set (unless both carry distinct registry versions); the
  // message then names both locations.
  absl::Status Add(LoadedDocument document);

  // Adds every item of a bundle, located at `file` (line 0). Each item's
  // content hash is recomputed first (SPEC §4): DataLoss naming the item
  // when one differs from its version_info.content_hash (an item without
  // one, as in a hand-made bundle, is taken as it is); FailedPrecondition
  // for a format_version newer than 1. Otherwise errors as Add.
  absl::Status AddBundle(const v1::Bundle& bundle, absl::string_view file);

  // The item `ref` denotes (see above); nullptr when nothing matches.
  const v1::DataElement* FindElement(absl::string_view ref) const;
  const v1::CodeList* FindCodeList(absl::string_view ref) const;
  const v1::RecordSchema* FindSchema(absl::string_view ref) const;
  const v1::Term* FindTerm(absl::string_view ref) const;
  const v1::CodingRule* FindCodingRule(absl::string_view ref) const;

  // DefinitionResolver: as Find*, with NotFound ("data element 'X' is not
  // defined") or InvalidArgument (a malformed reference) instead of nullptr.
  absl::StatusOr<const v1::DataElement*> ResolveElement(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::CodeList*> ResolveCodeList(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::RecordSchema*> ResolveSchema(
      absl::string_view ref) const override;
  absl::StatusOr<const v1::CodingRule*> ResolveCodingRule(
      absl::string_view ref) const override;

  // Where the item `id` (or a reference, resolved as by Find*) was written;
  // nullptr when there is no such item.
  const SourceLocation* ElementLocation(absl::string_view id) const;
  const SourceLocation* CodeListLocation(absl::string_view id) const;
  const SourceLocation* SchemaLocation(absl::string_view id) const;
  const SourceLocation* TermLocation(absl::string_view id) const;
  const SourceLocation* CodingRuleLocation(absl::string_view id) const;

  // An error from compiling items of this set, as "FILE:LINE: message"
  // where the status carries an ErrorSite (codec/definition_error.h) of an
  // item in the set: LINE is that of the field at fault. Otherwise the bare
  // message.
  std::string Describe(const absl::Status& status) const;

  // All items of a kind, in load order.
  std::vector<const v1::DataElement*> elements() const;
  std::vector<const v1::CodeList*> code_lists() const;
  std::vector<const v1::RecordSchema*> schemas() const;
  std::vector<const v1::Term*> terms() const;
  std::vector<const v1::CodingRule*> coding_rules() const;

  // Number of items of all kinds.
  size_t size() const;

 private:
  template <typename Message>
  struct Item {
    Message message;
    SourceLocation location;
  };

  // The items of one kind. Items live in a deque, so pointers to them survive
  // later additions and moves of the set.
  template <typename Message>
  struct Kind {
    std::deque<Item<Message>> items;
    // id → its items, ascending by version (one unversioned item, or
    // versioned items with distinct versions).
    absl::flat_hash_map<std::string,
                        absl::InlinedVector<const Item<Message>*, 1>>
        by_id;
  };

  template <typename Message>
  static absl::Status AddTo(Kind<Message>& kind, absl::string_view kind_name,
                            Message message, SourceLocation location);
  template <typename Message>
  static const Item<Message>* Find(const Kind<Message>& kind,
                                   absl::string_view ref);
  template <typename Message>
  static absl::StatusOr<const Message*> Resolve(const Kind<Message>& kind,
                                                absl::string_view kind_name,
                                                absl::string_view ref);
  template <typename Message>
  static std::vector<const Message*> All(const Kind<Message>& kind);

  absl::Status AddFile(const std::string& path);

  Kind<v1::DataElement> elements_;
  Kind<v1::CodeList> code_lists_;
  Kind<v1::RecordSchema> schemas_;
  Kind<v1::Term> terms_;
  Kind<v1::CodingRule> coding_rules_;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DEFINITION_SET_H_
