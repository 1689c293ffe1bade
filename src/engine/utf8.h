// Internal: strict UTF-8 decoding shared by the phone-input normaliser and the CP932 encoder.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace portal {

// Decodes the code point at text[pos]; returns its length in bytes, or 0 when the bytes are not
// well-formed UTF-8 (truncated, overlong, surrogate or beyond U+10FFFF).
inline size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t& cp) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    const size_t length = (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
    if (length == 0 || pos + length > text.size()) return 0;
    cp = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    for (size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (byte(i) & 0x3F);
    }
    static const uint32_t kSmallest[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

// The first position at or after `pos` whose byte is not ASCII (text.size() when there is none),
// 8 bytes at a time: a line table's text is tens of megabytes, nearly all of it ASCII.
inline size_t SkipAscii(std::string_view text, size_t pos) {
    while (pos + 8 <= text.size()) {
        uint64_t block;
        std::memcpy(&block, text.data() + pos, 8);
        if ((block & 0x8080808080808080ull) != 0) break;
        pos += 8;
    }
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
    return pos;
}

// True when `text` is well-formed UTF-8; 8 ASCII bytes at a time for the common case.
inline bool IsValidUtf8(std::string_view text) {
    size_t pos = 0;
    while ((pos = SkipAscii(text, pos)) < text.size()) {
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(text, pos, cp);
        if (length == 0) return false;
        pos += length;
    }
    return true;
}

}  // namespace portal
