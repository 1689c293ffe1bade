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
        // Fast path: copy while classifying, in one pass over the bytes; only a cell that needs
        // quoting, neutralising or CP932 conversion is rewound and written again by SlowField.
        const size_t n = cell.size();
        Ensure(n + 1);
        char* p = &out_[used_];
        if (column_ != 0) *p++ = ',';
        ++column_;
        unsigned flags = n != 0 ? kCsvByteClasses.first[static_cast<unsigned char>(cell[0])] : 0;
        for (size_t i = 0; i < n; ++i) {
            const unsigned char c = static_cast<unsigned char>(cell[i]);
            p[i] = static_cast<char>(c);
            flags |= kCsvByteClasses.any[c];
        }
        if (flags == 0) {
            used_ = static_cast<size_t>(p + n - out_.data());
        } else {
            used_ = static_cast<size_t>(p - out_.data());
            SlowField(cell, flags);
        }
    }
    void EndRow() {
        Ensure(2);
        out_[used_] = '\r';
        out_[used_ + 1] = '\n';
        used_ += 2;
    }
    CsvOutput Finish();
    size_t Written() const { return used_; }  // bytes so far, BOM and header included

  private:
    // Keeps room for `n` more bytes. The string is sized ahead and written through a pointer:
    // per-cell append() calls were the writer's main cost at a million lines.
    void Ensure(size_t n) {
        if (out_.size() - used_ < n) Grow(n);
    }
    void Grow(size_t n);
    void Put(char c) { out_[used_++] = c; }
    void SlowField(std::string_view cell, unsigned flags);
    void AppendCp932(std::string_view cell, bool quoted);
    void ReportUnencodable(uint32_t cp);

    CsvEncoding encoding_;
    std::vector<std::string_view> headers_;
    std::string out_;  // out_.size() is the room written so far; used_ the bytes written
    size_t used_ = 0;
    CsvOutput result_;
    size_t row_ = 0;
    size_t column_ = 0;
};

}  // namespace portal
