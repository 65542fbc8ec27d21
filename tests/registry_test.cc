// The registry on a real RocksDB store in a fresh temporary folder per test:
// versions, pinning, examples, lifecycle, compatibility, listing, search,
// audit, bundles, backup, crash safety and concurrency (SPEC §2, §4).
#include "registry/registry.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "codec/content_hash.h"
#include "codec/definition_set.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "registry/internal/keys.h"
#include "registry/internal/store.h"

namespace shuyuan::registry {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::shuyuan::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";

v1::DefinitionDocument Doc(const std::string& text) {
  v1::DefinitionDocument d;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &d)) << text;
  return d;
}

// A small element whose max_length the tests vary.
v1::DefinitionDocument NameElement(int max_length,
                                   const std::string& id = "XM") {
  return Doc(absl::StrCat(
      "data_element { id: '", id,
      "' name_zh: '姓名' name_en: 'Name' definition: 'd' data_type: STRING "
      "format: 'c..100' value_domain { max_length: ",
      max_length, " } }"));
}

const char kSexList[] =
    "code_list { id: 'SEX' name_zh: '性别' entries { code: '1' name_zh: '男' "
    "} entries { code: '2' name_zh: '女' } }";
const char kSexElement[] =
    "data_element { id: 'XBDM' name_zh: '性别代码' name_en: 'Sex code' "
    "definition: 'd' data_type: STRING format: 'n1' value_domain { "
    "code_list: 'SEX' } normalize { map {} } examples { value: '男' valid: "
    "true normalized: '1' } }";
const char kSchema[] =
    "record_schema { id: 'PERSON' name_zh: '人' fields { name: 'xb' element: "
    "'XBDM' } fields { name: 'xm' element: 'XM' } }";

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    registry_.reset();
    RegistryOptions options;
    options.data_dir = dir_.Path("store");
    absl::StatusOr<std::unique_ptr<Registry>> opened = Registry::Open(options);
    ASSERT_THAT(opened, IsOk());
    registry_ = *std::move(opened);
  }

  v1::ApplyResponse Apply(std::vector<v1::DefinitionDocument> items,
                          bool allow_breaking = false, bool dry_run = false) {
    v1::ApplyRequest request;
    for (auto& item : items) *request.add_items() = std::move(item);
    request.set_allow_breaking(allow_breaking);
    request.set_dry_run(dry_run);
    absl::StatusOr<v1::ApplyResponse> response =
        registry_->Apply(request, Actor{"alice"});
    EXPECT_THAT(response, IsOk());
    return response.ok() ? *response : v1::ApplyResponse();
  }

  absl::StatusOr<v1::SetStatusResponse> Move(v1::ItemKind kind,
                                             const std::string& ref,
                                             v1::RegistrationStatus status,
                                             const std::string& reason = "ok") {
    v1::SetStatusRequest request;
    request.set_kind(kind);
    request.set_ref(ref);
    request.set_status(status);
    request.set_reason(reason);
    return registry_->SetStatus(request, Actor{"steward"});
  }

  v1::ApplyRequest CatalogRequest() {
    absl::StatusOr<codec::DefinitionSet> defs =
        codec::DefinitionSet::Load(kCatalog);
    EXPECT_THAT(defs, IsOk());
    v1::ApplyRequest request;
    for (const auto* e : defs->elements()) {
      *request.add_items()->mutable_data_element() = *e;
    }
    for (const auto* c : defs->code_lists()) {
      *request.add_items()->mutable_code_list() = *c;
    }
    for (const auto* s : defs->schemas()) {
      *request.add_items()->mutable_record_schema() = *s;
    }
    for (const auto* t : defs->terms()) {
      *request.add_items()->mutable_term() = *t;
    }
    for (const auto* r : defs->coding_rules()) {
      *request.add_items()->mutable_coding_rule() = *r;
    }
    return request;
  }

  TempDir dir_{"registry_test"};
  std::unique_ptr<Registry> registry_;
};

