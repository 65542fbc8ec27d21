#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "client/cli_options.h"
#include "client/internal/json_writer.h"
#include "client/internal/normalize_options.h"
#include "client/internal/split_plan.h"
#include "client/local_commands.h"
#include "client/output_format.h"
#include "client/split_commands.h"
#include "codec/record_reader.h"

namespace shuyuan::client {
namespace {

constexpr char kSplitUsage[] =
    R"(usage: shuyuan split --in FILE (--parts N | --part-bytes B)
           [--format csv|tsv|jsonl] [--encoding auto|utf-8|gb18030]
           [--max-row-bytes N] [-o json]

Prints byte ranges START:END of FILE, one per line, for
`shuyuan normalize --range START:END`. Each range starts exactly where the
record reader starts a row (quoted newlines, a stray quote's one-line
reject, BOM, header, blank lines, CRLF, GB18030 all as in a whole run): the
file is read once, at the reader's speed. The ranges cover the data
completely: the first starts at the first data row, each ends where the
next starts, the last ends at the file size (a file without data rows
gives one empty range at its end).

  --parts N         about N ranges of equal bytes (fewer when rows are few)
  --part-bytes B    ranges of at least B bytes (each ends at the first row
                    at or after its start + B)
  --format, --encoding, --max-row-bytes
                    as for normalize; give the same values to every part
  -o json           {"input", "input_size", "format", "encoding" (the one
                    auto resolved to: pass it to the parts), "data_start",
                    "ranges": [{"start", "end", "first_line"}]};
                    first_line is the physical line of start, for
                    normalize --first-line

Exit codes: 0 done; 2 usage error or a bad header; 4 I/O failure.
)";

struct SplitFlags {
  std::string in;
  uint64_t parts = 0;
  uint64_t part_bytes = 0;
  std::string format;
  std::string encoding = "auto";
  uint64_t max_row_bytes = codec::RecordReaderOptions().max_row_bytes;
};

// The reader options the flags name, as normalize would resolve them.
absl::StatusOr<client_internal::SplitOptions> ToSplitOptions(
    const SplitFlags& flags) {
  client_internal::NormalizeOptions as_normalize;
  as_normalize.in = flags.in;
  as_normalize.format = flags.format;
  absl::StatusOr<codec::RecordFormat> format =
      client_internal::ResolveFormat(as_normalize);
  if (!format.ok()) return format.status();
  absl::StatusOr<codec::TextEncoding> encoding =
      codec::ParseTextEncoding(flags.encoding);
  if (!encoding.ok()) return encoding.status();
  if (flags.max_row_bytes < 1 ||
      flags.max_row_bytes > client_internal::kMaxRowBytesLimit) {
    return absl::InvalidArgumentError(
        absl::StrCat("split: --max-row-bytes ", flags.max_row_bytes,
                     " is not from 1 to ", client_internal::kMaxRowBytesLimit));
  }
  client_internal::SplitOptions options;
  options.parts = flags.parts;
  options.part_bytes = flags.part_bytes;
  options.reader.format = *format;
  options.reader.encoding = *encoding;
  options.reader.max_row_bytes = static_cast<size_t>(flags.max_row_bytes);
  return options;
}

std::string RenderPlanJson(const SplitFlags& flags,
                           const client_internal::SplitOptions& options,
                           const client_internal::SplitPlan& plan) {
  std::string text;
  client_internal::JsonWriter json(&text, 2);
  json.BeginObject();
  json.Key("input").String(flags.in);
  json.Key("input_size").Uint(plan.input_size);
  json.Key("format").String(codec::RecordFormatName(options.reader.format));
  json.Key("encoding").String(codec::TextEncodingName(plan.encoding));
  json.Key("data_start").Uint(plan.data_start);
  json.Key("ranges").BeginArray();
  for (const client_internal::ByteRange& range : plan.ranges) {
    json.BeginObject();
    json.Key("start").Uint(range.start);
    json.Key("end").Uint(range.end);
    json.Key("first_line").Uint(range.first_line);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  text.push_back('\n');
  return text;
}

}  // namespace

int RunSplit(const std::vector<std::string>& args, GlobalOptions globals,
             std::ostream& out, std::ostream& err) {
  SplitFlags flags;
  CommandLine line("split");
  line.Value({"--in"}, &flags.in)
      .Number({"--parts"}, &flags.parts)
      .Number({"--part-bytes"}, &flags.part_bytes)
      .Value({"--format"}, &flags.format)
      .Value({"--encoding"}, &flags.encoding)
      .Number({"--max-row-bytes"}, &flags.max_row_bytes);
  std::vector<std::string> positional;
  absl::Status parsed = line.Parse(args, &globals, &positional);
  if (parsed.ok() && line.help()) {
    out << kSplitUsage;
    return kExitOk;
  }
  if (parsed.ok() && (flags.in.empty() || !positional.empty())) {
    parsed = absl::InvalidArgumentError(
        "split: give --in FILE and no other words (see shuyuan split --help)");
  }
  absl::StatusOr<client_internal::SplitOptions> options =
      parsed.ok() ? ToSplitOptions(flags)
                  : absl::StatusOr<client_internal::SplitOptions>(parsed);
  if (!options.ok()) {
    err << "error: " << options.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<client_internal::SplitPlan> plan =
      client_internal::PlanSplit(flags.in, *options);
  if (!plan.ok()) {
    err << "error: " << plan.status().message() << "\n";
    return plan.status().code() == absl::StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  if (globals.format() == OutputFormat::kJson) {
    out << RenderPlanJson(flags, *options, *plan);
  } else {
    for (const client_internal::ByteRange& range : plan->ranges) {
      out << range.start << ":" << range.end << "\n";
    }
  }
  return kExitOk;
}

}  // namespace shuyuan::client
