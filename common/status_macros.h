// Status propagation macros for absl::Status / absl::StatusOr.
//
// Debian's Abseil (20220623) ships no status macros, so shuyuan defines its
// own, once, here:
//
//   absl::StatusOr<Format> ParseFormat(absl::string_view text);
//
//   absl::Status Compile(...) {
//     SHUYUAN_ASSIGN_OR_RETURN(Format format, ParseFormat(text));
//     SHUYUAN_RETURN_IF_ERROR(CheckSomething(format));
//     return absl::OkStatus();
//   }
#ifndef SHUYUAN_COMMON_STATUS_MACROS_H_
#define SHUYUAN_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Evaluates `expr` (an absl::Status) and returns it from the enclosing
// function when it is not OK.
#define SHUYUAN_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::absl::Status shuyuan_status_ = (expr);           \
    if (!shuyuan_status_.ok()) return shuyuan_status_; \
  } while (0)

#define SHUYUAN_STATUS_CONCAT_INNER_(a, b) a##b
#define SHUYUAN_STATUS_CONCAT_(a, b) SHUYUAN_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when not OK,
// else moves its value into `lhs` (which may be a declaration).
#define SHUYUAN_ASSIGN_OR_RETURN(lhs, rexpr) \
  SHUYUAN_ASSIGN_OR_RETURN_IMPL_(            \
      SHUYUAN_STATUS_CONCAT_(shuyuan_statusor_, __LINE__), lhs, rexpr)

#define SHUYUAN_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // SHUYUAN_COMMON_STATUS_MACROS_H_
