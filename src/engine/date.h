// Calendar dates and JST date-times as compact sortable integers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal {

// yyyymmdd as one integer (20220817), 0 = no date. Compares in calendar order.
using DateKey = uint32_t;
constexpr DateKey kNoDate = 0;

bool IsValidCalendarDate(int year, int month, int day);
// 28-31; 31 for a month outside 1-12, so a date still being chosen offers every day.
int DaysInMonth(int year, int month);
constexpr DateKey MakeDateKey(int year, int month, int day) {
    return static_cast<DateKey>(year * 10000 + month * 100 + day);
}
inline int DateYear(DateKey d) {
    return static_cast<int>(d / 10000);
}
inline int DateMonth(DateKey d) {
    return static_cast<int>(d / 100 % 100);
}
inline int DateDay(DateKey d) {
    return static_cast<int>(d % 100);
}

// Days since 1970-01-01 (proleptic Gregorian) and back: date arithmetic without <ctime>.
int64_t DaysFromDateKey(DateKey date);
DateKey DateKeyFromDays(int64_t days);

// Accepts "YYYY-MM-DD" and "YYYY/MM/DD" (4-digit year 1900-2999, 1-2 digit month and day);
// returns nullopt for anything else, including impossible dates such as 2023-02-29.
std::optional<DateKey> ParseDate(std::string_view text);
// "2022/08/17" with sep '/', "2022-08-17" with '-'; empty string for kNoDate.
std::string FormatDate(DateKey date, char sep);

// "20221017": the date part of download file names.
std::string DateStamp(DateKey date);
// "2026-10": four-digit year, month 01-12 (the usage report's month key).
bool IsMonthKey(std::string_view text);
// "2026-10" -> "202610" for file names; the text unchanged when it is not a month key.
std::string MonthStamp(std::string_view month_key);

// Seconds since the Unix epoch; displayed in Japan time (UTC+9, no daylight saving).
using EpochSeconds = int64_t;
DateKey JstDateOf(EpochSeconds t);
// "2026/10/03 14:05:09"
std::string FormatJstDateTime(EpochSeconds t);
// Start of the JST day as epoch seconds.
EpochSeconds JstDayStart(DateKey date);

}  // namespace portal
