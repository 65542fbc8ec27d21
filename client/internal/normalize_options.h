// The flags of `shuyuan normalize` (SPEC §5, §6), parsed into one struct
// before anything is read, and the column mapping file they name.
//
//   SHUYUAN_ASSIGN_OR_RETURN(NormalizeOptions options,
//                            ParseNormalizeOptions(args));
//   if (options.help) { ... print usage ... }
//
// Pure functions (LoadMapping reads its file); thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_NORMALIZE_OPTIONS_H_
#define SHUYUAN_CLIENT_INTERNAL_NORMALIZE_OPTIONS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/definition_source.h"
#include "client/internal/split_plan.h"
#include "codec/record_reader.h"

namespace shuyuan::client_internal {

// Largest --max-row-bytes accepted (1 GiB).
inline constexpr size_t kMaxRowBytesLimit = size_t{1} << 30;

struct NormalizeOptions {
  client::DefinitionSource source;  // --defs, --bundle or --server
  std::string schema;
  std::string in;
  std::string out;
  std::string rejects;
  std::string report;
  std::string report_html;  // optional
  std::string format;       // "" = from the extension of `in`
  std::string encoding = "auto";
  std::string mapping;               // optional
  std::optional<std::string> as_of;  // unset = today
  int threads = 0;                   // 0 = all cores
  size_t max_row_bytes = codec::RecordReaderOptions().max_row_bytes;
  bool fail_on_reject = false;
  bool help = false;
  // --range START:END: only the rows whose first byte is in [START, END)
  // (first_line unused here). Unset = the whole input.
  std::optional<ByteRange> range;
  // --first-line N: the physical line of START, as `shuyuan split -o json`
  // gives it; unset = count the LFs before START.
  std::optional<uint64_t> first_line;
};

// "START:END" (decimal byte offsets, START <= END) → a ByteRange;
// InvalidArgument naming the text otherwise.
absl::StatusOr<ByteRange> ParseByteRange(absl::string_view text);

// Parses the words after "normalize" ("--flag value" or "--flag=value").
// InvalidArgument naming the flag for an unknown flag, a missing or bad
// value, or (unless --help was given) a missing required flag.
absl::StatusOr<NormalizeOptions> ParseNormalizeOptions(
    const std::vector<std::string>& args);

// The format --format names, or else the one the extension of --in
// implies (.tsv, .jsonl/.ndjson; CSV otherwise). InvalidArgument for an
// unknown --format.
absl::StatusOr<codec::RecordFormat> ResolveFormat(
    const NormalizeOptions& options);

// Reads the mapping file: a JSON object {"column": "FIELD" | "" | null}
// ("" and null skip the column); an empty map when `path` is empty.
// InvalidArgument for bad JSON; NotFound when the file cannot be read.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> LoadMapping(
    const std::string& path);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_NORMALIZE_OPTIONS_H_
