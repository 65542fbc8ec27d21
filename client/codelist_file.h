// Reading code-list entries from a TSV or CSV file (SPEC §2.4) for `shuyuan
// codelist import`: a header row names the columns, a row per entry. The
// file is read in bounded memory, a chunk of entries at a time, so a list
// of 1,000,000 entries never sits in memory whole.
//
//   code	name_zh	name_en	parent	valid_from	valid_to	aliases
//   110000	北京市	Beijing				京|京师
//   110101	东城区		110000	1987-01-01
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<CodeListFileReader> reader,
//                            CodeListFileReader::Open("codes.tsv"));
//   v1::CodeList chunk;
//   while (true) {
//     SHUYUAN_ASSIGN_OR_RETURN(size_t n,
//                              reader->Read(10000, chunk.mutable_entries()));
//     if (n == 0) break;
//     ...
//   }
//
// Rules:
// - The format comes from the extension: .tsv (TAB-separated, no quoting) or
//   .csv (RFC 4180: quotes, embedded newlines); any other name needs
//   `format`. UTF-8 (with or without BOM) or GB18030, detected as in
//   codec/record_reader.h.
// - Header names, ignoring ASCII case and surrounding spaces: code,
//   name_zh, name_en, parent, valid_from, valid_to, aliases. `code` and
//   `name_zh` are required; the others may be left out; a column named
//   anything else, or twice, is an error.
// - Each value loses surrounding ASCII white space. `aliases` holds several
//   legacy names separated by '|' or ';' (empty ones dropped). Dates are
//   YYYY-MM-DD, real, with valid_from ≤ valid_to; an empty code is an
//   error. Blank lines are skipped.
// - Every error is InvalidArgument "FILE:LINE: column 'C': WHAT" (or
//   NotFound / PermissionDenied naming the file, DataLoss on a read error).
//
// Not thread-safe; one per file.
#ifndef SHUYUAN_CLIENT_CODELIST_FILE_H_
#define SHUYUAN_CLIENT_CODELIST_FILE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "codec/record_reader.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::client {

class CodeListFileReader {
 public:
  // Opens `path` and reads its header. `format` overrides the extension.
  static absl::StatusOr<std::unique_ptr<CodeListFileReader>> Open(
      const std::string& path,
      std::optional<codec::RecordFormat> format = std::nullopt);

  // Appends up to `max_entries` entries to `*entries` (objects already in
  // it are reused); returns how many, 0 at the end of the file.
  absl::StatusOr<size_t> Read(
      size_t max_entries,
      google::protobuf::RepeatedPtrField<v1::CodeEntry>* entries);

  // The line where the entry with 0-based index `index` starts (0 when no
  // such entry has been read). Costs O(log n) of the rows whose line does
  // not follow the previous one's (blank lines, quoted line breaks).
  uint64_t LineOfEntry(uint64_t index) const;

  uint64_t entries_read() const { return entries_read_; }
  // Bytes of the file read so far, and its size (unknown for a pipe).
  uint64_t bytes_read() const { return reader_->bytes_read(); }
  std::optional<uint64_t> file_size() const { return file_size_; }
  const std::string& path() const { return path_; }

 private:
  enum Column {
    kCode,
    kNameZh,
    kNameEn,
    kParent,
    kValidFrom,
    kValidTo,
    kAliases,
    kColumnCount
  };

  CodeListFileReader(std::string path,
                     std::unique_ptr<codec::RecordReader> reader)
      : path_(std::move(path)), reader_(std::move(reader)) {}

  absl::Status BindHeader();
  absl::Status FillEntry(const codec::InputRow& row, v1::CodeEntry* entry);
  absl::Status RowError(uint64_t line, Column column,
                        absl::string_view what) const;

  const std::string path_;
  const std::unique_ptr<codec::RecordReader> reader_;
  std::optional<uint64_t> file_size_;
  int column_of_[kColumnCount];  // file column of each of ours, or -1
  codec::InputRow row_;
  uint64_t entries_read_ = 0;
  // (entry index, line) where the line does not follow on the previous
  // entry's, ascending; the first entry always has one.
  std::vector<std::pair<uint64_t, uint64_t>> line_breaks_;
  uint64_t last_line_ = 0;
};

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_CODELIST_FILE_H_
