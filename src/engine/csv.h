// RFC 4180 CSV in UTF-8 with BOM or CP932 (Shift_JIS as Windows Excel reads it), with
// formula neutralising (OWASP CSV injection) and strict reporting of unencodable characters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"

namespace portal {

enum class CsvEncoding : uint8_t { Utf8Bom, Cp932 };
// "utf-8" / "cp932" (also accepts "shift_jis", "sjis"); false when unknown.
bool ParseCsvEncoding(std::string_view text, CsvEncoding& out);
std::string_view CsvEncodingKey(CsvEncoding encoding);
// "text/csv; charset=UTF-8" or "text/csv; charset=Shift_JIS": the server's Content-Type and the
// browser's download type alike.
std::string_view CsvMediaType(CsvEncoding encoding);

// A table to write: the writer pulls cells one by one so no copy of the table is made.
class CsvSource {
  public:
    virtual ~CsvSource() = default;
    virtual size_t ColumnCount() const = 0;
    virtual size_t RowCount() const = 0;
    virtual std::string_view Header(size_t column) const = 0;
    // Appends the cell's UTF-8 text to `out` (which the writer clears before each call).
    virtual void Cell(size_t row, size_t column, std::string& out) const = 0;
};

struct CsvOutput {
    std::string bytes;             // empty when !ok(): nothing is ever silently replaced
    size_t unencodable_count = 0;  // characters CP932 cannot hold
    size_t first_bad_row = 0;      // 1-based data row (the header is row 0)
    size_t first_bad_column = 0;   // 1-based column
    std::string first_bad_header;
    uint32_t first_bad_codepoint = 0;
    bool ok() const { return unencodable_count == 0; }
    Error ToError() const;  // code "csv_unencodable", message names count, row and column
};

CsvOutput WriteCsv(const CsvSource& source, CsvEncoding encoding);

// OWASP: a cell starting with = + - @ TAB or CR gets a leading apostrophe so a spreadsheet
// shows it as text instead of running it.
bool CsvNeedsNeutralising(std::string_view cell);

// The manual's line table: its columns and Japanese headers in order, basic plan columns
// omitted, dates as 2022/08/17.
CsvOutput WriteLinesCsv(const LineStore& store, const std::vector<uint32_t>& rows, PlanKind plan,
                        CsvEncoding encoding);
CsvOutput WriteUsageCsv(const UsageReport& report, const std::vector<uint32_t>& rows, CsvEncoding encoding);
CsvOutput WriteCallDetailsCsv(const CallDetailReport& report, const std::vector<uint32_t>& rows,
                              CsvEncoding encoding);

// "050-1234-5678.csv"-safe file name: <customer code>_<yyyymmdd>[_hhmmss]_<what>.csv
std::string CsvFileName(std::string_view customer_code, std::string_view what, std::string_view stamp);

// CP932 encoding of UTF-8 text (exposed for tests). Returns false at the first code point that
// cannot be encoded, storing it in *bad_codepoint.
bool EncodeCp932(std::string_view utf8, std::string& out, uint32_t* bad_codepoint);

// RFC 4180 reader: used by tests to read back what the writer wrote, and by the server's CSV
// import. Accepts CRLF or LF; error code "csv_syntax" with the 1-based line in `field`.
Result<std::vector<std::vector<std::string>>> ReadCsv(std::string_view text);

}  // namespace portal
