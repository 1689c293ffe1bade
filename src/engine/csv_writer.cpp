// The CSV cell writer: RFC 4180 quoting, OWASP formula neutralising, UTF-8 with BOM or CP932.
#include "engine/csv_writer.h"

#include <algorithm>

#include "engine/cp932.h"
#include "engine/utf8.h"

namespace portal {

bool CsvNeedsNeutralising(std::string_view cell) {
    return !cell.empty() && kCsvByteClasses.first[static_cast<unsigned char>(cell[0])] != 0;
}

CsvWriter::CsvWriter(CsvEncoding encoding, std::vector<std::string_view> headers, size_t reserve_bytes)
    : encoding_(encoding), headers_(std::move(headers)) {
    out_.resize(reserve_bytes + 256);
    if (encoding_ == CsvEncoding::Utf8Bom) {
        for (char c : {'\xEF', '\xBB', '\xBF'}) Put(c);
    }
    BeginRow(0);
    for (std::string_view header : headers_) Field(header);
    EndRow();
}

void CsvWriter::Grow(size_t n) {
    out_.resize(std::max(out_.size() * 2, used_ + n));
}

void CsvWriter::SlowField(std::string_view cell, unsigned flags) {
    // Worst case: two quotes, an apostrophe and every byte doubled (CP932 never grows a cell).
    Ensure(cell.size() * 2 + 3);
    // A formula-like cell becomes text: a leading apostrophe, then the usual quoting rules.
    const bool quoted = (flags & CsvByteClasses::kNeedsQuotes) != 0;
    if (quoted) Put('"');
    if (flags & CsvByteClasses::kNeutralise) Put('\'');
    if ((flags & CsvByteClasses::kNonAscii) && encoding_ == CsvEncoding::Cp932) {
        AppendCp932(cell, quoted);
    } else {
        for (char c : cell) {
            if (quoted && c == '"') Put('"');
            Put(c);
        }
    }
    if (quoted) Put('"');
}

void CsvWriter::AppendCp932(std::string_view cell, bool quoted) {
    for (size_t pos = 0; pos < cell.size();) {
        const unsigned char byte = static_cast<unsigned char>(cell[pos]);
        if (byte < 0x80) {
            if (quoted && byte == '"') Put('"');
            Put(static_cast<char>(byte));
            ++pos;
            continue;
        }
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(cell, pos, cp);
        if (length == 0) {
            ReportUnencodable(0xFFFD);  // malformed UTF-8: reported like any unencodable character
            ++pos;
            continue;
        }
        const uint16_t code = Cp932Code(cp);
        if (code == 0) {
            ReportUnencodable(cp);
        } else {
            if (code >= 0x100) Put(static_cast<char>(code >> 8));
            Put(static_cast<char>(code & 0xFF));
        }
        pos += length;
    }
}

void CsvWriter::ReportUnencodable(uint32_t cp) {
    if (result_.unencodable_count++ == 0) {
        result_.first_bad_row = row_;
        result_.first_bad_column = column_;
        result_.first_bad_header =
            column_ >= 1 && column_ <= headers_.size() ? std::string(headers_[column_ - 1]) : std::string();
        result_.first_bad_codepoint = cp;
    }
}

CsvOutput CsvWriter::Finish() {
    CsvOutput output = std::move(result_);
    if (output.ok()) {  // never hand out bytes with holes in them
        out_.resize(used_);
        output.bytes = std::move(out_);
    }
    out_ = std::string();
    used_ = 0;
    return output;
}

}  // namespace portal