TEST_F(RegistryTest, AppliesRelatedDefinitionsAndPinsBareReferences) {
  v1::ApplyResponse applied =
      Apply({Doc(kSchema), Doc(kSexElement), NameElement(50), Doc(kSexList)});
  EXPECT_TRUE(applied.applied());
  ASSERT_THAT(applied.items(), SizeIs(4));
  // Dependency order: the code list first, the schema last.
  EXPECT_EQ(applied.items(0).id(), "SEX");
  EXPECT_EQ(applied.items(3).id(), "PERSON");
  for (const v1::ItemOutcome& item : applied.items()) {
    EXPECT_EQ(item.action(), v1::ItemOutcome::CREATED) << item.id();
    EXPECT_EQ(item.version(), 1u);
    EXPECT_EQ(item.content_hash().size(), 64u);
    EXPECT_EQ(item.registration_status(), v1::CANDIDATE);
  }
  ASSERT_THAT(applied.items(1).pinned(), SizeIs(1));
  EXPECT_EQ(applied.items(1).pinned(0).written(), "SEX");
  EXPECT_EQ(applied.items(1).pinned(0).pinned(), "SEX@1");
  EXPECT_EQ(applied.items(1).pinned(0).field(),
            "data_element.value_domain.code_list");

  // Stored pinned; the hash is that of the pinned form.
  absl::StatusOr<v1::DefinitionDocument> element =
      registry_->Resolve(v1::DATA_ELEMENT, "XBDM@1");
  ASSERT_THAT(element, IsOk());
  EXPECT_EQ(element->data_element().value_domain().code_list(), "SEX@1");
  EXPECT_EQ(codec::ContentHash(element->data_element()),
            applied.items(1).content_hash());

  // Applying the same set again changes nothing.
  v1::ApplyResponse again =
      Apply({Doc(kSexList), Doc(kSexElement), NameElement(50), Doc(kSchema)});
  EXPECT_TRUE(again.applied());
  for (const v1::ItemOutcome& item : again.items()) {
    EXPECT_EQ(item.action(), v1::ItemOutcome::UNCHANGED) << item.id();
    EXPECT_EQ(item.version(), 1u);
  }
}

TEST_F(RegistryTest, BareReferencesNeedAStandardVersion) {
  Apply({NameElement(50)});
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("XM@latest")));
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM@latest"), IsOk());
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM@2"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("XM@1")));
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "NOPE"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("'NOPE' is not registered")));
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM@0"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::STANDARD), IsOk());
  absl::StatusOr<v1::DefinitionDocument> bare =
      registry_->Resolve(v1::DATA_ELEMENT, "XM");
  ASSERT_THAT(bare, IsOk());
  EXPECT_EQ(bare->data_element().version_info().version(), 1u);
  EXPECT_EQ(bare->data_element().version_info().registration_status(),
            v1::STANDARD);
}

TEST_F(RegistryTest, PinsToTheStandardVersionOverANewerCandidate) {
  Apply({NameElement(50)});
  ASSERT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::STANDARD), IsOk());
  Apply({NameElement(60)});  // XM@2, CANDIDATE
  Apply({Doc(kSexList), Doc(kSexElement)});
  v1::ApplyResponse schema = Apply({Doc(kSchema)});
  ASSERT_TRUE(schema.applied());
  EXPECT_EQ(schema.items(0).pinned(1).pinned(), "XM@1");
  EXPECT_EQ(schema.items(0).pinned(0).pinned(), "XBDM@1");  // latest
}

