// Test data shared by the engine suites.
#include "sample_lines.h"

#include <cstdio>

namespace portal::test {

LineStore ManualSampleLines() {
    // Passwords exactly as the manual's first table shows them.
    static const char* const kPasswords[10][2] = {
        {"fVFZ29", "YCZv69"}, {"a9My9X", "TDwH95"}, {"MEcn47", "JMsW72"},  {"w98PWF", "9RCX2hj"},
        {"deAS56", "Lxe34J"}, {"PMQn89", "DxZV47"}, {"AF8K6a", "X8c5x.B"}, {"sNpf87", "4yPM29"},
        {"H5J8aU", "3cqu6Z"}, {"CLpT23", "5efe4E"},
    };
    LineStore store;
    for (uint32_t i = 0; i < 10; ++i) {
        LineRecord line;
        line.no = i + 1;
        char phone[16];
        std::snprintf(phone, sizeof phone, "0505805%04u", 1001 + i);
        line.phone = phone;
        line.account_id = "81" + line.phone.substr(1);
        line.line_password = kPasswords[i][0];
        line.service_password = kPasswords[i][1];
        line.start_date = MakeDateKey(2022, 8, 17);
        line.channels = 2;
        store.Append(line);
    }
    return store;
}

LineStore MixedLines(size_t count, uint32_t seed) {
    uint32_t state = seed * 2654435761u + 1;
    const auto next = [&](uint32_t n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    static const char* const kHuntGroups[] = {"",         "",      "営業部",  "サポート, 東京",
                                              "\"代表\"", "=本社", "髙橋①～", "改行\r\nあり"};
    LineStore store;
    for (size_t i = 0; i < count; ++i) {
        LineRecord line;
        line.no = static_cast<uint32_t>(i + 1);
        char buffer[32];
        // One draw per statement: argument evaluation order differs between GCC and clang, and
        // the native and WASM builds must generate the same lines.
        if (next(10) < 9) {
            const uint32_t block = 5800 + next(12);
            const uint32_t number = next(10000);
            std::snprintf(buffer, sizeof buffer, "050%04u%04u", block, number);
        } else {
            std::snprintf(buffer, sizeof buffer, "03%08u", next(100000000));
        }
        line.phone = buffer;
        line.account_id = "81" + line.phone.substr(1);
        std::snprintf(buffer, sizeof buffer, "pw%05u", next(100000));
        line.line_password = buffer;
        std::snprintf(buffer, sizeof buffer, "sv%05u", next(100000));
        line.service_password = buffer;
        const int year = 2010 + static_cast<int>(next(17));
        const int month = 1 + static_cast<int>(next(12));
        const int day = 1 + static_cast<int>(next(28));
        line.start_date = MakeDateKey(year, month, day);
        const uint32_t fate = next(20);
        if (fate < 3) {
            const int end_month = 1 + static_cast<int>(next(9));
            line.end_date = MakeDateKey(2026, end_month, 1 + static_cast<int>(next(28)));
        } else if (fate == 3) {
            line.end_date = kAsOf;  // ends today: still in service
        }
        line.channels = static_cast<uint16_t>(1 + next(4));
        line.hunt_group = kHuntGroups[next(8)];
        if (next(4) == 0) line.mobile_choice = "090" + std::to_string(10000000 + next(89999999));
        store.Append(line);
    }
    return store;
}

std::string Hex(std::string_view bytes) {
    std::string out;
    char buffer[4];
    for (unsigned char c : bytes) {
        std::snprintf(buffer, sizeof buffer, out.empty() ? "%02X" : " %02X", c);
        out += buffer;
    }
    return out;
}

}  // namespace portal::test
