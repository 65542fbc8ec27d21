#include "codec/normalizer.h"

#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "codec/date_time.h"
#include "codec/internal/unicode_text.h"
#include "codec/testing/allocation_counter.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

constexpr DateKey kAsOf = 20240101;

// The `normalize` list of a DataElement written in text format, e.g.
// "normalize { trim {} } normalize { upper {} }".
google::protobuf::RepeatedPtrField<v1::NormalizeStep> Steps(
    const std::string& text) {
  v1::DataElement element;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &element))
      << text;
  return element.normalize();
}

absl::StatusOr<Normalizer> Compile(const std::string& text,
                                   NormalizerOptions options = {}) {
  return Normalizer::Compile(Steps(text), options);
}

// Applies a normaliser and returns the value as a string.
std::string Normalized(const Normalizer& normalizer, absl::string_view input,
                       DateKey as_of = kAsOf) {
  NormalizeScratch scratch;
  return std::string(normalizer.Apply(input, as_of, &scratch).value);
}

// A mapper over a fixed table; values listed in `ambiguous` are ambiguous,
// and "旧码" maps only before 2020.
class FakeMapper : public ValueMapper {
 public:
  MapLookup Lookup(absl::string_view value, DateKey as_of) const override {
    MapLookup lookup;
    if (value == "两性") {
      lookup.kind = MapLookup::kAmbiguous;
      return lookup;
    }
    if (value == "旧码" && as_of >= 20200101) return lookup;
    auto it = codes_.find(value);
    if (it == codes_.end()) return lookup;
    lookup.kind = MapLookup::kFound;
    lookup.code = it->second;
    return lookup;
  }

 private:
  absl::flat_hash_map<std::string, std::string> codes_ = {
      {"男", "1"}, {"男性", "1"}, {"M", "1"},
      {"女", "2"}, {"1", "1"},    {"旧码", "9"}};
};

TEST(NormalizerTest, StepNamesAndCount) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  options.mapper = &mapper;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile(R"pb(
                normalize { width {} }
                normalize { nfc {} }
                normalize { trim {} }
                normalize { collapse_spaces {} }
                normalize { remove { chars: "-" } }
                normalize { replace { pairs { key: "a" value: "b" } } }
                normalize { upper {} }
                normalize { lower {} }
                normalize { pad_left { width: 2 } }
                normalize { date { inputs: "YYYY/M/D" } }
                normalize { map {} }
                normalize { id15to18 {} }
                normalize { regex_replace { pattern: "a" replacement: "b" } }
              )pb",
              options));
  ASSERT_EQ(n.step_count(), 13u);
  const char* names[] = {"width",        "nfc",     "trim",  "collapse_spaces",
                         "remove",       "replace", "upper", "lower",
                         "pad_left",     "date",    "map",   "id15to18",
                         "regex_replace"};
  for (size_t i = 0; i < 13; ++i) EXPECT_EQ(n.step_name(i), names[i]);
}

TEST(NormalizerTest, EmptyStepListLeavesValue) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile(""));
  NormalizeScratch scratch;
  const std::string input = " x ";
  NormalizeResult r = n.Apply(input, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), input.data());
  EXPECT_EQ(r.changed_steps, 0u);
}

// ---- width --------------------------------------------------------------

TEST(WidthTest, FullWidthAsciiAndIdeographicSpace) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { width {} }"));
  EXPECT_EQ(Normalized(n, "１２３"), "123");
  EXPECT_EQ(Normalized(n, "ＡＢＣａｂｃ！～"), "ABCabc!~");
  EXPECT_EQ(Normalized(n, "张\u3000三"), "张 三");
  EXPECT_EQ(Normalized(n, "１１０１０５１９４９１２３１００２Ｘ"),
            "11010519491231002X");
  // Not NFKC: circled digits, the trade mark sign and half-width katakana
  // stay; U+FF00 and U+FF5F lie outside the range.
  EXPECT_EQ(Normalized(n, "①™ｶ"), "①™ｶ");
  EXPECT_EQ(Normalized(n, "\uff00\uff5f"), "\uff00\uff5f");
  EXPECT_EQ(Normalized(n, "a１b"), "a1b");
}

TEST(WidthTest, CleanValueIsReturnedAsIs) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { width {} }"));
  NormalizeScratch scratch;
  const std::string input = "张三 11010519491231002X";
  NormalizeResult r = n.Apply(input, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), input.data());
  EXPECT_EQ(r.changed_steps, 0u);
}

// ---- nfc ----------------------------------------------------------------

TEST(NfcTest, ComposesAndLeavesComposedText) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { nfc {} }"));
  EXPECT_EQ(Normalized(n, "e\u0301"), "\u00e9");
  EXPECT_EQ(Normalized(n, "Ame\u0301lie"), "Am\u00e9lie");
  EXPECT_EQ(Normalized(n, "\u1100\u1161"), "\uac00");  // Hangul jamo → syllable
  NormalizeScratch scratch;
  const std::string composed = "Am\u00e9lie 张三";
  NormalizeResult r = n.Apply(composed, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), composed.data());
  EXPECT_EQ(r.changed_steps, 0u);
  // Compatibility characters are not touched by NFC.
  EXPECT_EQ(Normalized(n, "①１"), "①１");
}

