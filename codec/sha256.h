// SHA-256 (FIPS 180-4), from OpenSSL's libcrypto, which runs on the CPU's SHA
// extensions or AVX2 when it finds them at run time. Used for content hashes
// of definitions (codec/content_hash.h) and the digest of batch inputs.
//
//   Sha256 hash;
//   hash.Update("ab");
//   hash.Update("c");
//   std::string hex = hash.HexDigest();  // "ba7816bf..."
//   std::string same = Sha256Hex("abc");
#ifndef SHUYUAN_CODEC_SHA256_H_
#define SHUYUAN_CODEC_SHA256_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::codec {

// An incremental SHA-256 computation. Not thread-safe; one per stream.
// Movable, not copyable.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  // Adds `data` to the message.
  void Update(absl::string_view data);
  // The digest of everything added; the object must not be used afterwards.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view data);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_SHA256_H_
