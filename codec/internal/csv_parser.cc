#include "codec/internal/csv_parser.h"

#include <algorithm>
#include <cstring>

namespace shuyuan::codec_internal {

const char kCsvUnterminatedQuote[] = "unterminated quoted field";
const char kCsvQuoteInUnquotedField[] = "quote inside an unquoted field";
const char kCsvTextAfterClosingQuote[] = "text after a closing quote";

const char* CsvErrorZh(const char* error) {
  if (error == kCsvUnterminatedQuote) return "引号字段未闭合";
  if (error == kCsvQuoteInUnquotedField) return "未加引号的字段中出现引号";
  if (error == kCsvTextAfterClosingQuote) return "闭合引号之后还有文本";
  return "行结构错误";
}

namespace {

// Reuses the strings of `fields`: returns the `n`th field, cleared.
std::string* FieldAt(std::vector<std::string>* fields, size_t n) {
  if (fields->size() <= n) fields->resize(n + 1);
  std::string* f = &(*fields)[n];
  f->clear();
  return f;
}

uint64_t CountLineBreaks(const char* p, const char* end) {
  return static_cast<uint64_t>(std::count(p, end, '\n'));
}

// Splits the line [p, end) on `sep` into fields.
void SplitLine(const char* p, const char* end, char sep,
               std::vector<std::string>* fields) {
  size_t n = 0;
  while (true) {
    const char* s = static_cast<const char*>(
        std::memchr(p, sep, static_cast<size_t>(end - p)));
    const char* field_end = s != nullptr ? s : end;
    std::string* f = FieldAt(fields, n++);
    f->append(p, static_cast<size_t>(field_end - p));
    if (s == nullptr) break;
    p = s + 1;
  }
  fields->resize(n);
}

// Finds the line at the start of `data`. Returns false when more input is
// needed; else sets the text end (without CR) and next-row offset.
bool FindLine(absl::string_view data, bool at_eof, RowExtent* extent) {
  const char* p = data.data();
  const char* end = p + data.size();
  const char* nl = static_cast<const char*>(std::memchr(p, '\n', data.size()));
  if (nl == nullptr && !at_eof) return false;
  const char* text_end = nl != nullptr ? nl : end;
  if (text_end > p && text_end[-1] == '\r') --text_end;
  extent->text_end = static_cast<size_t>(text_end - p);
  extent->next = nl != nullptr ? static_cast<size_t>(nl + 1 - p) : data.size();
  extent->line_breaks = nl != nullptr ? 1 : 0;
  extent->error = nullptr;
  extent->error_offset = 0;
  extent->line_text_end = extent->text_end;
  extent->line_next = extent->next;
  return true;
}

// Bytes that end a run of unquoted text: comma, LF and quote.
struct StopTable {
  bool bits[256] = {};
  constexpr StopTable() {
    bits[static_cast<unsigned char>(',')] = true;
    bits[static_cast<unsigned char>('\n')] = true;
    bits[static_cast<unsigned char>('"')] = true;
  }
};
constexpr StopTable kStopsUnquoted;

// The general CSV row state machine, for rows that contain a quote.
RowScan ScanQuotedCsvRow(absl::string_view data, bool at_eof,
                         std::vector<std::string>* fields, RowExtent* extent) {
  const char* const d = data.data();
  const size_t n = data.size();
  size_t i = 0;
  size_t nf = 0;
  uint64_t breaks = 0;
  const char* error = nullptr;
  size_t error_offset = 0;
  auto set_error = [&](const char* what, size_t offset) {
    if (error == nullptr) {
      error = what;
      error_offset = offset;
    }
  };
  auto finish = [&](size_t text_end, size_t next) {
    fields->resize(nf);
    extent->text_end = text_end;
    extent->next = next;
    extent->line_breaks = breaks;
    extent->error = error;
    extent->error_offset = error_offset;
    return RowScan::kRow;
  };

  while (true) {
    std::string* f = FieldAt(fields, nf++);
    if (i < n && d[i] == '"') {
      const size_t open = i++;
      while (true) {
        const char* q =
            static_cast<const char*>(std::memchr(d + i, '"', n - i));
        if (q == nullptr) {
          if (!at_eof) return RowScan::kNeedMore;
          f->append(d + i, n - i);
          breaks += CountLineBreaks(d + i, d + n);
          set_error(kCsvUnterminatedQuote, open);
          return finish(n, n);
        }
        const size_t qi = static_cast<size_t>(q - d);
        f->append(d + i, qi - i);
        breaks += CountLineBreaks(d + i, q);
        i = qi + 1;
        if (i == n) {
          if (!at_eof) return RowScan::kNeedMore;
          return finish(n, n);
        }
        if (d[i] == '"') {
          f->push_back('"');
          ++i;
          continue;
        }
        break;
      }
      if (d[i] == ',') {
        ++i;
        continue;
      }
      if (d[i] == '\n') {
        ++breaks;
        return finish(i, i + 1);
      }
      if (d[i] == '\r') {
        if (i + 1 == n) {
          if (!at_eof) return RowScan::kNeedMore;
          return finish(i, n);
        }
        if (d[i + 1] == '\n') {
          ++breaks;
          return finish(i, i + 2);
        }
      }
      set_error(kCsvTextAfterClosingQuote, i);
      // Recover: the rest of the field up to the next comma or line end is
      // appended as unquoted text.
    }
    // Unquoted text.
    while (true) {
      size_t j = i;
      while (j < n && !kStopsUnquoted.bits[static_cast<unsigned char>(d[j])]) {
        ++j;
      }
      f->append(d + i, j - i);
      i = j;
      if (i == n) {
        if (!at_eof) return RowScan::kNeedMore;
        size_t text_end = n;
        if (!f->empty() && f->back() == '\r') {
          f->pop_back();
          --text_end;
        }
        return finish(text_end, n);
      }
      const char c = d[i];
      if (c == ',') {
        ++i;
        break;
      }
      if (c == '\n') {
        size_t text_end = i;
        if (!f->empty() && f->back() == '\r') {
          f->pop_back();
          --text_end;
        }
        ++breaks;
        return finish(text_end, i + 1);
      }
      set_error(kCsvQuoteInUnquotedField, i);
      f->push_back('"');
      ++i;
    }
  }
}

}  // namespace

RowScan ScanCsvRow(absl::string_view data, bool at_eof,
                   std::vector<std::string>* fields, RowExtent* extent) {
  if (!FindLine(data, at_eof, extent)) {
    // No complete line yet; a quote may still make it span lines, but
    // either way more input is needed.
    return RowScan::kNeedMore;
  }
  const char* p = data.data();
  if (std::memchr(p, '"', extent->text_end) == nullptr) {
    SplitLine(p, p + extent->text_end, ',', fields);
    return RowScan::kRow;
  }
  return ScanQuotedCsvRow(data, at_eof, fields, extent);
}

RowScan ScanTsvRow(absl::string_view data, bool at_eof,
                   std::vector<std::string>* fields, RowExtent* extent) {
  if (!FindLine(data, at_eof, extent)) return RowScan::kNeedMore;
  SplitLine(data.data(), data.data() + extent->text_end, '\t', fields);
  return RowScan::kRow;
}

RowScan ScanLine(absl::string_view data, bool at_eof, RowExtent* extent) {
  return FindLine(data, at_eof, extent) ? RowScan::kRow : RowScan::kNeedMore;
}

}  // namespace shuyuan::codec_internal