// The nfc step skips ICU for strings of IsNfcQuickYes characters; that is
// only right if ICU agrees that each is NFC_Quick_Check=Yes with combining
// class 0.
TEST(NfcTest, QuickYesRangesAgreeWithIcu) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  int checked = 0;
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (!codec_internal::IsNfcQuickYes(cp)) continue;
    ++checked;
    const icu::UnicodeString s(static_cast<UChar32>(cp));
    ASSERT_EQ(nfc->quickCheck(s, status), UNORM_YES)
        << std::hex << static_cast<uint32_t>(cp);
    ASSERT_EQ(u_getCombiningClass(static_cast<UChar32>(cp)), 0)
        << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_GT(checked, 20000);
}

TEST(NfcTest, IllFormedUtf8StaysAsIs) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { nfc {} }"));
  const std::string bad = "e\xCC\x81\xFF";
  EXPECT_EQ(Normalized(n, bad), bad);
}

// ---- trim -----------------------------------------------------------------

TEST(TrimTest, StripsUnicodeWhiteSpaceAndZeroWidth) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { trim {} }"));
  EXPECT_EQ(Normalized(n, "  abc  "), "abc");
  EXPECT_EQ(Normalized(n, "\u3000张三\u3000"), "张三");
  EXPECT_EQ(Normalized(n, "\ufeff110105\u200b"), "110105");
  EXPECT_EQ(Normalized(n, "\u00a0\t\r\n x y \u2003\u202f\u205f\u1680\u0085"),
            "x y");
  EXPECT_EQ(Normalized(n, "\u2028\u2029a"), "a");
  EXPECT_EQ(Normalized(n, " \u3000 "), "");
  EXPECT_EQ(Normalized(n, "a b"), "a b");
}

TEST(TrimTest, ReturnsASubViewWithoutCopying) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile("normalize { trim {} }"));
  NormalizeScratch scratch;
  const std::string input = "  abc ";
  NormalizeResult r = n.Apply(input, kAsOf, &scratch);
  EXPECT_EQ(r.value, "abc");
  EXPECT_EQ(r.value.data(), input.data() + 2);
  EXPECT_EQ(r.changed_steps, 1u);
}

// ---- collapse_spaces --------------------------------------------------------

TEST(CollapseSpacesTest, RunsBecomeOneSpace) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               Compile("normalize { collapse_spaces {} }"));
  EXPECT_EQ(Normalized(n, "a  b\t\tc"), "a b c");
  EXPECT_EQ(Normalized(n, "浙江省\u3000\u3000杭州市"), "浙江省 杭州市");
  EXPECT_EQ(Normalized(n, "a\tb"), "a b");
  EXPECT_EQ(Normalized(n, "  a  "), " a ");
  EXPECT_EQ(Normalized(n, "a b c"), "a b c");
  // U+200B is not White_Space: no visible space is invented.
  EXPECT_EQ(Normalized(n, "张\u200b三"), "张\u200b三");
}

// ---- remove -----------------------------------------------------------------

TEST(RemoveTest, DeletesListedCharacters) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(normalize { remove { chars: " -" } })pb"));
  EXPECT_EQ(Normalized(n, "110 105-1949"), "1101051949");
  EXPECT_EQ(Normalized(n, "--"), "");
  EXPECT_EQ(Normalized(n, "abc"), "abc");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer cjk, Compile(R"pb(normalize { remove { chars: "·—" } })pb"));
  EXPECT_EQ(Normalized(cjk, "阿依·古丽—x"), "阿依古丽x");
  // Ill-formed bytes are kept.
  EXPECT_EQ(Normalized(n, "a \xFF-b"),
            "a\xFF"
            "b");
}

// ---- replace ----------------------------------------------------------------

