#include "client/internal/csv_writer.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shuyuan::client_internal {
namespace {

bool IsSpecial(char c, char delimiter) {
  return c == delimiter || c == '"' || c == '\n' || c == '\r';
}

// Whether `value` holds the delimiter, a quote, CR or LF: sixteen bytes at
// a time where SSE2 is there (it is on x86-64), since most fields hold none.
bool NeedsQuotes(absl::string_view value, char delimiter) {
  const char* p = value.data();
  const char* const end = p + value.size();
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delimiter);
  const __m128i q = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
        _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    if (_mm_movemask_epi8(hit) != 0) return true;
  }
#endif
  for (; p < end; ++p) {
    if (IsSpecial(*p, delimiter)) return true;
  }
  return false;
}

}  // namespace

void AppendCsvField(absl::string_view value, char delimiter, std::string* out) {
  const bool quote =
      (!value.empty() && (value.front() == ' ' || value.back() == ' ')) ||
      NeedsQuotes(value, delimiter);
  if (!quote) {
    out->append(value.data(), value.size());
    return;
  }
  out->push_back('"');
  while (true) {
    const void* q = std::memchr(value.data(), '"', value.size());
    if (q == nullptr) break;
    const size_t n = static_cast<const char*>(q) - value.data() + 1;
    out->append(value.data(), n);  // through the quote, which is doubled
    out->push_back('"');
    value.remove_prefix(n);
  }
  out->append(value.data(), value.size());
  out->push_back('"');
}

}  // namespace shuyuan::client_internal
