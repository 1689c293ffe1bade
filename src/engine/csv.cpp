// CSV entry points: encodings, the generic table writer, error reports and file names.
#include "engine/csv.h"

#include <cstdio>

#include "engine/csv_writer.h"
#include "engine/format.h"

namespace portal {

bool ParseCsvEncoding(std::string_view text, CsvEncoding& out) {
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower == "utf-8" || lower == "utf8") {
        out = CsvEncoding::Utf8Bom;
    } else if (lower == "cp932" || lower == "shift_jis" || lower == "sjis" || lower == "shift-jis") {
        out = CsvEncoding::Cp932;
    } else {
        return false;
    }
    return true;
}

std::string_view CsvEncodingKey(CsvEncoding encoding) {
    return encoding == CsvEncoding::Cp932 ? "cp932" : "utf-8";
}

std::string_view CsvMediaType(CsvEncoding encoding) {
    return encoding == CsvEncoding::Cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=UTF-8";
}

Error CsvOutput::ToError() const {
    char codepoint[16];
    std::snprintf(codepoint, sizeof codepoint, "U+%04X", static_cast<unsigned>(first_bad_codepoint));
    const std::string count = FormatCount(static_cast<int64_t>(unencodable_count));
    const std::string row = std::to_string(first_bad_row);
    const std::string column = first_bad_header.empty() ? std::to_string(first_bad_column) : first_bad_header;
    Error error;
    error.code = "csv_unencodable";
    error.field = "encoding";
    error.message.ja = "Shift_JIS（CP932）で表せない文字が" + count + "文字あります（最初は" +
                       (first_bad_row == 0 ? std::string("見出し行") : row + "行目") + "の「" + column +
                       "」列、" + codepoint + "）。UTF-8でダウンロードしてください。";
    error.message.en = count + " character(s) cannot be written in Shift_JIS (CP932); the first is in " +
                       (first_bad_row == 0 ? std::string("the header row") : "row " + row) + ", column \"" +
                       column + "\" (" + codepoint + "). Please download the CSV as UTF-8.";
    return error;
}

CsvOutput WriteCsv(const CsvSource& source, CsvEncoding encoding) {
    const size_t columns = source.ColumnCount();
    std::vector<std::string_view> headers;
    headers.reserve(columns);
    for (size_t c = 0; c < columns; ++c) headers.push_back(source.Header(c));
    const size_t rows = source.RowCount();
    CsvWriter writer(encoding, std::move(headers), rows * columns * 12);
    std::string cell;
    for (size_t r = 0; r < rows; ++r) {
        writer.BeginRow(r + 1);
        for (size_t c = 0; c < columns; ++c) {
            cell.clear();
            source.Cell(r, c, cell);
            writer.Field(cell);
        }
        writer.EndRow();
    }
    return writer.Finish();
}

std::string CsvFileName(std::string_view customer_code, std::string_view what, std::string_view stamp) {
    // Only characters every file system and Content-Disposition header accept unquoted.
    const auto append_safe = [](std::string& out, std::string_view text) {
        for (char c : text) {
            const bool safe = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              c == '-' || c == '_';
            out.push_back(safe ? c : '_');
        }
    };
    std::string name;
    append_safe(name, customer_code.empty() ? std::string_view("portal050") : customer_code);
    if (!stamp.empty()) {
        name.push_back('_');
        append_safe(name, stamp);
    }
    if (!what.empty()) {
        name.push_back('_');
        append_safe(name, what);
    }
    name += ".csv";
    return name;
}

}  // namespace portal