TEST(ReplaceTest, LiteralLongestFirstSinglePass) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile(R"pb(
                                 normalize {
                                   replace {
                                     pairs { key: "×" value: "X" }
                                     pairs { key: "a" value: "b" }
                                     pairs { key: "ab" value: "Z" }
                                     pairs { key: "b" value: "a" }
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(n, "11010519491231002×"), "11010519491231002X");
  // Longest key at each position; the output is not rescanned.
  EXPECT_EQ(Normalized(n, "aab"), "bZ");
  EXPECT_EQ(Normalized(n, "ba"), "ab");
  EXPECT_EQ(Normalized(n, "xyz"), "xyz");
}

TEST(ReplaceTest, DeletionAndIdentity) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile(R"pb(
                                 normalize {
                                   replace {
                                     pairs { key: "（" value: "" }
                                     pairs { key: "）" value: "" }
                                     pairs { key: "Q" value: "Q" }
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(n, "（有限公司）"), "有限公司");
  NormalizeScratch scratch;
  NormalizeResult r = n.Apply("QQ", kAsOf, &scratch);
  EXPECT_EQ(r.value, "QQ");
  EXPECT_EQ(r.changed_steps, 0u);
}

TEST(ReplaceTest, KeysSharingTheirFirstByte) {
  // Both keys start with byte EF: candidates are found with memchr.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n, Compile(R"pb(
                                 normalize {
                                   replace {
                                     pairs { key: "（" value: "(" }
                                     pairs { key: "）" value: ")" }
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(n, "某某（杭州）有限公司"), "某某(杭州)有限公司");
  EXPECT_EQ(Normalized(n, "ＡＢ（"), "ＡＢ(");
  EXPECT_EQ(Normalized(n, "ＡＢ"), "ＡＢ");
}

// ---- upper / lower
// -----------------------------------------------------------

TEST(CaseTest, AsciiOnly) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer up,
                               Compile("normalize { upper {} }"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer low,
                               Compile("normalize { lower {} }"));
  EXPECT_EQ(Normalized(up, "11010519491231002x"), "11010519491231002X");
  EXPECT_EQ(Normalized(up, "abc-xyz{}`@"), "ABC-XYZ{}`@");
  EXPECT_EQ(Normalized(up, "é ß ａ"), "é ß ａ");
  EXPECT_EQ(Normalized(low, "ABC-XYZ[]@"), "abc-xyz[]@");
  EXPECT_EQ(Normalized(low, "É"), "É");
  // Long values take the word-at-a-time scan; case letters at every offset,
  // next to multi-byte characters.
  for (int at = 0; at < 20; ++at) {
    std::string value = "中文ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string lowered = value;
    lowered[6 + at] = static_cast<char>(lowered[6 + at] + 32);
    EXPECT_EQ(Normalized(up, lowered), value) << at;
    EXPECT_EQ(Normalized(low, value),
              "中文abcdefghijklmnopqrstuvwxyz0123456789");
  }
  EXPECT_EQ(Normalized(up, "@[`{\xC0\xE0\xFA\xFB@[`{\x80\xFF"),
            "@[`{\xC0\xE0\xFA\xFB@[`{\x80\xFF");
  EXPECT_EQ(Normalized(low, "@[`{\xC0\xE0\xFA\xFB@[`{\x80\xFF"),
            "@[`{\xC0\xE0\xFA\xFB@[`{\x80\xFF");
  NormalizeScratch scratch;
  EXPECT_EQ(up.Apply("ABC", kAsOf, &scratch).changed_steps, 0u);
}

// ---- pad_left
// ----------------------------------------------------------------

TEST(PadLeftTest, PadsShortValues) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               Compile("normalize { pad_left { width: 2 } }"));
  EXPECT_EQ(Normalized(n, "1"), "01");
  EXPECT_EQ(Normalized(n, "01"), "01");
  EXPECT_EQ(Normalized(n, "123"), "123");
  EXPECT_EQ(Normalized(n, ""), "");  // empty means missing
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer star,
      Compile(R"pb(normalize { pad_left { width: 4 fill: "＊" } })pb"));
  EXPECT_EQ(Normalized(star, "中"), "＊＊＊中");  // counts code points
  EXPECT_EQ(Normalized(star, "中文中文"), "中文中文");
}

// ---- regex_replace --------------------------------------------------------

TEST(RegexReplaceTest, AnchoredPatternsRewriteWholeValues) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer mobile, Compile(R"pb(
                                 normalize {
                                   regex_replace {
                                     pattern: "^(?:\\+?86|0086)(1[0-9]{10})$"
                                     replacement: "\\1"
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(mobile, "+8613812345678"), "13812345678");
  EXPECT_EQ(Normalized(mobile, "8613812345678"), "13812345678");
  EXPECT_EQ(Normalized(mobile, "008613812345678"), "13812345678");
  EXPECT_EQ(Normalized(mobile, "13800861234"), "13800861234");
  EXPECT_EQ(Normalized(mobile, "x8613812345678"), "x8613812345678");
  EXPECT_EQ(Normalized(mobile, "86138123456789"), "86138123456789");
  // A value that does not match is returned as is, and the step does not
  // count as having changed it.
  NormalizeScratch scratch;
  const std::string canonical = "13812345678";
  const NormalizeResult r = mobile.Apply(canonical, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), canonical.data());
  EXPECT_EQ(r.changed_steps, 0u);
  EXPECT_EQ(mobile.Apply("+8613812345678", kAsOf, &scratch).changed_steps, 1u);

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer phone, Compile(R"pb(
        normalize {
          regex_replace {
            pattern: "^(0[3-9][0-9]{2})([1-9][0-9]{6,7})(-[0-9]{1,6})?$"
            replacement: "\\1-\\2\\3"
          }
        }
      )pb"));
  EXPECT_EQ(Normalized(phone, "057187654321"), "0571-87654321");
  EXPECT_EQ(Normalized(phone, "057187654321-806"), "0571-87654321-806");
  EXPECT_EQ(Normalized(phone, "0571-87654321"), "0571-87654321");
}

