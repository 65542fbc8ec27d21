// Registering versions (SPEC §2.1, §2.6, §2.8): Apply and its steps.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "codec/code_list_index.h"
#include "codec/content_hash.h"
#include "codec/definition_error.h"
#include "codec/examples_runner.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/compatibility.h"
#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/internal/search_index.h"
#include "registry/internal/store_resolver.h"
#include "registry/registry.h"

namespace shuyuan::registry {

using registry_internal::Family;
using registry_internal::Head;
using registry_internal::StoreBatch;

namespace {

// Order of kinds within a set: what others refer to comes first.
int KindRank(v1::ItemKind kind) {
  switch (kind) {
    case v1::CODE_LIST:
      return 0;
    case v1::TERM:
      return 1;
    case v1::CODING_RULE:
      return 2;
    case v1::DATA_ELEMENT:
      return 3;
    case v1::RECORD_SCHEMA:
      return 4;
    default:
      return 5;
  }
}

std::string SetKey(v1::ItemKind kind, absl::string_view id) {
  return absl::StrCat(static_cast<int>(kind), "/", id);
}

void AddProblem(v1::ItemOutcome* outcome, std::string field,
                std::string description) {
  v1::DefinitionProblem* problem = outcome->add_problems();
  problem->set_field(std::move(field));
  problem->set_description(std::move(description));
  outcome->set_action(v1::ItemOutcome::REFUSED);
}

// The field path of an error from compiling `kind` items: the ErrorSite's
// path when the codec gave one.
std::string ProblemField(const absl::Status& status, v1::ItemKind kind) {
  std::optional<codec::ErrorSite> site = codec::ErrorSiteOf(status);
  if (site.has_value()) return site->Path();
  return registry_internal::DocumentKey(kind);
}

// Loads pinned versions for the compatibility classifier: the set's own
// items first, then the store.
class ApplyVersionLoader : public VersionLoader {
 public:
  ApplyVersionLoader(const Registry::Impl* impl,
                     const registry_internal::StoreResolver* resolver)
      : impl_(impl), resolver_(resolver) {}

  absl::StatusOr<v1::DataElement> LoadElement(
      absl::string_view pinned_ref) const override {
    SHUYUAN_ASSIGN_OR_RETURN(const v1::DataElement* element,
                             resolver_->ResolveElement(pinned_ref));
    return *element;
  }
  absl::StatusOr<v1::CodeList> LoadCodeList(
      absl::string_view pinned_ref) const override {
    SHUYUAN_ASSIGN_OR_RETURN(const v1::CodeList* header,
                             resolver_->ResolveCodeList(pinned_ref));
    v1::CodeList list = *header;
    if (list.entries_size() == 0) {
      SHUYUAN_RETURN_IF_ERROR(
          impl_->ReadEntries(list.id(), list.version_info().version(), &list));
    }
    return list;
  }

 private:
  const Registry::Impl* impl_;
  const registry_internal::StoreResolver* resolver_;
};

// Coding rules may nest rules of the same set (GB 32100 nests GB 11714):
// reorders the rules among `order` so that a nested rule comes before the
// rules that use it. A cycle is left in set order; pinning then refuses it.
void NestedRulesFirst(const v1::ApplyRequest& request,
                      std::vector<int>* order) {
  absl::flat_hash_map<std::string, int> rule_at;  // id → item index
  std::vector<int> rules;
  for (int i : *order) {
    if (request.items(i).has_coding_rule()) {
      rule_at[request.items(i).coding_rule().id()] = i;
      rules.push_back(i);
    }
  }
  if (rules.size() < 2) return;
  std::vector<int> sorted;
  absl::flat_hash_map<int, int> state;  // 1 visiting, 2 done
  std::function<void(int)> visit = [&](int i) {
    if (state[i] != 0) return;
    state[i] = 1;
    for (const v1::CodingSegment& segment :
         request.items(i).coding_rule().segments()) {
      const std::string id =
          segment.coding_rule().substr(0, segment.coding_rule().find('@'));
      auto nested = rule_at.find(id);
      if (nested != rule_at.end()) visit(nested->second);
    }
    state[i] = 2;
    sorted.push_back(i);
  };
  for (int i : rules) visit(i);
  // The rules occupy the same positions of `order`, now in nesting order.
  size_t next = 0;
  for (int& slot : *order) {
    if (request.items(slot).has_coding_rule()) slot = sorted[next++];
  }
}

}  // namespace

// One Apply call: the set, what has been decided per item, and the write
// being built.
class ApplyRun {
 public:
  ApplyRun(Registry::Impl* impl, const v1::ApplyRequest& request,
           const Actor& actor)
      : impl_(impl), request_(request), actor_(actor), resolver_(impl) {}

