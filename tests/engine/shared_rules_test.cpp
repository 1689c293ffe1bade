// Rules both the server and the client follow, written once in the engine: month keys, days in a
// month, file-name stamps, row indices, the usage table's number condition, media types and the
// line columns' types.
#include <doctest/doctest.h>

#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/date.h"
#include "engine/model.h"
#include "engine/report_sort.h"
#include "engine/sort.h"

using namespace portal;

TEST_CASE("a month key is a four-digit year, a dash and a month 01-12") {
    CHECK(IsMonthKey("2026-10"));
    CHECK(IsMonthKey("1999-01"));
    CHECK(IsMonthKey("2026-12"));
    for (const char* bad : {"2026-13", "2026-00", "2026-1", "2026/10", "26-10", "2026-10-01", "", "abcd-ef",
                            "2026-1a", " 2026-10"})
        CHECK_MESSAGE(!IsMonthKey(bad), bad);
}

TEST_CASE("days in a month follow the Gregorian leap years") {
    CHECK(DaysInMonth(2023, 1) == 31);
    CHECK(DaysInMonth(2023, 2) == 28);
    CHECK(DaysInMonth(2024, 2) == 29);
    CHECK(DaysInMonth(1900, 2) == 28);
    CHECK(DaysInMonth(2000, 2) == 29);
    CHECK(DaysInMonth(2023, 4) == 30);
    CHECK(DaysInMonth(2023, 12) == 31);
    // A date input with no month chosen yet offers every day.
    CHECK(DaysInMonth(2023, 0) == 31);
    CHECK(DaysInMonth(2023, 13) == 31);
}

TEST_CASE("file-name stamps: yyyymmdd for a date, yyyymm for a month key") {
    CHECK(DateStamp(MakeDateKey(2022, 8, 7)) == "20220807");
    CHECK(DateStamp(MakeDateKey(1999, 12, 31)) == "19991231");
    CHECK(MonthStamp("2026-10") == "202610");
    CHECK(MonthStamp("not a month") == "not a month");
}

TEST_CASE("AllRows lists every row once in stored order") {
    CHECK(AllRows(0).empty());
    CHECK(AllRows(4) == std::vector<uint32_t>{0, 1, 2, 3});
}

TEST_CASE("the usage number condition keeps the rows whose number starts with the digits, in order") {
    std::vector<UsageRow> rows(4);
    rows[0].phone = "05012345678";
    rows[1].phone = "05099990000";
    rows[2].phone = "0312345678";
    rows[3].phone = "05012340000";
    CHECK(UsageRowsWithPrefix(rows, "") == std::vector<uint32_t>{0, 1, 2, 3});
    CHECK(UsageRowsWithPrefix(rows, "0501234") == std::vector<uint32_t>{0, 3});
    CHECK(UsageRowsWithPrefix(rows, "05012345678") == std::vector<uint32_t>{0});
    CHECK(UsageRowsWithPrefix(rows, "050123456789").empty());  // longer than every number
    CHECK(HasPhonePrefix("0501234", ""));
    CHECK_FALSE(HasPhonePrefix("050", "0501"));
}

TEST_CASE("media types: one spelling for the server's headers and the browser's downloads") {
    CHECK(CsvMediaType(CsvEncoding::Utf8Bom) == "text/csv; charset=UTF-8");
    CHECK(CsvMediaType(CsvEncoding::Cp932) == "text/csv; charset=Shift_JIS");
    CHECK(kLinesBinaryMediaType == "application/vnd.portal050.lines");
    CHECK(kJsonMediaType == "application/json; charset=utf-8");
}

TEST_CASE("every line column has a type, and the store answers it the matching way") {
    LineRecord record;
    record.no = 7;
    record.phone = "05011112222";
    record.account_id = "acc";
    record.line_password = "lp";
    record.service_password = "sp";
    record.start_date = MakeDateKey(2022, 8, 17);
    record.end_date = kNoDate;
    record.channels = 2;
    record.caller_id_number = "0311112222";
    record.hunt_group = "hg";
    record.mobile_choice = "mc";
    LineStore store;
    store.Append(record);

    int text_columns = 0;
    for (const LineColumnInfo& info : LineColumns()) {
        CAPTURE(info.key);
        const bool text = info.type == LineColumnType::Text;
        CHECK(IsTextColumn(info.column) == text);
        CHECK((store.FindTextColumn(info.column) != nullptr) == text);
        text_columns += text;
    }
    CHECK(text_columns == 7);
    // The numeric columns, which a text read used to answer silently with the phone numbers.
    CHECK(store.FindTextColumn(LineColumn::No) == nullptr);
    CHECK(ColumnInfo(LineColumn::No).type == LineColumnType::Serial);
    CHECK(ColumnInfo(LineColumn::StartDate).type == LineColumnType::Date);
    CHECK(ColumnInfo(LineColumn::EndDate).type == LineColumnType::Date);
    CHECK(ColumnInfo(LineColumn::Channels).type == LineColumnType::Count);
    CHECK(store.Number(0, LineColumn::No) == 7);
    CHECK(store.Number(0, LineColumn::StartDate) == MakeDateKey(2022, 8, 17));
    CHECK(store.Number(0, LineColumn::EndDate) == kNoDate);
    CHECK(store.Number(0, LineColumn::Channels) == 2);
    CHECK(store.FindTextColumn(LineColumn::HuntGroup)->Get(0) == "hg");
    CHECK(store.TextColumn(LineColumn::PhoneNumber).Get(0) == "05011112222");

    // The display form follows the type: a Count of 0 and a missing date are blank.
    std::string cell;
    store.FormatCell(0, LineColumn::StartDate, cell);
    CHECK(cell == "2022/08/17");
    cell.clear();
    store.FormatCell(0, LineColumn::EndDate, cell);
    CHECK(cell.empty());
    cell.clear();
    store.FormatCell(0, LineColumn::Channels, cell);
    CHECK(cell == "2");
}
