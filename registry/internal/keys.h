// The registry's on-disk layout: every key of the store is encoded here and
// nowhere else (LevelDB's dbformat.h plays the same part).
//
// Column families and their keys (integers big-endian, so keys sort
// numerically; ids never contain '\0', so '\0' ends an id):
//
//   default   "format_version"           → fixed32 store format
//   (kFormatVersion)
//             "audit_seq"                → fixed64 seq of the newest audit
//             record
//   items     kind(1) id '\0' version(4) → v1::DefinitionDocument, with
//                                          version_info; code lists without
//                                          entries (see chunks)
//   chunks    kind(1)=CODE_LIST id '\0' version(4) chunk(4)
//                                        → v1::CodeList holding only entries,
//                                          at most kChunkEntries of them
//   index     'h' kind(1) id             → head: fixed32 latest version,
//                                          1 byte CompatibilityPolicy
//             'p' kind(1) id '\0' version(4) kind(1) id '\0' version(4)
//                                        → "" : the first item version is
//                                          pinned (or cited) by the second
//             's' token '\0' kind(1) id  → "" : search posting of the latest
//                                          version of kind/id
//   audit     seq(8)                     → v1::AuditRecord
//
// kind(1) is the v1::ItemKind number as one byte.
#ifndef SHUYUAN_REGISTRY_INTERNAL_KEYS_H_
#define SHUYUAN_REGISTRY_INTERNAL_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry_internal {

// Bump when the layout changes incompatibly; a store written with a newer
// format refuses to open (FailedPrecondition).
inline constexpr uint32_t kFormatVersion = 1;

// Entries per stored code-list chunk: bounded values, whatever the list size.
inline constexpr uint32_t kChunkEntries = 4096;

enum class Family { kDefault = 0, kItems, kChunks, kIndex, kAudit };
inline constexpr int kFamilyCount = 5;
const char* FamilyName(Family family);

inline constexpr absl::string_view kFormatVersionKey = "format_version";
inline constexpr absl::string_view kAuditSeqKey = "audit_seq";

std::string EncodeFixed32(uint32_t value);
std::string EncodeFixed64(uint64_t value);
uint32_t DecodeFixed32(absl::string_view bytes);  // bytes.size() >= 4
uint64_t DecodeFixed64(absl::string_view bytes);  // bytes.size() >= 8

// items: every version of kind/id shares ItemIdPrefix.
std::string ItemKey(v1::ItemKind kind, absl::string_view id, uint32_t version);
std::string ItemIdPrefix(v1::ItemKind kind, absl::string_view id);
std::string ItemKindPrefix(v1::ItemKind kind);
struct ParsedItemKey {
  v1::ItemKind kind;
  std::string id;
  uint32_t version;
};
std::optional<ParsedItemKey> ParseItemKey(absl::string_view key);

// chunks
std::string ChunkKey(absl::string_view id, uint32_t version, uint32_t chunk);
std::string ChunkPrefix(absl::string_view id, uint32_t version);

// index: heads
std::string HeadKey(v1::ItemKind kind, absl::string_view id);
struct Head {
  uint32_t latest = 0;
  v1::CompatibilityPolicy policy = v1::BACKWARD;
};
std::string EncodeHead(const Head& head);
std::optional<Head> DecodeHead(absl::string_view bytes);

// index: pins. `target` is pinned by `source`.
std::string PinKey(v1::ItemKind target_kind, absl::string_view target_id,
                   uint32_t target_version, v1::ItemKind source_kind,
                   absl::string_view source_id, uint32_t source_version);
// Every pin of any version of target kind/id.
std::string PinTargetIdPrefix(v1::ItemKind kind, absl::string_view id);
// Every pin of one version.
std::string PinTargetPrefix(v1::ItemKind kind, absl::string_view id,
                            uint32_t version);
struct ParsedPinKey {
  v1::ItemKind target_kind;
  std::string target_id;
  uint32_t target_version;
  v1::ItemKind source_kind;
  std::string source_id;
  uint32_t source_version;
};
std::optional<ParsedPinKey> ParsePinKey(absl::string_view key);

// index: search postings
std::string PostingKey(absl::string_view token, v1::ItemKind kind,
                       absl::string_view id);
std::string PostingTokenPrefix(absl::string_view token);
struct ParsedPostingKey {
  std::string token;
  v1::ItemKind kind;
  std::string id;
};
std::optional<ParsedPostingKey> ParsePostingKey(absl::string_view key);

// audit
std::string AuditKey(uint64_t seq);

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_KEYS_H_