  absl::StatusOr<v1::ApplyResponse> Run();

 private:
  // What the set decided for one of its items, for references to it.
  struct Decided {
    uint32_t version = 0;  // 0 when refused
  };

  absl::Status Process(v1::DefinitionDocument document,
                       v1::ItemOutcome* outcome);
  absl::Status PinReferences(v1::DefinitionDocument* document,
                             v1::ItemOutcome* outcome);
  absl::StatusOr<std::string> PinOne(v1::ItemKind target,
                                     const codec::Reference& ref, bool* found);
  void Verify(const v1::DefinitionDocument& document, v1::ItemOutcome* outcome);
  absl::Status Classify(const v1::DefinitionDocument& previous,
                        const v1::DefinitionDocument& document,
                        v1::CompatibilityPolicy policy,
                        v1::ItemOutcome* outcome);
  absl::Status Stage(const v1::DefinitionDocument& document,
                     const std::optional<v1::DefinitionDocument>& previous,
                     const Head& head);

  Registry::Impl* const impl_;
  const v1::ApplyRequest& request_;
  const Actor& actor_;
  registry_internal::StoreResolver resolver_;
  absl::flat_hash_map<std::string, Decided> decided_;
  // Every item of the set (SetKey), decided or not.
  absl::flat_hash_set<std::string> in_set_;
  // The pins of the item being processed: target kind, id, version.
  struct Pin {
    v1::ItemKind kind;
    std::string id;
    uint32_t version;
  };
  std::vector<Pin> pins_;
  StoreBatch batch_;
  std::string now_;
};

absl::StatusOr<v1::ApplyResponse> ApplyRun::Run() {
  now_ =
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  // Dependency order, stable within a kind.
  std::vector<int> order(request_.items_size());
  for (int i = 0; i < request_.items_size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return KindRank(registry_internal::KindOf(request_.items(a))) <
           KindRank(registry_internal::KindOf(request_.items(b)));
  });
  NestedRulesFirst(request_, &order);
  for (const v1::DefinitionDocument& item : request_.items()) {
    in_set_.insert(
        SetKey(registry_internal::KindOf(item), registry_internal::IdOf(item)));
  }
  v1::ApplyResponse response;
  bool refused = false;
  absl::flat_hash_map<std::string, int> seen;
  for (int i : order) {
    const v1::DefinitionDocument& item = request_.items(i);
    v1::ItemOutcome* outcome = response.add_items();
    outcome->set_kind(registry_internal::KindOf(item));
    outcome->set_id(registry_internal::IdOf(item));
    const std::string key = SetKey(outcome->kind(), outcome->id());
    if (outcome->kind() != v1::ITEM_KIND_UNSPECIFIED &&
        !seen.emplace(key, i).second) {
      AddProblem(
          outcome, registry_internal::DocumentKey(outcome->kind()),
          absl::StrCat(registry_internal::KindWords(outcome->kind()), " '",
                       outcome->id(), "' appears twice in the set (items ",
                       seen[key], " and ", i, ")"));
    } else {
      SHUYUAN_RETURN_IF_ERROR(Process(item, outcome));
    }
    if (outcome->action() == v1::ItemOutcome::REFUSED) {
      refused = true;
      outcome->set_version(0);
    }
    decided_[key] = Decided{outcome->version()};
  }
  if (refused || request_.dry_run() || batch_.empty()) {
    impl_->DiscardAudit();
    response.set_applied(!refused && !request_.dry_run());
    return response;
  }
  SHUYUAN_RETURN_IF_ERROR(impl_->Commit(std::move(batch_), false));
  response.set_applied(true);
  return response;
}

