#include "codec/content_hash.h"

#include <string>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message_lite.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

// Appends the deterministic serialisation of `message` to `out`.
void AppendDeterministic(const google::protobuf::MessageLite& message,
                         std::string* out) {
  google::protobuf::io::StringOutputStream stream(out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
}

template <typename Message>
std::string HashWithoutVersionInfo(const Message& item) {
  std::string bytes;
  if (item.has_version_info()) {
    Message copy = item;
    copy.clear_version_info();
    AppendDeterministic(copy, &bytes);
  } else {
    AppendDeterministic(item, &bytes);
  }
  return Sha256Hex(bytes);
}

// Field 6 (CodeList.entries), wire type 2 (length-delimited).
constexpr uint32_t kEntriesTag = (6 << 3) | 2;

}  // namespace

std::string ContentHash(const v1::DataElement& item) {
  return HashWithoutVersionInfo(item);
}
std::string ContentHash(const v1::CodeList& item) {
  CodeListHasher hasher(item);
  for (const v1::CodeEntry& entry : item.entries()) hasher.Add(entry);
  return hasher.Finish();
}
std::string ContentHash(const v1::RecordSchema& item) {
  return HashWithoutVersionInfo(item);
}
std::string ContentHash(const v1::Term& item) {
  return HashWithoutVersionInfo(item);
}
std::string ContentHash(const v1::CodingRule& item) {
  return HashWithoutVersionInfo(item);
}

CodeListHasher::CodeListHasher(const v1::CodeList& header) {
  v1::CodeList bare;
  bare.set_id(header.id());
  bare.set_name_zh(header.name_zh());
  bare.set_name_en(header.name_en());
  bare.set_standard(header.standard());
  bare.set_remarks(header.remarks());
  // A field added to CodeList later must be copied here too; the test that
  // compares with the whole-message serialisation fails until it is.
  std::string bytes;
  AppendDeterministic(bare, &bytes);
  hash_.Update(bytes);
}

void CodeListHasher::Add(const v1::CodeEntry& entry) {
  scratch_.clear();
  {
    google::protobuf::io::StringOutputStream stream(&scratch_);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    coded.WriteTag(kEntriesTag);
    coded.WriteVarint32(static_cast<uint32_t>(entry.ByteSizeLong()));
    entry.SerializeWithCachedSizes(&coded);
  }
  hash_.Update(scratch_);
}

std::string CodeListHasher::Finish() { return hash_.HexDigest(); }

}  // namespace shuyuan::codec
