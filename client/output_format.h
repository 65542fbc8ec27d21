// The three output forms of the online commands (SPEC §5, `-o`): `table`
// for people (aligned columns, Chinese text aligned by its display width),
// `json` and `yaml` for scripts, both in the protobuf field names of the
// response messages.
//
//   Table table({"ID", "VERSION", "STATUS", "NAME"});
//   table.AddRow({"GMSFHM", "1", "STANDARD", "公民身份号码"});
//   table.Print(std::cout);
//   // ID      VERSION  STATUS    NAME
//   // GMSFHM  1        STANDARD  公民身份号码
//
//   PrintMessage(response, OutputFormat::kYaml, std::cout);
//
// Functions are thread-safe; a Table is not (one per output).
#ifndef SHUYUAN_CLIENT_OUTPUT_FORMAT_H_
#define SHUYUAN_CLIENT_OUTPUT_FORMAT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace shuyuan::client {

enum class OutputFormat { kTable, kYaml, kJson };

// "table", "yaml", "json"; InvalidArgument naming the choices otherwise.
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name);

// Columns `text` takes on a terminal: 2 for East Asian Wide and Fullwidth
// characters (汉字, ＡＢＣ, 、), 0 for combining marks and zero-width
// characters, 1 for the rest. Invalid UTF-8 bytes count 1 each.
int DisplayWidth(absl::string_view text);

// `text` padded with spaces to `width` display columns (unchanged when it is
// already as wide).
std::string PadToWidth(absl::string_view text, int width);

// Rows under a header, each column as wide as its widest cell, columns two
// spaces apart, no trailing spaces. A row may have fewer cells than the
// header; extra cells are kept.
class Table {
 public:
  explicit Table(std::vector<std::string> header);

  void AddRow(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }

  // Writes the header and every row, one line each.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// `message` as JSON: protobuf field names, enums by name, indented with two
// spaces when `pretty`, else one line. With `include_defaults` (the form
// for scripts) fields holding default values are printed too, so
// `"applied": false` is never missing; without, as in definition files.
std::string MessageToJson(const google::protobuf::Message& message,
                          bool pretty = true, bool include_defaults = true);

// `message` as one YAML document, the same fields as MessageToJson in the
// same order; strings that YAML would read as another type ("01", "true",
// "") are quoted.
std::string MessageToYaml(const google::protobuf::Message& message,
                          bool include_defaults = true);

// Prints `message` as `format` (kJson or kYaml; kTable prints JSON too, for
// callers without a table of their own), ending with a newline.
void PrintMessage(const google::protobuf::Message& message, OutputFormat format,
                  std::ostream& out);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_OUTPUT_FORMAT_H_
