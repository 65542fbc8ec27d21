#include "client/internal/item_outcome_text.h"

#include "absl/strings/str_cat.h"
#include "client/cli_options.h"

namespace shuyuan::client_internal {
namespace {

using client::KindName;

std::string Headline(const v1::ItemOutcome& item, bool dry_run) {
  std::string line = absl::StrCat(KindName(item.kind()), " ", item.id(), ": ");
  switch (item.action()) {
    case v1::ItemOutcome::CREATED:
      absl::StrAppend(
          &line, dry_run ? "would create v" : "created v", item.version(), " (",
          v1::RegistrationStatus_Name(item.registration_status()), ")");
      break;
    case v1::ItemOutcome::UNCHANGED:
      absl::StrAppend(&line, "unchanged v", item.version(), " (",
                      v1::RegistrationStatus_Name(item.registration_status()),
                      ")");
      break;
    case v1::ItemOutcome::REFUSED:
      absl::StrAppend(&line, "refused");
      break;
    default:
      absl::StrAppend(&line, "?");
  }
  if (item.compatibility() != v1::COMPATIBILITY_UNSPECIFIED) {
    absl::StrAppend(&line, ", ", v1::Compatibility_Name(item.compatibility()));
    if (item.version() > 1) {
      absl::StrAppend(&line, " with v", item.version() - 1);
    }
  } else if (item.action() == v1::ItemOutcome::CREATED && item.version() == 1) {
    absl::StrAppend(&line, ", first version");
  }
  return line;
}

}  // namespace

// Prints the outcome of one item: its headline, pinned references, changes
// and problems (sited in the files when `defs` knows the item).
void PrintItemOutcome(
    const v1::ItemOutcome& item, bool dry_run,
    const std::function<std::string(const std::string& field)>& site,
    std::ostream& out) {
  out << Headline(item, dry_run) << "\n";
  for (const v1::PinnedReference& pin : item.pinned()) {
    out << "  pinned   " << pin.field() << ": " << pin.written() << " → "
        << pin.pinned() << "\n";
  }
  for (const v1::Change& change : item.changes()) {
    out << "  change   " << change.description()
        << (change.breaking() ? "  [breaking]" : "") << "\n";
  }
  for (const v1::DefinitionProblem& problem : item.problems()) {
    out << "  problem  " << site(problem.field()) << problem.field() << ": "
        << problem.description() << "\n";
  }
}

}  // namespace shuyuan::client_internal
