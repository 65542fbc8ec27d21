#include "codec/record_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
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
// A row this long is built so that the buffer, its text and its values
// never all hold it at once (BuildHugeRow).
constexpr size_t kHugeRowBytes = size_t{1} << 20;

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
  // Read at least half as much as is buffered, so a long row is rescanned
  // a logarithmic number of times while the buffer stays within 1.5 times
  // the row. realloc grows a large buffer in place (mremap), without a
  // second copy of the row alongside it.
  const size_t want =
      in_ == nullptr
          ? run_.size()
          : std::max(bytes_read_ == 0 ? kFirstReadBytes : kChunkBytes,
                     end_ / 2);
  if (capacity_ < end_ + want) {
    const size_t capacity = end_ + want;
    char* bigger = static_cast<char*>(std::realloc(buffer_.get(), capacity));
    if (bigger == nullptr) {
      status_ = absl::ResourceExhaustedError(absl::StrCat(
          "cannot allocate ", capacity, " bytes for a row of input"));
      return false;
    }
    buffer_.release();
    buffer_.reset(bigger);
    capacity_ = capacity;
  }
  size_t got;
  if (in_ == nullptr) {  // a chunk reader: the rest of its run
    got = std::min(want, run_.size());
    if (got > 0) std::memcpy(buffer_.get() + end_, run_.data(), got);
    run_.remove_prefix(got);
  } else {
    in_->read(buffer_.get() + end_, static_cast<std::streamsize>(want));
    got = static_cast<size_t>(in_->gcount());
  }
  end_ += got;
  bytes_read_ += got;
  if (got < want || (in_ == nullptr && run_.empty())) {
    if (in_ != nullptr && in_->bad()) {
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
  // Exactly the first MiB decides, however much the reads brought in.
  const absl::string_view prefix(buffer_.get() + pos_,
                                 std::min(end_ - pos_, kSniffBytes));
  const bool whole_input = eof_ && end_ - pos_ <= kSniffBytes;
  const bool utf8_bom = absl::StartsWith(prefix, kUtf8Bom);
  if (encoding_ == TextEncoding::kAuto) {
    if (utf8_bom) {
      encoding_ = TextEncoding::kUtf8;
    } else {
      encoding_ = codec_internal::LooksLikeUtf8(prefix, whole_input)
                      ? TextEncoding::kUtf8
                      : TextEncoding::kGb18030;
    }
  }
  if (encoding_ == TextEncoding::kUtf8 && utf8_bom) Consume(3, 0);
  if (encoding_ == TextEncoding::kGb18030) {
    if (absl::StartsWith(prefix, absl::string_view(kGb18030Bom, 4))) {
      Consume(4, 0);
    }
    SHUYUAN_ASSIGN_OR_RETURN(gb18030_,
                             codec_internal::Gb18030Decoder::Create());
  }
  if (options_.format == RecordFormat::kJsonl) return absl::OkStatus();

  InputRow header;
  reading_header_ = true;
  const bool got = Next(&header);
  reading_header_ = false;
  if (!got) return status_;  // OK for an empty input: no header, no rows
  if (header.issue != v1::ISSUE_CODE_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad header row: ", header.issue_detail));
  }
  header_ = std::move(header.values);
  index_ = 0;
  return absl::OkStatus();
}

void RecordReader::Consume(size_t n, uint64_t line_breaks) {
  if (n > 0) {
    line_open_ = buffer_.get()[pos_ + n - 1] != '\n';
    pos_ += n;
  }
  line_ += line_breaks;
}

void RecordReader::StartRow(InputRow* row, uint64_t lines) {
  row->line = line_;
  row->line_count = lines;
  row->index = reading_header_ ? 0 : index_++;
  row->offset = offset();
}

absl::Status RecordReader::SeekRange(uint64_t start, uint64_t end,
                                     uint64_t line) {
  if (start < offset() || end < start) {
    return absl::InvalidArgumentError(absl::StrCat(
        "range ", start, ":", end,
        " is not within the data, which starts at byte ", offset()));
  }
  if (!status_.ok()) return status_;
  in_->clear();
  in_->seekg(static_cast<std::streamoff>(start));
  if (in_->fail()) {
    return absl::DataLossError(
        absl::StrCat("cannot seek to byte ", start, " of the input"));
  }
  pos_ = 0;
  end_ = 0;
  eof_ = false;
  bytes_read_ = start;
  line_ = line;
  line_open_ = false;
  range_end_ = end;
  return absl::OkStatus();
}

void RecordReader::AddIssue(InputRow* row, v1::IssueCode code,
                            absl::string_view detail,
                            absl::string_view detail_zh) {
  if (row->issue == v1::ISSUE_CODE_UNSPECIFIED) {
    row->issue = code;
    row->issue_detail = absl::StrCat("line ", row->line, ": ", detail);
    row->issue_detail_zh = absl::StrCat("第 ", row->line, " 行：", detail_zh);
  } else {
    absl::StrAppend(&row->issue_detail, "; also ", detail);
    absl::StrAppend(&row->issue_detail_zh, "；另外，", detail_zh);
  }
}

void RecordReader::DecodeText(absl::string_view bytes, std::string* out,
                              InputRow* row) {
  if (encoding_ == TextEncoding::kGb18030) {
    codec_internal::DecodeError error;
    if (!gb18030_->Decode(bytes, out, &error) && row != nullptr) {
      const std::string hex =
          HexBytes(bytes.substr(error.offset, error.length));
      AddIssue(row, v1::INVALID_ENCODING,
               absl::StrCat("invalid GB18030 byte sequence at byte ",
                            error.offset, " of the row (", hex, ")"),
               absl::StrCat("本行第 ", error.offset,
                            " 字节处的 GB18030 字节序列无效（", hex, "）"));
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
    const std::string hex = HexBytes(bytes.substr(bad, n));
    AddIssue(row, v1::INVALID_ENCODING,
             absl::StrCat("invalid UTF-8 byte sequence at byte ", bad,
                          " of the row (", hex, ")"),
             absl::StrCat("本行第 ", bad, " 字节处的 UTF-8 字节序列无效（", hex,
                          "）"));
  }
  out->clear();
  codec_internal::AppendRepairedUtf8(bytes, out);
}

void RecordReader::DecodeRow(absl::string_view text,
                             std::vector<std::string>* fields, InputRow* row) {
  DecodeText(text, &row->raw, row);
  if (options_.format == RecordFormat::kJsonl) return;
  // CSV/TSV: fields are still in the input encoding unless it is valid
  // UTF-8 (then they were scanned straight into row->values).
  if (fields != &row->values) {
    row->values.resize(fields->size());
    for (size_t i = 0; i < fields->size(); ++i) {
      DecodeText((*fields)[i], &row->values[i], nullptr);
    }
  } else if (row->issue != v1::ISSUE_CODE_UNSPECIFIED) {
    for (std::string& value : row->values) {
      codec_internal::RepairUtf8InPlace(&value);
    }
  }
}

void RecordReader::BuildRow(absl::string_view text,
                            const char* structural_error, size_t error_offset,
                            std::vector<std::string>* fields, InputRow* row) {
  DecodeRow(text, fields, row);
  CheckRow(structural_error, error_offset, row);
}

void RecordReader::BuildHugeRow(absl::string_view data, const RowExtent& extent,
                                std::vector<std::string>* fields,
                                InputRow* row) {
  const absl::string_view text = data.substr(0, extent.text_end);
  // The line break the scan saw (at most "\r\n"), to scan raw the same way.
  const std::string ending(
      data.substr(extent.text_end, extent.next - extent.text_end));
  const bool at_eof = eof_;
  std::vector<std::string>().swap(*fields);  // rebuilt from raw below
  std::vector<std::string>().swap(row->values);
  row->raw.reserve(text.size() + ending.size());
  DecodeText(text, &row->raw, row);
  Consume(extent.next, extent.line_breaks);
  ShrinkBuffer();
  if (options_.format != RecordFormat::kJsonl) {
    // Structural bytes are ASCII, which decoding and repairing keep as
    // they are: the fields of raw are the row's fields, decoded.
    const size_t size = row->raw.size();
    row->raw.append(ending);
    RowExtent again;
    if (options_.format == RecordFormat::kCsv) {
      codec_internal::ScanCsvRow(row->raw, at_eof, &row->values, &again);
    } else {
      codec_internal::ScanTsvRow(row->raw, at_eof, &row->values, &again);
    }
    row->raw.resize(size);
  }
  CheckRow(extent.error, extent.error_offset, row);
}

void RecordReader::ShrinkBuffer() {
  if (pos_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  const size_t keep = end_ + kChunkBytes;
  if (capacity_ <= 2 * keep) return;
  if (char* smaller = static_cast<char*>(std::realloc(buffer_.get(), keep))) {
    buffer_.release();
    buffer_.reset(smaller);
    capacity_ = keep;
  }
}

void RecordReader::CheckRow(const char* structural_error, size_t error_offset,
                            InputRow* row) {
  if (options_.format == RecordFormat::kJsonl) {
    codec_internal::JsonLineError error;
    if (!codec_internal::ParseFlatJsonObject(row->raw, &row->keys, &row->values,
                                             &error)) {
      AddIssue(row, v1::MALFORMED_ROW,
               absl::StrCat("invalid JSON at byte ", error.offset, ": ",
                            error.message),
               absl::StrCat("第 ", error.offset, " 字节处的 JSON 无效：",
                            error.message_zh));
    }
    return;
  }
  if (structural_error != nullptr) {
    AddIssue(row, v1::MALFORMED_ROW,
             absl::StrCat(structural_error, " at byte ", error_offset,
                          " of the row"),
             absl::StrCat("本行第 ", error_offset, " 字节处",
                          codec_internal::CsvErrorZh(structural_error)));
  }
  if (!reading_header_ && row->values.size() != header_.size()) {
    AddIssue(row, v1::MALFORMED_ROW,
             absl::StrCat("expected ", header_.size(), " columns, found ",
                          row->values.size()),
             absl::StrCat("应有 ", header_.size(), " 列，实有 ",
                          row->values.size(), " 列"));
  }
}

bool RecordReader::MultiLineRowIsMalformed(
    absl::string_view data, const RowExtent& extent,
    const std::vector<std::string>& fields, std::string* why,
    std::string* why_zh) const {
  const uint64_t lines =
      extent.line_breaks + (data[extent.next - 1] == '\n' ? 0 : 1);
  if (extent.error == codec_internal::kCsvUnterminatedQuote) {
    *why = "it would never close and would take the rest of the input";
    *why_zh = "它将一直不闭合，吞掉其余全部输入";
  } else if (extent.error != nullptr) {
    const uint64_t line =
        line_ + static_cast<uint64_t>(std::count(
                    data.begin(), data.begin() + extent.error_offset, '\n'));
    *why = absl::StrCat("it would make a malformed row (", extent.error,
                        " on line ", line, ")");
    *why_zh = absl::StrCat("将形成结构错误的行（第 ", line, " 行",
                           codec_internal::CsvErrorZh(extent.error), "）");
  } else if (fields.size() != header_.size()) {
    *why =
        absl::StrCat("it would make a row of ", fields.size(), " columns over ",
                     lines, " lines (the header has ", header_.size(), ")");
    *why_zh = absl::StrCat("将形成跨 ", lines, " 行、共 ", fields.size(),
                           " 列的行（表头为 ", header_.size(), " 列）");
  } else {
    return false;
  }
  return true;
}

void RecordReader::EmitFirstLineOnly(absl::string_view data,
                                     size_t line_text_end, size_t line_next,
                                     absl::string_view why,
                                     absl::string_view why_zh,
                                     std::vector<std::string>* fields,
                                     InputRow* row) {
  StartRow(row, 1);
  const absl::string_view line = data.substr(0, line_text_end);
  RowExtent alone;
  codec_internal::ScanCsvRow(line, /*at_eof=*/true, fields, &alone);
  DecodeRow(line, fields, row);
  AddIssue(
      row, v1::MALFORMED_ROW,
      absl::StrCat("a quoted field is not closed on this line; read on, ", why,
                   ", so the line is rejected alone and reading "
                   "resumes on line ",
                   line_ + 1),
      absl::StrCat("引号字段未在本行闭合；若继续读下去，", why_zh,
                   "，因此仅拒绝本行，从第 ", line_ + 1, " 行继续读取"));
  Consume(line_next, 1);
}

void RecordReader::EmitOverLimit(absl::string_view data,
                                 std::vector<std::string>* fields,
                                 InputRow* row) {
  const char* nl =
      static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
  if (options_.format == RecordFormat::kCsv && nl != nullptr) {
    size_t line_text_end = static_cast<size_t>(nl - data.data());
    const size_t line_next = line_text_end + 1;
    if (line_text_end > 0 && data[line_text_end - 1] == '\r') --line_text_end;
    if (line_text_end <= options_.max_row_bytes) {
      // Quotes carried the row over line ends past the limit.
      EmitFirstLineOnly(
          data, line_text_end, line_next,
          absl::StrCat("it would make a row longer than max_row_bytes (",
                       options_.max_row_bytes, " bytes)"),
          absl::StrCat("该行将超过 max_row_bytes（", options_.max_row_bytes,
                       " 字节）"),
          fields, row);
      return;
    }
  }
  EmitOverlongLine(row);
}

void RecordReader::EmitOverlongLine(InputRow* row) {
  StartRow(row, 1);
  row->values.clear();
  row->keys.clear();
  size_t keep =
      std::min({kOverlongRawBytes, options_.max_row_bytes, end_ - pos_});
  const char* const start = buffer_.get() + pos_;
  if (encoding_ == TextEncoding::kUtf8) {
    // Cut before a UTF-8 continuation byte, not inside a character.
    for (int i = 0; i < 3 && keep > 0 && keep < end_ - pos_ &&
                    (static_cast<unsigned char>(start[keep]) & 0xC0) == 0x80;
         ++i) {
      --keep;
    }
  }
  DecodeText(absl::string_view(start, keep), &row->raw, nullptr);
  // Skip to the LF in bounded memory: consumed chunks are dropped.
  uint64_t length = 0;
  char last = '\0';
  bool found = false;
  while (true) {
    const char* p = buffer_.get() + pos_;
    const size_t available = end_ - pos_;
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', available));
    const size_t n = nl != nullptr ? static_cast<size_t>(nl - p) : available;
    length += n;
    if (n > 0) last = p[n - 1];
    if (nl != nullptr) {
      Consume(n + 1, 1);
      found = true;
      break;
    }
    Consume(n, 0);
    if (eof_ || !Fill()) break;
  }
  if (found && last == '\r') --length;
  ShrinkBuffer();
  const std::string limit =
      absl::StrCat(" bytes is longer than max_row_bytes (",
                   options_.max_row_bytes, " bytes); skipped to ");
  AddIssue(row, v1::MALFORMED_ROW,
           found
               ? absl::StrCat("row of ", length, limit, "line ", line_)
               : absl::StrCat("row of ", length, limit, "the end of the input"),
           absl::StrCat("行长 ", length, " 字节，超过 max_row_bytes（",
                        options_.max_row_bytes, " 字节）；已跳至",
                        found ? absl::StrCat("第 ", line_, " 行")
                              : std::string("输入末尾")));
}

codec_internal::RowScan RecordReader::Scan(absl::string_view data,
                                           std::vector<std::string>* fields,
                                           RowExtent* extent) const {
  switch (options_.format) {
    case RecordFormat::kCsv:
      return codec_internal::ScanCsvRow(data, eof_, fields, extent);
    case RecordFormat::kTsv:
      return codec_internal::ScanTsvRow(data, eof_, fields, extent);
    case RecordFormat::kJsonl:
      break;
  }
  return codec_internal::ScanLine(data, eof_, extent);
}

bool RecordReader::Next(InputRow* row) {
  if (!status_.ok()) return false;
  row->issue = v1::ISSUE_CODE_UNSPECIFIED;
  row->issue_detail.clear();
  row->issue_detail_zh.clear();
  if (options_.format != RecordFormat::kJsonl) row->keys.clear();
  // Valid UTF-8 CSV/TSV is scanned straight into the row's strings.
  std::vector<std::string>* fields =
      encoding_ == TextEncoding::kUtf8 ? &row->values : &scratch_fields_;
  while (true) {
    if (InRange() && offset() >= range_end_) return false;
    if (pos_ == end_) {
      if (eof_ || !Fill()) return false;
      continue;
    }
    const absl::string_view data(buffer_.get() + pos_, end_ - pos_);
    RowExtent extent;
    if (Scan(data, fields, &extent) == RowScan::kNeedMore) {
      // Unfinished after more than the limit (and a CRLF): too long.
      if (data.size() > options_.max_row_bytes + 2) {
        EmitOverLimit(data, fields, row);
        return true;
      }
      if (!Fill()) return false;
      continue;
    }
    const absl::string_view text = data.substr(0, extent.text_end);
    if (options_.format == RecordFormat::kJsonl ? IsJsonBlank(text)
                                                : text.empty()) {
      Consume(extent.next, extent.line_breaks);
      continue;
    }
    if (text.size() > options_.max_row_bytes) {
      EmitOverLimit(data, fields, row);
      return true;
    }
    if (extent.line_next < extent.next && !reading_header_) {
      std::string why, why_zh;
      if (MultiLineRowIsMalformed(data, extent, *fields, &why, &why_zh)) {
        EmitFirstLineOnly(data, extent.line_text_end, extent.line_next, why,
                          why_zh, fields, row);
        return true;
      }
    }
    StartRow(row, extent.line_breaks + (data[extent.next - 1] == '\n' ? 0 : 1));
    if (text.size() >= kHugeRowBytes) {
      BuildHugeRow(data, extent, fields, row);
    } else {
      BuildRow(text, extent.error, extent.error_offset, fields, row);
      Consume(extent.next, extent.line_breaks);
    }
    return true;
  }
}

}  // namespace shuyuan::codec
