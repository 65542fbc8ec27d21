// An input file (or standard input) as a std::istream that computes the
// SHA-256 of every byte it delivers, so that the batch report can name the
// exact input without reading it twice (standard input cannot be).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<HashingInput> input,
//                            HashingInput::Open("in.csv"));  // "-" = stdin
//   ... RecordReader::Open(input->stream(), options) ...
//   SHUYUAN_RETURN_IF_ERROR(input->status());   // read errors
//   std::string digest = input->HexDigest();    // after reading to the end
#ifndef SHUYUAN_CLIENT_INTERNAL_HASHING_INPUT_H_
#define SHUYUAN_CLIENT_INTERNAL_HASHING_INPUT_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codec/sha256.h"

namespace shuyuan::client_internal {

// Not thread-safe; one reader. Owns the file descriptor it opened (not
// standard input's).
class HashingInput : private std::streambuf {
 public:
  // NotFound / PermissionDenied naming the path; InvalidArgument for a
  // directory.
  static absl::StatusOr<std::unique_ptr<HashingInput>> Open(
      const std::string& path);

  ~HashingInput() override;
  HashingInput(const HashingInput&) = delete;
  HashingInput& operator=(const HashingInput&) = delete;

  std::istream* stream() { return &stream_; }
  // OK, or DataLoss naming the path after a read error (the stream then
  // ends early).
  const absl::Status& status() const { return status_; }
  // The size of a regular file; unset for pipes and terminals.
  std::optional<uint64_t> size() const { return size_; }
  // SHA-256 of the bytes delivered so far; call once, at the end.
  std::string HexDigest() { return hash_.HexDigest(); }

 private:
  HashingInput(std::string path, int fd, std::optional<uint64_t> size);
  int_type underflow() override;

  const std::string path_;
  const int fd_;
  const std::optional<uint64_t> size_;
  std::unique_ptr<char[]> buffer_;
  codec::Sha256 hash_;
  absl::Status status_;
  std::istream stream_;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_HASHING_INPUT_H_
