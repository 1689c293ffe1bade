// Test data: the manual's 10-line sample and a small deterministic mixed dataset.
#pragma once
#include <string>
#include <string_view>

#include "engine/model.h"

namespace portal::test {

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 3);

// The manual's 回線情報 table: 10 lines 0505805xxxx, account IDs 81505805xxxx, its passwords,
// start 2022/08/17, 2 channels, all in service.
LineStore ManualSampleLines();

// `count` lines with varied numbers (050 and 0AB-J), start and end dates (some cancelled, some
// ending on the as-of date), channels with many ties and Japanese text in the optional columns.
LineStore MixedLines(size_t count, uint32_t seed);

// "81 60" style hex of bytes, for readable failure messages.
std::string Hex(std::string_view bytes);

}  // namespace portal::test
