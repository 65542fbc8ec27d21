#include "registry/internal/keys.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace shuyuan::registry_internal {
namespace {

char KindByte(v1::ItemKind kind) { return static_cast<char>(kind); }

// Reads "id '\0'" at the front of `*in`; false when there is no '\0'.
bool ConsumeId(absl::string_view* in, std::string* id) {
  const size_t end = in->find('\0');
  if (end == absl::string_view::npos) return false;
  *id = std::string(in->substr(0, end));
  in->remove_prefix(end + 1);
  return true;
}

bool ConsumeKind(absl::string_view* in, v1::ItemKind* kind) {
  if (in->empty()) return false;
  const int value = static_cast<unsigned char>((*in)[0]);
  if (!v1::ItemKind_IsValid(value) || value == 0) return false;
  *kind = static_cast<v1::ItemKind>(value);
  in->remove_prefix(1);
  return true;
}

bool ConsumeFixed32(absl::string_view* in, uint32_t* value) {
  if (in->size() < 4) return false;
  *value = DecodeFixed32(*in);
  in->remove_prefix(4);
  return true;
}

}  // namespace

const char* FamilyName(Family family) {
  switch (family) {
    case Family::kDefault:
      return "default";
    case Family::kItems:
      return "items";
    case Family::kChunks:
      return "chunks";
    case Family::kIndex:
      return "index";
    case Family::kAudit:
      return "audit";
  }
  return "default";
}

std::string EncodeFixed32(uint32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(value >> (24 - 8 * i));
  return out;
}

std::string EncodeFixed64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(value >> (56 - 8 * i));
  return out;
}

uint32_t DecodeFixed32(absl::string_view bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}

uint64_t DecodeFixed64(absl::string_view bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}

std::string ItemKindPrefix(v1::ItemKind kind) {
  return std::string(1, KindByte(kind));
}

std::string ItemIdPrefix(v1::ItemKind kind, absl::string_view id) {
  std::string key(1, KindByte(kind));
  absl::StrAppend(&key, id);
  key.push_back('\0');
  return key;
}

std::string ItemKey(v1::ItemKind kind, absl::string_view id, uint32_t version) {
  return ItemIdPrefix(kind, id) + EncodeFixed32(version);
}

std::optional<ParsedItemKey> ParseItemKey(absl::string_view key) {
  ParsedItemKey parsed;
  if (!ConsumeKind(&key, &parsed.kind) || !ConsumeId(&key, &parsed.id) ||
      !ConsumeFixed32(&key, &parsed.version) || !key.empty()) {
    return std::nullopt;
  }
  return parsed;
}

std::string ChunkPrefix(absl::string_view id, uint32_t version) {
  return ItemKey(v1::CODE_LIST, id, version);
}

std::string ChunkKey(absl::string_view id, uint32_t version, uint32_t chunk) {
  return ChunkPrefix(id, version) + EncodeFixed32(chunk);
}

std::string HeadKey(v1::ItemKind kind, absl::string_view id) {
  std::string key = "h";
  key.push_back(KindByte(kind));
  absl::StrAppend(&key, id);
  return key;
}

std::string EncodeHead(const Head& head) {
  std::string out = EncodeFixed32(head.latest);
  out.push_back(static_cast<char>(head.policy));
  return out;
}

std::optional<Head> DecodeHead(absl::string_view bytes) {
  if (bytes.size() != 5) return std::nullopt;
  Head head;
  head.latest = DecodeFixed32(bytes);
  const int policy = static_cast<unsigned char>(bytes[4]);
  if (!v1::CompatibilityPolicy_IsValid(policy)) return std::nullopt;
  head.policy = static_cast<v1::CompatibilityPolicy>(policy);
  return head;
}

std::string PinTargetIdPrefix(v1::ItemKind kind, absl::string_view id) {
  std::string key = "p";
  key.push_back(KindByte(kind));
  absl::StrAppend(&key, id);
  key.push_back('\0');
  return key;
}

std::string PinTargetPrefix(v1::ItemKind kind, absl::string_view id,
                            uint32_t version) {
  return PinTargetIdPrefix(kind, id) + EncodeFixed32(version);
}

std::string PinKey(v1::ItemKind target_kind, absl::string_view target_id,
                   uint32_t target_version, v1::ItemKind source_kind,
                   absl::string_view source_id, uint32_t source_version) {
  std::string key = PinTargetPrefix(target_kind, target_id, target_version);
  key.push_back(KindByte(source_kind));
  absl::StrAppend(&key, source_id);
  key.push_back('\0');
  absl::StrAppend(&key, EncodeFixed32(source_version));
  return key;
}

std::optional<ParsedPinKey> ParsePinKey(absl::string_view key) {
  if (key.empty() || key[0] != 'p') return std::nullopt;
  key.remove_prefix(1);
  ParsedPinKey parsed;
  if (!ConsumeKind(&key, &parsed.target_kind) ||
      !ConsumeId(&key, &parsed.target_id) ||
      !ConsumeFixed32(&key, &parsed.target_version) ||
      !ConsumeKind(&key, &parsed.source_kind) ||
      !ConsumeId(&key, &parsed.source_id) ||
      !ConsumeFixed32(&key, &parsed.source_version) || !key.empty()) {
    return std::nullopt;
  }
  return parsed;
}

std::string PostingTokenPrefix(absl::string_view token) {
  std::string key = "s";
  absl::StrAppend(&key, token);
  key.push_back('\0');
  return key;
}

std::string PostingKey(absl::string_view token, v1::ItemKind kind,
                       absl::string_view id) {
  std::string key = PostingTokenPrefix(token);
  key.push_back(KindByte(kind));
  absl::StrAppend(&key, id);
  return key;
}

std::optional<ParsedPostingKey> ParsePostingKey(absl::string_view key) {
  if (key.empty() || key[0] != 's') return std::nullopt;
  key.remove_prefix(1);
  ParsedPostingKey parsed;
  if (!ConsumeId(&key, &parsed.token) || !ConsumeKind(&key, &parsed.kind) ||
      key.empty()) {
    return std::nullopt;
  }
  parsed.id = std::string(key);
  return parsed;
}

std::string AuditKey(uint64_t seq) { return EncodeFixed64(seq); }

}  // namespace shuyuan::registry_internal
