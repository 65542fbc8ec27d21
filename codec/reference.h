// References to administered items (SPEC §2.1): the id grammar and the
// reference forms "ID", "ID@N" and "ID@latest", parsed and printed in one
// place for the codec, the registry and the client.
//
//   absl::StatusOr<Reference> ref = ParseReference("GMSFHM@2");
//   // ref->id == "GMSFHM", ref->version == 2
//   std::string text = ref->ToString();  // "GMSFHM@2"
//   Reference pinned = Reference::Pinned("XBDM", 1);  // "XBDM@1"
//
// A bare "ID" asks for the highest STANDARD or PREFERRED_STANDARD version;
// "ID@latest" for the highest version of any status; "ID@N" for version N.
// Who answers those questions (a directory of files, a bundle, the registry)
// is the resolver's business (codec/definition_resolver.h).
//
// All functions are pure and thread-safe.
#ifndef SHUYUAN_CODEC_REFERENCE_H_
#define SHUYUAN_CODEC_REFERENCE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shuyuan::codec {

// True when `id` matches [A-Za-z][A-Za-z0-9_.-]{0,63}.
bool IsValidId(absl::string_view id);

// A parsed reference.
struct Reference {
  enum class Form {
    kBare,     // "ID": the current standard version
    kLatest,   // "ID@latest": the highest version of any status
    kVersion,  // "ID@N"
  };

  std::string id;
  Form form = Form::kBare;
  uint32_t version = 0;  // set for kVersion only

  static Reference Pinned(absl::string_view id, uint32_t version);
  bool pinned() const { return form == Form::kVersion; }
  // The canonical text: "ID", "ID@latest" or "ID@N".
  std::string ToString() const;

  friend bool operator==(const Reference&, const Reference&) = default;
};

// Parses "ID", "ID@N" (N a positive decimal integer without sign or leading
// zeros, at most 2^32-1) or "ID@latest". InvalidArgument saying what is
// allowed otherwise: "reference 'X@0': the version must be a positive
// integer or 'latest'".
absl::StatusOr<Reference> ParseReference(absl::string_view text);

// "ID@N", the form of a pinned reference.
std::string PinnedRef(absl::string_view id, uint32_t version);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_REFERENCE_H_