absl::Status ApplyRun::Process(v1::DefinitionDocument document,
                               v1::ItemOutcome* outcome) {
  const v1::ItemKind kind = outcome->kind();
  if (kind == v1::ITEM_KIND_UNSPECIFIED) {
    AddProblem(outcome, "item",
               "the item holds no data_element, code_list, record_schema, "
               "term or coding_rule");
    return absl::OkStatus();
  }
  const std::string id = outcome->id();
  const std::string id_field =
      absl::StrCat(registry_internal::DocumentKey(kind), ".id");
  if (!codec::IsValidId(id)) {
    AddProblem(
        outcome, id_field,
        absl::StrCat("'", id,
                     "' is not a valid id ([A-Za-z][A-Za-z0-9_.-]{0,63})"));
    return absl::OkStatus();
  }
  // version_info is the registry's to assign (SPEC §2.1).
  registry_internal::MutableVersionInfo(&document)->Clear();
  pins_.clear();
  SHUYUAN_RETURN_IF_ERROR(PinReferences(&document, outcome));
  if (outcome->action() == v1::ItemOutcome::REFUSED) return absl::OkStatus();

  const std::string hash = registry_internal::ContentHashOf(document);
  outcome->set_content_hash(hash);
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<Head> head, impl_->ReadHead(kind, id));
  std::optional<v1::DefinitionDocument> previous;
  if (head.has_value()) {
    SHUYUAN_ASSIGN_OR_RETURN(previous,
                             impl_->ReadVersion(kind, id, head->latest));
  }
  if (previous.has_value() &&
      registry_internal::VersionInfoOf(*previous).content_hash() == hash) {
    outcome->set_action(v1::ItemOutcome::UNCHANGED);
    outcome->set_version(head->latest);
    outcome->set_registration_status(
        registry_internal::VersionInfoOf(*previous).registration_status());
    return absl::OkStatus();
  }
  const Head new_head{head.has_value() ? head->latest + 1 : 1,
                      head.has_value() ? head->policy : v1::BACKWARD};
  v1::VersionInfo* info = registry_internal::MutableVersionInfo(&document);
  info->set_version(new_head.latest);
  info->set_registration_status(v1::CANDIDATE);
  info->set_content_hash(hash);
  info->set_created_at(now_);
  info->set_created_by(actor_.principal);

  Verify(document, outcome);
  if (outcome->action() == v1::ItemOutcome::REFUSED) return absl::OkStatus();
  if (previous.has_value()) {
    // Code lists are stored without their entries; compare with them.
    if (previous->has_code_list()) {
      SHUYUAN_RETURN_IF_ERROR(
          impl_->ReadEntries(id, head->latest, previous->mutable_code_list()));
    }
    SHUYUAN_RETURN_IF_ERROR(
        Classify(*previous, document, new_head.policy, outcome));
    if (outcome->action() == v1::ItemOutcome::REFUSED) {
      return absl::OkStatus();
    }
  }
  outcome->set_action(v1::ItemOutcome::CREATED);
  outcome->set_version(new_head.latest);
  outcome->set_registration_status(v1::CANDIDATE);
  resolver_.AddPending(document);
  return Stage(document, previous, new_head);
}