TEST(RegexReplaceTest, EveryMatchIsReplaced) {
  // A full stop after a Chinese character separates the parts of a name;
  // after a Latin initial it stays.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer name, Compile(R"pb(
        normalize {
          regex_replace { pattern: "(\\p{Han})\\." replacement: "\\1·" }
        }
      )pb"));
  EXPECT_EQ(Normalized(name, "买买提.艾力.吐尔逊"), "买买提·艾力·吐尔逊");
  EXPECT_EQ(Normalized(name, "John F. Kennedy"), "John F. Kennedy");
  EXPECT_EQ(Normalized(name, "张三"), "张三");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer year, Compile(R"pb(
                                 normalize {
                                   regex_replace {
                                     pattern: "[(（]((?:19|20)[0-9]{2})[)）]"
                                     replacement: "〔\\1〕"
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(year, "杭市监罚（2023）12号"), "杭市监罚〔2023〕12号");
  EXPECT_EQ(Normalized(year, "浙公（交）决字(2023)1号"),
            "浙公（交）决字〔2023〕1号");
}

// A rewrite allocates inside RE2; a value the pattern does not match never
// does (the DFA's cache is warm after the first values).
TEST(RegexReplaceTest, ValuesThatDoNotMatchDoNotAllocate) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(
        normalize { trim {} }
        normalize {
          regex_replace {
            pattern: "^(0[3-9][0-9]{2})([1-9][0-9]{6,7})$"
            replacement: "\\1-\\2"
          }
        }
        normalize {
          regex_replace { pattern: "(\\p{Han})\\." replacement: "\\1·" }
        }
      )pb"));
  NormalizeScratch scratch;
  const std::string values[] = {"0571-87654321", "张三", "John F. Kennedy",
                                "057187654321", "买买提.艾力"};
  for (const std::string& v : values) n.Apply(v, kAsOf, &scratch);
  const long before = codec_testing::HeapAllocations();
  uint32_t changed = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 3; ++i)
      changed |= n.Apply(values[i], kAsOf, &scratch).changed_steps;
  }
  EXPECT_EQ(changed, 0u);
  EXPECT_EQ(codec_testing::HeapAllocations() - before, 0);
}

// A pattern whose matches all contain one literal skips values without it;
// a literal with letters may match in another case and is not used so.
TEST(RegexReplaceTest, RequiredLiteralNeverHidesAMatch) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer ext, Compile(R"pb(
                                 normalize {
                                   regex_replace {
                                     pattern: "(?i) ?ext\\.? ?([0-9]+)$"
                                     replacement: "-\\1"
                                   }
                                 }
                               )pb"));
  EXPECT_EQ(Normalized(ext, "0571-87654321 ext. 806"), "0571-87654321-806");
  EXPECT_EQ(Normalized(ext, "0571-87654321 EXT 806"), "0571-87654321-806");
  EXPECT_EQ(Normalized(ext, "0571-87654321"), "0571-87654321");
}

TEST(RegexReplaceTest, CompileErrors) {
  EXPECT_THAT(Compile(R"pb(normalize { regex_replace { pattern: "" } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (regex_replace): 'pattern' is "
                                 "empty")));
  EXPECT_THAT(
      Compile(R"pb(normalize { regex_replace { pattern: "(a" } })pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("normalize[0] (regex_replace): pattern '(a'")));
  EXPECT_THAT(Compile(R"pb(normalize {
                             regex_replace { pattern: "(a)" replacement: "\\2" }
                           })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("replacement '\\2'")));
}

// ---- date
// ----------------------------------------------------------------------

absl::StatusOr<Normalizer> DateNormalizer(DateTimeLayout layout) {
  NormalizerOptions options;
  options.date_layout = layout;
  return Compile(R"pb(
                   normalize {
                     date {
                       inputs: "YYYY年M月D日"
                       inputs: "YYYY-M-D hh:mm:ss"
                       inputs: "YYYY-M-D"
                       inputs: "YYYY/M/D"
                       inputs: "YYYY.M.D"
                       inputs: "cn_numeral"
                       inputs: "excel_serial"
                     }
                   }
                 )pb",
                 options);
}

