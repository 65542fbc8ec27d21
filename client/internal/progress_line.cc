#include "client/internal/progress_line.h"

#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace shuyuan::client_internal {

ProgressLine::ProgressLine(std::ostream& err,
                           std::optional<uint64_t> total_bytes)
    : err_(err), total_(total_bytes), start_(absl::Now()) {}

void ProgressLine::Update(uint64_t rows, uint64_t bytes) {
  const double seconds =
      absl::FDivDuration(absl::Now() - start_, absl::Seconds(1));
  const double mb_per_s = seconds > 0 ? bytes / 1e6 / seconds : 0;
  std::string line =
      absl::StrFormat("\rnormalize: %d rows  %.1f MB/s", rows, mb_per_s);
  if (total_.has_value() && *total_ > 0 && bytes > 0) {
    const double done = static_cast<double>(bytes) / *total_;
    const int eta = static_cast<int>(seconds / done * (1 - done) + 0.5);
    absl::StrAppendFormat(&line, "  %3.0f%%  ETA %d:%02d", done * 100, eta / 60,
                          eta % 60);
  }
  err_ << line << "\033[K" << std::flush;
  shown_ = true;
}

void ProgressLine::Clear() {
  if (shown_) err_ << "\r\033[K" << std::flush;
}

}  // namespace shuyuan::client_internal