absl::Status ApplyRun::PinReferences(v1::DefinitionDocument* document,
                                     v1::ItemOutcome* outcome) {
  const std::string root =
      registry_internal::DocumentKey(registry_internal::KindOf(*document));
  for (registry_internal::ReferenceSlot& slot :
       registry_internal::ReferencesOf(document)) {
    const std::string field = absl::StrCat(root, ".", slot.field);
    absl::StatusOr<codec::Reference> ref = codec::ParseReference(*slot.ref);
    if (!ref.ok()) {
      AddProblem(outcome, field, std::string(ref.status().message()));
      continue;
    }
    // A link kept as written (a term's broader/related) may name an item
    // that comes later in the set: a thesaurus has cycles, and the set
    // applies as a whole or not at all.
    const std::string key = SetKey(slot.target, ref->id);
    if (!slot.pin && in_set_.contains(key) && !decided_.contains(key)) {
      continue;
    }
    bool found = false;
    SHUYUAN_ASSIGN_OR_RETURN(std::string pinned,
                             PinOne(slot.target, *ref, &found));
    if (!found) {
      AddProblem(outcome, field, std::move(pinned));
      continue;
    }
    if (!slot.pin) continue;
    if (pinned != *slot.ref) {
      v1::PinnedReference* p = outcome->add_pinned();
      p->set_field(field);
      p->set_written(*slot.ref);
      p->set_pinned(pinned);
    }
    *slot.ref = pinned;
    absl::StatusOr<codec::Reference> target = codec::ParseReference(pinned);
    if (target.ok()) {
      pins_.push_back({slot.target, target->id, target->version});
    }
  }
  return absl::OkStatus();
}

// The pinned form of `ref` ("ID@N"); when nothing matches, *found is false
// and the result says why. Store errors are errors.
absl::StatusOr<std::string> ApplyRun::PinOne(v1::ItemKind target,
                                             const codec::Reference& ref,
                                             bool* found) {
  *found = true;
  auto in_set = decided_.find(SetKey(target, ref.id));
  if (in_set != decided_.end()) {
    if (in_set->second.version == 0) {
      *found = false;
      return absl::StrCat(registry_internal::KindWords(target), " '",
                          ref.ToString(), "' was refused in this set");
    }
    if (!ref.pinned() || ref.version == in_set->second.version) {
      return codec::PinnedRef(ref.id, in_set->second.version);
    }
  }
  if (ref.form == codec::Reference::Form::kBare) {
    // SPEC §2.1: the STANDARD version when there is one, else the latest.
    absl::StatusOr<v1::DefinitionDocument> standard =
        impl_->ResolveRef(target, ref.id);
    if (standard.ok()) {
      return codec::PinnedRef(
          ref.id, registry_internal::VersionInfoOf(*standard).version());
    }
    if (!absl::IsNotFound(standard.status())) return standard.status();
    codec::Reference latest = ref;
    latest.form = codec::Reference::Form::kLatest;
    return PinOne(target, latest, found);
  }
  absl::StatusOr<v1::DefinitionDocument> resolved =
      impl_->ResolveRef(target, ref.ToString());
  if (absl::IsNotFound(resolved.status())) {
    *found = false;
    return std::string(resolved.status().message());
  }
  if (!resolved.ok()) return resolved.status();
  return codec::PinnedRef(
      ref.id, registry_internal::VersionInfoOf(*resolved).version());
}

// Compiles the item and runs its examples (SPEC §2.6).
void ApplyRun::Verify(const v1::DefinitionDocument& document,
                      v1::ItemOutcome* outcome) {
  absl::Status status;
  const v1::ItemKind kind = outcome->kind();
  switch (kind) {
    case v1::CODE_LIST:
      status = codec::CompiledCodeList::Compile(document.code_list()).status();
      break;
    case v1::DATA_ELEMENT:
      status = codec::VerifyElementExamples(document.data_element(), resolver_);
      break;
    case v1::RECORD_SCHEMA:
      status = codec::VerifySchemaExamples(document.record_schema(), resolver_);
      break;
    default:
      break;
  }
  if (status.ok()) return;
  const std::string field = ProblemField(status, kind);
  // Examples fail one per line (SPEC §2.6): one problem each.
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    if (!line.empty()) AddProblem(outcome, field, std::string(line));
  }
}

