// The text form of what happened to one item of an apply or an import
// (v1::ItemOutcome), shared by `shuyuan apply` and `shuyuan codelist import`:
//
//   element XBDM: created v2 (CANDIDATE), COMPATIBLE with v1
//     pinned   data_element.value_domain.code_list: GB_T_2261_1 → GB_T_2261_1@1
//     change   max_length 1 → 2: widens
//   element FOO: refused
//     problem  defs/foo.yaml:7: data_element.format: ...
//
// Thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_ITEM_OUTCOME_TEXT_H_
#define SHUYUAN_CLIENT_INTERNAL_ITEM_OUTCOME_TEXT_H_

#include <functional>
#include <ostream>
#include <string>

#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::client_internal {

// Prints the headline, pinned references, changes and problems of `item`.
// `site(field)` gives the "FILE:LINE: " prefix of a problem's field path
// (or ""). `dry_run` words a CREATED item as "would create".
void PrintItemOutcome(
    const v1::ItemOutcome& item, bool dry_run,
    const std::function<std::string(const std::string& field)>& site,
    std::ostream& out);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_ITEM_OUTCOME_TEXT_H_
