// The manual's 検索条件: validation messages and matching, alone and combined.
#include "engine/filter.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "sample_lines.h"

using namespace portal;

namespace {

LineFilter Valid(const LineQueryInput& input) {
    const LineFilterValidation validation = ValidateLineQuery(input);
    REQUIRE_MESSAGE(validation.ok(), (validation.ok() ? "" : validation.errors[0].code));
    return validation.filter;
}

Error OnlyError(const LineFilterValidation& validation) {
    REQUIRE(validation.errors.size() == 1);
    CHECK_FALSE(validation.errors[0].message.ja.empty());
    CHECK_FALSE(validation.errors[0].message.en.empty());
    return validation.errors[0];
}

LineQueryInput Prefix(const std::string& text) {
    LineQueryInput input;
    input.phone_prefix = text;
    return input;
}

LineQueryInput Dates(const std::string& from, const std::string& to) {
    LineQueryInput input;
    input.start_from = from;
    input.start_to = to;
    return input;
}

// The reference: every row tested one by one.
std::vector<uint32_t> ByHand(const LineStore& store, const LineFilter& filter) {
    std::vector<uint32_t> rows;
    for (uint32_t row = 0; row < store.Size(); ++row)
        if (LineMatches(store, row, filter, test::kAsOf)) rows.push_back(row);
    return rows;
}

}  // namespace

TEST_CASE("an empty query is no condition: the manual's 10 lines all show") {
    const LineStore store = test::ManualSampleLines();
    const LineFilter filter = Valid(LineQueryInput{});
    CHECK(filter.prefix_digits.empty());
    CHECK(MatchLines(store, filter, test::kAsOf).size() == 10);
    CHECK(Valid(Prefix("   ")).prefix_digits.empty());  // spaces only: still no condition
}

TEST_CASE("phone prefix 0505805 as in the manual") {
    const LineStore store = test::ManualSampleLines();
    CHECK(MatchLines(store, Valid(Prefix("0505805")), test::kAsOf).size() == 10);
    CHECK(MatchLines(store, Valid(Prefix("050-5805")), test::kAsOf).size() == 10);
    CHECK(MatchLines(store, Valid(Prefix("０５０ー５８０５")), test::kAsOf).size() == 10);
    CHECK(MatchLines(store, Valid(Prefix("0505806")), test::kAsOf).empty());
    const std::vector<uint32_t> one = MatchLines(store, Valid(Prefix("050 5805 1004")), test::kAsOf);
    REQUIRE(one.size() == 1);
    CHECK(store.Phone(one[0]) == "05058051004");
    CHECK(MatchLines(store, Valid(Prefix("0505805100")), test::kAsOf).size() == 9);
}

TEST_CASE("phone prefix validation errors") {
    const Error short_error = OnlyError(ValidateLineQuery(Prefix("050580")));
    CHECK(short_error.code == "prefix_too_short");
    CHECK(short_error.field == "phone_prefix");
    CHECK(short_error.message.ja == "電話番号は7桁以上の数字で入力してください。");
    CHECK(OnlyError(ValidateLineQuery(Prefix("050-580"))).code == "prefix_too_short");
    CHECK(OnlyError(ValidateLineQuery(Prefix("---"))).code == "prefix_too_short");
    const Error not_digits = OnlyError(ValidateLineQuery(Prefix("0505805a")));
    CHECK(not_digits.code == "prefix_not_digits");
    CHECK(not_digits.field == "phone_prefix");
    CHECK(OnlyError(ValidateLineQuery(Prefix("+81505805"))).code == "prefix_not_digits");
    CHECK(OnlyError(ValidateLineQuery(Prefix("050.5805"))).code == "prefix_not_digits");
    const Error too_long = OnlyError(ValidateLineQuery(Prefix("050580512345")));
    CHECK(too_long.code == "prefix_too_long");
    CHECK(Valid(Prefix("05058051234")).prefix_digits == "05058051234");  // 11 digits is fine
}

