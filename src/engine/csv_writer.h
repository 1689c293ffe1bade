// Internal: the one CSV cell writer behind WriteCsv and the table writers. Appends into a single
// reserved string; ASCII cells (most of a line table) take a copy-only fast path in both encodings.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/csv.h"

namespace portal {

// Byte classes for the one-pass cell scan: what forces quotes, what leaves ASCII, and which first
// bytes make a spreadsheet run the cell as a formula.
struct CsvByteClasses {
    enum : uint8_t { kNeedsQuotes = 1, kNonAscii = 2, kNeutralise = 4 };
    uint8_t any[256] = {};
    uint8_t first[256] = {};
    constexpr CsvByteClasses() {
        for (int c = 0x80; c < 0x100; ++c) any[c] = kNonAscii;
        const char quoting[] = {',', '"', '\r', '\n'};
        for (char c : quoting) any[static_cast<unsigned char>(c)] = kNeedsQuotes;
        const char formula[] = {'=', '+', '-', '@', '\t', '\r'};  // OWASP CSV injection
        for (char c : formula) first[static_cast<unsigned char>(c)] = kNeutralise;
    }
};
inline constexpr CsvByteClasses kCsvByteClasses{};

class CsvWriter {
public:
    // `headers` name the columns for error reports; they are written as the first row.
    CsvWriter(CsvEncoding encoding, std::vector<std::string_view> headers, size_t reserve_bytes);

    void BeginRow(size_t data_row) {  // 1-based data row, for error reports
        row_ = data_row;
        column_ = 0;
    }
    void Field(std::string_view cell) {
        if (column_ != 0) out_.push_back(',');
        ++column_;
        if (cell.empty()) return;
        unsigned flags = 0;
        for (unsigned char c : cell) flags |= kCsvByteClasses.any[c];
        flags |= kCsvByteClasses.first[static_cast<unsigned char>(cell[0])];
        if (flags == 0) {
            out_.append(cell.data(), cell.size());
        } else {
            SlowField(cell, flags);
        }
    }
    void EndRow() { out_.append("\r\n", 2); }
    CsvOutput Finish();

private:
    void SlowField(std::string_view cell, unsigned flags);
    void AppendCp932(std::string_view cell, bool quoted);
    void ReportUnencodable(uint32_t cp);

    CsvEncoding encoding_;
    std::vector<std::string_view> headers_;
    std::string out_;
    CsvOutput result_;
    size_t row_ = 0;
    size_t column_ = 0;
};

}  // namespace portal
