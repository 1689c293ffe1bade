// Unicode -> CP932 (Shift_JIS as Windows reads it), from a table generated at build time so that
// native and WASM builds write identical bytes.
#include "engine/cp932.h"

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/csv.h"
#include "engine/utf8.h"

namespace portal {
namespace {
#include "engine/cp932_table.inc"
}  // namespace

uint16_t Cp932Code(uint32_t cp) {
    if (cp < 0x80) return static_cast<uint16_t>(cp);
    if (cp > 0xFFFF) return 0;
    return kCp932Pages[kCp932PageOfHighByte[cp >> 8]][cp & 0xFF];
}

bool EncodeCp932(std::string_view utf8, std::string& out, uint32_t* bad_codepoint) {
    out.clear();
    out.reserve(utf8.size());
    for (size_t pos = 0; pos < utf8.size();) {
        const unsigned char byte = static_cast<unsigned char>(utf8[pos]);
        if (byte < 0x80) {
            out.push_back(static_cast<char>(byte));
            ++pos;
            continue;
        }
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(utf8, pos, cp);
        const uint16_t code = length == 0 ? 0 : Cp932Code(cp);
        if (code == 0) {
            if (bad_codepoint != nullptr) *bad_codepoint = length == 0 ? 0xFFFD : cp;
            return false;
        }
        if (code >= 0x100) out.push_back(static_cast<char>(code >> 8));
        out.push_back(static_cast<char>(code & 0xFF));
        pos += length;
    }
    return true;
}

}  // namespace portal
