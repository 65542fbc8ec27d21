#include "codec/record_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/internal/csv_parser.h"
#include "codec/internal/json_line.h"
#include "codec/internal/text_decoder.h"
#include "common/status_macros.h"

namespace shuyuan::codec {
namespace {

using codec_internal::RowExtent;
using codec_internal::RowScan;

constexpr size_t kChunkBytes = size_t{1} << 20;  // read size
// The first read is smaller, so that small inputs (tests, one-off checks)
// do not pay for a 1 MiB buffer.
constexpr size_t kFirstReadBytes = size_t{64} << 10;
constexpr size_t kSniffBytes = size_t{1} << 20;  // prefix for kAuto

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";
constexpr char kGb18030Bom[] = "\x84\x31\x95\x33";

// "0x81 0x22" for the bytes of a bad sequence.
std::string HexBytes(absl::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < 4; ++i) {
    absl::StrAppendFormat(&out, "%s0x%02X", i == 0 ? "" : " ",
                          static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

bool IsJsonBlank(absl::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<RecordFormat> ParseRecordFormat(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "csv") return RecordFormat::kCsv;
  if (lower == "tsv") return RecordFormat::kTsv;
  if (lower == "jsonl") return RecordFormat::kJsonl;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown input format '", name, "': expected csv, tsv or jsonl"));
}

absl::StatusOr<TextEncoding> ParseTextEncoding(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "auto") return TextEncoding::kAuto;
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "gb18030" || lower == "gbk") return TextEncoding::kGb18030;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown encoding '", name,
                   "': expected auto, utf-8 (utf8) or gb18030 (gbk)"));
}

absl::string_view RecordFormatName(RecordFormat format) {
  switch (format) {
    case RecordFormat::kCsv:
      return "csv";
    case RecordFormat::kTsv:
      return "tsv";
    case RecordFormat::kJsonl:
      return "jsonl";
  }
  return "";
}

absl::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto:
      return "auto";
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kGb18030:
      return "gb18030";
  }
  return "";
}

RecordReader::RecordReader(std::istream* in,
                           std::unique_ptr<std::istream> owned,
                           const RecordReaderOptions& options)
    : owned_(std::move(owned)),
      in_(in),
      options_(options),
      encoding_(options.encoding) {}

RecordReader::~RecordReader() = default;

absl::StatusOr<std::unique_ptr<RecordReader>> RecordReader::Open(
    std::istream* in, const RecordReaderOptions& options) {
  if (in == nullptr) return absl::InvalidArgumentError("no input stream");
  if (options.max_row_bytes == 0) {
    return absl::InvalidArgumentError("max_row_bytes must be at least 1");
  }
  auto reader = absl::WrapUnique(new RecordReader(in, nullptr, options));
  SHUYUAN_RETURN_IF_ERROR(reader->Init());
  return reader;
}

absl::StatusOr<std::unique_ptr<RecordReader>> RecordReader::OpenFile(
    const std::string& path, const RecordReaderOptions& options) {
  if (path == "-") return Open(&std::cin, options);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    const std::string message =
        absl::StrCat("cannot open input '", path, "': ", std::strerror(e));
    if (e == ENOENT || e == ENOTDIR) return absl::NotFoundError(message);
    if (e == EACCES || e == EPERM) return absl::PermissionDeniedError(message);
    return absl::InvalidArgumentError(message);
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("input '", path, "' is a directory, not a file"));
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    const int e = errno;
    const std::string message =
        absl::StrCat("cannot open input '", path, "': ", std::strerror(e));
    if (e == EACCES || e == EPERM) return absl::PermissionDeniedError(message);
    return absl::NotFoundError(message);
  }
  if (options.max_row_bytes == 0) {
    return absl::InvalidArgumentError("max_row_bytes must be at least 1");
  }
  std::istream* in = file.get();
  auto reader =
      absl::WrapUnique(new RecordReader(in, std::move(file), options));
  absl::Status status = reader->Init();
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat(path, ": ", status.message()));
  }
  return reader;
}

