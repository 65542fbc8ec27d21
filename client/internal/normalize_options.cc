#include "client/internal/normalize_options.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace shuyuan::client_internal {
namespace {

// Where the value of a flag that takes any text goes; nullptr for others.
std::string* TextFlag(absl::string_view name, NormalizeOptions* options) {
  if (name == "--schema") return &options->schema;
  if (name == "--in") return &options->in;
  if (name == "--out") return &options->out;
  if (name == "--rejects") return &options->rejects;
  if (name == "--report") return &options->report;
  if (name == "--report-html") return &options->report_html;
  if (name == "--format") return &options->format;
  if (name == "--encoding") return &options->encoding;
  if (name == "--mapping") return &options->mapping;
  return nullptr;
}

bool TakesValue(absl::string_view name) {
  NormalizeOptions scratch;
  return TextFlag(name, &scratch) != nullptr || name == "--as-of" ||
         name == "--threads" || name == "--max-row-bytes" ||
         name == "--range" || name == "--first-line";
}

absl::Status SetValue(absl::string_view name, std::string value,
                      NormalizeOptions* options) {
  if (name == "--threads") {
    if (!absl::SimpleAtoi(value, &options->threads) || options->threads < 1 ||
        options->threads > 1024) {
      return absl::InvalidArgumentError(absl::StrCat(
          "normalize: --threads '", value, "' is not a number from 1 to 1024"));
    }
  } else if (name == "--max-row-bytes") {
    if (!absl::SimpleAtoi(value, &options->max_row_bytes) ||
        options->max_row_bytes < 1 ||
        options->max_row_bytes > kMaxRowBytesLimit) {
      return absl::InvalidArgumentError(absl::StrCat(
          "normalize: --max-row-bytes '", value,
          "' is not a number of bytes from 1 to ", kMaxRowBytesLimit));
    }
  } else if (name == "--range") {
    absl::StatusOr<ByteRange> range = ParseByteRange(value);
    if (!range.ok()) return range.status();
    options->range = *range;
  } else if (name == "--first-line") {
    uint64_t line = 0;
    if (!absl::SimpleAtoi(value, &line) || line < 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "normalize: --first-line '", value, "' is not a line number >= 1"));
    }
    options->first_line = line;
  } else if (name == "--as-of") {
    options->as_of = std::move(value);
  } else {
    *TextFlag(name, options) = std::move(value);
  }
  return absl::OkStatus();
}

absl::Status CheckRequired(const NormalizeOptions& options) {
  std::vector<std::string> missing;
  for (const auto& [flag, value] :
       {std::pair<const char*, const std::string*>{"--schema", &options.schema},
        {"--in", &options.in},
        {"--out", &options.out},
        {"--rejects", &options.rejects},
        {"--report", &options.report}}) {
    if (value->empty()) missing.push_back(flag);
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalize: missing ", absl::StrJoin(missing, ", "),
                     " (see shuyuan normalize --help)"));
  }
  if (options.first_line.has_value() && !options.range.has_value()) {
    return absl::InvalidArgumentError(
        "normalize: --first-line only goes with --range");
  }
  if (options.range.has_value() && options.in == "-") {
    return absl::InvalidArgumentError(
        "normalize: --range needs an input file, not standard input");
  }
  if (absl::Status s = options.source.Check(); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("normalize: ", s.message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<NormalizeOptions> ParseNormalizeOptions(
    const std::vector<std::string>& args) {
  NormalizeOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    // --defs, --bundle, --server and the connection flags.
    absl::StatusOr<bool> source_flag = options.source.ParseFlag(args, &i);
    if (!source_flag.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("normalize: ", source_flag.status().message()));
    }
    if (*source_flag) continue;
    std::string name = args[i];
    std::optional<std::string> value;
    if (const size_t eq = name.find('=');
        absl::StartsWith(name, "--") && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (name == "--help" || name == "-h") {
      options.help = true;
    } else if (name == "--fail-on-reject") {
      options.fail_on_reject = true;
    } else if (!TakesValue(name)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "normalize: unexpected argument '", args[i], "' (see --help)"));
    } else {
      if (!value.has_value()) {
        if (i + 1 >= args.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("normalize: ", name, " needs a value"));
        }
        value = args[++i];
      }
      if (absl::Status s = SetValue(name, *std::move(value), &options);
          !s.ok()) {
        return s;
      }
    }
  }
  if (options.help) return options;
  if (absl::Status s = CheckRequired(options); !s.ok()) return s;
  return options;
}

absl::StatusOr<ByteRange> ParseByteRange(absl::string_view text) {
  const size_t colon = text.find(':');
  ByteRange range;
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(text.substr(0, colon), &range.start) ||
      !absl::SimpleAtoi(text.substr(colon + 1), &range.end) ||
      range.end < range.start) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalize: --range '", text,
                     "' is not START:END (byte offsets, START <= END)"));
  }
  return range;
}

absl::StatusOr<codec::RecordFormat> ResolveFormat(
    const NormalizeOptions& options) {
  if (!options.format.empty()) {
    absl::StatusOr<codec::RecordFormat> format =
        codec::ParseRecordFormat(options.format);
    if (!format.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("normalize: --format '", options.format,
                       "' is not one of csv, tsv, jsonl"));
    }
    return format;
  }
  const std::string in = absl::AsciiStrToLower(options.in);
  if (absl::EndsWith(in, ".tsv")) return codec::RecordFormat::kTsv;
  if (absl::EndsWith(in, ".jsonl") || absl::EndsWith(in, ".ndjson")) {
    return codec::RecordFormat::kJsonl;
  }
  return codec::RecordFormat::kCsv;
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> LoadMapping(
    const std::string& path) {
  absl::flat_hash_map<std::string, std::string> mapping;
  if (path.empty()) return mapping;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in.is_open() || (!in.good() && !in.eof())) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot read the mapping file"));
  }
  google::protobuf::Struct object;
  const auto status =
      google::protobuf::util::JsonStringToMessage(text.str(), &object);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": not a JSON object {\"column\": \"FIELD\", ...}: ",
        std::string(status.message().data(), status.message().size())));
  }
  for (const auto& [column, target] : object.fields()) {
    if (target.kind_case() == google::protobuf::Value::kNullValue) {
      mapping[column] = "";
    } else if (target.kind_case() == google::protobuf::Value::kStringValue) {
      mapping[column] = target.string_value();
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": column '", column,
                       "' must map to a field name (a string) or \"\""));
    }
  }
  return mapping;
}

}  // namespace shuyuan::client_internal
