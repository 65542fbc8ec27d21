#include "client/internal/csv_writer.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shuyuan::client_internal {
namespace {

bool IsSpecial(char c, char delimiter) {
  return c == delimiter || c == '"' || c == '\n' || c == '\r';
}

#if defined(__SSE2__)
// Bit i set when byte i of `v` is the delimiter, a quote, CR or LF.
int SpecialMask(__m128i v, char delimiter) {
  const __m128i hit =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(delimiter)),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
  return _mm_movemask_epi8(hit);
}
#endif

// Whether `value` holds the delimiter, a quote, CR or LF: sixteen bytes at
// a time where SSE2 is there (it is on x86-64), and values of 8 to 16
// bytes (most codes and dates) in one step, since most fields hold none.
bool NeedsQuotes(absl::string_view value, char delimiter) {
  const char* p = value.data();
  const char* const end = p + value.size();
#if defined(__SSE2__)
  if (value.size() >= 16) {
    for (; end - p >= 16; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (SpecialMask(v, delimiter) != 0) return true;
    }
    const __m128i last =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
    return SpecialMask(last, delimiter) != 0;
  }
  if (value.size() >= 8) {
    uint64_t head;
    uint64_t tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, end - 8, 8);
    return SpecialMask(_mm_set_epi64x(static_cast<int64_t>(tail),
                                      static_cast<int64_t>(head)),
                       delimiter) != 0;
  }
#endif
  for (; p < end; ++p) {
    if (IsSpecial(*p, delimiter)) return true;
  }
  return false;
}

}  // namespace

char* WriteCsvField(absl::string_view value, char delimiter, char* out) {
  const bool quote =
      (!value.empty() && (value.front() == ' ' || value.back() == ' ')) ||
      NeedsQuotes(value, delimiter);
  if (!quote) {
    if (!value.empty()) std::memcpy(out, value.data(), value.size());
    return out + value.size();
  }
  *out++ = '"';
  while (true) {
    const void* q = std::memchr(value.data(), '"', value.size());
    if (q == nullptr) break;
    const size_t n = static_cast<const char*>(q) - value.data() + 1;
    std::memcpy(out, value.data(), n);  // through the quote, doubled
    out += n;
    *out++ = '"';
    value.remove_prefix(n);
  }
  if (!value.empty()) std::memcpy(out, value.data(), value.size());
  out += value.size();
  *out++ = '"';
  return out;
}

void AppendCsvField(absl::string_view value, char delimiter, std::string* out) {
  const size_t size = out->size();
  out->resize(size + CsvFieldBound(value));
  char* const begin = out->data();
  out->resize(WriteCsvField(value, delimiter, begin + size) - begin);
}

}  // namespace shuyuan::client_internal