TEST(DateTest, IntoYyyymmdd) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               DateNormalizer(DateTimeLayout::kYyyymmdd));
  EXPECT_EQ(Normalized(n, "2021年7月8日"), "20210708");
  EXPECT_EQ(Normalized(n, "2021.7.8"), "20210708");
  EXPECT_EQ(Normalized(n, "2021/07/08"), "20210708");
  EXPECT_EQ(Normalized(n, "2021-7-8"), "20210708");
  EXPECT_EQ(Normalized(n, "2021-7-8 12:30:00"), "20210708");  // time dropped
  EXPECT_EQ(Normalized(n, "二〇二一年七月八日"), "20210708");
  EXPECT_EQ(Normalized(n, "二〇〇〇年十二月三十一日"), "20001231");
  EXPECT_EQ(Normalized(n, "44385"), "20210708");
  // Excel's fictitious 1900-02-29 is not turned into a date.
  EXPECT_EQ(Normalized(n, "60"), "60");
  // Not real, but rewritten so that validation reports INVALID_DATE.
  EXPECT_EQ(Normalized(n, "2021年2月30日"), "20210230");
  // Nothing matches: unchanged, for validation to report.
  EXPECT_EQ(Normalized(n, "21/7/8"), "21/7/8");
  EXPECT_EQ(Normalized(n, "July 8, 2021"), "July 8, 2021");
}

TEST(DateTest, CanonicalShapeIsLeftAlone) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               DateNormalizer(DateTimeLayout::kYyyymmdd));
  NormalizeScratch scratch;
  const std::string clean = "20210708";
  NormalizeResult r = n.Apply(clean, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), clean.data());
  EXPECT_EQ(r.changed_steps, 0u);
  // Right shape, not real: still left for validation (not read as a serial).
  EXPECT_EQ(Normalized(n, "20210230"), "20210230");
}

TEST(DateTest, IntoDateTimeLayouts) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer dt14,
                               DateNormalizer(DateTimeLayout::kYyyymmddhhmmss));
  EXPECT_EQ(Normalized(dt14, "2021-7-8 12:30:00"), "20210708123000");
  EXPECT_EQ(Normalized(dt14, "2021年7月8日"), "20210708000000");
  EXPECT_EQ(Normalized(dt14, "44385.5"), "20210708120000");
  EXPECT_EQ(Normalized(dt14, "20210708123000"), "20210708123000");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer iso, DateNormalizer(DateTimeLayout::kYyyy_Mm_DdThh_mm_ss));
  EXPECT_EQ(Normalized(iso, "2021-7-8 12:30:00"), "2021-07-08T12:30:00");
  EXPECT_EQ(Normalized(iso, "2021/7/8"), "2021-07-08T00:00:00");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer dash,
                               DateNormalizer(DateTimeLayout::kYyyy_Mm_Dd));
  EXPECT_EQ(Normalized(dash, "2021年7月8日"), "2021-07-08");
  EXPECT_EQ(Normalized(dash, "2021-07-08"), "2021-07-08");
}

TEST(DateTest, TimeOnlyLayout) {
  NormalizerOptions options;
  options.date_layout = DateTimeLayout::kHh_mm_ss;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile(R"pb(normalize {
                     date { inputs: "hh时mm分ss秒" inputs: "YYYY-M-D hh:mm:ss" }
                   })pb",
              options));
  EXPECT_EQ(Normalized(n, "08时05分09秒"), "08:05:09");
  EXPECT_EQ(Normalized(n, "2021-7-8 12:30:00"), "12:30:00");
  EXPECT_THAT(
      Compile(R"pb(normalize { date { inputs: "YYYY-M-D" } })pb", options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("has no time but the format hh:mm:ss")));
}

// ---- map
// ----------------------------------------------------------------------

TEST(MapTest, FoundNotFoundAmbiguous) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile("normalize { trim {} } normalize { map {} }", options));
  NormalizeScratch scratch;
  NormalizeResult r = n.Apply(" 男性 ", kAsOf, &scratch);
  EXPECT_EQ(r.value, "1");
  EXPECT_EQ(r.changed_steps, 0b11u);
  EXPECT_EQ(r.issue, v1::ISSUE_CODE_UNSPECIFIED);

  r = n.Apply("1", kAsOf, &scratch);  // already the code
  EXPECT_EQ(r.value, "1");
  EXPECT_EQ(r.changed_steps, 0u);

  r = n.Apply("未知", kAsOf, &scratch);
  EXPECT_EQ(r.value, "未知");
  EXPECT_EQ(r.changed_steps, 0u);

  r = n.Apply("两性", kAsOf, &scratch);
  EXPECT_EQ(r.value, "两性");
  EXPECT_EQ(r.changed_steps, 0u);
  EXPECT_EQ(r.issue, v1::AMBIGUOUS_VALUE);
  EXPECT_EQ(r.issue_step, 1);
}

TEST(MapTest, HonoursReferenceDate) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               Compile("normalize { map {} }", options));
  EXPECT_EQ(Normalized(n, "旧码", 20190601), "9");
  EXPECT_EQ(Normalized(n, "旧码", 20230601), "旧码");
}

TEST(MapTest, MappedCodeFeedsLaterSteps) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile("normalize { map {} } normalize { pad_left { width: 2 } }",
              options));
  NormalizeScratch scratch;
  NormalizeResult r = n.Apply("女", kAsOf, &scratch);
  EXPECT_EQ(r.value, "02");
  EXPECT_EQ(r.changed_steps, 0b11u);
}

// ---- id15to18
// -------------------------------------------------------------------

