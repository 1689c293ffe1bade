// Calendar arithmetic for DateKey (yyyymmdd) and Japan-time date-times, without <ctime> so
// native and WASM agree whatever the host's time zone is.
#include "engine/date.h"

#include <cstdio>

namespace portal {
namespace {

constexpr int64_t kJstOffsetSeconds = 9 * 3600;  // UTC+9, Japan has no daylight saving
constexpr int64_t kSecondsPerDay = 86400;

bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int64_t FloorDiv(int64_t a, int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// Reads 1..max_digits ASCII digits starting at text[pos]; false when there are none or too many.
bool ReadNumber(std::string_view text, size_t& pos, size_t max_digits, int& value) {
    const size_t start = pos;
    value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (pos - start == max_digits) return false;
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    return pos > start;
}

}  // namespace

int DaysInMonth(int year, int month) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 31;
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::string DateStamp(DateKey date) {
    char stamp[16];
    std::snprintf(stamp, sizeof stamp, "%04d%02d%02d", DateYear(date), DateMonth(date), DateDay(date));
    return stamp;
}

bool IsMonthKey(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6})
        if (text[i] < '0' || text[i] > '9') return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12;
}

std::string MonthStamp(std::string_view month_key) {
    std::string stamp(month_key);
    if (IsMonthKey(month_key)) stamp.erase(4, 1);
    return stamp;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromDateKey(DateKey date) {
    int year = DateYear(date);
    const int month = DateMonth(date);
    const int day = DateDay(date);
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int64_t year_of_era = year - era * 400;
    const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

DateKey DateKeyFromDays(int64_t days) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int64_t day_of_era = days - era * 146097;
    const int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int64_t mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2));
    return MakeDateKey(year, month, day);
}

bool IsValidCalendarDate(int year, int month, int day) {
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
    return day <= DaysInMonth(year, month);
}

std::optional<DateKey> ParseDate(std::string_view text) {
    if (text.size() < 8 || text.size() > 10) return std::nullopt;
    for (size_t i = 0; i < 4; ++i)
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const char sep = text[4];
    if (sep != '-' && sep != '/') return std::nullopt;
    size_t pos = 0;
    int year = 0, month = 0, day = 0;
    if (!ReadNumber(text, pos, 4, year) || pos != 4) return std::nullopt;
    ++pos;
    if (!ReadNumber(text, pos, 2, month) || pos >= text.size() || text[pos] != sep) return std::nullopt;
    ++pos;
    if (!ReadNumber(text, pos, 2, day) || pos != text.size()) return std::nullopt;
    if (!IsValidCalendarDate(year, month, day)) return std::nullopt;
    return MakeDateKey(year, month, day);
}

std::string FormatDate(DateKey date, char sep) {
    if (date == kNoDate) return std::string();
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%c%02d%c%02d", DateYear(date) % 10000, sep,
                  DateMonth(date) % 100, sep, DateDay(date) % 100);
    return buffer;
}

DateKey JstDateOf(EpochSeconds t) {
    return DateKeyFromDays(FloorDiv(t + kJstOffsetSeconds, kSecondsPerDay));
}

std::string FormatJstDateTime(EpochSeconds t) {
    const int64_t local = t + kJstOffsetSeconds;
    const int64_t days = FloorDiv(local, kSecondsPerDay);
    const int64_t second_of_day = local - days * kSecondsPerDay;
    const DateKey date = DateKeyFromDays(days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d/%02d/%02d %02d:%02d:%02d", DateYear(date), DateMonth(date),
                  DateDay(date), static_cast<int>(second_of_day / 3600),
                  static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
    return buffer;
}

EpochSeconds JstDayStart(DateKey date) {
    return DaysFromDateKey(date) * kSecondsPerDay - kJstOffsetSeconds;
}

}  // namespace portal
