#include "server/seed.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/definition_loader.h"
#include "codec/definition_set.h"
#include "codec/reference.h"
#include "common/status_macros.h"

namespace shuyuan::server {
namespace {

// FILE:LINE of a problem's field, when the set knows where the item was.
std::string Where(const codec::DefinitionSet& defs, const v1::ItemOutcome& item,
                  const std::string& field) {
  const codec::SourceLocation* location = nullptr;
  switch (item.kind()) {
    case v1::DATA_ELEMENT:
      location = defs.ElementLocation(item.id());
      break;
    case v1::CODE_LIST:
      location = defs.CodeListLocation(item.id());
      break;
    case v1::RECORD_SCHEMA:
      location = defs.SchemaLocation(item.id());
      break;
    case v1::TERM:
      location = defs.TermLocation(item.id());
      break;
    case v1::CODING_RULE:
      location = defs.CodingRuleLocation(item.id());
      break;
    default:
      break;
  }
  if (location == nullptr) return item.id();
  return absl::StrCat(location->file, ":", location->LineOf(field));
}

}  // namespace

absl::StatusOr<SeedReport> SeedRegistry(registry::Registry& registry,
                                        const std::string& dir) {
  SHUYUAN_ASSIGN_OR_RETURN(codec::DefinitionSet defs,
                           codec::DefinitionSet::Load(dir));
  v1::ApplyRequest request;
  request.set_allow_breaking(true);
  for (const auto* c : defs.code_lists()) {
    *request.add_items()->mutable_code_list() = *c;
  }
  for (const auto* t : defs.terms()) *request.add_items()->mutable_term() = *t;
  for (const auto* r : defs.coding_rules()) {
    *request.add_items()->mutable_coding_rule() = *r;
  }
  for (const auto* e : defs.elements()) {
    *request.add_items()->mutable_data_element() = *e;
  }
  for (const auto* s : defs.schemas()) {
    *request.add_items()->mutable_record_schema() = *s;
  }
  const registry::Actor seed{"seed"};
  SHUYUAN_ASSIGN_OR_RETURN(v1::ApplyResponse applied,
                           registry.Apply(request, seed));
  std::vector<std::string> problems;
  for (const v1::ItemOutcome& item : applied.items()) {
    for (const v1::DefinitionProblem& p : item.problems()) {
      problems.push_back(absl::StrCat(Where(defs, item, p.field()), ": ",
                                      p.field(), ": ", p.description()));
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--seed ", dir, ": the registry refused the seed:\n",
                     absl::StrJoin(problems, "\n")));
  }
  SeedReport report;
  const std::string reason = absl::StrCat("seeded from ", dir);
  for (const v1::ItemOutcome& item : applied.items()) {
    if (item.action() == v1::ItemOutcome::CREATED) ++report.created;
    if (item.action() == v1::ItemOutcome::UNCHANGED) ++report.unchanged;
    // A version still CANDIDATE was never promoted (a first start, or one
    // interrupted between the two writes): statuses only move forward, so
    // nobody else has touched it.
    if (item.registration_status() != v1::CANDIDATE) continue;
    v1::SetStatusRequest promote;
    promote.set_kind(item.kind());
    promote.set_ref(codec::PinnedRef(item.id(), item.version()));
    promote.set_status(v1::STANDARD);
    promote.set_reason(reason);
    SHUYUAN_RETURN_IF_ERROR(registry.SetStatus(promote, seed).status());
    ++report.promoted;
  }
  return report;
}

}  // namespace shuyuan::server