TEST(Id15To18Test, UpgradesFifteenDigitNumbers) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer n,
                               Compile("normalize { id15to18 {} }"));
  EXPECT_EQ(Normalized(n, "110105491231002"), "11010519491231002X");
  EXPECT_EQ(Normalized(n, "440524800101001"), "440524198001010013");
  EXPECT_EQ(Normalized(n, "11010519491231002X"), "11010519491231002X");
  EXPECT_EQ(Normalized(n, "11010549123100X"), "11010549123100X");
  EXPECT_EQ(Normalized(n, "1101054912310020"), "1101054912310020");
  EXPECT_EQ(Normalized(n, "１１０１０５４９１２３１００２"),
            "１１０１０５４９１２３１００２");
}

// ---- chains, bits, scratch
// ------------------------------------------------------

TEST(ChainTest, CitizenIdChain) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(
        normalize { width {} }
        normalize { trim {} }
        normalize { upper {} }
        normalize { replace { pairs { key: "×" value: "X" } } }
        normalize { id15to18 {} }
      )pb"));
  NormalizeScratch scratch;
  NormalizeResult r =
      n.Apply("\u3000１１０１０５１９４９１２３１００２x ", kAsOf, &scratch);
  EXPECT_EQ(r.value, "11010519491231002X");
  EXPECT_EQ(r.changed_steps, 0b00111u);  // width, trim, upper

  r = n.Apply("11010519491231002×", kAsOf, &scratch);
  EXPECT_EQ(r.value, "11010519491231002X");
  EXPECT_EQ(r.changed_steps, 0b01000u);  // replace

  r = n.Apply(" 110105491231002 ", kAsOf, &scratch);
  EXPECT_EQ(r.value, "11010519491231002X");
  EXPECT_EQ(r.changed_steps, 0b10010u);  // trim, id15to18

  const std::string clean = "11010519491231002X";
  r = n.Apply(clean, kAsOf, &scratch);
  EXPECT_EQ(r.value.data(), clean.data());
  EXPECT_EQ(r.changed_steps, 0u);
}

TEST(ChainTest, PingPongBetweenScratchBuffers) {
  // Every step rewrites: each must read the other buffer than it writes.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(
        normalize { width {} }
        normalize { upper {} }
        normalize { remove { chars: "-" } }
        normalize {
          replace { pairs { key: "A" value: "AAAAAAAAAAAAAAAAAAAA" } }
        }
        normalize { lower {} }
        normalize { collapse_spaces {} }
        normalize { pad_left { width: 50 fill: "." } }
      )pb"));
  NormalizeScratch scratch;
  NormalizeResult r = n.Apply("ａ-b  c", kAsOf, &scratch);
  EXPECT_EQ(r.value, std::string(27, '.') + "aaaaaaaaaaaaaaaaaaaab c");
  EXPECT_EQ(r.changed_steps, 0b1111111u);
  // Reusing the scratch gives the same answer.
  r = n.Apply("ａ-b  c", kAsOf, &scratch);
  EXPECT_EQ(r.value, std::string(27, '.') + "aaaaaaaaaaaaaaaaaaaab c");
}

TEST(ChainTest, EmptyValueIsNeverTouched) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(
                              normalize { trim {} }
                              normalize { pad_left { width: 2 } }
                              normalize { map {} }
                              normalize { date { inputs: "YYYY-M-D" } }
                            )pb",
                            options));
  NormalizeScratch scratch;
  NormalizeResult r = n.Apply("", kAsOf, &scratch);
  EXPECT_EQ(r.value, "");
  EXPECT_EQ(r.changed_steps, 0u);
  // Trimmed to empty: the later steps see a missing value and do nothing.
  r = n.Apply(" \u3000 ", kAsOf, &scratch);
  EXPECT_EQ(r.value, "");
  EXPECT_EQ(r.changed_steps, 1u);
}

TEST(ChainTest, IllFormedUtf8NeverCrashes) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile(
          R"pb(
            normalize { width {} }
            normalize { nfc {} }
            normalize { trim {} }
            normalize { collapse_spaces {} }
            normalize { remove { chars: "·" } }
            normalize { replace { pairs { key: "×" value: "X" } } }
            normalize { upper {} }
            normalize { pad_left { width: 8 } }
            normalize { date { inputs: "YYYY年M月D日" inputs: "cn_numeral" } }
            normalize { map {} }
            normalize { id15to18 {} }
          )pb",
          options));
  NormalizeScratch scratch;
  for (const std::string& bad :
       {std::string("\xFF"), std::string("\xEF\xBC"), std::string("\xC3"),
        std::string(" \xE3\x80 x"), std::string("\x80\x80\x80\x80"),
        std::string("a\xC2\xB7\xFF\xEF\xBC\x91  b")}) {
    NormalizeResult r = n.Apply(bad, kAsOf, &scratch);
    EXPECT_FALSE(r.value.empty());
  }
  EXPECT_EQ(std::string(
                n.Apply("a\xC2\xB7\xFF\xEF\xBC\x91  b", kAsOf, &scratch).value),
            "000A\xFF"
            "1 B");
}

