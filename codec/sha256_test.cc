#include "codec/sha256.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

struct Vector {
  std::string input;
  const char* digest;
};

// FIPS 180-4 / NIST CAVS examples.
std::vector<Vector> Vectors() {
  return {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklm"
       "nopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
}

TEST(Sha256Test, KnownVectors) {
  for (const Vector& v : Vectors()) {
    Sha256 hash;
    hash.Update(v.input);
    EXPECT_EQ(hash.HexDigest(), v.digest) << "input size " << v.input.size();
  }
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, PiecewiseUpdatesMatchOneShot) {
  std::mt19937 random(7);
  std::string data(5000, '\0');
  for (char& c : data) c = static_cast<char>(random());
  const std::string expected = Sha256Hex(data);
  for (size_t piece : {1, 3, 55, 56, 63, 64, 65, 127, 1000}) {
    Sha256 hash;
    for (size_t i = 0; i < data.size(); i += piece) {
      hash.Update(absl::string_view(data).substr(i, piece));
    }
    EXPECT_EQ(hash.HexDigest(), expected) << "pieces of " << piece;
  }
}

}  // namespace
}  // namespace shuyuan::codec
