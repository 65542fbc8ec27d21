// Fast "skip to the next byte of interest" scans for the normalisers and the
// character-class check. Most bytes of a value are uninteresting to any one
// step (Chinese text has no full-width forms, no white space, nothing to
// upper-case), so each step jumps over them sixteen bytes at a time and only
// looks closely at the candidates these scans stop on.
//
//   const char* p = text.data();
//   const char* const end = p + text.size();
//   while ((p = FindWhiteSpaceLead(p, end)) != end) {
//     // *p may start a white-space character: decode it and decide.
//     ++p;
//   }
//
// Every function returns the first byte in [p, end) that belongs to its set,
// or `end`; it never reads outside [p, end). SSE2 (baseline on x86-64) does
// sixteen bytes per step, and values shorter than that in two overlapping
// loads; elsewhere a byte loop gives the same answers. All functions are
// pure, thread-safe and allocation-free.
#ifndef SHUYUAN_CODEC_INTERNAL_BYTE_SCAN_H_
#define SHUYUAN_CODEC_INTERNAL_BYTE_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shuyuan::codec_internal {

namespace byte_scan_internal {

// Byte loop: the reference for every scan, the path for one to three
// bytes, and the whole scan without SSE2.
template <typename Pred>
inline const char* ScanBytes(const char* p, const char* end, Pred pred) {
  while (p < end && !pred(static_cast<unsigned char>(*p))) ++p;
  return p;
}

#if defined(__SSE2__)
// Bit i set when byte i of `v` is in [lo, lo + span] (unsigned; the range
// must not wrap past 0xFF).
inline int InRangeMask(__m128i v, unsigned char lo, unsigned char span) {
  const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
  const __m128i capped =
      _mm_min_epu8(shifted, _mm_set1_epi8(static_cast<char>(span)));
  return _mm_movemask_epi8(_mm_cmpeq_epi8(shifted, capped));
}

inline int EqualMask(__m128i v, unsigned char b) {
  return _mm_movemask_epi8(
      _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b))));
}

inline int Ctz(int bits) { return __builtin_ctz(static_cast<unsigned>(bits)); }

// The first byte of [p, end) whose bit `mask` sets (a 16-bit movemask of
// the bytes of interest in a 16-byte vector), or `end`. The byte loop
// `pred` must agree with `mask` and handles inputs under four bytes.
template <typename Mask, typename Pred>
inline const char* Scan(const char* p, const char* end, Mask mask, Pred pred) {
  const std::ptrdiff_t n = end - p;
  if (n >= 16) {
    while (end - p >= 16) {
      const int bits =
          mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
      if (bits != 0) return p + Ctz(bits);
      p += 16;
    }
    if (p == end) return end;
    // The tail: the last sixteen bytes. Those before `p` were in the block
    // just searched and hold no byte of interest, so need no masking.
    const char* const block = end - 16;
    const int bits =
        mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block)));
    return bits != 0 ? block + Ctz(bits) : end;
  }
  // Short values (most fields are): the first and the last 8 (or 4) bytes
  // side by side in one vector; they overlap when n is not 16 (or 8), which
  // is harmless because the first half is searched first.
  if (n >= 8) {
    uint64_t head;
    uint64_t tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, end - 8, 8);
    const int bits = mask(
        _mm_set_epi64x(static_cast<int64_t>(tail), static_cast<int64_t>(head)));
    if ((bits & 0xFF) != 0) return p + Ctz(bits & 0xFF);
    return bits != 0 ? end - 8 + Ctz(bits >> 8) : end;
  }
  if (n >= 4) {
    uint32_t head;
    uint32_t tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, end - 4, 4);
    // Lanes 4–7 and 12–15 are zero and may match; they are masked off.
    const int bits = mask(_mm_set_epi32(0, static_cast<int32_t>(tail), 0,
                                        static_cast<int32_t>(head))) &
                     0x0F0F;
    if ((bits & 0x0F) != 0) return p + Ctz(bits & 0x0F);
    return bits != 0 ? end - 4 + Ctz(bits >> 8) : end;
  }
  return ScanBytes(p, end, pred);
}
#endif  // defined(__SSE2__)

}  // namespace byte_scan_internal

// First byte >= 0x80: where ASCII text stops.
inline const char* SkipAscii(const char* p, const char* end) {
  const auto pred = [](unsigned char b) { return b >= 0x80; };
#if defined(__SSE2__)
  return byte_scan_internal::Scan(
      p, end, [](__m128i v) { return _mm_movemask_epi8(v); }, pred);
#else
  return byte_scan_internal::ScanBytes(p, end, pred);
#endif
}