TEST(ChainTest, RandomBytesNeverGrowShrinkingSteps) {
  // Random mixes of ASCII, white space, lead, continuation and invalid
  // bytes: no step may crash, loop or grow the value.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n, Compile(R"pb(
        normalize { width {} }
        normalize { trim {} }
        normalize { collapse_spaces {} }
        normalize { remove { chars: "-·" } }
        normalize { replace { pairs { key: "×" value: "X" } } }
        normalize { upper {} }
      )pb"));
  const unsigned char kBytes[] = {' ',  '\t', 'a',  '-',  '0',  0x80, 0x81,
                                  0x85, 0x97, 0xA0, 0xB7, 0xBC, 0xBD, 0xC2,
                                  0xC3, 0xE2, 0xE3, 0xEF, 0xF0, 0xFF};
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kBytes) - 1);
  std::uniform_int_distribution<int> length(0, 24);
  NormalizeScratch scratch;
  int grew = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string value;
    for (int k = length(rng); k > 0; --k) {
      value.push_back(static_cast<char>(kBytes[pick(rng)]));
    }
    if (n.Apply(value, kAsOf, &scratch).value.size() > value.size()) ++grew;
  }
  EXPECT_EQ(grew, 0);
}

TEST(ChainTest, ApplyDoesNotAllocate) {
  FakeMapper mapper;
  NormalizerOptions options;
  options.mapper = &mapper;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile(
          R"pb(
            normalize { width {} }
            normalize { nfc {} }
            normalize { trim {} }
            normalize { collapse_spaces {} }
            normalize { remove { chars: "-·" } }
            normalize { replace { pairs { key: "×" value: "X" } } }
            normalize { upper {} }
            normalize { pad_left { width: 2 } }
            normalize { date { inputs: "YYYY年M月D日" inputs: "excel_serial" } }
            normalize { map {} }
            normalize { id15to18 {} }
          )pb",
          options));
  NormalizeScratch scratch;
  const std::string clean[] = {"11010519491231002X", "20210708",
                               "浙江省杭州市 西湖区", "张三"};
  const std::string dirty[] = {" １１０１０５４９１２３１００２ ",
                               "2021年7月8日",
                               "44385",
                               "7",
                               "浙江省\u3000\u3000杭州市-西湖区",
                               "男"};
  // Warm the scratch buffers up once.
  for (const std::string& v : dirty) n.Apply(v, kAsOf, &scratch);
  uint32_t clean_changes = 0;
  int dirty_unchanged = 0;
  const long before = codec_testing::HeapAllocations();
  for (int round = 0; round < 3; ++round) {
    for (const std::string& v : clean) {
      clean_changes |= n.Apply(v, kAsOf, &scratch).changed_steps;
    }
    for (const std::string& v : dirty) {
      dirty_unchanged += n.Apply(v, kAsOf, &scratch).changed_steps == 0;
    }
  }
  const long allocations = codec_testing::HeapAllocations() - before;
  EXPECT_EQ(clean_changes, 0u);
  EXPECT_EQ(dirty_unchanged, 0);
  EXPECT_EQ(allocations, 0);
}

