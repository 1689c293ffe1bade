// Stable sorting by every column in both directions, through the cache and without it.
#include "engine/sort.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "sample_lines.h"

using namespace portal;

namespace {

// The reference: filter row by row, then std::stable_sort on the column's displayed order.
std::vector<uint32_t> Reference(const LineStore& store, const LineFilter& filter, const LineSort& sort,
                                size_t limit) {
    std::vector<uint32_t> rows;
    for (uint32_t row = 0; row < store.Size(); ++row)
        if (LineMatches(store, row, filter, test::kAsOf)) rows.push_back(row);
    SortRows(store, rows, sort);
    if (limit != 0 && rows.size() > limit) rows.resize(limit);
    return rows;
}

}  // namespace

TEST_CASE("ParseLineSort and FormatLineSort") {
    CHECK(ParseLineSort("").value().column == LineColumn::No);
    CHECK(ParseLineSort("").value().direction == SortDirection::Ascending);
    CHECK(ParseLineSort("phone").value().column == LineColumn::PhoneNumber);
    CHECK(ParseLineSort("phone:asc").value().direction == SortDirection::Ascending);
    const Result<LineSort> desc = ParseLineSort("start_date:desc");
    REQUIRE(desc.ok());
    CHECK(desc.value().column == LineColumn::StartDate);
    CHECK(desc.value().direction == SortDirection::Descending);
    CHECK(FormatLineSort(desc.value()) == "start_date:desc");
    for (const char* bad : {"bogus", "phone:up", ":asc", "phone:"}) {
        const Result<LineSort> result = ParseLineSort(bad);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "bad_sort");
        CHECK(result.error().field == "sort");
        CHECK_FALSE(result.error().message.ja.empty());
    }
}

TEST_CASE("SortRows is stable in both directions") {
    // Channels repeat a lot: equal keys must keep stored order ascending AND descending.
    const LineStore store = test::MixedLines(500, 4);
    std::vector<uint32_t> rows(store.Size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    for (SortDirection direction : {SortDirection::Ascending, SortDirection::Descending}) {
        std::vector<uint32_t> sorted = rows;
        SortRows(store, sorted, LineSort{LineColumn::Channels, direction});
        for (size_t i = 1; i < sorted.size(); ++i) {
            const uint16_t a = store.Channels(sorted[i - 1]), b = store.Channels(sorted[i]);
            if (a == b) {
                CHECK(sorted[i - 1] < sorted[i]);
            } else {
                CHECK((direction == SortDirection::Ascending ? a < b : a > b));
            }
        }
    }
}

TEST_CASE("QueryLines equals filter + stable sort for every column, direction, filter and limit") {
    const LineStore store = test::MixedLines(4000, 5);
    LineOrderCache cache;
    std::vector<LineFilter> filters(5);
    filters[1].status = StatusFilter::InServiceOnly;  // many matches: walks the cached order
    filters[2].prefix_digits = "05058071";            // few matches: sorted by rank
    filters[4].prefix_digits = "0505807";
    filters[3].prefix_digits = "050580";  // shorter than a validated prefix, still matched right
    filters[3].start_from = 20150101;
    filters[3].status = StatusFilter::InServiceOnly;
    for (const LineColumnInfo& info : LineColumns()) {
        for (SortDirection direction : {SortDirection::Ascending, SortDirection::Descending}) {
            const LineSort sort{info.column, direction};
            for (size_t f = 0; f < filters.size(); ++f) {
                for (size_t limit : {size_t(0), size_t(1), size_t(100), size_t(3999)}) {
                    CAPTURE(info.key);
                    CAPTURE(static_cast<int>(direction));
                    CAPTURE(f);
                    CAPTURE(limit);
                    CHECK(QueryLines(store, cache, filters[f], sort, test::kAsOf, limit) ==
                          Reference(store, filters[f], sort, limit));
                }
            }
        }
    }
    CHECK(cache.MemoryBytes() >= store.Size() * 2 * sizeof(uint32_t) * kLineColumnCount);
    cache.Reset();
    CHECK(cache.MemoryBytes() == 0);
}

TEST_CASE("descending keeps equal keys in stored order: the manual's sample by start date") {
    const LineStore store = test::ManualSampleLines();  // all start 2022/08/17
    LineOrderCache cache;
    const std::vector<uint32_t> rows = QueryLines(
        store, cache, LineFilter{}, LineSort{LineColumn::StartDate, SortDirection::Descending}, test::kAsOf);
    const std::vector<uint32_t> stored = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    CHECK(rows == stored);
    const std::vector<uint32_t> page =
        QueryLines(store, cache, LineFilter{}, LineSort{LineColumn::Channels, SortDirection::Descending},
                   test::kAsOf, 3);
    CHECK(page == std::vector<uint32_t>{0, 1, 2});
    const std::vector<uint32_t> by_phone_desc =
        QueryLines(store, cache, LineFilter{}, LineSort{LineColumn::PhoneNumber, SortDirection::Descending},
                   test::kAsOf, 2);
    CHECK(by_phone_desc == std::vector<uint32_t>{9, 8});
}

TEST_CASE("ranks: equal keys share one, order is ascending") {
    const LineStore store = test::MixedLines(1000, 6);
    LineOrderCache cache;
    const std::vector<uint32_t>& order = cache.AscendingOrder(store, LineColumn::HuntGroup);
    const std::vector<uint32_t>& rank = cache.Ranks(store, LineColumn::HuntGroup);
    REQUIRE(order.size() == store.Size());
    const StringColumn& text = store.TextColumn(LineColumn::HuntGroup);
    for (size_t i = 1; i < order.size(); ++i) {
        const bool equal = text.Get(order[i - 1]) == text.Get(order[i]);
        CHECK(text.Get(order[i - 1]) <= text.Get(order[i]));
        CHECK((equal ? rank[order[i - 1]] == rank[order[i]] : rank[order[i - 1]] + 1 == rank[order[i]]));
        if (equal) CHECK(order[i - 1] < order[i]);
    }
}

TEST_CASE("an empty store sorts and queries to nothing") {
    const LineStore store;
    LineOrderCache cache;
    CHECK(QueryLines(store, cache, LineFilter{}, LineSort{}, test::kAsOf, 100).empty());
    CHECK(cache.AscendingOrder(store, LineColumn::PhoneNumber).empty());
}
