// Dates, Japan-time date-times and the display formatters.
#include <doctest/doctest.h>

#include "engine/date.h"
#include "engine/format.h"

using namespace portal;

TEST_CASE("ParseDate accepts both separators and refuses impossible dates") {
    CHECK(ParseDate("2022-08-17") == MakeDateKey(2022, 8, 17));
    CHECK(ParseDate("2022/08/17") == MakeDateKey(2022, 8, 17));
    CHECK(ParseDate("2022/8/7") == MakeDateKey(2022, 8, 7));
    CHECK(ParseDate("2024-02-29") == MakeDateKey(2024, 2, 29));
    CHECK_FALSE(ParseDate("2023-02-29"));
    CHECK_FALSE(ParseDate("1900-02-29"));
    CHECK(ParseDate("2000-02-29") == MakeDateKey(2000, 2, 29));
    CHECK_FALSE(ParseDate("2022-13-01"));
    CHECK_FALSE(ParseDate("2022-04-31"));
    CHECK_FALSE(ParseDate("2022-00-10"));
    CHECK_FALSE(ParseDate("2022/08-17"));
    CHECK_FALSE(ParseDate("22/08/17"));
    CHECK_FALSE(ParseDate("2022-08-17x"));
    CHECK_FALSE(ParseDate("1899-12-31"));
    CHECK_FALSE(ParseDate(""));
    CHECK_FALSE(ParseDate("abcd-ef-gh"));
}

TEST_CASE("FormatDate writes zero-padded dates with the separator asked for") {
    CHECK(FormatDate(MakeDateKey(2022, 8, 17), '/') == "2022/08/17");
    CHECK(FormatDate(MakeDateKey(2022, 8, 17), '-') == "2022-08-17");
    CHECK(FormatDate(kNoDate, '/').empty());
    CHECK(DateYear(20220817) == 2022);
    CHECK(DateMonth(20220817) == 8);
    CHECK(DateDay(20220817) == 17);
}

TEST_CASE("Japan time is UTC+9 with no daylight saving") {
    // 2026-10-02T15:00:00Z is midnight of 10/03 in Japan.
    const EpochSeconds midnight_jst = 1790953200;
    CHECK(JstDateOf(midnight_jst) == MakeDateKey(2026, 10, 3));
    CHECK(JstDateOf(midnight_jst - 1) == MakeDateKey(2026, 10, 2));
    CHECK(FormatJstDateTime(midnight_jst + 14 * 3600 + 5 * 60 + 9) == "2026/10/03 14:05:09");
    CHECK(JstDayStart(MakeDateKey(2026, 10, 3)) == midnight_jst);
    CHECK(FormatJstDateTime(0) == "1970/01/01 09:00:00");
    CHECK(JstDateOf(JstDayStart(MakeDateKey(2024, 2, 29)) + 86399) == MakeDateKey(2024, 2, 29));
}

TEST_CASE("Yen, counts and durations") {
    CHECK(FormatYen(1234567) == "1,234,567");
    CHECK(FormatYen(0) == "0");
    CHECK(FormatYen(999) == "999");
    CHECK(FormatYen(1000) == "1,000");
    CHECK(FormatYen(-1234) == "-1,234");
    CHECK(FormatCount(100000) == "100,000");
    CHECK(FormatDuration(3725) == "1:02:05");
    CHECK(FormatDuration(59) == "0:00:59");
    CHECK(FormatDuration(360000) == "100:00:00");
}

TEST_CASE("NormalisePhoneInput keeps digits and ignores hyphens and spaces") {
    std::string digits;
    CHECK(NormalisePhoneInput("050-1234 5", digits));
    CHECK(digits == "05012345");
    CHECK(NormalisePhoneInput("０５０－５８０５", digits));  // full-width digits and hyphen
    CHECK(digits == "0505805");
    CHECK(NormalisePhoneInput("050ー5805　1", digits));  // IME prolonged sound mark, ideographic space
    CHECK(digits == "05058051");
    CHECK(NormalisePhoneInput("", digits));
    CHECK(digits.empty());
    CHECK_FALSE(NormalisePhoneInput("050a5805", digits));
    CHECK_FALSE(NormalisePhoneInput("050(5805)", digits));
    CHECK_FALSE(NormalisePhoneInput("+81505805", digits));
    CHECK_FALSE(NormalisePhoneInput("050\xFF", digits));  // not UTF-8
}

TEST_CASE("MaskEmail keeps the first character and the domain") {
    CHECK(MaskEmail("taro@example.jp") == "t***@example.jp");
    CHECK(MaskEmail("t@example.jp") == "t***@example.jp");
    CHECK(MaskEmail("太郎@example.jp") == "太***@example.jp");
    CHECK(MaskEmail("@example.jp") == "***@example.jp");
    CHECK(MaskEmail("no-at-sign") == "***");
}
