// The CSV writer: the manual's headers and columns, RFC 4180 quoting, formula neutralising,
// and the usage and call-detail tables.
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/csv.h"
#include "sample_lines.h"

using namespace portal;

namespace {

std::vector<uint32_t> AllRows(size_t n) {
    std::vector<uint32_t> rows(n);
    for (uint32_t i = 0; i < n; ++i) rows[i] = i;
    return rows;
}

// A one-column table of given cells.
class CellsSource : public CsvSource {
  public:
    explicit CellsSource(std::vector<std::string> cells) : cells_(std::move(cells)) {}
    size_t ColumnCount() const override { return 1; }
    size_t RowCount() const override { return cells_.size(); }
    std::string_view Header(size_t) const override { return "h"; }
    void Cell(size_t row, size_t, std::string& out) const override { out += cells_[row]; }

  private:
    std::vector<std::string> cells_;
};

std::string OneCell(const std::string& cell) {
    const CsvOutput output = WriteCsv(CellsSource({cell}), CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    const std::string prefix = "\xEF\xBB\xBFh\r\n";
    REQUIRE(output.bytes.substr(0, prefix.size()) == prefix);
    REQUIRE(output.bytes.size() >= prefix.size() + 2);
    return output.bytes.substr(prefix.size(), output.bytes.size() - prefix.size() - 2);
}

}  // namespace

TEST_CASE("the manual's 10 lines as UTF-8 CSV: BOM, Japanese headers, CRLF, dates 2022/08/17") {
    const LineStore store = test::ManualSampleLines();
    const CsvOutput output = WriteLinesCsv(store, AllRows(10), PlanKind::Standard, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    const std::string expected_start =
        "\xEF\xBB\xBF"
        "No,電話番号,アカウントID,加入電話パスワード,付加サービスパスワード,サービス開始日,サービス終了日,"
        "チャンネル,特定番号通知,代表着信,モバイルチョイス\r\n"
        "1,05058051001,815058051001,fVFZ29,YCZv69,2022/08/17,,2,,,\r\n"
        "2,05058051002,815058051002,a9My9X,TDwH95,2022/08/17,,2,,,\r\n";
    CHECK(output.bytes.substr(0, expected_start.size()) == expected_start);
    const std::string expected_end = "10,05058051010,815058051010,CLpT23,5efe4E,2022/08/17,,2,,,\r\n";
    CHECK(output.bytes.substr(output.bytes.size() - expected_end.size()) == expected_end);
    const Result<std::vector<std::vector<std::string>>> table = ReadCsv(output.bytes);
    REQUIRE(table.ok());
    CHECK(table.value().size() == 11);
    CHECK(table.value()[7][4] == "X8c5x.B");
}

TEST_CASE("the basic plan's CSV omits the manual's hidden columns") {
    const LineStore store = test::ManualSampleLines();
    const CsvOutput output = WriteLinesCsv(store, {2, 0}, PlanKind::Basic, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    CHECK(output.bytes ==
          "\xEF\xBB\xBF"
          "No,電話番号,サービス開始日,サービス終了日,モバイルチョイス\r\n"
          "3,05058051003,2022/08/17,,\r\n"
          "1,05058051001,2022/08/17,,\r\n");
}

TEST_CASE("RFC 4180 quoting: comma, quote, CR and LF") {
    CHECK(OneCell("plain") == "plain");
    CHECK(OneCell("a,b") == "\"a,b\"");
    CHECK(OneCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(OneCell("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(OneCell("lf\nonly") == "\"lf\nonly\"");
    CHECK(OneCell("東京,大阪") == "\"東京,大阪\"");
    CHECK(OneCell("") == "");
}

TEST_CASE("formula neutralising (OWASP): = + - @ TAB CR get a leading apostrophe") {
    CHECK(CsvNeedsNeutralising("=1+2"));
    CHECK(CsvNeedsNeutralising("+81"));
    CHECK(CsvNeedsNeutralising("-5"));
    CHECK(CsvNeedsNeutralising("@SUM(A1)"));
    CHECK(CsvNeedsNeutralising("\tx"));
    CHECK(CsvNeedsNeutralising("\rx"));
    CHECK_FALSE(CsvNeedsNeutralising("050"));
    CHECK_FALSE(CsvNeedsNeutralising(""));
    CHECK_FALSE(CsvNeedsNeutralising("a=b"));
    CHECK(OneCell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(OneCell("=1+2") == "'=1+2");
    CHECK(OneCell("-5") == "'-5");
    CHECK(OneCell("@cmd") == "'@cmd");
    CHECK(OneCell("+81-50") == "'+81-50");
    CHECK(OneCell("\tTAB") == "'\tTAB");
    CHECK(OneCell("\rCR") == "\"'\rCR\"");
    CHECK(OneCell("=a,b") == "\"'=a,b\"");
}

TEST_CASE("usage CSV: number, calls, h:mm:ss, yen") {
    UsageReport report;
    report.month = "2026-10";
    report.rows = {{"05058051001", 12, 3725, 1234}, {"0312345678", 0, 0, 0}};
    const CsvOutput output = WriteUsageCsv(report, {1, 0}, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    CHECK(output.bytes ==
          "\xEF\xBB\xBF電話番号,通話回数,通話時間,通話料金(円)\r\n"
          "0312345678,0,0:00:00,0\r\n"
          "05058051001,12,1:02:05,1234\r\n");
}

TEST_CASE("call-detail CSV: number, JST start, destination, duration, yen") {
    CallDetailReport report;
    report.phone = "05058051001";
    CallDetail call;
    call.phone = "05058051001";
    call.start = 1790953200 + 14 * 3600 + 5 * 60 + 9;  // 2026/10/03 14:05:09 JST
    call.destination = "0312345678";
    call.duration_seconds = 65;
    call.charge_yen = 9;
    report.calls = {call};
    const CsvOutput output = WriteCallDetailsCsv(report, {0}, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    CHECK(output.bytes ==
          "\xEF\xBB\xBF電話番号,通話開始日時,通話先電話番号,通話時間,通話料金(円)\r\n"
          "05058051001,2026/10/03 14:05:09,0312345678,0:01:05,9\r\n");
}

TEST_CASE("encodings and file names") {
    CsvEncoding encoding = CsvEncoding::Utf8Bom;
    CHECK(ParseCsvEncoding("cp932", encoding));
    CHECK(encoding == CsvEncoding::Cp932);
    CHECK(ParseCsvEncoding("UTF-8", encoding));
    CHECK(encoding == CsvEncoding::Utf8Bom);
    CHECK(ParseCsvEncoding("Shift_JIS", encoding));
    CHECK(encoding == CsvEncoding::Cp932);
    CHECK(ParseCsvEncoding("sjis", encoding));
    CHECK_FALSE(ParseCsvEncoding("latin1", encoding));
    CHECK(CsvEncodingKey(CsvEncoding::Cp932) == "cp932");
    CHECK(CsvEncodingKey(CsvEncoding::Utf8Bom) == "utf-8");
    CHECK(CsvFileName("C9", "lines", "20261003") == "C9_20261003_lines.csv");
    CHECK(CsvFileName("C9", "usage", "20261003_140509") == "C9_20261003_140509_usage.csv");
    CHECK(CsvFileName("../C9 x", "lines", "20261003") == "___C9_x_20261003_lines.csv");
}

TEST_CASE("an empty selection still writes the header") {
    const LineStore store = test::ManualSampleLines();
    const CsvOutput output = WriteLinesCsv(store, {}, PlanKind::Basic, CsvEncoding::Utf8Bom);
    REQUIRE(output.ok());
    CHECK(output.bytes == "\xEF\xBB\xBFNo,電話番号,サービス開始日,サービス終了日,モバイルチョイス\r\n");
}

TEST_CASE("rows in any order give the bytes of a table stored in that order") {
    const LineStore store = test::MixedLines(2500, 11);
    std::vector<std::vector<uint32_t>> orders;
    std::vector<uint32_t> reversed = AllRows(store.Size());
    std::reverse(reversed.begin(), reversed.end());
    orders.push_back(reversed);
    std::vector<uint32_t> shuffled = AllRows(store.Size());
    uint32_t state = 12345;  // a small LCG: the same permutation natively and in WASM
    for (size_t i = shuffled.size(); i > 1; --i) {
        state = state * 1664525u + 1013904223u;
        std::swap(shuffled[i - 1], shuffled[state % i]);
    }
    orders.push_back(shuffled);
    orders.push_back({7, 3, 3, 1200, 0});  // repeats, a short last block
    shuffled.resize(1030);                 // two blocks and a bit, a subset
    orders.push_back(shuffled);
    for (const auto& rows : orders) {
        LineStore in_order;
        for (uint32_t row : rows) in_order.Append(store.Record(row));
        for (PlanKind plan : {PlanKind::Standard, PlanKind::Basic}) {
            for (CsvEncoding encoding : {CsvEncoding::Utf8Bom, CsvEncoding::Cp932}) {
                CAPTURE(rows.size());
                const CsvOutput gathered = WriteLinesCsv(store, rows, plan, encoding);
                const CsvOutput stored = WriteLinesCsv(in_order, AllRows(rows.size()), plan, encoding);
                CHECK(gathered.bytes == stored.bytes);
                CHECK(gathered.unencodable_count == stored.unencodable_count);
                CHECK(gathered.first_bad_row == stored.first_bad_row);
                CHECK(gathered.first_bad_column == stored.first_bad_column);
            }
        }
    }
}
