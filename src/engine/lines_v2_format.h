// Internal: the constants and integer coding that the PLN2 encoder and decoder share.
#pragma once
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/date.h"
#include "engine/lines_payload_v2.h"
#include "engine/model.h"

namespace portal::lines_v2 {

constexpr char kMagic[4] = {'P', 'L', 'N', '2'};
constexpr uint32_t kVersion = kLinesV2Version;
// Bounds a reader enforces before it allocates: a hostile header cannot make it reserve more.
constexpr size_t kMaxBodyBytes = size_t{1} << 31;
constexpr size_t kMaxBlockBytes = size_t{64} << 20;

// How one column of one block is written (docs/lines-payload.md, "Column encodings").
enum Encoding : uint8_t {
    kDeltaInts = 1,       // zigzag varint of value - previous value
    kEndFromStart = 2,    // end date: 0 = none, else zigzag(end day - start day) + 1
    kPlainText = 3,       // lengths, then the concatenated text
    kDictionaryText = 4,  // distinct strings, then one index per row
    kDigitText = 5,       // per row: length, zigzag delta of the digits' value
};

// The payload's last 4 bytes: CRC-32 (zlib's, as in gzip and PNG) of every byte before them.
inline uint32_t PayloadCrc(uint32_t crc, std::string_view bytes) {
    return static_cast<uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}
constexpr size_t kChecksumSize = 4;

// Dates travel as day numbers: 0 = no date, else days since 1970-01-01 plus one.
inline int64_t DateValue(DateKey date) {
    return date == kNoDate ? 0 : DaysFromDateKey(date) + 1;
}

inline uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

inline void PutVarint(uint64_t v, std::string& out) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Reads one LEB128 varint of at most 10 bytes; false when it is cut off or too long.
inline bool GetVarint(const unsigned char*& p, const unsigned char* end, uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const unsigned char byte = *p++;
        if (shift == 63 && byte > 1) return false;
        v |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

// The longest digit string a uint64 holds with every value: 19 digits (< 10^19 < 2^64).
constexpr size_t kMaxDigits = 19;

// Serial numbers, counts and dates travel as integers; the engine's column table says which is which.
inline bool LinesColumnIsNumber(LineColumn c) {
    return !IsTextColumn(c);
}

}  // namespace portal::lines_v2
