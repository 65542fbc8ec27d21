// Compatibility of versions (SPEC §2.8): each new version of an item is
// classified against the previous one as COMPATIBLE (it accepts a superset of
// what the old version accepted: a longer max length, an added code) or
// BREAKING (something valid before may be refused now: a type or format
// narrowed, a code removed, a pattern or checksum changed), with one
// human-readable line per change. The registry's Diff(ref_a, ref_b) gives the
// same lines for any two versions by calling Classify on them.
//
//   class StoreLoader : public VersionLoader { ... };  // over the store
//   absl::StatusOr<Classification> c = Classify(previous, candidate, loader);
//   if (!c.ok()) return c.status();
//   if (c->verdict == v1::BREAKING && !allow_breaking) {
//     for (const v1::Change& change : c->changes) {
//       // change.description(): "max_length 50 → 30: narrows"
//     }
//   }
//
// References inside the items ("ID@N") must already be pinned, as they are
// once registered (SPEC §2.1). When a pinned reference moves to another
// version of the same id (an element's code list GB_T_2260@1 → @2, a schema
// field's element XBDM@1 → @2), both versions are loaded through the
// VersionLoader and compared by the rules of their own kind; their lines are
// prefixed with the path that led there ("code_list GB_T_2260@1 → @2: code
// 330103 removed", "field gmsfhm: element GMSFHM@1 → @2: max_length 18 → 15:
// narrows"). Arrows are U+2192 "→".
//
// Rules. Lines saying "narrows" or "changed" are breaking; "widens", "same
// meaning" and the others marked compatible are not. An attribute that is
// absent on one side reads "<name> <value> added" / "<name> <value> removed".
//
// Data element, attributes in message order:
// | attribute      | compatible                 | breaking                   |
// |----------------|----------------------------|----------------------------|
// | data_type      | -                          | any change: "data_type     |
// |                |                            | STRING → INTEGER"          |
// | format         | class widened (n, a ⊂ an ⊂ | class narrowed, min length |
// | (ParseFormat)  | c), min length lowered,    | raised, max length         |
// |                | max length raised, scale   | lowered, scale lowered:    |
// |                | raised: "format an..30 →   | "format an..50 → an..30:   |
// |                | an..50: widens"; the same  | narrows"; a ↔ n, another   |
// |                | format written otherwise:  | datetime layout, datetime  |
// |                | "format D8 → YYYYMMDD:     | ↔ class, unparseable:      |
// |                | same meaning"; removed     | "...: changed"; added      |
// | length_unit    | -                          | any change                 |
// | aliases        | "alias 'M' added"          | "alias 'M' removed",       |
// |                |                            | "alias 'M': 1 → 2"         |
// | normalize      | the old steps a subse-     | anything else: "normalize: |
// |                | quence of the new:         | steps changed"             |
// |                | "normalize: upper added"   |                            |
// | descriptive    | "name_zh changed"          | -                          |
// | any other      | -                          | "<field> changed"          |
// Descriptive: name_zh, name_en, definition, synonyms, object_class,
// property, representation_term, unit, sensitivity, source_org, application,
// remarks, standard, examples, terms. Not compared: id (must match) and
// version_info.
//
// Value domain, attributes in message order:
// | attribute      | compatible                 | breaking                   |
// |----------------|----------------------------|----------------------------|
// | code_list      | removed; the same id at    | added where none; another  |
// |                | another version: the code  | id: "code_list A@1 → B@1:  |
// |                | list rules below, prefixed | another list"              |
// |                | "code_list GB_T_2260@1 →   |                            |
// |                | @2: " (or "...: same       |                            |
// |                | content")                  |                            |
// | min_length,    | "max_length 30 → 50:       | "max_length 50 → 30:       |
// | max_length     | widens", min lowered,      | narrows", min raised,      |
// |                | bound removed              | bound added                |
// | pattern        | "pattern removed"          | "pattern added", "pattern  |
// |                |                            | changed"                   |
// | min_value,     | bound widened or removed,  | bound narrowed or added;   |
// | max_value      | compared as exact decimals | unparseable: "changed"     |
// |                | ("10 → 10.0: same meaning")|                            |
// | min_date,      | likewise, as YYYY-MM-DD    | likewise                   |
// | max_date       | dates                      |                            |
// | checksum       | "checksum GB11643 removed" | "checksum GB11643 added",  |
// |                |                            | "checksum GB11643 → LUHN"  |
// | checksum_      | ERROR → WARNING: widens;   | WARNING → ERROR: narrows   |
// | severity       | WARNING → ERROR with no    |                            |
// |                | checksum: same meaning     |                            |
// | allowed_values | "allowed value 'x' added"; | "allowed value 'x'         |
// |                | the enumeration dropped:   | removed"; an enumeration   |
// |                | "allowed_values removed:   | where there was none:      |
// |                | widens"                    | "allowed_values added:     |
// |                |                            | narrows"                   |
// | any other      | -                          | "value_domain.<field>      |
// | (address_codes)|                            | changed"                   |
//
// Code list, attributes in message order, then entries in byte order of the
// code:
// | attribute      | compatible                 | breaking                   |
// |----------------|----------------------------|----------------------------|
// | code           | "code 330110 added"        | "code 330103 removed"      |
// | validity       | widened: "code 330103:     | narrowed (valid_from       |
// |                | valid_to 2020-12-31 →      | later, valid_to earlier,   |
// |                | 2021-12-31: widens"        | an open end closed):       |
// |                |                            | "code 330103: valid_to     |
// |                |                            | 2021-12-31 → 2020-12-31:   |
// |                |                            | narrows"                   |
// | entry name_zh, | "code 1: name_zh 'a' →     | -                          |
// | name_en, parent| 'b'"                       |                            |
// | entry aliases  | "code 1: alias 'M' added"  | "code 1: alias 'M'         |
// |                |                            | removed"                   |
// | name_zh, name_ | "name_zh changed"          | -                          |
// | en, standard,  |                            |                            |
// | remarks        |                            |                            |
// | any other      | -                          | "<field> changed", "code   |
// |                |                            | 1: <field> changed"        |
// Validity compares, per code, the union of the periods of all its entries
// (a code may have several entries with non-overlapping periods). One period
// on each side gives valid_from / valid_to lines; otherwise one line "code 1:
// validity 2000-01-01..2010-12-31, 2015-01-01..open → 2000-01-01..open:
// widens" ("narrows" when any day was lost). The names of a code with
// several entries are listed in period order, joined by "; ".
//
// Record schema, attributes in message order; fields of the old version in
// its order, then fields only the new version has, in its order:
// | attribute      | compatible                 | breaking                   |
// |----------------|----------------------------|----------------------------|
// | fields         | "field x added" (optional, | "field x removed"; "field  |
// |                | or with default or derive) | x added: required"         |
// | field element  | the same id at another     | another id: "field x:      |
// |                | version: the element rules,| element A@1 → B@1: another |
// |                | prefixed "field gmsfhm:    | element"                   |
// |                | element GMSFHM@1 → @2: "   |                            |
// | field required | true → false               | false → true               |
// | field aliases  | "field x: alias 'sfzh'     | "field x: alias 'sfzh'     |
// |                | added"                     | removed"                   |
// | field default  | added, changed             | "field x: default '1'      |
// |                |                            | removed"                   |
// | field derive   | added, changed; removed    | removed from a required    |
// |                | from an optional field     | field                      |
// | rules          | "rule id_sex(gmsfhm, xbdm) | "rule id_sex(gmsfhm, xbdm) |
// |                | removed"                   | added"                     |
// | name_zh, name_ | "name_zh changed"          | -                          |
// | en, descrip-   |                            |                            |
// | tion, examples,|                            |                            |
// | standard,      |                            |                            |
// | remarks        |                            |                            |
// | any other      | -                          | "<field> changed", "field  |
// |                |                            | x: <field> changed"        |
//
// Term: always COMPATIBLE (SPEC §2.11). Lists name each value ("synonyms: X
// added", "deprecated: Y added", "broader: T1@1 removed"); other attributes
// read "<attribute> changed".
//
// Fields that only the wire format carries (written by a newer version of
// the model, unknown to this build) read "<path>#<number> changed" and are
// breaking (compatible in terms).
//
// At most kMaxChangeLines lines are returned: beyond that, the first
// kMaxChangeLines - 1 are kept and a last line "… and N more changes" stands
// for the rest (breaking when any of them is). The verdict counts every
// change. A code list of 1,000,000 entries classifies in about a quarter of
// a second: only the old list's codes are hashed, each new entry is matched
// against them, and only changed codes are sorted.
//
// An item of a kind added to the model after this build (a document field
// that none of the rules above names) is compared field by field, every
// difference breaking.
#ifndef SHUYUAN_REGISTRY_COMPATIBILITY_H_
#define SHUYUAN_REGISTRY_COMPATIBILITY_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry {

// Loads pinned versions that a comparison needs (an element's code list
// GB_T_2260@1 → @2 is compared entry by entry; a schema field's element
// XBDM@1 → @2 is compared attribute by attribute). The registry implements
// it over its store; tests over a map.
//
// Implementations must be safe to call from several threads at once when
// Classify is. Both methods take a pinned reference "ID@N" and return
// NotFound when there is no such version, or the store's error.
class VersionLoader {
 public:
  virtual ~VersionLoader() = default;
  virtual absl::StatusOr<v1::DataElement> LoadElement(
      absl::string_view pinned_ref) const = 0;
  virtual absl::StatusOr<v1::CodeList> LoadCodeList(
      absl::string_view pinned_ref) const = 0;
};

// The most lines a Classification holds, the "… and N more changes" line
// included.
inline constexpr size_t kMaxChangeLines = 100;

// How one version compares with another. A plain value; copy freely.
struct Classification {
  v1::Compatibility verdict = v1::COMPATIBLE;  // BREAKING when any change is
  // In the order documented above, at most kMaxChangeLines.
  std::vector<v1::Change> changes;
};

// Classifies `after` against `before`, which must hold the same kind of item
// with the same id (InvalidArgument otherwise, and for a document holding no
// item). Identical content (version_info aside) → COMPATIBLE with no
// changes. InvalidArgument for an unpinned reference that moved, or a code
// list date that is not YYYY-MM-DD; the loader's status, prefixed with the
// reference, when a version cannot be loaded.
//
// Thread-safe when `loader` is; `loader` is used only during the call.
absl::StatusOr<Classification> Classify(const v1::DefinitionDocument& before,
                                        const v1::DefinitionDocument& after,
                                        const VersionLoader& loader);

}  // namespace shuyuan::registry

#endif  // SHUYUAN_REGISTRY_COMPATIBILITY_H_
