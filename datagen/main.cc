// shuyuan-datagen: seeded, deterministic test data with ground truth for
// the record schemas of the catalog (dataset_writer.h). Prints a summary
// JSON line on stdout; exits 2 on a usage error, 1 when it cannot write.

#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "datagen/dataset_writer.h"

namespace {

constexpr char kUsage[] =
    R"(usage: shuyuan-datagen --schema ID --rows N --out FILE [options]

  --schema ID         LEGAL_PERSON_BASIC or NATURAL_PERSON_BASIC
  --rows N            data rows to write
  --out FILE          the data file ("-" = standard output)
  --truth FILE        the ground truth, TSV: index line verdict issue field
  --seed S            seed of the pseudo-random streams (default 1)
  --error-rate R      chance, 0..1, that a row carries exactly one error
                      (default 0.05; each row drawn on its own)
  --format F          csv (default) or jsonl
  --encoding E        utf-8 (default) or gb18030
  --messy             CSV only: CRLF, a UTF-8 BOM, line breaks in quoted
                      values, quotes in names, needless quotes, stray
                      quotes among the malformed rows
  --as-of DATE        reference date YYYY-MM-DD the values are valid at
                      (default 2024-06-01); run normalize with the same
  --catalog DIR       catalog whose code lists to draw from (default catalog)

Prints {"rows":N,"clean":C,"rejected":R,"by_issue":{...}} on stdout (on
stderr when --out is "-").
)";

int Usage(std::string_view problem) {
  std::cerr << "shuyuan-datagen: " << problem << "\n\n" << kUsage;
  return 2;
}

using shuyuan::datagen::DatasetOptions;
using shuyuan::datagen::OutputEncoding;
using shuyuan::datagen::OutputFormat;

// Sets the option `flag` names from `value`; a problem to show with the
// usage, or an empty string.
std::string SetFlag(const std::string& flag, const std::string& value,
                    DatasetOptions* options) {
  if (flag == "--schema") {
    options->schema = value;
  } else if (flag == "--rows") {
    if (!absl::SimpleAtoi(value, &options->rows)) {
      return absl::StrCat("--rows '", value, "' is not a count");
    }
  } else if (flag == "--seed") {
    if (!absl::SimpleAtoi(value, &options->seed)) {
      return absl::StrCat("--seed '", value, "' is not a number");
    }
  } else if (flag == "--error-rate") {
    if (!absl::SimpleAtod(value, &options->error_rate)) {
      return absl::StrCat("--error-rate '", value, "' is not a number");
    }
  } else if (flag == "--format") {
    const std::string f = absl::AsciiStrToLower(value);
    if (f != "csv" && f != "jsonl") {
      return absl::StrCat("--format '", value, "': csv or jsonl");
    }
    options->layout.format =
        f == "csv" ? OutputFormat::kCsv : OutputFormat::kJsonl;
  } else if (flag == "--encoding") {
    const std::string e = absl::AsciiStrToLower(value);
    if (e != "utf-8" && e != "utf8" && e != "gb18030") {
      return absl::StrCat("--encoding '", value, "': utf-8 or gb18030");
    }
    options->layout.encoding =
        e == "gb18030" ? OutputEncoding::kGb18030 : OutputEncoding::kUtf8;
  } else if (flag == "--out") {
    options->out_path = value;
  } else if (flag == "--truth") {
    options->truth_path = value;
  } else if (flag == "--as-of") {
    absl::StatusOr<shuyuan::datagen::CivilDate> as_of =
        shuyuan::datagen::ParseIsoDate(value);
    if (!as_of.ok()) {
      return absl::StrCat("--as-of ", as_of.status().message());
    }
    options->as_of = *as_of;
  } else if (flag == "--catalog") {
    options->catalog_dir = value;
  } else {
    return absl::StrCat("unknown flag '", flag, "'");
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  DatasetOptions options;
  bool have_rows = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    const size_t eq = flag.find('=');
    if (eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (flag == "--messy") {
      options.layout.messy = true;
      continue;
    }
    if (eq == std::string::npos) {
      if (i + 1 >= argc) return Usage(absl::StrCat(flag, " needs a value"));
      value = argv[++i];
    }
    const std::string problem = SetFlag(flag, value, &options);
    if (!problem.empty()) return Usage(problem);
    have_rows |= flag == "--rows";
  }
  if (!have_rows) return Usage("--rows N is required");
  absl::StatusOr<shuyuan::datagen::DatasetSummary> summary =
      shuyuan::datagen::WriteDataset(options);
  if (!summary.ok()) {
    std::cerr << "shuyuan-datagen: " << summary.status().message() << "\n";
    return absl::IsInvalidArgument(summary.status()) ||
                   absl::IsNotFound(summary.status())
               ? 2
               : 1;
  }
  // With the data on standard output, the summary goes to standard error.
  (options.out_path == "-" ? std::cerr : std::cout)
      << summary->ToJson() << "\n";
  return 0;
}