// First byte that is not printable ASCII (below 0x20, 0x7F, or >= 0x80):
// where a check of class `c` must look at a character more closely.
inline const char* SkipPrintableAscii(const char* p, const char* end) {
  const auto pred = [](unsigned char b) { return b < 0x20 || b >= 0x7F; };
#if defined(__SSE2__)
  return byte_scan_internal::Scan(
      p, end,
      [](__m128i v) {
        // Signed: bytes >= 0x80 are negative, so "< 0x20" catches them.
        return _mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20))) |
               byte_scan_internal::EqualMask(v, 0x7F);
      },
      pred);
#else
  return byte_scan_internal::ScanBytes(p, end, pred);
#endif
}

// First byte that can start a Unicode White_Space character: 0x09–0x0D,
// 0x20 and the lead bytes 0xC2, 0xE1, 0xE2, 0xE3. Continuation bytes and the
// leads of CJK ideographs (0xE4–0xE9) never stop it.
inline const char* FindWhiteSpaceLead(const char* p, const char* end) {
  const auto pred = [](unsigned char b) {
    return b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0xC2 ||
           (b >= 0xE1 && b <= 0xE3);
  };
#if defined(__SSE2__)
  return byte_scan_internal::Scan(
      p, end,
      [](__m128i v) {
        return byte_scan_internal::InRangeMask(v, 0x09, 4) |
               byte_scan_internal::EqualMask(v, 0x20) |
               byte_scan_internal::EqualMask(v, 0xC2) |
               byte_scan_internal::InRangeMask(v, 0xE1, 2);
      },
      pred);
#else
  return byte_scan_internal::ScanBytes(p, end, pred);
#endif
}

// First byte equal to one of a, b, c, d (repeat one to look for fewer).
inline const char* FindAnyOf4(const char* p, const char* end, unsigned char a,
                              unsigned char b, unsigned char c,
                              unsigned char d) {
  const auto pred = [=](unsigned char x) {
    return x == a || x == b || x == c || x == d;
  };
#if defined(__SSE2__)
  return byte_scan_internal::Scan(
      p, end,
      [=](__m128i v) {
        return byte_scan_internal::EqualMask(v, a) |
               byte_scan_internal::EqualMask(v, b) |
               byte_scan_internal::EqualMask(v, c) |
               byte_scan_internal::EqualMask(v, d);
      },
      pred);
#else
  return byte_scan_internal::ScanBytes(p, end, pred);
#endif
}

// First byte in [lo, hi] (lo <= hi).
inline const char* FindByteInRange(const char* p, const char* end,
                                   unsigned char lo, unsigned char hi) {
  const auto pred = [=](unsigned char x) { return x >= lo && x <= hi; };
#if defined(__SSE2__)
  const auto span = static_cast<unsigned char>(hi - lo);
  return byte_scan_internal::Scan(
      p, end,
      [=](__m128i v) { return byte_scan_internal::InRangeMask(v, lo, span); },
      pred);
#else
  return byte_scan_internal::ScanBytes(p, end, pred);
#endif
}

// A character boundary q in [p, end] (p itself on one) such that [p, q) is
// printable ASCII (0x20–0x7E) and well-formed three-byte sequences with
// lead bytes E1–EC, EE or EF (U+1000–CFFF, U+E000–FFFF: CJK and full-width
// forms, never controls or surrogates): the bulk of Chinese free text, in
// whole 16-byte blocks. Stops early at anything else; the caller looks at
// what follows q character by character. Without SSE2 it returns p.
inline const char* SkipPrintableAsciiAndCjk(const char* p, const char* end) {
#if defined(__SSE2__)
  using byte_scan_internal::EqualMask;
  using byte_scan_internal::InRangeMask;
  // Bits 0–1: continuation bytes the last block's trailing leads need here.
  unsigned carry = 0;
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const unsigned printable = InRangeMask(v, 0x20, 0x7E - 0x20);
    const unsigned continuation = InRangeMask(v, 0x80, 0xBF - 0x80);
    const unsigned lead =
        InRangeMask(v, 0xE1, 0xEF - 0xE1) & ~EqualMask(v, 0xED);
    // Each lead is followed by exactly two continuation bytes, and every
    // continuation byte follows a lead.
    const unsigned expected = (lead << 1) | (lead << 2) | carry;
    if ((printable | continuation | lead) != 0xFFFF ||
        (expected & 0xFFFF) != continuation) {
      break;
    }
    carry = expected >> 16;
    p += 16;
  }
  // Back to the start of a sequence the last block left unfinished.
  if (carry & 2) return p - 1;
  if (carry & 1) return p - 2;
#endif
  return p;
}

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_BYTE_SCAN_H_
