#include "datagen/row_encoder.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/json_string.h"

namespace shuyuan::datagen {
namespace {

// Stands in the UTF-8 text for the invalid byte, which is put in after
// conversion so that iconv never sees it. Generated values hold no 0x01.
constexpr char kInvalidMarker = '\x01';

// Bytes that oblige CSV to quote a field: comma, quote, CR, LF.
struct QuoteTable {
  bool bits[256] = {};
  constexpr QuoteTable() {
    bits[static_cast<unsigned char>(',')] = true;
    bits[static_cast<unsigned char>('"')] = true;
    bits[static_cast<unsigned char>('\r')] = true;
    bits[static_cast<unsigned char>('\n')] = true;
  }
};
constexpr QuoteTable kQuoteBytes;

bool NeedsQuotes(const std::string& value) {
  for (char c : value) {
    if (kQuoteBytes.bits[static_cast<unsigned char>(c)]) return true;
  }
  return false;
}

void AppendQuoted(const std::string& value, std::string* out) {
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// The length of the UTF-8 character that starts `value`.
size_t FirstCharLength(const std::string& value) {
  const unsigned char c = static_cast<unsigned char>(value[0]);
  if (c < 0x80) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RowEncoder>> RowEncoder::Create(
    const OutputLayout& layout, const std::vector<Column>& columns) {
  if (layout.messy && layout.format != OutputFormat::kCsv) {
    return absl::InvalidArgumentError(
        "--messy applies to CSV only (JSONL has no quoting to get wrong)");
  }
  std::unique_ptr<RowEncoder> encoder(new RowEncoder(layout, columns));
  if (layout.encoding == OutputEncoding::kGb18030) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      return absl::InternalError(absl::StrCat(
          "iconv cannot convert UTF-8 to GB18030: ", std::strerror(errno)));
    }
    encoder->iconv_ = cd;
  }
  for (const Column& column : columns) {
    AppendJsonString(
        absl::string_view(column.header.data(), column.header.size()),
        &encoder->json_keys_.emplace_back());
  }
  return encoder;
}

RowEncoder::~RowEncoder() {
  if (iconv_ != nullptr) iconv_close(static_cast<iconv_t>(iconv_));
}

void RowEncoder::EndLine() {
  if (layout_.messy) line_.push_back('\r');
  line_.push_back('\n');
}

uint64_t RowEncoder::AppendHeader(std::string* out) {
  if (layout_.format != OutputFormat::kCsv) return 0;
  line_.clear();
  // What spreadsheets write when they save UTF-8 CSV.
  if (layout_.messy && layout_.encoding == OutputEncoding::kUtf8) {
    line_.append("\xEF\xBB\xBF");
  }
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) line_.push_back(',');
    line_.append(columns_[c].header);
  }
  EndLine();
  // The headers are this program's own UTF-8 literals: they always convert.
  AppendEncoded(line_, out);
  return 1;
}

absl::StatusOr<uint64_t> RowEncoder::AppendRow(const GeneratedRow& row,
                                               Rng& rng, std::string* out) {
  line_.clear();
  if (layout_.format == OutputFormat::kCsv) {
    AppendCsvRow(row, rng, &line_);
  } else {
    AppendJsonRow(row, rng, &line_);
  }
  EndLine();
  const size_t start = out->size();
  if (!AppendEncoded(line_, out)) {
    return absl::InternalError(
        absl::StrCat("cannot convert a generated row to GB18030 (",
                     std::strerror(errno), "): ", line_));
  }
  if (row.fault == RowFault::kInvalidEncoding) {
    // 0xFF is no byte of either encoding; a lead byte followed by the ASCII
    // quote, comma or line end after the marker is a character cut in half,
    // as fixed-width exports leave them.
    const char lead =
        layout_.encoding == OutputEncoding::kUtf8 ? '\xE6' : '\x81';
    std::replace(out->begin() + start, out->end(), kInvalidMarker,
                 rng.Chance(1, 2) ? '\xFF' : lead);
  }
  return static_cast<uint64_t>(std::count(line_.begin(), line_.end(), '\n'));
}

size_t RowEncoder::FaultColumn(const GeneratedRow& row, Rng& rng) const {
  const size_t n = row.values.size();
  const size_t start = rng.Below(n);
  for (size_t k = 0; k < n; ++k) {
    const size_t c = (start + k) % n;
    if (!row.values[c].empty() && !NeedsQuotes(row.values[c])) return c;
  }
  return 0;
}

void RowEncoder::AppendCsvRow(const GeneratedRow& row, Rng& rng,
                              std::string* out) {
  size_t fault_column = row.values.size();
  size_t columns = row.values.size();
  bool stray_quote = false;
  if (row.fault != RowFault::kNone) {
    fault_column = FaultColumn(row, rng);
    if (row.fault == RowFault::kMalformed) {
      const uint32_t shape = rng.Below(layout_.messy ? 3 : 2);
      if (shape == 0) columns -= 1;  // a column lost
      if (shape == 1) columns += 1;  // a stray separator
      stray_quote = shape == 2;
    }
  }
  for (size_t c = 0; c < columns; ++c) {
    if (c > 0) out->push_back(',');
    if (c >= row.values.size()) {
      out->append("备注");
      continue;
    }
    const std::string& value = row.values[c];
    if (c == fault_column && stray_quote) {
      const size_t cut = FirstCharLength(value);
      out->append(value, 0, cut).push_back('"');
      out->append(value, cut, std::string::npos);
    } else if (NeedsQuotes(value) || (layout_.messy && c != fault_column &&
                                      !value.empty() && rng.Chance(1, 20))) {
      AppendQuoted(value, out);
    } else {
      out->append(value);
    }
    if (c == fault_column && row.fault == RowFault::kInvalidEncoding) {
      out->push_back(kInvalidMarker);
    }
  }
}

void RowEncoder::AppendJsonRow(const GeneratedRow& row, Rng& rng,
                               std::string* out) {
  size_t fault_column = row.values.size();
  uint32_t shape = 0;
  if (row.fault != RowFault::kNone) {
    fault_column = FaultColumn(row, rng);
    shape = rng.Below(2);
  }
  out->push_back('{');
  for (size_t c = 0; c < row.values.size(); ++c) {
    if (c > 0) out->push_back(',');
    if (row.fault == RowFault::kMalformed && shape == 1 && c == fault_column) {
      // A key in single quotes, as some exporters write it.
      out->append("'").append(columns_[c].header).append("'");
    } else {
      out->append(json_keys_[c]);
    }
    out->push_back(':');
    AppendJsonString(row.values[c], out);
    if (c == fault_column && row.fault == RowFault::kInvalidEncoding) {
      out->insert(out->end() - 1, kInvalidMarker);
    }
  }
  // A line cut off before its closing brace.
  if (!(row.fault == RowFault::kMalformed && shape == 0)) out->push_back('}');
}

bool RowEncoder::AppendEncoded(const std::string& text, std::string* out) {
  if (iconv_ == nullptr) {
    out->append(text);
    return true;
  }
  const size_t start = out->size();
  out->resize(start + text.size() * 2 + 4);
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  char* to = out->data() + start;
  size_t to_left = out->size() - start;
  // Every character exists in GB18030: only bytes that are not UTF-8 stop
  // the conversion.
  const size_t converted =
      iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &to, &to_left);
  out->resize(out->size() - to_left);
  return converted != static_cast<size_t>(-1) && in_left == 0;
}

}  // namespace shuyuan::datagen
