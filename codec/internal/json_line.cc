#include "codec/internal/json_line.h"

#include <cstdint>
#include <cstring>

#include "absl/container/flat_hash_set.h"
#include "codec/internal/json_line_simd.h"
#include "codec/internal/unicode_text.h"

namespace shuyuan::codec_internal {
namespace {

// Beyond this many keys, duplicates are found with a hash set rather than
// by comparing with every earlier key.
constexpr size_t kLinearDuplicateScan = 32;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(absl::string_view line, JsonLineError* error)
      : begin_(line.data()),
        p_(line.data()),
        end_(line.data() + line.size()),
        error_(error) {}

  bool ParseObject(std::vector<std::string>* keys,
                   std::vector<std::string>* values) {
    size_t n = 0;
    auto done = [&](bool ok) {
      keys->resize(n);
      values->resize(n);
      return ok;
    };
    SkipSpace();
    if (p_ == end_)
      return done(Fail("expected '{', found the end of the line",
                       "应为“{”，却已到行尾"));
    if (*p_ != '{')
      return done(Fail("expected '{': a JSONL row is an object",
                       "应为“{”：JSONL 的每一行是一个对象"));
    ++p_;
    SkipSpace();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return done(ExpectEnd());
    }
    while (true) {
      SkipSpace();
      if (p_ == end_ || *p_ != '"') {
        return done(Fail("expected a string key", "应为字符串形式的键"));
      }
      if (keys->size() <= n) keys->resize(n + 1);
      if (values->size() <= n) values->resize(n + 1);
      std::string* key = &(*keys)[n];
      std::string* value = &(*values)[n];
      key->clear();
      value->clear();
      const char* key_start = p_;
      if (!ParseString(key)) return done(false);
      ++n;
      if (IsDuplicate(*keys, n)) {
        p_ = key_start;
        return done(Fail("duplicate key", "键重复"));
      }
      SkipSpace();
      if (p_ == end_ || *p_ != ':')
        return done(Fail("expected ':'", "应为“:”"));
      ++p_;
      SkipSpace();
      if (!ParseValue(value)) return done(false);
      SkipSpace();
      if (p_ == end_) return done(Fail("expected ',' or '}'", "应为“,”或“}”"));
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == '}') {
        if (HasDuplicateKey(*keys, n))
          return done(Fail("duplicate key", "键重复"));
        ++p_;
        return done(ExpectEnd());
      }
      return done(Fail("expected ',' or '}'", "应为“,”或“}”"));
    }
  }

 private:
  bool Fail(const char* message, const char* message_zh) {
    error_->message = message;
    error_->message_zh = message_zh;
    error_->offset = static_cast<size_t>(p_ - begin_);
    return false;
  }

  void SkipSpace() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) {
      ++p_;
    }
  }

  bool ExpectEnd() {
    SkipSpace();
    if (p_ != end_)
      return Fail("unexpected text after the object", "对象之后还有多余的文本");
    return true;
  }

  // True when the newest of the first `n` keys repeats an earlier one.
  // Checked per key only for narrow rows; wide rows are checked once at the
  // end by HasDuplicateKey.
  static bool IsDuplicate(const std::vector<std::string>& keys, size_t n) {
    if (n > kLinearDuplicateScan) return false;
    const std::string& last = keys[n - 1];
    for (size_t i = 0; i + 1 < n; ++i) {
      if (keys[i] == last) return true;
    }
    return false;
  }

  static bool HasDuplicateKey(const std::vector<std::string>& keys, size_t n) {
    if (n <= kLinearDuplicateScan) return false;
    absl::flat_hash_set<absl::string_view> seen;
    seen.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (!seen.insert(keys[i]).second) return true;
    }
    return false;
  }

  // Parses a string at p_ (which is '"') into `out`.
  bool ParseString(std::string* out) {
    ++p_;
    while (true) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' &&
             static_cast<unsigned char>(*p_) >= 0x20) {
        ++p_;
      }
      out->append(run, static_cast<size_t>(p_ - run));
      if (p_ == end_) return Fail("unterminated string", "字符串未闭合");
      const char c = *p_;
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c != '\\')
        return Fail("control character in a string", "字符串中有控制字符");
      if (p_ + 1 == end_) return Fail("unterminated string", "字符串未闭合");
      const char e = p_[1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          char32_t cp;
          if (!ReadHex4(p_ + 2, &cp))
            return Fail("bad \\u escape", "\\u 转义无效");
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Fail("unpaired low surrogate in \\u escape",
                        "\\u 转义中有不成对的低位代理项");
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t low;
            if (end_ - p_ < 12 || p_[6] != '\\' || p_[7] != 'u' ||
                !ReadHex4(p_ + 8, &low) || low < 0xDC00 || low > 0xDFFF) {
              return Fail("unpaired high surrogate in \\u escape",
                          "\\u 转义中有不成对的高位代理项");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            p_ += 6;
          }
          AppendUtf8(cp, out);
          p_ += 4;
          break;
        }
        default:
          return Fail("bad escape in a string", "字符串中的转义无效");
      }
      p_ += 2;
    }
  }

  bool ReadHex4(const char* s, char32_t* cp) const {
    if (end_ - s < 4) return false;
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = HexValue(s[i]);
      if (h < 0) return false;
      v = (v << 4) | static_cast<char32_t>(h);
    }
    *cp = v;
    return true;
  }

  bool ParseLiteral(const char* word, size_t len, std::string* out, bool keep) {
    if (static_cast<size_t>(end_ - p_) < len ||
        std::memcmp(p_, word, len) != 0) {
      return Fail("expected a string, number, true, false or null",
                  "应为字符串、数字、true、false 或 null");
    }
    if (keep) out->append(word, len);
    p_ += len;
    return true;
  }

  bool ParseNumber(std::string* out) {
    const char* start = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ == end_ || !IsDigit(*p_)) return Fail("bad number", "数字无效");
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && IsDigit(*p_)) ++p_;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !IsDigit(*p_)) return Fail("bad number", "数字无效");
      while (p_ < end_ && IsDigit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !IsDigit(*p_)) return Fail("bad number", "数字无效");
      while (p_ < end_ && IsDigit(*p_)) ++p_;
    }
    out->append(start, static_cast<size_t>(p_ - start));
    return true;
  }

  bool ParseValue(std::string* out) {
    if (p_ == end_) return Fail("expected a value", "应为一个值");
    switch (*p_) {
      case '"':
        return ParseString(out);
      case 't':
        return ParseLiteral("true", 4, out, true);
      case 'f':
        return ParseLiteral("false", 5, out, true);
      case 'n':
        return ParseLiteral("null", 4, out, false);
      case '{':
        return Fail("nested object (JSONL rows must be flat)",
                    "嵌套的对象（JSONL 行必须是扁平的）");
      case '[':
        return Fail("array value (JSONL rows must be flat)",
                    "数组值（JSONL 行必须是扁平的）");
      default:
        if (*p_ == '-' || IsDigit(*p_)) return ParseNumber(out);
        return Fail("expected a string, number, true, false or null",
                    "应为字符串、数字、true、false 或 null");
    }
  }

  const char* const begin_;
  const char* p_;
  const char* const end_;
  JsonLineError* const error_;
};

}  // namespace

bool ParseFlatJsonObjectByHand(absl::string_view line,
                               std::vector<std::string>* keys,
                               std::vector<std::string>* values,
                               JsonLineError* error) {
  Parser parser(line, error);
  return parser.ParseObject(keys, values);
}

bool ParseFlatJsonObject(absl::string_view line, std::vector<std::string>* keys,
                         std::vector<std::string>* values,
                         JsonLineError* error) {
  // simdjson first (faster on generated rows, bench/README.md); whatever it
  // does not accept is decided, and explained, by hand.
  return ParseFlatJsonObjectSimd(line, keys, values) ||
         ParseFlatJsonObjectByHand(line, keys, values, error);
}

}  // namespace shuyuan::codec_internal
