#include "client/codelist_file.h"

#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/date_time.h"

namespace shuyuan::client {
namespace {

constexpr const char* kColumnNames[] = {"code",   "name_zh",    "name_en",
                                        "parent", "valid_from", "valid_to",
                                        "aliases"};

absl::StatusOr<codec::RecordFormat> FormatOf(const std::string& path) {
  const std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".tsv")) return codec::RecordFormat::kTsv;
  if (absl::EndsWith(lower, ".csv")) return codec::RecordFormat::kCsv;
  return absl::InvalidArgumentError(
      absl::StrCat(path,
                   ": name a .tsv or .csv file, or give --format "
                   "tsv|csv"));
}

}  // namespace

absl::StatusOr<std::unique_ptr<CodeListFileReader>> CodeListFileReader::Open(
    const std::string& path, std::optional<codec::RecordFormat> format) {
  if (!format.has_value()) {
    absl::StatusOr<codec::RecordFormat> guessed = FormatOf(path);
    if (!guessed.ok()) return guessed.status();
    format = *guessed;
  }
  if (*format == codec::RecordFormat::kJsonl) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": a code list is read from TSV or CSV"));
  }
  codec::RecordReaderOptions options;
  options.format = *format;
  absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
      codec::RecordReader::OpenFile(path, options);
  if (!reader.ok()) {
    return absl::Status(reader.status().code(),
                        absl::StrCat(path, ": ", reader.status().message()));
  }
  std::unique_ptr<CodeListFileReader> file(
      new CodeListFileReader(path, *std::move(reader)));
  struct stat info;
  if (path != "-" && stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
    file->file_size_ = static_cast<uint64_t>(info.st_size);
  }
  absl::Status bound = file->BindHeader();
  if (!bound.ok()) return bound;
  return file;
}

absl::Status CodeListFileReader::BindHeader() {
  std::fill(std::begin(column_of_), std::end(column_of_), -1);
  const std::vector<std::string>& header = reader_->header();
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(header[i]));
    int column = -1;
    for (int c = 0; c < kColumnCount; ++c) {
      if (name == kColumnNames[c]) column = c;
    }
    if (column < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ": header column ", i + 1, " '", header[i],
                       "' is not one of ", absl::StrJoin(kColumnNames, ", ")));
    }
    if (column_of_[column] >= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ": header names column '", name, "' twice"));
    }
    column_of_[column] = static_cast<int>(i);
  }
  for (const Column required : {kCode, kNameZh}) {
    if (column_of_[required] < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ": the header has no '", kColumnNames[required],
                       "' column (it has: ", absl::StrJoin(header, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status CodeListFileReader::RowError(uint64_t line, Column column,
                                          absl::string_view what) const {
  return absl::InvalidArgumentError(absl::StrCat(
      path_, ":", line, ": column '", kColumnNames[column], "': ", what));
}

absl::Status CodeListFileReader::FillEntry(const codec::InputRow& row,
                                           v1::CodeEntry* entry) {
  auto value = [&](Column column) -> absl::string_view {
    const int i = column_of_[column];
    if (i < 0 || static_cast<size_t>(i) >= row.values.size()) return "";
    return absl::StripAsciiWhitespace(row.values[i]);
  };
  entry->set_code(std::string(value(kCode)));
  if (entry->code().empty()) return RowError(row.line, kCode, "empty code");
  entry->set_name_zh(std::string(value(kNameZh)));
  entry->set_name_en(std::string(value(kNameEn)));
  entry->set_parent(std::string(value(kParent)));
  absl::CivilDay days[2];
  for (const Column column : {kValidFrom, kValidTo}) {
    const absl::string_view date = value(column);
    if (!date.empty() &&
        !codec::ParseIsoDate(date, &days[column - kValidFrom])) {
      return RowError(
          row.line, column,
          absl::StrCat("'", date, "' is not a real date written YYYY-MM-DD"));
    }
  }
  entry->set_valid_from(std::string(value(kValidFrom)));
  entry->set_valid_to(std::string(value(kValidTo)));
  if (!entry->valid_from().empty() && !entry->valid_to().empty() &&
      days[1] < days[0]) {
    return RowError(row.line, kValidTo,
                    absl::StrCat(entry->valid_to(), " is before valid_from ",
                                 entry->valid_from()));
  }
  for (absl::string_view alias :
       absl::StrSplit(value(kAliases), absl::ByAnyChar("|;"))) {
    alias = absl::StripAsciiWhitespace(alias);
    if (!alias.empty()) entry->add_aliases(std::string(alias));
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> CodeListFileReader::Read(
    size_t max_entries,
    google::protobuf::RepeatedPtrField<v1::CodeEntry>* entries) {
  size_t added = 0;
  while (added < max_entries && reader_->Next(&row_)) {
    if (row_.issue != v1::ISSUE_CODE_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat(
          path_, ":", row_.line, ": ", v1::IssueCode_Name(row_.issue), ": ",
          row_.issue_detail));
    }
    v1::CodeEntry* entry = entries->Add();
    entry->Clear();
    if (absl::Status filled = FillEntry(row_, entry); !filled.ok()) {
      return filled;
    }
    if (entries_read_ == 0 || row_.line != last_line_ + 1) {
      line_breaks_.emplace_back(entries_read_, row_.line);
    }
    last_line_ = row_.line;
    ++entries_read_;
    ++added;
  }
  if (!reader_->status().ok()) {
    return absl::DataLossError(
        absl::StrCat(path_, ": ", reader_->status().message()));
  }
  return added;
}

uint64_t CodeListFileReader::LineOfEntry(uint64_t index) const {
  if (index >= entries_read_ || line_breaks_.empty()) return 0;
  // The last break at or before `index`; lines run on by one from there.
  auto after =
      std::upper_bound(line_breaks_.begin(), line_breaks_.end(), index,
                       [](uint64_t i, const std::pair<uint64_t, uint64_t>& b) {
                         return i < b.first;
                       });
  --after;
  return after->second + (index - after->first);
}

}  // namespace shuyuan::client