TEST_CASE("start date from only, range and to only, inclusive") {
    const LineStore store = test::MixedLines(3000, 1);
    const auto count_between = [&](DateKey low, DateKey high) {
        size_t n = 0;
        for (size_t row = 0; row < store.Size(); ++row)
            n += store.StartDate(row) >= low && store.StartDate(row) <= high;
        return n;
    };
    // サービス開始日以降 (from only)
    const std::vector<uint32_t> from = MatchLines(store, Valid(Dates("2020/04/01", "")), test::kAsOf);
    CHECK(from.size() == count_between(20200401, 29991231));
    for (uint32_t row : from) CHECK(store.StartDate(row) >= 20200401u);
    // サービス開始日期間 (range), both ends inclusive
    const std::vector<uint32_t> range =
        MatchLines(store, Valid(Dates("2015-01-01", "2015-12-31")), test::kAsOf);
    CHECK(range.size() == count_between(20150101, 20151231));
    CHECK(range.size() > 0);
    // サービス開始日以前 (to only)
    const std::vector<uint32_t> to = MatchLines(store, Valid(Dates("", "2012/06/30")), test::kAsOf);
    CHECK(to.size() == count_between(1, 20120630));
    // inclusive bounds: a one-day range holds exactly the lines starting that day
    const DateKey day = store.StartDate(17);
    const std::string text = FormatDate(day, '/');
    const std::vector<uint32_t> one_day = MatchLines(store, Valid(Dates(text, text)), test::kAsOf);
    CHECK(std::find(one_day.begin(), one_day.end(), 17u) != one_day.end());
    CHECK(one_day.size() == count_between(day, day));
    // The manual's sample all started 2022/08/17.
    const LineStore manual = test::ManualSampleLines();
    CHECK(MatchLines(manual, Valid(Dates("2022/08/17", "2022/08/17")), test::kAsOf).size() == 10);
    CHECK(MatchLines(manual, Valid(Dates("2022/08/18", "")), test::kAsOf).empty());
    CHECK(MatchLines(manual, Valid(Dates("", "2022/08/16")), test::kAsOf).empty());
}

TEST_CASE("date validation errors") {
    const Error bad_from = OnlyError(ValidateLineQuery(Dates("2023-02-29", "")));
    CHECK(bad_from.code == "bad_date");
    CHECK(bad_from.field == "start_from");
    const Error bad_to = OnlyError(ValidateLineQuery(Dates("", "2022/13/01")));
    CHECK(bad_to.code == "bad_date");
    CHECK(bad_to.field == "start_to");
    CHECK(OnlyError(ValidateLineQuery(Dates("yesterday", ""))).code == "bad_date");
    const Error reversed = OnlyError(ValidateLineQuery(Dates("2022/08/18", "2022/08/17")));
    CHECK(reversed.code == "date_range_reversed");
    CHECK(reversed.field == "start_to");
    // Every problem at once, each with its own field; a failed validation hands out no filter.
    LineQueryInput all_bad = Dates("2022-02-30", "nope");
    all_bad.phone_prefix = "05";
    const LineFilterValidation validation = ValidateLineQuery(all_bad);
    REQUIRE(validation.errors.size() == 3);
    CHECK(validation.errors[0].field == "phone_prefix");
    CHECK(validation.errors[1].field == "start_from");
    CHECK(validation.errors[2].field == "start_to");
    CHECK(validation.filter.prefix_digits.empty());
}

TEST_CASE("status: all lines, or in service only (end date blank or on/after as-of)") {
    const LineStore store = test::MixedLines(3000, 2);
    LineQueryInput input;
    CHECK(MatchLines(store, Valid(input), test::kAsOf).size() == store.Size());
    input.status = StatusFilter::InServiceOnly;
    const std::vector<uint32_t> active = MatchLines(store, Valid(input), test::kAsOf);
    size_t expected = 0, ends_today = 0;
    for (size_t row = 0; row < store.Size(); ++row) {
        expected += store.EndDate(row) == kNoDate || store.EndDate(row) >= test::kAsOf;
        ends_today += store.EndDate(row) == test::kAsOf;
    }
    CHECK(active.size() == expected);
    CHECK(active.size() < store.Size());
    CHECK(ends_today > 0);  // the data holds cancellations being processed, shown as in service
    for (uint32_t row : active) CHECK(IsInService(store.EndDate(row), test::kAsOf));
}

TEST_CASE("combined conditions are ANDed, and MatchLines agrees with LineMatches") {
    const LineStore store = test::MixedLines(5000, 3);
    LineQueryInput input = Dates("2014/01/01", "2020/12/31");
    input.phone_prefix = "0505803";
    input.status = StatusFilter::InServiceOnly;
    const LineFilter filter = Valid(input);
    const std::vector<uint32_t> rows = MatchLines(store, filter, test::kAsOf);
    CHECK(!rows.empty());
    for (uint32_t row : rows) {
        CHECK(store.Phone(row).substr(0, 7) == "0505803");
        CHECK(store.StartDate(row) >= 20140101u);
        CHECK(store.StartDate(row) <= 20201231u);
        CHECK(IsInService(store.EndDate(row), test::kAsOf));
    }
    CHECK(rows == ByHand(store, filter));
    // Each subset of the three conditions, against the row-by-row reference.
    for (int mask = 0; mask < 8; ++mask) {
        LineFilter partial;
        if (mask & 1) partial.prefix_digits = filter.prefix_digits;
        if (mask & 2) partial.status = filter.status;
        if (mask & 4) {
            partial.start_from = filter.start_from;
            partial.start_to = filter.start_to;
        }
        CHECK(MatchLines(store, partial, test::kAsOf) == ByHand(store, partial));
    }
}