bool RecordReader::Fill() {
  if (pos_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // Read at least as much as is buffered, so a long row is rescanned a
  // logarithmic number of times.
  const size_t want =
      std::max(bytes_read_ == 0 ? kFirstReadBytes : kChunkBytes, end_);
  if (capacity_ < end_ + want) {
    const size_t capacity = end_ + want;
    auto bigger = std::unique_ptr<char[]>(new char[capacity]);
    if (end_ > 0) std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
  }
  in_->read(buffer_.get() + end_, static_cast<std::streamsize>(want));
  const size_t got = static_cast<size_t>(in_->gcount());
  end_ += got;
  bytes_read_ += got;
  if (got < want) {
    if (in_->bad()) {
      status_ = absl::DataLossError(
          absl::StrCat("read error after ", bytes_read_, " bytes of input"));
      return false;
    }
    eof_ = true;
  }
  return true;
}

absl::Status RecordReader::Init() {
  while (!eof_ && end_ - pos_ < kSniffBytes) {
    if (!Fill()) return status_;
  }
  absl::string_view prefix(buffer_.get() + pos_, end_ - pos_);
  const bool utf8_bom = absl::StartsWith(prefix, kUtf8Bom);
  if (encoding_ == TextEncoding::kAuto) {
    if (utf8_bom) {
      encoding_ = TextEncoding::kUtf8;
    } else {
      encoding_ = codec_internal::LooksLikeUtf8(prefix, eof_)
                      ? TextEncoding::kUtf8
                      : TextEncoding::kGb18030;
    }
  }
  if (encoding_ == TextEncoding::kUtf8 && utf8_bom) pos_ += 3;
  if (encoding_ == TextEncoding::kGb18030) {
    if (absl::StartsWith(prefix, absl::string_view(kGb18030Bom, 4))) pos_ += 4;
    SHUYUAN_ASSIGN_OR_RETURN(gb18030_,
                             codec_internal::Gb18030Decoder::Create());
  }
  if (options_.format == RecordFormat::kJsonl) return absl::OkStatus();

  InputRow header;
  reading_header_ = true;
  const bool got = Next(&header);
  reading_header_ = false;
  if (!got) {
    if (!status_.ok()) return status_;
    return absl::InvalidArgumentError(absl::StrCat(
        "the input has no header row (it is empty or only blank lines); ",
        RecordFormatName(options_.format),
        " input starts with a row of column names"));
  }
  if (header.issue != v1::ISSUE_CODE_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad header row: ", header.issue_detail));
  }
  header_ = std::move(header.values);
  index_ = 0;
  return absl::OkStatus();
}

void RecordReader::AddIssue(InputRow* row, v1::IssueCode code,
                            absl::string_view detail) {
  if (row->issue == v1::ISSUE_CODE_UNSPECIFIED) {
    row->issue = code;
    row->issue_detail = absl::StrCat("line ", row->line, ": ", detail);
  } else {
    absl::StrAppend(&row->issue_detail, "; also ", detail);
  }
}

void RecordReader::DecodeText(absl::string_view bytes, std::string* out,
                              InputRow* row) {
  if (encoding_ == TextEncoding::kGb18030) {
    codec_internal::DecodeError error;
    if (!gb18030_->Decode(bytes, out, &error) && row != nullptr) {
      AddIssue(row, v1::INVALID_ENCODING,
               absl::StrCat("invalid GB18030 byte sequence at byte ",
                            error.offset, " of the row (",
                            HexBytes(bytes.substr(error.offset, error.length)),
                            ")"));
    }
    return;
  }
  const size_t bad = codec_internal::FindInvalidUtf8(bytes);
  if (bad == absl::string_view::npos) {
    out->assign(bytes.data(), bytes.size());
    return;
  }
  if (row != nullptr) {
    const int n = codec_internal::IllFormedUtf8Length(
        bytes.data() + bad, bytes.data() + bytes.size());
    AddIssue(
        row, v1::INVALID_ENCODING,
        absl::StrCat("invalid UTF-8 byte sequence at byte ", bad,
                     " of the row (", HexBytes(bytes.substr(bad, n)), ")"));
  }
  out->clear();
  codec_internal::AppendRepairedUtf8(bytes, out);
}

void RecordReader::BuildRow(absl::string_view text,
                            const char* structural_error, size_t error_offset,
                            std::vector<std::string>* fields, InputRow* row) {
  DecodeText(text, &row->raw, row);
  const bool encoding_ok = row->issue == v1::ISSUE_CODE_UNSPECIFIED;
  if (options_.format == RecordFormat::kJsonl) {
    codec_internal::JsonLineError error;
    if (!codec_internal::ParseFlatJsonObject(row->raw, &row->keys, &row->values,
                                             &error)) {
      AddIssue(row, v1::MALFORMED_ROW,
               absl::StrCat("invalid JSON at byte ", error.offset, ": ",
                            error.message));
    }
    return;
  }
  // CSV/TSV: fields are still in the input encoding unless it is valid
  // UTF-8 (then they were scanned straight into row->values).
  if (fields != &row->values) {
    row->values.resize(fields->size());
    for (size_t i = 0; i < fields->size(); ++i) {
      DecodeText((*fields)[i], &row->values[i], nullptr);
    }
  } else if (!encoding_ok) {
    for (std::string& value : row->values) {
      codec_internal::RepairUtf8InPlace(&value);
    }
  }
  if (structural_error != nullptr) {
    AddIssue(row, v1::MALFORMED_ROW,
             absl::StrCat(structural_error, " at byte ", error_offset,
                          " of the row"));
  }
  if (!reading_header_ && row->values.size() != header_.size()) {
    AddIssue(row, v1::MALFORMED_ROW,
             absl::StrCat("expected ", header_.size(), " columns, found ",
                          row->values.size()));
  }
}

void RecordReader::EmitOverlongRow(InputRow* row) {
  row->line = line_;
  row->index = reading_header_ ? 0 : index_++;
  row->values.clear();
  row->keys.clear();
  const size_t limit = options_.max_row_bytes;
  absl::string_view prefix(buffer_.get() + pos_, std::min(limit, end_ - pos_));
  DecodeText(prefix, &row->raw, nullptr);
  line_ +=
      static_cast<uint64_t>(std::count(prefix.begin(), prefix.end(), '\n'));
  pos_ += prefix.size();
  bool found = false;
  while (true) {
    const char* nl = static_cast<const char*>(
        std::memchr(buffer_.get() + pos_, '\n', end_ - pos_));
    if (nl != nullptr) {
      pos_ = static_cast<size_t>(nl - buffer_.get()) + 1;
      ++line_;
      found = true;
      break;
    }
    pos_ = end_;
    if (eof_ || !Fill()) break;
  }
  AddIssue(row, v1::MALFORMED_ROW,
           found ? absl::StrCat("row longer than max_row_bytes (", limit,
                                " bytes); skipped to line ", line_)
                 : absl::StrCat("row longer than max_row_bytes (", limit,
                                " bytes); skipped to the end of the input"));
}

bool RecordReader::Next(InputRow* row) {
  if (!status_.ok()) return false;
  row->issue = v1::ISSUE_CODE_UNSPECIFIED;
  row->issue_detail.clear();
  if (options_.format != RecordFormat::kJsonl) row->keys.clear();
  // Valid UTF-8 CSV/TSV is scanned straight into the row's strings.
  std::vector<std::string>* fields =
      encoding_ == TextEncoding::kUtf8 ? &row->values : &scratch_fields_;
  while (true) {
    if (pos_ == end_) {
      if (eof_) return false;
      if (!Fill()) return false;
      continue;
    }
    const absl::string_view data(buffer_.get() + pos_, end_ - pos_);
    RowExtent extent;
    RowScan scan;
    switch (options_.format) {
      case RecordFormat::kCsv:
        scan = codec_internal::ScanCsvRow(data, eof_, fields, &extent);
        break;
      case RecordFormat::kTsv:
        scan = codec_internal::ScanTsvRow(data, eof_, fields, &extent);
        break;
      case RecordFormat::kJsonl:
      default:
        scan = codec_internal::ScanLine(data, eof_, &extent);
        break;
    }
    if (scan == RowScan::kNeedMore) {
      if (data.size() > options_.max_row_bytes) {
        EmitOverlongRow(row);
        return true;
      }
      if (!Fill()) return false;
      continue;
    }
    const absl::string_view text = data.substr(0, extent.text_end);
    const bool blank = options_.format == RecordFormat::kJsonl
                           ? IsJsonBlank(text)
                           : text.empty();
    if (blank) {
      pos_ += extent.next;
      line_ += extent.line_breaks;
      continue;
    }
    if (text.size() > options_.max_row_bytes) {
      EmitOverlongRow(row);
      return true;
    }
    row->line = line_;
    row->index = reading_header_ ? 0 : index_++;
    BuildRow(text, extent.error, extent.error_offset, fields, row);
    pos_ += extent.next;
    line_ += extent.line_breaks;
    return true;
  }
}

}  // namespace shuyuan::codec
