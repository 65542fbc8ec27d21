// SHA-256 (FIPS 180-4) for the batch report: the input file's digest and the
// content hashes of the definitions a run used. Self-contained so that the
// client needs no crypto library; on x86-64 CPUs with the SHA extensions the
// compression runs on them (about 1.5 GB/s), elsewhere in portable C++.
//
//   client_internal::Sha256 hash;
//   hash.Update("ab");
//   hash.Update("c");
//   std::string hex = hash.HexDigest();  // "ba7816bf..."
//   std::string same = client_internal::Sha256Hex("abc");
#ifndef SHUYUAN_CLIENT_INTERNAL_SHA256_H_
#define SHUYUAN_CLIENT_INTERNAL_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::client_internal {

// An incremental SHA-256 computation. Not thread-safe; one per stream.
class Sha256 {
 public:
  // Which compression function to use; kAuto picks the SHA extensions when
  // the CPU has them. Tests force each one.
  enum class Engine { kAuto, kPortable };

  explicit Sha256(Engine engine = Engine::kAuto);

  // Adds `data` to the message.
  void Update(absl::string_view data);
  // The digest of everything added; the object must not be used afterwards.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lower-case hex digits.
  std::string HexDigest();

  // True when Engine::kAuto uses the CPU's SHA extensions.
  static bool HasHardwareSupport();

 private:
  void Compress(const uint8_t* blocks, size_t count);

  bool hardware_;
  uint32_t state_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes
};

// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view data);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_SHA256_H_
