// The columnar lines JSON the server writes for Accept: application/json, read back by an
// independent reference (the product never decodes it).
#include <doctest/doctest.h>

#include "engine/codec.h"
#include "lines_json_reference.h"
#include "sample_lines.h"

using namespace portal;

namespace {

void CheckSameLines(const LineStore& a, const LineStore& b, const std::vector<uint32_t>& rows_of_a) {
    REQUIRE(b.Size() == rows_of_a.size());
    CHECK(b.IsConsistent());
    for (size_t i = 0; i < rows_of_a.size(); ++i) {
        const LineRecord x = a.Record(rows_of_a[i]), y = b.Record(i);
        CHECK(x.no == y.no);
        CHECK(x.phone == y.phone);
        CHECK(x.account_id == y.account_id);
        CHECK(x.line_password == y.line_password);
        CHECK(x.service_password == y.service_password);
        CHECK(x.start_date == y.start_date);
        CHECK(x.end_date == y.end_date);
        CHECK(x.channels == y.channels);
        CHECK(x.caller_id_number == y.caller_id_number);
        CHECK(x.hunt_group == y.hunt_group);
        CHECK(x.mobile_choice == y.mobile_choice);
    }
}

}  // namespace

TEST_CASE("lines JSON round trip: whole store, and selected rows in order") {
    const LineStore store = test::MixedLines(1500, 11);
    std::vector<uint32_t> all(store.Size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::string json = EncodeLinesJson(store, nullptr);
    CHECK(json.rfind("{\"version\":1,\"count\":1500,\"columns\":{\"no\":[1,2,", 0) == 0);
    const std::optional<LineStore> decoded = test::LinesFromJson(json);
    REQUIRE(decoded);
    CheckSameLines(store, *decoded, all);

    const std::vector<uint32_t> some = {42, 7, 1499, 0};
    const std::optional<LineStore> subset = test::LinesFromJson(EncodeLinesJson(store, &some));
    REQUIRE(subset);
    CheckSameLines(store, *subset, some);
}

TEST_CASE("lines JSON: the manual's sample, text with escapes, an empty store") {
    LineStore store = test::ManualSampleLines();
    LineRecord odd = store.Record(0);
    odd.hunt_group = "quote\" backslash\\ tab\t newline\n ctrl\x01 日本語";
    store.Append(odd);
    const std::vector<uint32_t> rows = {0, 10};
    const std::string json = EncodeLinesJson(store, &rows);
    CHECK(json.find(R"("hunt_group":["","quote\" backslash\\ tab\t newline\n ctrl\u0001 日本語"])") !=
          std::string::npos);
    const std::optional<LineStore> decoded = test::LinesFromJson(json);
    REQUIRE(decoded);
    CheckSameLines(store, *decoded, rows);
    CHECK(EncodeLinesJson(LineStore(), nullptr) ==
          R"({"version":1,"count":0,"columns":{"no":[],"phone":[],"account_id":[],"line_password":[],)"
          R"("service_password":[],"start_date":[],"end_date":[],"channels":[],"caller_id":[],)"
          R"("hunt_group":[],"mobile_choice":[]}})");
    const std::optional<LineStore> empty = test::LinesFromJson(EncodeLinesJson(LineStore(), nullptr));
    REQUIRE(empty);
    CHECK(empty->Size() == 0);
}