TEST_F(RegistryTest, UnknownReferencesAndFailingExamplesAreRefused) {
  v1::ApplyResponse unknown = Apply({Doc(kSexElement)});
  EXPECT_FALSE(unknown.applied());
  ASSERT_EQ(unknown.items(0).action(), v1::ItemOutcome::REFUSED);
  EXPECT_EQ(unknown.items(0).problems(0).field(),
            "data_element.value_domain.code_list");
  EXPECT_THAT(unknown.items(0).problems(0).description(),
              HasSubstr("code list 'SEX' is not registered"));

  v1::DefinitionDocument bad = Doc(kSexElement);
  auto* examples = bad.mutable_data_element()->mutable_examples();
  examples->Mutable(0)->set_normalized("2");
  auto* second = examples->Add();
  second->set_value("3");
  second->set_valid(true);
  v1::ApplyResponse failing = Apply({Doc(kSexList), bad});
  EXPECT_FALSE(failing.applied());
  EXPECT_EQ(failing.items(0).action(), v1::ItemOutcome::CREATED);
  ASSERT_EQ(failing.items(1).action(), v1::ItemOutcome::REFUSED);
  ASSERT_THAT(failing.items(1).problems(), SizeIs(2));  // one per example
  EXPECT_THAT(failing.items(1).problems(0).description(),
              HasSubstr("example 1"));
  EXPECT_THAT(failing.items(1).problems(1).description(),
              HasSubstr("example 2"));
  // All or nothing: the code list was not written either.
  v1::HistoryRequest history;
  history.set_kind(v1::CODE_LIST);
  history.set_id("SEX");
  EXPECT_THAT(registry_->History(history),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(registry_->last_audit_seq(), 0u);
}

TEST_F(RegistryTest, DefinitionErrorsNameTheField) {
  v1::DefinitionDocument bad = NameElement(50);
  bad.mutable_data_element()->set_format("an..5O");
  v1::ApplyResponse refused = Apply({bad});
  ASSERT_EQ(refused.items(0).action(), v1::ItemOutcome::REFUSED);
  EXPECT_EQ(refused.items(0).problems(0).field(), "data_element.format");
  v1::DefinitionDocument bad_id = NameElement(50, "9X");
  EXPECT_EQ(Apply({bad_id}).items(0).problems(0).field(), "data_element.id");
  v1::ApplyResponse twice = Apply({NameElement(50), NameElement(50)});
  EXPECT_FALSE(twice.applied());
  EXPECT_THAT(twice.items(1).problems(0).description(),
              HasSubstr("appears twice"));
}

TEST_F(RegistryTest, DryRunWritesNothing) {
  v1::ApplyResponse dry = Apply({NameElement(50)}, false, true);
  EXPECT_FALSE(dry.applied());
  EXPECT_EQ(dry.items(0).action(), v1::ItemOutcome::CREATED);
  EXPECT_EQ(dry.items(0).version(), 1u);
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM@latest"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(registry_->last_audit_seq(), 0u);
}

TEST_F(RegistryTest, BreakingChangesNeedAllowBreakingUnderBackward) {
  Apply({NameElement(50)});
  v1::ApplyResponse wider = Apply({NameElement(60)});
  ASSERT_TRUE(wider.applied());
  EXPECT_EQ(wider.items(0).version(), 2u);
  EXPECT_EQ(wider.items(0).compatibility(), v1::COMPATIBLE);
  EXPECT_THAT(wider.items(0).changes(0).description(),
              HasSubstr("max_length 50 → 60"));

  v1::ApplyResponse narrower = Apply({NameElement(30)});
  EXPECT_FALSE(narrower.applied());
  ASSERT_EQ(narrower.items(0).action(), v1::ItemOutcome::REFUSED);
  EXPECT_EQ(narrower.items(0).compatibility(), v1::BREAKING);
  EXPECT_THAT(narrower.items(0).problems(0).description(),
              HasSubstr("max_length 60 → 30: narrows"));

  v1::ApplyResponse allowed = Apply({NameElement(30)}, true);
  ASSERT_TRUE(allowed.applied());
  EXPECT_EQ(allowed.items(0).version(), 3u);
  EXPECT_EQ(allowed.items(0).compatibility(), v1::BREAKING);

  v1::SetPolicyRequest policy;
  policy.set_kind(v1::DATA_ELEMENT);
  policy.set_id("XM");
  policy.set_policy(v1::NONE);
  policy.set_reason("prototype");
  ASSERT_THAT(registry_->SetPolicy(policy, Actor{"steward"}), IsOk());
  EXPECT_TRUE(Apply({NameElement(20)}).applied());

  v1::DiffRequest diff;
  diff.set_kind(v1::DATA_ELEMENT);
  diff.set_ref_a("XM@1");
  diff.set_ref_b("XM@latest");
  absl::StatusOr<v1::DiffResponse> d = registry_->Diff(diff);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->ref_b(), "XM@4");
  EXPECT_EQ(d->compatibility(), v1::BREAKING);
  EXPECT_THAT(d->changes(0).description(), HasSubstr("max_length 50 → 20"));
}

TEST_F(RegistryTest, ACodeListVersionIsComparedEntryByEntry) {
  Apply({Doc(kSexList)});
  v1::DefinitionDocument more = Doc(kSexList);
  v1::CodeEntry* nine = more.mutable_code_list()->add_entries();
  nine->set_code("9");
  nine->set_name_zh("未说明");
  v1::ApplyResponse added = Apply({more});
  ASSERT_TRUE(added.applied());
  EXPECT_EQ(added.items(0).compatibility(), v1::COMPATIBLE);
  ASSERT_THAT(added.items(0).changes(), SizeIs(1));
  EXPECT_EQ(added.items(0).changes(0).description(), "code 9 added");

  v1::ApplyResponse removed = Apply({Doc(kSexList)});
  EXPECT_FALSE(removed.applied());
  EXPECT_EQ(removed.items(0).compatibility(), v1::BREAKING);
  EXPECT_THAT(removed.items(0).problems(0).description(),
              HasSubstr("code 9 removed"));
}

