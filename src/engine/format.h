// Display formatting shared by screens, CSV and the server (so every place shows the same text).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace portal {

std::string FormatYen(int64_t yen);            // 1234567 -> "1,234,567"
std::string FormatDuration(uint32_t seconds);  // 3725 -> "1:02:05"
std::string FormatCount(int64_t n);            // 100000 -> "100,000"
// Keeps only the digits of what the customer typed into a phone field ("050-1234 5" -> "05012345");
// returns false when anything but digits, hyphens (ASCII or full-width) and spaces was typed.
bool NormalisePhoneInput(std::string_view typed, std::string& digits);
// "t***@example.jp"
std::string MaskEmail(std::string_view email);

}  // namespace portal
