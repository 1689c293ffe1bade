// The column catalogue and the columnar LineStore.
#include "engine/model.h"

#include <doctest/doctest.h>

#include "engine/codec.h"
#include "sample_lines.h"

using namespace portal;

TEST_CASE("the eleven columns in the manual's order with its headers") {
    const char* const expected[] = {"No",
                                    "電話番号",
                                    "アカウントID",
                                    "加入電話パスワード",
                                    "付加サービスパスワード",
                                    "サービス開始日",
                                    "サービス終了日",
                                    "チャンネル",
                                    "特定番号通知",
                                    "代表着信",
                                    "モバイルチョイス"};
    REQUIRE(LineColumns().size() == 11);
    for (size_t i = 0; i < 11; ++i) {
        CHECK(std::string(LineColumns()[i].header_ja) == expected[i]);
        CHECK(static_cast<size_t>(LineColumns()[i].column) == i);
        CHECK(FindLineColumn(LineColumns()[i].key) == &LineColumns()[i]);
    }
    CHECK(FindLineColumn("nope") == nullptr);
    CHECK(std::string(ColumnInfo(LineColumn::StartDate).key) == "start_date");
    CHECK(PlanKindKey(PlanKind::Basic) == "basic");
    CHECK(PlanKindKey(PlanKind::Standard) == "standard");
}

TEST_CASE("the basic plan hides the manual's list of columns") {
    const std::vector<LineColumn> basic = VisibleLineColumns(PlanKind::Basic);
    const std::vector<LineColumn> expected = {LineColumn::No, LineColumn::PhoneNumber, LineColumn::StartDate,
                                              LineColumn::EndDate, LineColumn::MobileChoice};
    CHECK(basic == expected);
    CHECK(VisibleLineColumns(PlanKind::Standard).size() == 11);
}

TEST_CASE("StringColumn keeps one arena and validates whole-column assignment") {
    StringColumn column;
    column.Push("abc");
    column.Push("");
    column.Push("電話");
    CHECK(column.Size() == 3);
    CHECK(column.Get(0) == "abc");
    CHECK(column.Get(1).empty());
    CHECK(column.Get(2) == "電話");
    CHECK(column.TextBytes() == 3 + 6);
    CHECK_FALSE(column.Assign({0, 3, 2}, "abc"));  // decreasing
    CHECK_FALSE(column.Assign({1, 3}, "abc"));     // not starting at 0
    CHECK_FALSE(column.Assign({0, 4}, "abc"));     // past the end
    CHECK(column.Get(2) == "電話");                // unchanged after refusals
    CHECK(column.Assign({0, 1, 3}, "xyz"));
    CHECK(column.Size() == 2);
    CHECK(column.Get(1) == "yz");
}

TEST_CASE("LineStore round-trips records and formats cells as displayed") {
    const LineStore store = test::ManualSampleLines();
    REQUIRE(store.Size() == 10);
    CHECK(store.IsConsistent());
    const LineRecord first = store.Record(0);
    CHECK(first.no == 1);
    CHECK(first.phone == "05058051001");
    CHECK(first.account_id == "815058051001");
    CHECK(first.line_password == "fVFZ29");
    CHECK(first.service_password == "YCZv69");
    CHECK(first.start_date == MakeDateKey(2022, 8, 17));
    CHECK(first.end_date == kNoDate);
    CHECK(first.channels == 2);
    std::string cell;
    store.FormatCell(0, LineColumn::StartDate, cell);
    CHECK(cell == "2022/08/17");
    cell.clear();
    store.FormatCell(0, LineColumn::EndDate, cell);
    CHECK(cell.empty());
    store.FormatCell(6, LineColumn::ServicePassword, cell);
    CHECK(cell == "X8c5x.B");
    cell.clear();
    store.FormatCell(9, LineColumn::No, cell);
    CHECK(cell == "10");
    CHECK(IsInService(kNoDate, test::kAsOf));
    CHECK(IsInService(test::kAsOf, test::kAsOf));
    CHECK_FALSE(IsInService(MakeDateKey(2026, 10, 2), test::kAsOf));
}

TEST_CASE("memory per line beyond its text stays well under 100 bytes") {
    // Built row by row the arenas grow by doubling; decoded from the binary payload they are exact.
    const LineStore built = test::MixedLines(100000, 7);
    const double built_per_line = static_cast<double>(built.MemoryBytes() - built.TextBytes()) / built.Size();
    const Result<LineStore> decoded = DecodeLinesBinary(EncodeLinesBinary(built, nullptr));
    REQUIRE(decoded.ok());
    const LineStore& exact = decoded.value();
    const double exact_per_line = static_cast<double>(exact.MemoryBytes() - exact.TextBytes()) / exact.Size();
    MESSAGE("bytes per line beyond text: " << exact_per_line << " (appended row by row, with growth slack: "
                                           << built_per_line << ")");
    CHECK(exact_per_line < 50.0);  // 4 No + 2 x 4 dates + 2 channels + 7 x 4 text offsets = 42
    CHECK(built_per_line < 100.0);
}
