// The usage / call-detail order shared by the client's tables and the server's `sort` parameter.
#include "engine/report_sort.h"

#include <doctest/doctest.h>

namespace portal {
namespace {

std::vector<std::string> Phones(const std::vector<UsageRow>& all, const std::vector<uint32_t>& rows) {
    std::vector<std::string> phones;
    for (uint32_t r : rows) phones.push_back(all[r].phone);
    return phones;
}

}  // namespace

TEST_CASE("report sort: keys in the client's column names, both spellings of descending") {
    auto charge = ParseUsageSort("-charge");
    REQUIRE(charge.ok());
    CHECK(charge.value().column == UsageSortColumn::Charge);
    CHECK(charge.value().direction == SortDirection::Descending);
    auto calls = ParseUsageSort("calls:asc");
    REQUIRE(calls.ok());
    CHECK(calls.value().column == UsageSortColumn::Calls);
    CHECK(calls.value().direction == SortDirection::Ascending);
    auto empty = ParseUsageSort("");
    REQUIRE(empty.ok());
    CHECK(empty.value().column == UsageSortColumn::Phone);
    auto duration = ParseCallSort("duration:desc");
    REQUIRE(duration.ok());
    CHECK(duration.value().column == CallSortColumn::Duration);
    CHECK(duration.value().direction == SortDirection::Descending);
}

TEST_CASE("report sort: unknown keys and malformed directions are refused in both languages") {
    for (const char* bad : {"price", "-", "charge:down", "-charge:desc", "CHARGE", "start"}) {
        CAPTURE(bad);
        auto parsed = ParseUsageSort(bad);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "bad_sort");
        CHECK(parsed.error().field == "sort");
        CHECK_FALSE(parsed.error().message.ja.empty());
        CHECK(parsed.error().message.en.find("charge") != std::string::npos);
    }
    CHECK_FALSE(ParseCallSort("calls").ok());  // a usage key is not a call-detail key
}

TEST_CASE("usage sort: ties follow the number ascending in both directions, whatever the input order") {
    const std::vector<UsageRow> all = {
        {"05000000003", 2, 60, 100},
        {"05000000001", 1, 30, 100},
        {"05000000002", 5, 10, 300},
        {"05000000004", 1, 90, 50},
    };
    std::vector<uint32_t> rows = AllRows(all.size());
    SortUsageRows(all, rows, UsageSort{UsageSortColumn::Charge, SortDirection::Ascending});
    CHECK(Phones(all, rows) ==
          std::vector<std::string>{"05000000004", "05000000001", "05000000003", "05000000002"});
    rows = AllRows(all.size());
    SortUsageRows(all, rows, UsageSort{UsageSortColumn::Charge, SortDirection::Descending});
    CHECK(Phones(all, rows) ==
          std::vector<std::string>{"05000000002", "05000000001", "05000000003", "05000000004"});
    rows = AllRows(all.size());
    SortUsageRows(all, rows, UsageSort{UsageSortColumn::Phone, SortDirection::Descending});
    CHECK(Phones(all, rows) ==
          std::vector<std::string>{"05000000004", "05000000003", "05000000002", "05000000001"});
    // A subset (the prefix filter) keeps the same relative order.
    rows = {3, 0, 1};
    SortUsageRows(all, rows, UsageSort{UsageSortColumn::Calls, SortDirection::Ascending});
    CHECK(Phones(all, rows) == std::vector<std::string>{"05000000001", "05000000004", "05000000003"});
}

TEST_CASE("call sort: ties follow the start time; start descending is the exact reverse") {
    const std::vector<CallDetail> calls = {
        {"05000000001", 300, "0312345678", 60, 10},
        {"05000000001", 100, "0612345678", 60, 20},
        {"05000000001", 200, "0312345678", 30, 10},
        {"05000000001", 100, "0112345678", 90, 5},
    };
    std::vector<uint32_t> rows = AllRows(calls.size());
    SortCallRows(calls, rows, CallSort{CallSortColumn::Start, SortDirection::Ascending});
    CHECK(rows == std::vector<uint32_t>{1, 3, 2, 0});
    rows = AllRows(calls.size());
    SortCallRows(calls, rows, CallSort{CallSortColumn::Start, SortDirection::Descending});
    CHECK(rows == std::vector<uint32_t>{0, 2, 3, 1});
    rows = AllRows(calls.size());
    SortCallRows(calls, rows, CallSort{CallSortColumn::Destination, SortDirection::Ascending});
    CHECK(rows == std::vector<uint32_t>{3, 2, 0, 1});
    rows = AllRows(calls.size());
    SortCallRows(calls, rows, CallSort{CallSortColumn::Charge, SortDirection::Descending});
    CHECK(rows == std::vector<uint32_t>{1, 2, 0, 3});
}

}  // namespace portal
