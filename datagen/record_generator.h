// RecordGenerator: what the data set writer asks of a schema's row
// generator. A generator knows its schema's columns (Chinese legacy
// headers, in a fixed order) and the field faults it can plant, each with
// the first ERROR issue that `shuyuan normalize` reports for it. Row faults
// (MALFORMED_ROW, INVALID_ENCODING) are the writer's: they live in the
// bytes, not in the values.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<LegalPersonRows> rows,
//                            LegalPersonRows::Create(tables, makers));
//   GeneratedRow row;
//   Rng rng = Rng::ForRow(seed, i);
//   rows->MakeRow(rng, /*fault=*/-1, /*messy=*/false, &row);  // clean
//   rows->MakeRow(rng, 3, false, &row);  // row.issue == faults()[3].issue
//
// Implementations are immutable after construction and thread-safe.
#ifndef SHUYUAN_DATAGEN_RECORD_GENERATOR_H_
#define SHUYUAN_DATAGEN_RECORD_GENERATOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "datagen/rng.h"

namespace shuyuan::datagen {

inline constexpr std::string_view kMalformedRow = "MALFORMED_ROW";
inline constexpr std::string_view kInvalidEncoding = "INVALID_ENCODING";

// A fault that lives in the row's bytes rather than in a value.
enum class RowFault { kNone, kMalformed, kInvalidEncoding };

// One generated row: its values by column (UTF-8) and what the reader and
// the codec are expected to make of it.
struct GeneratedRow {
  std::vector<std::string> values;
  RowFault fault = RowFault::kNone;
  // The expected first ERROR issue code; empty for a clean row.
  std::string_view issue;
  // The schema field that reports it; empty for clean rows and row faults.
  std::string_view field;

  // Empties every value (keeping their buffers) and the expectation.
  void Reset(size_t columns) {
    values.resize(columns);
    for (std::string& v : values) v.clear();
    fault = RowFault::kNone;
    issue = {};
    field = {};
  }
};

struct Column {
  std::string_view header;  // the legacy column name written in the file
  std::string_view field;   // the schema field it maps to
};

// A field fault a generator can plant: the issue it raises, and where.
struct FaultKind {
  std::string_view issue;
  std::string_view field;
};

class RecordGenerator {
 public:
  virtual ~RecordGenerator() = default;

  // The record schema the rows are for ("LEGAL_PERSON_BASIC").
  virtual std::string_view schema_id() const = 0;
  virtual const std::vector<Column>& columns() const = 0;
  virtual const std::vector<FaultKind>& faults() const = 0;

  // Fills `row`: clean when `fault` is -1, else carrying faults()[fault]
  // as its one error. `messy` adds CSV hazards to the values: line breaks
  // inside text and quote characters in names.
  virtual void MakeRow(Rng& rng, int fault, bool messy,
                       GeneratedRow* row) const = 0;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_RECORD_GENERATOR_H_