absl::Status ApplyRun::Classify(const v1::DefinitionDocument& previous,
                                const v1::DefinitionDocument& document,
                                v1::CompatibilityPolicy policy,
                                v1::ItemOutcome* outcome) {
  ApplyVersionLoader loader(impl_, &resolver_);
  absl::StatusOr<Classification> classified =
      registry::Classify(previous, document, loader);
  if (!classified.ok()) {
    if (absl::IsNotFound(classified.status()) ||
        absl::IsInvalidArgument(classified.status())) {
      AddProblem(outcome, registry_internal::DocumentKey(outcome->kind()),
                 std::string(classified.status().message()));
      return absl::OkStatus();
    }
    return classified.status();
  }
  outcome->set_compatibility(classified->verdict);
  for (const v1::Change& change : classified->changes) {
    *outcome->add_changes() = change;
  }
  if (classified->verdict == v1::BREAKING && policy != v1::NONE &&
      !request_.allow_breaking()) {
    std::vector<std::string> lines;
    for (const v1::Change& change : classified->changes) {
      if (change.breaking()) lines.push_back(change.description());
    }
    AddProblem(outcome, registry_internal::DocumentKey(outcome->kind()),
               absl::StrCat("BREAKING change refused under the BACKWARD "
                            "compatibility policy (a steward may set "
                            "allow_breaking): ",
                            absl::StrJoin(lines, "; ")));
  }
  return absl::OkStatus();
}

// Adds the new version, its entries, head, pins, search postings and audit
// record to the write.
absl::Status ApplyRun::Stage(
    const v1::DefinitionDocument& document,
    const std::optional<v1::DefinitionDocument>& previous, const Head& head) {
  const v1::ItemKind kind = registry_internal::KindOf(document);
  const std::string& id = registry_internal::IdOf(document);
  const uint32_t version = head.latest;
  std::string bytes;
  if (document.has_code_list()) {
    v1::DefinitionDocument header = document;
    header.mutable_code_list()->clear_entries();
    header.SerializeToString(&bytes);
    const auto& entries = document.code_list().entries();
    uint32_t chunk = 0;
    for (int start = 0; start < entries.size();
         start += registry_internal::kChunkEntries, ++chunk) {
      v1::CodeList part;
      const int end = std::min<int>(entries.size(),
                                    start + registry_internal::kChunkEntries);
      for (int i = start; i < end; ++i) *part.add_entries() = entries[i];
      std::string value;
      part.SerializeToString(&value);
      batch_.Put(Family::kChunks,
                 registry_internal::ChunkKey(id, version, chunk),
                 std::move(value));
    }
  } else {
    document.SerializeToString(&bytes);
  }
  batch_.Put(Family::kItems, registry_internal::ItemKey(kind, id, version),
             std::move(bytes));
  batch_.Put(Family::kIndex, registry_internal::HeadKey(kind, id),
             registry_internal::EncodeHead(head));
  for (const Pin& pin : pins_) {
    batch_.Put(Family::kIndex,
               registry_internal::PinKey(pin.kind, pin.id, pin.version, kind,
                                         id, version),
               "");
  }
  registry_internal::UpdateSearchIndex(previous, document, &batch_);
  v1::AuditRecord record;
  record.set_principal(actor_.principal);
  record.set_action("create");
  record.set_kind(kind);
  record.set_ref(codec::PinnedRef(id, version));
  record.set_status_after(v1::CANDIDATE);
  record.set_content_hash(
      registry_internal::VersionInfoOf(document).content_hash());
  impl_->AddAudit(std::move(record), &batch_);
  return absl::OkStatus();
}

absl::StatusOr<v1::ApplyResponse> Registry::Apply(
    const v1::ApplyRequest& request, const Actor& actor) {
  absl::MutexLock lock(&impl_->write_mu_);
  ApplyRun run(impl_.get(), request, actor);
  return run.Run();
}

}  // namespace shuyuan::registry
