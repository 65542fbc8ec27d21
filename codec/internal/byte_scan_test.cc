// The block scans of byte_scan.h and the fast paths built on them (the
// normalisers' width, collapse_spaces, trim, remove, upper, lower and nfc
// steps, the class `c` check, the one UTF-8 decoder) checked against plain
// byte-at-a-time references on edge and random inputs: every length from 0
// to 40 and beyond one block, the byte of interest at every position
// (15, 16 and 17 included), and ill-formed UTF-8.
#include "codec/internal/byte_scan.h"

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "codec/format.h"
#include "codec/internal/text_decoder.h"
#include "codec/internal/unicode_text.h"
#include "codec/normalizer.h"
#include "gtest/gtest.h"
#include "unicode/normalizer2.h"
#include "unicode/stringpiece.h"

namespace shuyuan::codec_internal {
namespace {

// A copy of `s` in a heap block of exactly its size, so that the sanitizer
// build catches any read past either end.
class ExactBuffer {
 public:
  explicit ExactBuffer(const std::string& s)
      : data_(new char[s.empty() ? 1 : s.size()]), size_(s.size()) {
    if (!s.empty()) std::memcpy(data_.get(), s.data(), s.size());
  }
  const char* begin() const { return data_.get(); }
  const char* end() const { return data_.get() + size_; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

struct ScanCase {
  const char* name;
  const char* (*scan)(const char*, const char*);
  bool (*wanted)(unsigned char);
};

const char* ScanEfE3(const char* p, const char* end) {
  return FindAnyOf4(p, end, 0xEF, 0xE3, 0xEF, 0xE3);
}
const char* ScanSpaceDash(const char* p, const char* end) {
  return FindAnyOf4(p, end, ' ', '-', ',', ' ');
}
const char* ScanLower(const char* p, const char* end) {
  return FindByteInRange(p, end, 'a', 'z');
}
const char* ScanHigh(const char* p, const char* end) {
  return FindByteInRange(p, end, 0xF0, 0xFF);
}

const ScanCase kScans[] = {
    {"SkipAscii", SkipAscii, [](unsigned char b) { return b >= 0x80; }},
    {"SkipPrintableAscii", SkipPrintableAscii,
     [](unsigned char b) { return b < 0x20 || b >= 0x7F; }},
    {"FindWhiteSpaceLead", FindWhiteSpaceLead,
     [](unsigned char b) {
       return b == 0x09 || b == 0x0A || b == 0x0B || b == 0x0C || b == 0x0D ||
              b == 0x20 || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3;
     }},
    {"FindAnyOf4(EF,E3)", ScanEfE3,
     [](unsigned char b) { return b == 0xEF || b == 0xE3; }},
    {"FindAnyOf4(' ',-,',')", ScanSpaceDash,
     [](unsigned char b) { return b == ' ' || b == '-' || b == ','; }},
    {"FindByteInRange(a,z)", ScanLower,
     [](unsigned char b) { return b >= 'a' && b <= 'z'; }},
    {"FindByteInRange(F0,FF)", ScanHigh,
     [](unsigned char b) { return b >= 0xF0; }},
};

// Index of the first wanted byte of `s` at or after `from`, or s.size().
size_t Reference(const ScanCase& c, const std::string& s, size_t from) {
  size_t i = from;
  while (i < s.size() && !c.wanted(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

void ExpectScanAgrees(const std::string& s) {
  const ExactBuffer buf(s);
  for (const ScanCase& c : kScans) {
    for (size_t from = 0; from <= s.size(); ++from) {
      const char* got = c.scan(buf.begin() + from, buf.end());
      ASSERT_EQ(static_cast<size_t>(got - buf.begin()), Reference(c, s, from))
          << c.name << " from " << from << " in " << s.size() << " bytes";
    }
  }
}

// Bytes that are uninteresting to every scan (the filler) and bytes that
// are interesting to at least one of them.
constexpr unsigned char kFiller = 'Q';
constexpr unsigned char kProbes[] = {
    0x00, 0x09, 0x0D, 0x0E, 0x1F, 0x20, '-',  ',',  'a',  'z',  '{',  0x7E,
    0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xE1, 0xE3, 0xE4, 0xEF, 0xF0, 0xFF};

TEST(ByteScanTest, OneInterestingByteAtEveryPosition) {
  for (size_t len = 0; len <= 40; ++len) {
    ExpectScanAgrees(std::string(len, static_cast<char>(kFiller)));
    for (size_t pos = 0; pos < len; ++pos) {
      for (unsigned char probe : kProbes) {
        std::string s(len, static_cast<char>(kFiller));
        s[pos] = static_cast<char>(probe);
        ExpectScanAgrees(s);
      }
    }
  }
}

TEST(ByteScanTest, BlockBoundaries) {
  // Two interesting bytes around 15/16/17 and 31/32/33, in texts long
  // enough for whole blocks and an overlapping tail.
  for (size_t len : {15, 16, 17, 31, 32, 33, 47, 48, 49, 100}) {
    for (size_t a : {0, 7, 8, 14, 15, 16, 17, 31, 32, 33}) {
      for (size_t b : {15, 16, 17, 32, 46, 47, 48, 99}) {
        if (a >= len || b >= len) continue;
        std::string s(len, static_cast<char>(kFiller));
        s[a] = '\xE3';
        s[b] = ' ';
        ExpectScanAgrees(s);
      }
    }
  }
}

TEST(ByteScanTest, RandomBytes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const size_t len = rng() % 70;
    std::string s(len, '\0');
    // Mostly filler, so that scans run some way before stopping.
    for (char& ch : s) {
      ch = rng() % 8 == 0 ? static_cast<char>(rng() % 256)
                          : static_cast<char>(kFiller);
    }
    ExpectScanAgrees(s);
  }
}

// ---- UTF-8 texts for the fast paths ------------------------------------

// Pieces of Chinese administrative text and its usual accidents: CJK,
// punctuation, full-width forms, every kind of white space, combining marks
// and ill-formed sequences.
const char* const kPieces[] = {
    "a",
    "Z",
    "7",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\x01",
    "\x7F",
    "-",
    ",",
    "\xE4\xB8\xAD",      // 中
    "\xE7\xBB\x8F",      // 经
    "\xE9\xBE\xA5",      // U+9FA5
    "\xE4\xB8\x80",      // U+4E00
    "\xE4\xB7\xBF",      // U+4DFF (not quick-yes for nfc)
    "\xE3\x80\x81",      // 、
    "\xE3\x80\x80",      // U+3000 ideographic space
    "\xE3\x80\xAA",      // U+302A tone mark (combining)
    "\xEF\xBC\xA1",      // Ａ
    "\xEF\xBC\x9B",      // ；
    "\xEF\xBD\x9E",      // ～
    "\xEF\xBD\x9F",      // U+FF5F (not a width target)
    "\xEF\xBB\xBF",      // U+FEFF
    "\xE2\x80\x83",      // U+2003 em space
    "\xE2\x80\x8B",      // U+200B
    "\xE2\x80\xA2",      // •
    "\xE1\x9A\x80",      // U+1680
    "\xC2\xA0",          // NBSP
    "\xC2\x85",          // NEL
    "\xC2\x9F",          // C1 control
    "\xC3\xA9",          // é
    "e\xCC\x81",         // e + combining acute
    "\xEA\xB0\x80",      // 가
    "\xED\x9F\xBF",      // U+D7FF
    "\xEE\x80\x80",      // U+E000
    "\xF0\x9F\x98\x80",  // emoji
    "\x80",
    "\xBF",
    "\xC0\xAF",
    "\xC2",
    "\xE4\xB8",
    "\xED\xA0\x80",      // surrogate
    "\xE0\x80\x80",      // overlong
    "\xE0\xA0\x80",      // U+0800
    "\xF4\x90\x80\x80",  // above U+10FFFF
    "\xF5",
    "\xFF",
};

std::string RandomText(std::mt19937& rng, size_t max_pieces) {
  std::string s;
  const size_t n = rng() % (max_pieces + 1);
  for (size_t i = 0; i < n; ++i) {
    // Long runs of CJK, as in 经营范围, with everything else sprinkled in.
    if (rng() % 3 != 0) {
      s += kPieces[11 + rng() % 4];
    } else {
      s += kPieces[rng() % (sizeof(kPieces) / sizeof(kPieces[0]))];
    }
  }
  return s;
}

// The decoder before the fold (text_decoder.h's DecodeUtf8Char), kept as
// the reference: its length on success, minus the maximal ill-formed
// subpart's length otherwise.
int ReferenceDecode(const char* p, const char* end, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int i = 1; i <= need; ++i) {
    if (p + i >= end) return -i;
    const auto b = static_cast<unsigned char>(p[i]);
    if (b < lo || b > hi) return -i;
    lo = 0x80;
    hi = 0xBF;
    c = (c << 6) | (b & 0x3F);
  }
  *cp = c;
  return need + 1;
}

TEST(DecodeUtf8FoldTest, AgreesWithTheStrictDecoderOnAllShortSequences) {
  // Every first and second byte, a few third and fourth bytes, every
  // available length.
  const unsigned char kTail[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xFF};
  for (int b0 = 0; b0 < 256; ++b0) {
    for (int b1 = 0; b1 < 256; ++b1) {
      for (unsigned char b2 : kTail) {
        for (unsigned char b3 : kTail) {
          const char bytes[4] = {static_cast<char>(b0), static_cast<char>(b1),
                                 static_cast<char>(b2), static_cast<char>(b3)};
          for (int len = 1; len <= 4; ++len) {
            char32_t want = 0;
            const int n = ReferenceDecode(bytes, bytes + len, &want);
            const Utf8Char got = DecodeUtf8(bytes, bytes + len);
            if (n > 0) {
              ASSERT_EQ(got.cp, want) << b0 << " " << b1 << " len " << len;
              ASSERT_EQ(got.length, n) << b0 << " " << b1 << " len " << len;
            } else {
              ASSERT_EQ(got.cp, kInvalidCodePoint) << b0 << " " << b1;
              ASSERT_EQ(got.length, 1);
              ASSERT_EQ(IllFormedUtf8Length(bytes, bytes + len), -n)
                  << b0 << " " << b1 << " len " << len;
            }
          }
        }
      }
    }
  }
}

// One unit of a forward decode: a character, or one ill-formed byte.
struct Unit {
  size_t offset;
  int length;
  char32_t cp;  // kInvalidCodePoint for an ill-formed byte
};

std::vector<Unit> Units(const std::string& s) {
  std::vector<Unit> units;
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  for (const char* p = begin; p < end;) {
    char32_t cp = 0;
    const int n = ReferenceDecode(p, end, &cp);
    if (n > 0) {
      units.push_back({static_cast<size_t>(p - begin), n, cp});
      p += n;
    } else {
      units.push_back({static_cast<size_t>(p - begin), 1, kInvalidCodePoint});
      ++p;
    }
  }
  return units;
}

size_t ReferenceAnyClassViolation(const std::string& s) {
  for (const Unit& u : Units(s)) {
    if (u.cp == kInvalidCodePoint || u.cp < 0x20 || u.cp == 0x7F ||
        (u.cp >= 0x80 && u.cp <= 0x9F)) {
      return u.offset;
    }
  }
  return std::string::npos;
}

std::string ReferenceTrim(const std::string& s) {
  const std::vector<Unit> units = Units(s);
  size_t first = 0;
  size_t last = units.size();
  auto trimmable = [](const Unit& u) {
    return u.cp != kInvalidCodePoint && IsTrimmable(u.cp);
  };
  while (first < last && trimmable(units[first])) ++first;
  while (last > first && trimmable(units[last - 1])) --last;
  if (first == last) return "";
  return s.substr(
      units[first].offset,
      units[last - 1].offset + units[last - 1].length - units[first].offset);
}

// width: U+FF01–FF5E to ASCII and U+3000 to a space, byte by byte.
std::string ReferenceWidth(const std::string& s) {
  std::string out;
  for (const Unit& u : Units(s)) {
    if (u.cp >= 0xFF01 && u.cp <= 0xFF5E) {
      out.push_back(static_cast<char>(u.cp - 0xFF01 + 0x21));
    } else if (u.cp == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(s, u.offset, u.length);
    }
  }
  return out;
}

std::string ReferenceCollapse(const std::string& s) {
  std::string out;
  bool previous_space = false;
  for (const Unit& u : Units(s)) {
    if (u.cp != kInvalidCodePoint && IsWhiteSpace(u.cp)) {
      if (!previous_space) out.push_back(' ');
      previous_space = true;
    } else {
      out.append(s, u.offset, u.length);
      previous_space = false;
    }
  }
  return out;
}

std::string ReferenceRemove(const std::string& s, const std::string& chars) {
  std::string out;
  for (char c : s) {
    if (chars.find(c) == std::string::npos) out.push_back(c);
  }
  return out;
}

std::string ReferenceCase(const std::string& s, char from, char to) {
  std::string out = s;
  for (char& c : out) {
    if (c >= from && c <= from + 25) c = static_cast<char>(c - from + to);
  }
  return out;
}

std::string ReferenceNfc(const std::string& s) {
  if (FindInvalidUtf8(s) != std::string::npos) return s;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int>(s.size())),
                     sink, nullptr, status);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

codec::Normalizer OneStep(const std::string& text_proto_step) {
  google::protobuf::RepeatedPtrField<v1::NormalizeStep> steps;
  v1::NormalizeStep* step = steps.Add();
  if (text_proto_step == "width") step->mutable_width();
  if (text_proto_step == "trim") step->mutable_trim();
  if (text_proto_step == "collapse_spaces") step->mutable_collapse_spaces();
  if (text_proto_step == "upper") step->mutable_upper();
  if (text_proto_step == "lower") step->mutable_lower();
  if (text_proto_step == "nfc") step->mutable_nfc();
  if (text_proto_step == "remove2") step->mutable_remove()->set_chars(" -");
  if (text_proto_step == "remove6") {
    step->mutable_remove()->set_chars(" -,.()");
  }
  absl::StatusOr<codec::Normalizer> n =
      codec::Normalizer::Compile(steps, codec::NormalizerOptions());
  EXPECT_TRUE(n.ok()) << n.status();
  return *std::move(n);
}

void ExpectFastPathsAgree(const std::string& s) {
  static const codec::Normalizer* const width =
      new codec::Normalizer(OneStep("width"));
  static const codec::Normalizer* const trim =
      new codec::Normalizer(OneStep("trim"));
  static const codec::Normalizer* const collapse =
      new codec::Normalizer(OneStep("collapse_spaces"));
  static const codec::Normalizer* const upper =
      new codec::Normalizer(OneStep("upper"));
  static const codec::Normalizer* const lower =
      new codec::Normalizer(OneStep("lower"));
  static const codec::Normalizer* const nfc =
      new codec::Normalizer(OneStep("nfc"));
  static const codec::Normalizer* const remove2 =
      new codec::Normalizer(OneStep("remove2"));
  static const codec::Normalizer* const remove6 =
      new codec::Normalizer(OneStep("remove6"));
  const ExactBuffer buf(s);
  const absl::string_view in(buf.begin(), s.size());
  codec::NormalizeScratch scratch;
  auto apply = [&](const codec::Normalizer* n) {
    const codec::NormalizeResult r = n->Apply(in, 0, &scratch);
    // A step reports a change exactly when the value differs.
    EXPECT_EQ(r.changed_steps != 0, r.value != in) << testing::PrintToString(s);
    return std::string(r.value);
  };
  // Empty values skip every step (empty means missing).
  const auto when_present = [&](std::string v) { return s.empty() ? s : v; };
  EXPECT_EQ(apply(width), when_present(ReferenceWidth(s)))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(trim), when_present(ReferenceTrim(s)))
      << testing::PrintToString(s);
  EXPECT_EQ(std::string(TrimView(in)), ReferenceTrim(s))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(collapse), when_present(ReferenceCollapse(s)))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(upper), ReferenceCase(s, 'a', 'A'))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(lower), ReferenceCase(s, 'A', 'a'))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(nfc), when_present(ReferenceNfc(s)))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(remove2), when_present(ReferenceRemove(s, " -")))
      << testing::PrintToString(s);
  EXPECT_EQ(apply(remove6), when_present(ReferenceRemove(s, " -,.()")))
      << testing::PrintToString(s);
  EXPECT_EQ(codec::FindCharClassViolation(in, codec::CharClass::kAny),
            ReferenceAnyClassViolation(s))
      << testing::PrintToString(s);
  EXPECT_EQ(IsValidUtf8(in), FindInvalidUtf8(s) == std::string::npos);
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  EXPECT_EQ(IsAscii(in), ascii);
  EXPECT_EQ(IsAscii(in.data(), in.size()), ascii);
}

TEST(FastPathTest, EachPieceAtEveryOffset) {
  // Every piece after 0..40 bytes of ASCII and of CJK, with ASCII or CJK
  // after it, so that it straddles every block boundary.
  for (const char* piece : kPieces) {
    for (size_t pad = 0; pad <= 40; ++pad) {
      for (const char* after : {"", "x", "\xE4\xB8\xAD\xE4\xB8\xAD"}) {
        ExpectFastPathsAgree(std::string(pad, 'b') + piece + after);
        std::string cjk;
        while (cjk.size() < pad) cjk += "\xE7\xBB\x8F";
        cjk.resize(pad);  // may cut a character: ill-formed on purpose
        ExpectFastPathsAgree(cjk + piece + after);
      }
    }
  }
}

TEST(FastPathTest, RandomTexts) {
  std::mt19937 rng(20240);
  for (int round = 0; round < 4000; ++round) {
    ExpectFastPathsAgree(RandomText(rng, round % 2 == 0 ? 12 : 80));
  }
}

}  // namespace
}  // namespace shuyuan::codec_internal
