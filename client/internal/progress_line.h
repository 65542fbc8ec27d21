// The progress line of `shuyuan normalize` on a terminal (SPEC §6): rows
// done, MB/s and, when the input size is known, % done and ETA, rewritten
// in place on standard error.
//
//   ProgressLine progress(std::cerr, input->size());
//   progress.Update(rows, bytes);   // at most a few times a second
//   progress.Clear();               // before the summary line
//
// Not thread-safe; used by the thread that writes the outputs.
#ifndef SHUYUAN_CLIENT_INTERNAL_PROGRESS_LINE_H_
#define SHUYUAN_CLIENT_INTERNAL_PROGRESS_LINE_H_

#include <cstdint>
#include <optional>
#include <ostream>

#include "absl/time/time.h"

namespace shuyuan::client_internal {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, std::optional<uint64_t> total_bytes);

  void Update(uint64_t rows, uint64_t bytes);
  // Erases the line, if one was shown.
  void Clear();

 private:
  std::ostream& err_;
  const std::optional<uint64_t> total_;
  const absl::Time start_;
  bool shown_ = false;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_PROGRESS_LINE_H_
