// Rng: the generator's pseudo-random numbers, SplitMix64 (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", 2014) with
// integer-only derivations, so that a seed gives the same rows on every
// machine and compiler (std::uniform_*_distribution's output is
// implementation-defined).
//
//   Rng rng = Rng::ForRow(seed, row_index);   // one stream per row
//   int digit = rng.Below(10);
//   if (rng.Chance(5, 100)) { ... }           // 5% of the time
//   const char* word = rng.Pick(kWords);      // one element of an array
//
// Not thread-safe; a small value type, cheap to copy.
#ifndef SHUYUAN_DATAGEN_RNG_H_
#define SHUYUAN_DATAGEN_RNG_H_

#include <cstddef>
#include <cstdint>

namespace shuyuan::datagen {

class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}

  // An independent stream for row `index` of a data set made with `seed`:
  // a row's values do not depend on the rows before it.
  static Rng ForRow(uint64_t seed, uint64_t index) {
    Rng mixer(seed ^ (index * 0xD1B54A32D192ED03ull));
    return Rng(mixer.Next() ^ index);
  }

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 for
  // the small n used here, and identical everywhere).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * n) >> 32);
  }

  // Uniform in [lo, hi]; lo <= hi.
  int32_t Between(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }

  // True with probability num / den.
  bool Chance(uint32_t num, uint32_t den) { return Below(den) < num; }

  // True with probability `millionths` / 1,000,000.
  bool ChancePpm(uint32_t millionths) { return Below(1000000) < millionths; }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(static_cast<uint32_t>(N))];
  }

 private:
  uint64_t state_;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_RNG_H_
