// One byte range of an input file as a seekable std::istream, for
// `shuyuan normalize --range START:END` (SPEC §6): the record reader reads
// the header from the start of the file, seeks to START
// (RecordReader::SeekRange) and reads on; this stream computes the SHA-256
// of the range's bytes and counts their LFs as they go by, so that the part
// report names exactly the bytes it covered and how many lines they hold,
// without reading them twice.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<RangeInput> input,
//                            RangeInput::Open("in.csv", 1000, 2000));
//   ... RecordReader::Open(input->stream(), options), SeekRange(1000, ...)
//   ... read the rows ...
//   SHUYUAN_RETURN_IF_ERROR(input->status());
//   if (input->complete()) digest = input->HexDigest();
#ifndef SHUYUAN_CLIENT_INTERNAL_RANGE_INPUT_H_
#define SHUYUAN_CLIENT_INTERNAL_RANGE_INPUT_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codec/sha256.h"

namespace shuyuan::client_internal {

// Not thread-safe; one reader. Owns the file descriptor it opened.
class RangeInput : private std::streambuf {
 public:
  // `path` must be a regular file holding at least `end` bytes, and
  // start <= end. NotFound / PermissionDenied naming the path;
  // InvalidArgument for standard input ("-"), a pipe or directory, or a
  // range beyond the file.
  static absl::StatusOr<std::unique_ptr<RangeInput>> Open(
      const std::string& path, uint64_t start, uint64_t end);

  ~RangeInput() override;
  RangeInput(const RangeInput&) = delete;
  RangeInput& operator=(const RangeInput&) = delete;

  std::istream* stream() { return &stream_; }
  // OK, or DataLoss naming the path after a read error (the stream then
  // ends early).
  const absl::Status& status() const { return status_; }
  uint64_t size() const { return size_; }

  // The byte at `offset` (< size()), read aside without moving the stream.
  absl::StatusOr<char> ByteAt(uint64_t offset) const;
  // 1 + the LFs in the file's bytes [0, offset): the physical line on
  // which `offset` lies. Reads those bytes aside (memchr, page cache).
  absl::StatusOr<uint64_t> LineAt(uint64_t offset) const;

  // True once every byte of [start, end) has been delivered (in order).
  bool complete() const { return hashed_ == end_; }
  // LFs among the range's bytes delivered so far.
  uint64_t line_breaks() const { return line_breaks_; }
  // SHA-256 of the range's bytes delivered so far; call once, at the end.
  std::string HexDigest() { return hash_.HexDigest(); }

 private:
  RangeInput(std::string path, int fd, uint64_t size, uint64_t start,
             uint64_t end);
  int_type underflow() override;
  pos_type seekpos(pos_type position, std::ios_base::openmode which) override;
  pos_type seekoff(off_type offset, std::ios_base::seekdir direction,
                   std::ios_base::openmode which) override;
  // Hashes and counts the part of [position, position + n) in the range.
  void Account(const char* data, uint64_t position, size_t n);

  const std::string path_;
  const int fd_;
  const uint64_t size_;
  const uint64_t start_;
  const uint64_t end_;
  std::unique_ptr<char[]> buffer_;
  uint64_t position_ = 0;  // file offset of the next read
  uint64_t hashed_;        // range bytes [start_, hashed_) accounted for
  uint64_t line_breaks_ = 0;
  codec::Sha256 hash_;
  absl::Status status_;
  std::istream stream_;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_RANGE_INPUT_H_