TEST(ChainTest, ConcurrentApplyWithOwnScratch) {
  NormalizerOptions options;
  options.date_layout = DateTimeLayout::kYyyymmdd;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer n,
      Compile(
          R"pb(
            normalize { width {} }
            normalize { trim {} }
            normalize { date { inputs: "YYYY年M月D日" inputs: "cn_numeral" } }
          )pb",
          options));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&n, &wrong, t] {
      NormalizeScratch scratch;
      for (int i = 0; i < 2000; ++i) {
        const bool cn = (i + t) % 2 == 0;
        const absl::string_view value =
            n.Apply(cn ? " 二〇二一年七月八日 " : "２０２１年７月８日", kAsOf,
                    &scratch)
                .value;
        if (value != "20210708") ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

// ---- compile errors
// ------------------------------------------------------------

TEST(CompileTest, ErrorsNameTheStep) {
  NormalizerOptions date_options;
  date_options.date_layout = DateTimeLayout::kYyyymmdd;
  EXPECT_THAT(
      Compile(R"pb(normalize { trim {} }
                   normalize { upper {} }
                   normalize { width {} }
                   normalize { date { inputs: "YYYY-Q" } })pb",
              date_options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("normalize[3] (date): unknown token 'Q' in input "
                         "form 'YYYY-Q'")));
  EXPECT_THAT(
      Compile(R"pb(normalize { date { inputs: "YY/M/D" } })pb", date_options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("normalize[0] (date): two-digit year")));
  EXPECT_THAT(Compile(R"pb(normalize { date {} })pb", date_options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (date): 'inputs' is empty")));
  EXPECT_THAT(
      Compile(R"pb(normalize { date { inputs: "hh:mm" } })pb", date_options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("has no date but the format YYYYMMDD")));
  EXPECT_THAT(Compile(R"pb(normalize { date { inputs: "YYYY-M-D" } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (date): the element has no "
                                 "datetime format")));
  EXPECT_THAT(Compile("normalize { trim {} } normalize {}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[1]: empty step")));
  EXPECT_THAT(Compile(R"pb(normalize { pad_left { width: 2 fill: "00" } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (pad_left): fill '00' must be "
                                 "exactly one character")));
  EXPECT_THAT(Compile(R"pb(normalize { pad_left { width: 0 } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (pad_left): width 0")));
  EXPECT_THAT(Compile(R"pb(normalize { pad_left { width: 5000 } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("width 5000 is out of range")));
  EXPECT_THAT(Compile(R"pb(normalize { remove { chars: "" } })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (remove): 'chars' is empty")));
  EXPECT_THAT(
      Compile(R"pb(normalize { replace { pairs { key: "" value: "x" } } })pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("normalize[0] (replace): empty key")));
  EXPECT_THAT(Compile(R"pb(normalize { replace {} })pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[0] (replace): 'pairs' is empty")));
  EXPECT_THAT(Compile("normalize { trim {} } normalize { map {} }"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("normalize[1] (map): no value mapper")));
}

TEST(CompileTest, AtMostThirtyTwoSteps) {
  std::string text;
  for (int i = 0; i < 32; ++i) text += "normalize { trim {} } ";
  SHUYUAN_EXPECT_OK(Compile(text));
  text += "normalize { trim {} }";
  EXPECT_THAT(Compile(text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("too many steps (33; at most 32)")));
}

TEST(CompileTest, NormalizerIsMovable) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Normalizer a, Compile(R"pb(
        normalize { replace { pairs { key: "×" value: "X" } } }
      )pb"));
  Normalizer b = std::move(a);
  EXPECT_EQ(Normalized(b, "1×"), "1X");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Normalizer c, Compile("normalize { upper {} }"));
  c = std::move(b);
  EXPECT_EQ(c.step_name(0), "replace");
  EXPECT_EQ(Normalized(c, "1×"), "1X");
}

}  // namespace
}  // namespace shuyuan::codec

namespace shuyuan::codec {
namespace {

// Reference semantics of the ASCII-relevant steps, written plainly, for the
// differential test below.
std::string ReferenceStep(const std::string& step, std::string v) {
  auto is_ws = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  if (step == "trim") {
    size_t b = 0, e = v.size();
    while (b < e && is_ws(v[b])) ++b;
    while (e > b && is_ws(v[e - 1])) --e;
    return v.substr(b, e - b);
  }
  std::string out;
  if (step == "collapse_spaces") {
    for (size_t i = 0; i < v.size(); ++i) {
      if (!is_ws(v[i])) {
        out.push_back(v[i]);
      } else if (out.empty() || out.back() != ' ' || !is_ws(v[i - 1])) {
        out.push_back(' ');
      }
    }
    return out;
  }
  for (char c : v) {
    if (step == "upper") out.push_back(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (step == "lower") out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (step == "remove" && c != ' ' && c != '-') out.push_back(c);
    if (step == "replace")
      out += c == '_' ? std::string("--") : std::string(1, c);
    if (step == "width") out.push_back(c);
  }
  return out;
}

// Chains of scanning steps over random ASCII values: the normaliser (with
// its quiet-ASCII fast path) must agree with applying each step in turn.
TEST(NormalizerTest, ChainsAgreeWithTheStepsAppliedOneByOne) {
  const std::vector<std::pair<std::string, std::string>> kSteps = {
      {"trim", "trim {}"},
      {"collapse_spaces", "collapse_spaces {}"},
      {"upper", "upper {}"},
      {"lower", "lower {}"},
      {"remove", "remove { chars: \" -\" }"},
      {"replace", "replace { pairs { key: \"_\" value: \"--\" } }"},
      {"width", "width {}"}};
  const std::string kAlphabet = "aZ9 _-\t.x";
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 16;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    std::vector<std::string> names;
    const int steps = 1 + next() % 4;
    for (int k = 0; k < steps; ++k) {
      const auto& [name, proto] = kSteps[next() % kSteps.size()];
      names.push_back(name);
      text += "normalize { " + proto + " } ";
    }
    std::string value;
    const int length = next() % 12;
    for (int k = 0; k < length; ++k) {
      value.push_back(kAlphabet[next() % kAlphabet.size()]);
    }
    absl::StatusOr<Normalizer> chain = Compile(text);
    ASSERT_TRUE(chain.ok()) << chain.status();
    std::string expected = value;
    for (const std::string& name : names) {
      expected = ReferenceStep(name, expected);
      if (expected.empty()) break;
    }
    EXPECT_EQ(Normalized(*chain, value), expected)
        << "steps: " << text << " value: '" << value << "'";
  }
}

}  // namespace
}  // namespace shuyuan::codec
