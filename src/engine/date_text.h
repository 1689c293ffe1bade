// Internal: a DateKey as 10 characters ("2022/08/17" or "2022-08-17") without snprintf, for the
// loops that format millions of dates (CSV, lines JSON, table cells).
#pragma once
#include <cstddef>

#include "engine/date.h"

namespace portal {

inline void WriteDateText(DateKey date, char separator, char* out) {
    const uint32_t y = date / 10000 % 10000, m = date / 100 % 100, d = date % 100;
    out[0] = static_cast<char>('0' + y / 1000);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[4] = separator;
    out[5] = static_cast<char>('0' + m / 10);
    out[6] = static_cast<char>('0' + m % 10);
    out[7] = separator;
    out[8] = static_cast<char>('0' + d / 10);
    out[9] = static_cast<char>('0' + d % 10);
}
constexpr size_t kDateTextLength = 10;

}  // namespace portal