TEST_F(RegistryTest, LifecycleMovesForwardAndSupersedes) {
  Apply({NameElement(50)});
  Apply({NameElement(60)});
  EXPECT_THAT(
      Move(v1::DATA_ELEMENT, "XM@1", v1::STANDARD, "  "),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  ASSERT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::STANDARD), IsOk());
  EXPECT_THAT(
      Move(v1::DATA_ELEMENT, "XM@1", v1::CANDIDATE),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("backwards")));
  EXPECT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::STANDARD),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already STANDARD")));
  absl::StatusOr<v1::SetStatusResponse> promoted =
      Move(v1::DATA_ELEMENT, "XM@2", v1::STANDARD);
  ASSERT_THAT(promoted, IsOk());
  ASSERT_THAT(promoted->superseded(), SizeIs(1));
  EXPECT_EQ(promoted->superseded(0).version(), 1u);
  EXPECT_EQ(promoted->superseded(0).registration_status(), v1::SUPERSEDED);
  EXPECT_EQ(registry_->Resolve(v1::DATA_ELEMENT, "XM")
                ->data_element()
                .version_info()
                .version(),
            2u);
  // Any status may retire.
  EXPECT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::RETIRED), IsOk());
  EXPECT_THAT(Move(v1::DATA_ELEMENT, "XM@1", v1::QUALIFIED),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  // Every move is audited with its reason and both statuses.
  v1::ListAuditRequest audit;
  absl::StatusOr<v1::ListAuditResponse> log = registry_->ListAudit(audit);
  ASSERT_THAT(log, IsOk());
  ASSERT_THAT(log->records(), SizeIs(6));
  const v1::AuditRecord& supersede = log->records(4);
  EXPECT_EQ(supersede.ref(), "XM@1");
  EXPECT_EQ(supersede.status_before(), v1::STANDARD);
  EXPECT_EQ(supersede.status_after(), v1::SUPERSEDED);
  EXPECT_EQ(supersede.principal(), "steward");
  EXPECT_EQ(log->records(3).reason(), "ok");
  EXPECT_EQ(log->last_seq(), 6u);
  audit.set_from_seq(4);
  EXPECT_THAT(registry_->ListAudit(audit)->records(), SizeIs(2));
}

TEST_F(RegistryTest, SchemasAndRetiredItems) {
  Apply({Doc(kSexList), Doc(kSexElement), NameElement(50), Doc(kSchema)});
  ASSERT_THAT(Move(v1::RECORD_SCHEMA, "PERSON@1", v1::STANDARD), IsOk());
  absl::StatusOr<v1::SetStatusResponse> retired =
      Move(v1::CODE_LIST, "SEX@1", v1::RETIRED);
  ASSERT_THAT(retired, IsOk());
  ASSERT_THAT(retired->pinned_by(), SizeIs(1));
  EXPECT_EQ(retired->pinned_by(0).id(), "PERSON");

  v1::DefinitionDocument schema2 = Doc(kSchema);
  schema2.mutable_record_schema()->set_description("v2");
  ASSERT_TRUE(Apply({schema2}).applied());
  EXPECT_THAT(Move(v1::RECORD_SCHEMA, "PERSON@2", v1::STANDARD),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("code list SEX@1")));
}

