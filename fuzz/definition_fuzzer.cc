// Fuzzes the definition-file loader (codec/definition_loader.h) on arbitrary
// bytes: no crash, no undefined behaviour, no unbounded recursion; every
// error is InvalidArgument naming the file; every document loaded holds one
// item; and what protobuf's own JSON printer writes for a loaded document
// loads back to the same document.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "codec/definition_loader.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "shuyuan/v1/model.pb.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using shuyuan::codec::LoadedDocument;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<std::vector<LoadedDocument>> documents =
      shuyuan::codec::ParseDefinitionText(text, "fuzz.yaml");
  if (!documents.ok()) {
    Check(documents.status().code() == absl::StatusCode::kInvalidArgument);
    Check(absl::StartsWith(documents.status().message(), "fuzz.yaml:"));
    return 0;
  }
  for (const LoadedDocument& loaded : *documents) {
    Check(loaded.location.file == "fuzz.yaml");
    Check(loaded.location.line >= 1);
    Check(loaded.document.item_case() !=
          shuyuan::v1::DefinitionDocument::ITEM_NOT_SET);

    std::string json;
    Check(google::protobuf::util::MessageToJsonString(loaded.document, &json)
              .ok());
    absl::StatusOr<std::vector<LoadedDocument>> again =
        shuyuan::codec::ParseDefinitionText(json, "fuzz.json");
    Check(again.ok());
    Check(again->size() == 1);
    Check(google::protobuf::util::MessageDifferencer::Equals(
        loaded.document, (*again)[0].document));
  }
  return 0;
}
