#include "codec/date_time.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

TEST(DateTimeLayoutTest, NamesAndAliases) {
  EXPECT_EQ(DateTimeLayoutFromName("D8"), DateTimeLayout::kYyyymmdd);
  EXPECT_EQ(DateTimeLayoutFromName("DT14"), DateTimeLayout::kYyyymmddhhmmss);
  EXPECT_EQ(DateTimeLayoutFromName("T6"), DateTimeLayout::kHhmmss);
  EXPECT_EQ(DateTimeLayoutFromName("YYYY-MM-DDThh:mm:ss"),
            DateTimeLayout::kYyyy_Mm_DdThh_mm_ss);
  EXPECT_EQ(DateTimeLayoutFromName("yyyymmdd"), DateTimeLayout::kNone);
  EXPECT_EQ(DateTimeLayoutName(DateTimeLayout::kHh_mm_ss), "hh:mm:ss");
}

TEST(DateTimeTest, RealDates) {
  EXPECT_TRUE(IsRealDate(2000, 2, 29));
  EXPECT_FALSE(IsRealDate(1900, 2, 29));
  EXPECT_TRUE(IsRealDate(2024, 2, 29));
  EXPECT_FALSE(IsRealDate(2021, 2, 29));
  EXPECT_FALSE(IsRealDate(2021, 4, 31));
  EXPECT_FALSE(IsRealDate(2021, 13, 1));
  EXPECT_FALSE(IsRealDate(0, 1, 1));
  EXPECT_TRUE(IsRealTime(23, 59, 59));
  EXPECT_FALSE(IsRealTime(24, 0, 0));
}

TEST(DateTimeTest, ParseStrict) {
  DateTimeFields f;
  EXPECT_EQ(ParseDateTime("20210708", DateTimeLayout::kYyyymmdd, &f),
            DateTimeParse::kOk);
  EXPECT_EQ(f.year, 2021);
  EXPECT_EQ(f.month, 7);
  EXPECT_EQ(f.day, 8);
  EXPECT_EQ(ParseDateTime("20210230", DateTimeLayout::kYyyymmdd, &f),
            DateTimeParse::kNotReal);
  EXPECT_EQ(ParseDateTime("2021-07-08", DateTimeLayout::kYyyymmdd, &f),
            DateTimeParse::kBadShape);
  EXPECT_EQ(ParseDateTime("2021078", DateTimeLayout::kYyyymmdd, &f),
            DateTimeParse::kBadShape);
  EXPECT_EQ(ParseDateTime("2021-07-08T12:30:00",
                          DateTimeLayout::kYyyy_Mm_DdThh_mm_ss, &f),
            DateTimeParse::kOk);
  EXPECT_EQ(f.minute, 30);
  EXPECT_EQ(ParseDateTime("246000", DateTimeLayout::kHhmmss, &f),
            DateTimeParse::kNotReal);
}

TEST(DateTimeTest, AppendRoundTrips) {
  for (DateTimeLayout layout :
       {DateTimeLayout::kYyyymmdd, DateTimeLayout::kYyyy_Mm_Dd,
        DateTimeLayout::kYyyymmddhhmmss, DateTimeLayout::kYyyy_Mm_DdThh_mm_ss,
        DateTimeLayout::kHhmmss, DateTimeLayout::kHh_mm_ss}) {
    DateTimeFields f{987, 3, 4, 5, 6, 7};
    std::string text;
    AppendDateTime(f, layout, &text);
    DateTimeFields back;
    ASSERT_EQ(ParseDateTime(text, layout, &back), DateTimeParse::kOk) << text;
    std::string again;
    AppendDateTime(back, layout, &again);
    EXPECT_EQ(text, again);
  }
  std::string s;
  AppendDateTime({2021, 7, 8, 0, 0, 0}, DateTimeLayout::kYyyy_Mm_Dd, &s);
  EXPECT_EQ(s, "2021-07-08");
}

TEST(DateTimeTest, IsoDates) {
  absl::CivilDay day;
  ASSERT_TRUE(ParseIsoDate("2022-06-01", &day));
  EXPECT_EQ(MakeDateKey(day), 20220601);
  EXPECT_FALSE(ParseIsoDate("2022-6-1", &day));
  EXPECT_FALSE(ParseIsoDate("2022-02-30", &day));
  EXPECT_GT(MakeDateKey(Today()), 20200101);
}

}  // namespace
}  // namespace shuyuan::codec
