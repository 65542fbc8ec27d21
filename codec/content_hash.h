// The content hash of an item version (SPEC §2.1): the hex SHA-256 of the
// item's deterministic protobuf binary serialisation (protobuf's
// SetSerializationDeterministic: fields in number order, map entries sorted
// by key) with `version_info` cleared. The registry computes it after pinning
// references, so it describes exactly what a version validates with. Clients
// cache compiled forms by it, so it must never drift: this file is the one
// place that computes it, and content_hash_test.cc pins the hashes of
// catalog items.
//
//   std::string hash = ContentHash(element);  // 64 lower-case hex digits
//
//   // A code list too big to hold at once, hashed as it streams:
//   CodeListHasher hasher(header);            // entries of `header` ignored
//   for (const v1::CodeEntry& e : chunk) hasher.Add(e);
//   std::string same = hasher.Finish();       // == ContentHash(whole list)
//
// Thread-safe functions; CodeListHasher is one per list.
#ifndef SHUYUAN_CODEC_CONTENT_HASH_H_
#define SHUYUAN_CODEC_CONTENT_HASH_H_

#include <string>

#include "codec/sha256.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

std::string ContentHash(const v1::DataElement& item);
std::string ContentHash(const v1::CodeList& item);
std::string ContentHash(const v1::RecordSchema& item);
std::string ContentHash(const v1::Term& item);
std::string ContentHash(const v1::CodingRule& item);

// The content hash of a code list fed one entry at a time, in order. Equal
// to ContentHash of the list holding the same header and entries: the
// entries field (6) is the last field before version_info (30), so the
// serialisation of the header without entries followed by each entry as a
// field-6 record is the whole list's serialisation.
class CodeListHasher {
 public:
  explicit CodeListHasher(const v1::CodeList& header);
  void Add(const v1::CodeEntry& entry);
  std::string Finish();

 private:
  Sha256 hash_;
  std::string scratch_;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_CONTENT_HASH_H_
