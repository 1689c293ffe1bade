// Display formatting shared by the screens, the CSV writer and the server.
#include "engine/format.h"

#include <cstdio>

#include "engine/utf8.h"

namespace portal {
namespace {

std::string GroupThousands(int64_t n) {
    // Work on the magnitude as unsigned so INT64_MIN does not overflow.
    uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    char digits[32];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    std::string out;
    if (n < 0) out.push_back('-');
    for (int i = count - 1; i >= 0; --i) {
        out.push_back(digits[i]);
        if (i != 0 && i % 3 == 0) out.push_back(',');
    }
    return out;
}

}  // namespace

std::string FormatYen(int64_t yen) {
    return GroupThousands(yen);
}
std::string FormatCount(int64_t n) {
    return GroupThousands(n);
}

std::string FormatDuration(uint32_t seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return buffer;
}

bool NormalisePhoneInput(std::string_view typed, std::string& digits) {
    digits.clear();
    for (size_t pos = 0; pos < typed.size();) {
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(typed, pos, cp);
        if (length == 0) return false;
        pos += length;
        if (cp >= '0' && cp <= '9') {
            digits.push_back(static_cast<char>(cp));
        } else if (cp >= 0xFF10 && cp <= 0xFF19) {
            // Full-width digits: what a Japanese IME types in its default mode.
            digits.push_back(static_cast<char>('0' + (cp - 0xFF10)));
        } else if (cp == ' ' || cp == '\t' || cp == 0x3000) {
            // Spaces (ASCII and the ideographic space) are ignored.
        } else if (cp == '-' || cp == 0xFF0D || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
                   cp == 0x2013 || cp == 0x2212 || cp == 0x30FC || cp == 0xFF70) {
            // Hyphens in every form a Japanese keyboard produces for "050-1234-5678": ASCII,
            // full-width －, the Unicode hyphens and minus, and the prolonged sound mark ー/ｰ
            // that the IME gives for the hyphen key in kana mode.
        } else {
            return false;
        }
    }
    return true;
}

std::string MaskEmail(std::string_view email) {
    const size_t at = email.rfind('@');
    if (at == std::string_view::npos) return "***";
    std::string out;
    if (at > 0) {
        uint32_t cp = 0;
        const size_t first = DecodeUtf8(email, 0, cp);
        out.append(email.substr(0, first == 0 ? 1 : first));
    }
    out += "***";
    out.append(email.substr(at));
    return out;
}

}  // namespace portal