TEST_F(RegistryTest, CompiledSchemasFollowPromotions) {
  Apply({Doc(kSexList), Doc(kSexElement), NameElement(50), Doc(kSchema)});
  EXPECT_THAT(registry_->CompileSchema("PERSON"),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(Move(v1::RECORD_SCHEMA, "PERSON@1", v1::STANDARD), IsOk());
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> first =
      registry_->CompileSchema("PERSON");
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ((*first)->ref(), "PERSON@1");
  EXPECT_EQ(registry_->CompileSchema("PERSON")->get(), first->get());

  v1::DefinitionDocument schema2 = Doc(kSchema);
  schema2.mutable_record_schema()->mutable_fields(1)->set_required(false);
  schema2.mutable_record_schema()->set_description("v2");
  ASSERT_TRUE(Apply({schema2}).applied());
  ASSERT_THAT(Move(v1::RECORD_SCHEMA, "PERSON@2", v1::STANDARD), IsOk());
  EXPECT_EQ((*registry_->CompileSchema("PERSON"))->ref(), "PERSON@2");
  // Both versions pin SEX@1: one compiled list serves both.
  codec::RecordResult result;
  std::vector<absl::string_view> values = {"男", "张三"};
  (*registry_->CompileSchema("PERSON@2"))->Validate(values, {}, &result);
  EXPECT_EQ(result.verdict(), v1::VALID);
  // The superseded version still validates, with a warning saying so.
  (*registry_->CompileSchema("PERSON@1"))->Validate(values, {}, &result);
  EXPECT_EQ(result.verdict(), v1::VALID_WITH_WARNINGS);
  ASSERT_THAT(result.issues(), SizeIs(1));
  EXPECT_EQ(result.issues()[0].code, v1::SUPERSEDED_DEFINITION);
  EXPECT_EQ(result.value(0), "1");
}

TEST_F(RegistryTest, ListsPageByTokenStablyWhileItemsAreAdded) {
  std::vector<v1::DefinitionDocument> items;
  for (int i = 0; i < 250; ++i) {
    items.push_back(NameElement(50, absl::StrCat("E", 1000 + i)));
  }
  ASSERT_TRUE(Apply(std::move(items)).applied());
  v1::ListItemsRequest request;
  request.set_kind(v1::DATA_ELEMENT);
  request.set_page_size(100);
  std::vector<std::string> ids;
  int pages = 0;
  do {
    absl::StatusOr<v1::ListItemsResponse> page = registry_->List(request);
    ASSERT_THAT(page, IsOk());
    for (const auto& item : page->items()) ids.push_back(item.id());
    request.set_page_token(page->next_page_token());
    if (++pages == 1) {
      // Added before the cursor: not seen; after it: seen once.
      ASSERT_TRUE(
          Apply({NameElement(50, "A0"), NameElement(50, "Z9")}).applied());
    }
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(ids, SizeIs(251));
  EXPECT_EQ(ids.front(), "E1000");
  EXPECT_EQ(ids.back(), "Z9");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());

  request.Clear();
  request.set_kind(v1::DATA_ELEMENT);
  request.set_id_prefix("E12");
  EXPECT_THAT(registry_->List(request)->items(), SizeIs(50));
  request.set_status(v1::STANDARD);
  EXPECT_THAT(registry_->List(request)->items(), SizeIs(0));
  request.set_page_token("garbage");
  EXPECT_THAT(registry_->List(request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RegistryTest, SearchFindsChineseWithoutSpacesRankedAndThroughTerms) {
  ASSERT_TRUE(Apply({Doc("term { id: 'T_GMSFHM' name_zh: '公民身份号码' "
                         "synonyms: '身份证号' deprecated: '身份证编号' "
                         "abbreviations: 'sfzh' definition: 'd' }"),
                     Doc("data_element { id: 'GMSFHM' name_zh: '公民身份号码' "
                         "name_en: 'Citizen identity number' definition: 'd' "
                         "data_type: STRING format: 'c18' terms: 'T_GMSFHM' "
                         "}"),
                     Doc("data_element { id: 'FDDBRZJHM' name_zh: "
                         "'法定代表人证件号码' name_en: 'ID of legal rep' "
                         "definition: 'd' data_type: STRING format: 'c..30' "
                         "}")})
                  .applied());
  v1::SearchRequest search;
  search.set_query("身份");
  absl::StatusOr<v1::SearchResponse> hits = registry_->Search(search);
  ASSERT_THAT(hits, IsOk());
  // The term (its synonym 身份证号 starts with the query), then the element
  // citing it, which outranks its own name's mere "contains".
  ASSERT_THAT(hits->hits(), SizeIs(2));
  EXPECT_EQ(hits->hits(0).item().id(), "T_GMSFHM");
  EXPECT_EQ(hits->hits(0).match(), "synonym");
  EXPECT_EQ(hits->hits(1).item().id(), "GMSFHM");
  EXPECT_EQ(hits->hits(1).match(), "term");

  search.set_query("身份证编号");
  hits = registry_->Search(search);
  ASSERT_THAT(hits, IsOk());
  ASSERT_THAT(hits->hits(), SizeIs(2));
  EXPECT_EQ(hits->hits(0).item().id(), "T_GMSFHM");
  EXPECT_EQ(hits->hits(0).use_instead(), "公民身份号码");
  EXPECT_EQ(hits->hits(1).item().id(), "GMSFHM");
  EXPECT_EQ(hits->hits(1).match(), "term");
  EXPECT_EQ(hits->hits(1).via_term(), "T_GMSFHM");

  search.set_query("sfzh");
  EXPECT_EQ(registry_->Search(search)->hits(0).item().id(), "T_GMSFHM");
  search.set_query("citizen ident");
  EXPECT_EQ(registry_->Search(search)->hits(0).item().id(), "GMSFHM");
  EXPECT_EQ(registry_->Search(search)->hits(0).match(), "name_prefix");
  search.set_query("GMSFHM");
  EXPECT_EQ(registry_->Search(search)->hits(0).match(), "id");
  search.set_query("fddb");
  EXPECT_EQ(registry_->Search(search)->hits(0).match(), "id_prefix");
  search.set_query("证件号码");
  EXPECT_EQ(registry_->Search(search)->hits(0).item().id(), "FDDBRZJHM");
  search.set_query("   ");
  EXPECT_THAT(registry_->Search(search),
              StatusIs(absl::StatusCode::kInvalidArgument));

  v1::GetItemRequest get;
  get.set_kind(v1::TERM);
  get.set_ref("T_GMSFHM@1");
  absl::StatusOr<v1::GetItemResponse> term = registry_->Get(get);
  ASSERT_THAT(term, IsOk());
  ASSERT_THAT(term->cited_by(), SizeIs(1));
  EXPECT_EQ(term->cited_by(0).id(), "GMSFHM");
}

TEST_F(RegistryTest, TheCatalogAppliesInOneCallAndExportsBundles) {
  v1::ApplyRequest request = CatalogRequest();
  absl::StatusOr<v1::ApplyResponse> applied =
      registry_->Apply(request, Actor{"seed"});
  ASSERT_THAT(applied, IsOk());
  for (const v1::ItemOutcome& item : applied->items()) {
    EXPECT_EQ(item.action(), v1::ItemOutcome::CREATED)
        << item.id() << ": "
        << (item.problems_size() ? item.problems(0).description() : "");
  }
  ASSERT_TRUE(applied->applied());
  // Promote everything, as the server's seed does, in dependency order.
  for (const v1::ItemOutcome& item : applied->items()) {
    ASSERT_THAT(Move(item.kind(), absl::StrCat(item.id(), "@1"), v1::STANDARD,
                     "catalog"),
                IsOk())
        << item.id();
  }
  for (const char* schema_id :
       {"NATURAL_PERSON_BASIC", "LEGAL_PERSON_BASIC", "ADMIN_PENALTY"}) {
    absl::StatusOr<v1::Bundle> bundle = registry_->ExportBundle(schema_id);
    ASSERT_THAT(bundle, IsOk()) << schema_id;
    EXPECT_EQ(bundle->format_version(), 1u);
    EXPECT_EQ(bundle->schema().id(), schema_id);
    EXPECT_EQ(bundle->schema().version_info().version(), 1u);
    EXPECT_EQ(bundle->schema().version_info().registration_status(),
              v1::STANDARD);
    EXPECT_FALSE(bundle->exported_at().empty());
    for (const v1::DataElement& e : bundle->elements()) {
      EXPECT_EQ(e.version_info().content_hash(), codec::ContentHash(e));
    }
    for (const v1::CodeList& c : bundle->code_lists()) {
      EXPECT_GT(c.entries_size(), 0) << c.id();
      EXPECT_EQ(c.version_info().content_hash(), codec::ContentHash(c));
    }
    // The bundle compiles offline, exactly as the registry compiles it.
    codec::DefinitionSet defs;
    ASSERT_THAT(defs.AddBundle(*bundle, "bundle"), IsOk());
    absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> offline =
        codec::CompiledSchema::Compile(bundle->schema(), defs);
    ASSERT_THAT(offline, IsOk()) << schema_id;
    absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> online =
        registry_->CompileSchema(schema_id);
    ASSERT_THAT(online, IsOk());
    EXPECT_EQ((*offline)->dependencies(), (*online)->dependencies());
  }
}

TEST_F(RegistryTest, CodingRulesAreVersionedNestedAndClassified) {
  const std::string inner =
      "coding_rule { id: 'DEPT' name_zh: '部门' segments { name: 'dept' "
      "length: 2 allowed: '01' allowed: '02' } }";
  // The outer rule comes first in the set; the nested one is registered
  // (and pinned) first all the same.
  v1::ApplyResponse applied = Apply(
      {Doc("coding_rule { id: 'ITEM_CODE' name_zh: '事项编码' segments { "
           "name: 'dept' length: 2 coding_rule: 'DEPT' } segments { name: "
           "'seq' length: 3 charset: '0-9' } }"),
       Doc(inner)});
  ASSERT_TRUE(applied.applied());
  EXPECT_EQ(applied.items(0).id(), "DEPT");
  EXPECT_EQ(applied.items(1).pinned(0).pinned(), "DEPT@1");

  v1::DefinitionDocument wider = Doc(inner);
  wider.mutable_coding_rule()->mutable_segments(0)->add_allowed("03");
  v1::ApplyResponse added = Apply({wider});
  ASSERT_TRUE(added.applied());
  EXPECT_EQ(added.items(0).compatibility(), v1::COMPATIBLE);
  EXPECT_THAT(added.items(0).changes(0).description(),
              HasSubstr("allowed value '03' added"));

  v1::DefinitionDocument longer = wider;
  longer.mutable_coding_rule()->mutable_segments(0)->set_length(3);
  v1::ApplyResponse refused = Apply({longer});
  EXPECT_FALSE(refused.applied());
  EXPECT_EQ(refused.items(0).compatibility(), v1::BREAKING);
  EXPECT_THAT(refused.items(0).problems(0).description(),
              HasSubstr("segment dept: length changed"));
}

TEST_F(RegistryTest, TermsMayLinkForwardWithinTheirSet) {
  // A thesaurus has cycles: each term names the other, the first one
  // before the second is decided.
  v1::ApplyResponse applied = Apply(
      {Doc("term { id: 'T_XZQH' name_zh: '行政区划' definition: 'd' "
           "related: 'T_XZQHDM' }"),
       Doc("term { id: 'T_XZQHDM' name_zh: '行政区划代码' definition: 'd' "
           "broader: 'T_XZQH' }")});
  EXPECT_TRUE(applied.applied());
  for (const v1::ItemOutcome& item : applied.items()) {
    EXPECT_EQ(item.action(), v1::ItemOutcome::CREATED)
        << item.id() << ": "
        << (item.problems_size() ? item.problems(0).description() : "");
  }
  // A link to a term that is neither in the set nor registered is refused.
  v1::ApplyResponse dangling = Apply({Doc(
      "term { id: 'T_X' name_zh: 'x' definition: 'd' related: 'T_NOPE' }")});
  EXPECT_FALSE(dangling.applied());
  ASSERT_THAT(dangling.items(), SizeIs(1));
  EXPECT_THAT(dangling.items(0).problems(0).description(), HasSubstr("T_NOPE"));
}

TEST_F(RegistryTest, AddressCodesArePinnedAndExported) {
  v1::ApplyResponse applied = Apply(
      {Doc("code_list { id: 'DIV' name_zh: '区划' entries { code: '110105' "
           "name_zh: '朝阳区' valid_from: '1980-01-01' } }"),
       Doc("data_element { id: 'SFZH' name_zh: '身份号码' name_en: 'ID' "
           "definition: 'd' data_type: STRING format: 'c18' value_domain { "
           "checksum: GB11643 address_codes: 'DIV' } examples { value: "
           "'11010519491231002X' valid: true } }"),
       Doc("record_schema { id: 'P' name_zh: '人' fields { name: 'sfzh' "
           "element: 'SFZH' } }")});
  ASSERT_TRUE(applied.applied());
  const v1::ItemOutcome* element = nullptr;
  for (const v1::ItemOutcome& item : applied.items()) {
    if (item.id() == "SFZH") element = &item;
  }
  ASSERT_NE(element, nullptr);
  ASSERT_THAT(element->pinned(), SizeIs(1));
  EXPECT_EQ(element->pinned(0).field(),
            "data_element.value_domain.address_codes");
  EXPECT_EQ(element->pinned(0).pinned(), "DIV@1");
  // The bundle carries the list, so it compiles offline.
  absl::StatusOr<v1::Bundle> bundle = registry_->ExportBundle("P@1");
  ASSERT_THAT(bundle, IsOk());
  ASSERT_THAT(bundle->code_lists(), SizeIs(1));
  EXPECT_EQ(bundle->code_lists(0).id(), "DIV");
  codec::DefinitionSet defs;
  ASSERT_THAT(defs.AddBundle(*bundle, "bundle"), IsOk());
  EXPECT_THAT(codec::CompiledSchema::Compile(bundle->schema(), defs), IsOk());
}

TEST_F(RegistryTest, SurvivesReopenAndRestoresFromBackup) {
  Apply({NameElement(50)});
  const std::string backups = dir_.Path("backups");
  absl::StatusOr<v1::BackupResponse> backup =
      registry_->Backup(backups, Actor{"admin"});
  ASSERT_THAT(backup, IsOk());
  EXPECT_GT(backup->size_bytes(), 0u);
  Apply({NameElement(60)});
  Reopen();
  EXPECT_THAT(registry_->Resolve(v1::DATA_ELEMENT, "XM@2"), IsOk());
  EXPECT_EQ(registry_->last_audit_seq(), 3u);

  const std::string restored = dir_.Path("restored");
  ASSERT_THAT(Registry::Restore(backups, restored), IsOk());
  EXPECT_THAT(Registry::Restore(backups, restored),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  RegistryOptions options;
  options.data_dir = restored;
  absl::StatusOr<std::unique_ptr<Registry>> old = Registry::Open(options);
  ASSERT_THAT(old, IsOk());
  EXPECT_THAT((*old)->Resolve(v1::DATA_ELEMENT, "XM@1"), IsOk());
  EXPECT_THAT((*old)->Resolve(v1::DATA_ELEMENT, "XM@2"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RegistryTest, WaitForAuditWakesOnCommit) {
  EXPECT_FALSE(
      registry_->WaitForAudit(0, absl::Now() + absl::Milliseconds(10)));
  std::atomic<uint64_t> heard{0};
  const int handle =
      registry_->AddAuditListener([&](uint64_t seq) { heard = seq; });
  std::thread writer([&] { Apply({NameElement(50)}); });
  EXPECT_TRUE(registry_->WaitForAudit(0, absl::Now() + absl::Seconds(30)));
  writer.join();
  EXPECT_EQ(heard.load(), 1u);
  registry_->RemoveAuditListener(handle);
}

TEST_F(RegistryTest, ConcurrentWritersGetDistinctVersionsAndLoseNothing) {
  constexpr int kPerThread = 20;
  auto writer = [&](int offset) {
    for (int i = 0; i < kPerThread; ++i) {
      Apply({NameElement(100 + offset + 2 * i)}, /*allow_breaking=*/true);
    }
  };
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done) {
      absl::StatusOr<v1::DefinitionDocument> d =
          registry_->Resolve(v1::DATA_ELEMENT, "XM@latest");
      if (d.ok()) {
        EXPECT_EQ(d->data_element().version_info().content_hash(),
                  codec::ContentHash(d->data_element()));
      }
    }
  });
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  done = true;
  reader.join();
  v1::HistoryRequest history;
  history.set_kind(v1::DATA_ELEMENT);
  history.set_id("XM");
  absl::StatusOr<v1::HistoryResponse> versions = registry_->History(history);
  ASSERT_THAT(versions, IsOk());
  ASSERT_THAT(versions->versions(), SizeIs(2 * kPerThread));
  for (int i = 0; i < 2 * kPerThread; ++i) {
    EXPECT_EQ(versions->versions(i).version(), static_cast<uint32_t>(i + 1));
  }
}

TEST_F(RegistryTest, NewerStoreFormatsAreRefused) {
  registry_.reset();
  {
    auto store = registry_internal::Store::Open(dir_.Path("store"));
    ASSERT_THAT(store, IsOk());
    registry_internal::StoreBatch batch;
    batch.Put(registry_internal::Family::kDefault,
              std::string(registry_internal::kFormatVersionKey),
              registry_internal::EncodeFixed32(
                  registry_internal::kFormatVersion + 1));
    ASSERT_THAT((*store)->Write(batch), IsOk());
  }
  RegistryOptions options;
  options.data_dir = dir_.Path("store");
  EXPECT_THAT(Registry::Open(options),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("newer shuyuan")));
}

TEST_F(RegistryTest, ACorruptStoreIsAnErrorNeverACrash) {
  Apply({NameElement(50)});
  registry_.reset();
  const std::string store = dir_.Path("store");
  for (const auto& entry : std::filesystem::directory_iterator(store)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("MANIFEST", 0) == 0 || entry.path().extension() == ".log" ||
        entry.path().extension() == ".sst") {
      std::ofstream(entry.path(), std::ios::binary | std::ios::trunc)
          << "garbage, not a RocksDB file";
    }
  }
  RegistryOptions options;
  options.data_dir = store;
  absl::StatusOr<std::unique_ptr<Registry>> corrupt = Registry::Open(options);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_TRUE(absl::IsDataLoss(corrupt.status())) << corrupt.status();
}

// A child registers versions in a loop and reports each acknowledged one on
// a pipe; it is killed with SIGKILL at random moments. After each reopen,
// every acknowledged version is present and intact.
TEST_F(RegistryTest, AcknowledgedVersionsSurviveKillNine) {
  registry_.reset();
  const std::string store = dir_.Path("store");
  std::mt19937 random(20261130);
  uint32_t acknowledged = 0;
  for (int round = 0; round < 20; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      RegistryOptions options;
      options.data_dir = store;
      auto registry = Registry::Open(options);
      if (!registry.ok()) _exit(3);
      for (int i = 0;; ++i) {
        v1::ApplyRequest request;
        *request.add_items() = NameElement(1000 + round * 100000 + i, "CRASH");
        *request.add_items() = NameElement(7, absl::StrCat("S", round, "_", i));
        auto applied = (*registry)->Apply(request, Actor{"crash"});
        if (!applied.ok() || !applied->applied()) _exit(4);
        const uint32_t version = applied->items(0).version();
        if (write(fds[1], &version, sizeof version) != sizeof version) {
          _exit(5);
        }
      }
    }
    close(fds[1]);
    usleep(20000 + random() % 80000);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    uint32_t version = 0;
    while (read(fds[0], &version, sizeof version) == sizeof version) {
      acknowledged = std::max(acknowledged, version);
    }
    close(fds[0]);
    RegistryOptions options;
    options.data_dir = store;
    auto registry = Registry::Open(options);
    ASSERT_THAT(registry, IsOk()) << "round " << round;
    if (acknowledged == 0) continue;
    auto latest = (*registry)->Resolve(v1::DATA_ELEMENT, "CRASH@latest");
    ASSERT_THAT(latest, IsOk());
    const uint32_t present = latest->data_element().version_info().version();
    EXPECT_GE(present, acknowledged) << "round " << round;
    // Every version intact, and each set whole: the S element written with
    // a CRASH version exists too.
    v1::HistoryRequest history;
    history.set_kind(v1::DATA_ELEMENT);
    history.set_id("CRASH");
    auto versions = (*registry)->History(history);
    ASSERT_THAT(versions, IsOk());
    EXPECT_EQ(versions->versions_size(), static_cast<int>(present));
    auto d =
        (*registry)->Resolve(v1::DATA_ELEMENT, absl::StrCat("CRASH@", present));
    ASSERT_THAT(d, IsOk());
    EXPECT_EQ(d->data_element().version_info().content_hash(),
              codec::ContentHash(d->data_element()));
  }
  EXPECT_GT(acknowledged, 0u);
}

}  // namespace
}  // namespace shuyuan::registry
