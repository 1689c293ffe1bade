// The workbook writer: a zip package with the expected parts, the same bytes for the same rows,
// and Excel's row limit refused with a message offering CSV. (Cell types and values are read
// back with openpyxl by tests/engine/xlsx_check.py.)
#include <doctest/doctest.h>

#include "engine/xlsx.h"
#include "sample_lines.h"

using namespace portal;

namespace {

std::vector<uint32_t> AllRows(size_t n) {
    std::vector<uint32_t> rows(n);
    for (uint32_t i = 0; i < n; ++i) rows[i] = i;
    return rows;
}

const XlsxDocumentInfo kInfo{"C0012345", test::kAsOf};

}  // namespace

TEST_CASE("a lines workbook is a zip package holding one worksheet") {
    const LineStore store = test::ManualSampleLines();
    const XlsxOutput output = WriteLinesXlsx(store, AllRows(store.Size()), PlanKind::Standard, kInfo);
    REQUIRE(output.ok());
    CHECK(output.bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    for (const char* part : {"xl/worksheets/sheet1.xml", "xl/workbook.xml", "docProps/core.xml",
                             "docProps/custom.xml", "xl/styles.xml", "[Content_Types].xml"})
        CHECK_MESSAGE(output.bytes.find(part) != std::string::npos, part);
    CHECK(output.bytes.find("xl/worksheets/sheet2.xml") == std::string::npos);
}

TEST_CASE("the same rows give the same bytes (no clock in the document)") {
    const LineStore store = test::MixedLines(500, 7);
    const auto rows = AllRows(store.Size());
    const XlsxOutput first = WriteLinesXlsx(store, rows, PlanKind::Basic, kInfo);
    const XlsxOutput second = WriteLinesXlsx(store, rows, PlanKind::Basic, kInfo);
    REQUIRE(first.ok());
    CHECK(first.bytes == second.bytes);
    const XlsxOutput other_day = WriteLinesXlsx(store, rows, PlanKind::Basic, {"C0012345", test::kAsOf + 1});
    CHECK(other_day.bytes != first.bytes);
}

TEST_CASE("usage and call-detail workbooks, empty ones included") {
    UsageReport usage;
    usage.month = "2026-10";
    usage.rows = {{"05058202003", 12, 3725, 1234567}, {"0312345678", 0, 0, 0}};
    CHECK(WriteUsageXlsx(usage, AllRows(2), kInfo).ok());
    CHECK(WriteUsageXlsx(usage, {}, kInfo).ok());
    CallDetailReport calls;
    calls.phone = "05058202003";
    calls.calls = {{"05058202003", 1791000000, "0120123456", 61, 11}};
    CHECK(WriteCallDetailsXlsx(calls, AllRows(1), kInfo).ok());
    CHECK(WriteCallDetailsXlsx(calls, {}, kInfo).ok());
}

TEST_CASE("more rows than one Excel sheet holds are refused with a message offering CSV") {
    UsageReport usage;
    usage.month = "2026-10";
    const std::vector<uint32_t> rows(kXlsxMaxDataRows + 1, 0);
    const XlsxOutput output = WriteUsageXlsx(usage, rows, kInfo);
    REQUIRE_FALSE(output.ok());
    CHECK(output.bytes.empty());
    CHECK(output.error.code == "xlsx_too_many_rows");
    CHECK(output.error.message.ja.find("CSV") != std::string::npos);
    CHECK(output.error.message.en.find("CSV") != std::string::npos);
    CHECK(output.error.message.en.find("1048576") != std::string::npos);
}

TEST_CASE("workbook file names follow the CSV's") {
    CHECK(XlsxFileName("C001", "lines", "20261003") == "C001_20261003_lines.xlsx");
}
