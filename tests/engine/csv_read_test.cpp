// The RFC 4180 reader, and write -> read round trips of awkward cells.
#include <doctest/doctest.h>

#include "engine/csv.h"
#include "sample_lines.h"

using namespace portal;

namespace {

using Table = std::vector<std::vector<std::string>>;

class TableSource : public CsvSource {
  public:
    TableSource(std::vector<std::string> headers, Table rows)
        : headers_(std::move(headers)), rows_(std::move(rows)) {}
    size_t ColumnCount() const override { return headers_.size(); }
    size_t RowCount() const override { return rows_.size(); }
    std::string_view Header(size_t column) const override { return headers_[column]; }
    void Cell(size_t row, size_t column, std::string& out) const override { out += rows_[row][column]; }

  private:
    std::vector<std::string> headers_;
    Table rows_;
};

Table Read(std::string_view text) {
    const Result<Table> result = ReadCsv(text);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message.en));
    return result.value();
}

Error ReadError(std::string_view text) {
    const Result<Table> result = ReadCsv(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "csv_syntax");
    return result.error();
}

}  // namespace

TEST_CASE("reading RFC 4180: quotes, doubled quotes, embedded CRLF, LF-only files, BOM") {
    CHECK(Read("a,b\r\nc,d\r\n") == Table{{"a", "b"}, {"c", "d"}});
    CHECK(Read("a,b\nc,d") == Table{{"a", "b"}, {"c", "d"}});
    CHECK(Read("\xEF\xBB\xBFx\r\n") == Table{{"x"}});
    CHECK(Read("\"a,b\",\"say \"\"hi\"\"\"\r\n") == Table{{"a,b", "say \"hi\""}});
    CHECK(Read("\"two\r\nlines\",x\r\n") == Table{{"two\r\nlines", "x"}});
    CHECK(Read(",\r\n") == Table{{"", ""}});
    CHECK(Read("a,\r\n\r\nb") == Table{{"a", ""}, {""}, {"b"}});
    CHECK(Read("a,") == Table{{"a", ""}});
    CHECK(Read("").empty());
    CHECK(Read("\"\"") == Table{{""}});
}

TEST_CASE("reading refuses malformed CSV with the line number") {
    CHECK(ReadError("a\r\n\"open").field == "2");
    CHECK(ReadError("a\"b\r\n").field == "1");
    CHECK(ReadError("\"a\"b\r\n").field == "1");
    CHECK(ReadError("a\rb").field == "1");
    const Error error = ReadError("x\r\ny\r\n\"multi\r\nline\"z");
    CHECK(error.field == "4");
    CHECK_FALSE(error.message.ja.empty());
}

TEST_CASE("what the writer writes, the reader reads back unchanged") {
    const std::vector<std::string> headers = {"電話番号", "メモ", "数式", "空"};
    const Table rows = {
        {"05058051001", "東京, 大阪", "plain", ""},
        {"0312345678", "「引用」\"quoted\"", "a=b", ""},
        {"05058051003", "改行\r\nあり", "two\nlines", ""},
        {"05058051004", "①～髙", ",", "\""},
    };
    const CsvOutput output = WriteCsv(TableSource(headers, rows), CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    Table expected = {headers};
    expected.insert(expected.end(), rows.begin(), rows.end());
    CHECK(Read(output.bytes) == expected);
}

TEST_CASE("neutralised cells read back with their apostrophe, everything else unchanged") {
    const Table rows = {{"=1+2", "-5", "@x"}, {"\tTAB", "\rCR", "+81"}};
    const CsvOutput output = WriteCsv(TableSource({"a", "b", "c"}, rows), CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    const Table read = Read(output.bytes);
    REQUIRE(read.size() == 3);
    CHECK(read[1] == std::vector<std::string>{"'=1+2", "'-5", "'@x"});
    CHECK(read[2] == std::vector<std::string>{"'\tTAB", "'\rCR", "'+81"});
}

TEST_CASE("a mixed lines CSV reads back equal to the store's displayed cells") {
    const LineStore store = test::MixedLines(2000, 9);
    std::vector<uint32_t> rows(store.Size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(rows.size() - 1 - i);
    const CsvOutput output = WriteLinesCsv(store, rows, PlanKind::Standard, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    const Table read = Read(output.bytes);
    REQUIRE(read.size() == rows.size() + 1);
    for (size_t i = 0; i < rows.size(); ++i) {
        for (size_t c = 0; c < kLineColumnCount; ++c) {
            std::string cell;
            store.FormatCell(rows[i], static_cast<LineColumn>(c), cell);
            if (CsvNeedsNeutralising(cell)) cell.insert(0, "'");
            CHECK(read[i + 1][c] == cell);
        }
    }
}
