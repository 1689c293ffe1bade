// The saved line-search conditions: what the client writes is what the server keeps and gives
// back; a missing, unknown, mistyped or oversized member is an error naming it; the conditions are
// checked with the search panel's own validation.
#include "engine/api_search_state.h"

#include <doctest/doctest.h>

namespace portal {

TEST_CASE("line search: snake_case on the wire, read back as written") {
    LineSearchState state;
    state.query.phone_prefix = "050-5805";
    state.query.status = StatusFilter::InServiceOnly;
    state.query.start_from = "2025-04-01";
    state.query.start_to = "";
    state.sort = LineSort{LineColumn::StartDate, SortDirection::Descending};
    const std::string json = EncodeLineSearchState(state);
    CHECK(json ==
          R"({"phone_prefix":"050-5805","status":"in_service","start_from":"2025-04-01","start_to":"",)"
          R"("sort":"start_date:desc"})");
    const Result<LineSearchState> read = DecodeLineSearchState(json);
    REQUIRE(read.ok());
    CHECK(read.value() == state);
    CHECK(ValidateLineSearchState(read.value()).empty());

    const Result<LineSearchState> plain = DecodeLineSearchState(EncodeLineSearchState(LineSearchState{}));
    REQUIRE(plain.ok());
    CHECK(plain.value() == LineSearchState{});
    CHECK(EncodeLineSearchState(LineSearchState{}).find(R"("status":"all")") != std::string::npos);
}

TEST_CASE("line search: a bad member is an error naming it, never a default") {
    const std::string rest = R"("start_from":"","start_to":"","sort":"no:asc"})";
    const struct {
        std::string json;
        const char* field;
    } cases[] = {
        {R"({"status":"all",)" + rest, "phone_prefix"},
        {R"({"phone_prefix":"","status":"some",)" + rest, "status"},
        {R"({"phone_prefix":"","status":true,)" + rest, "status"},
        {R"({"phone_prefix":12,"status":"all",)" + rest, "phone_prefix"},
        {R"({"phone_prefix":"","status":"all","start_from":"","start_to":"","sort":"price:up"})", "sort"},
        {R"({"phone_prefix":"","status":"all","start_from":"","start_to":""})", "sort"},
        {R"({"phone_prefix":"","status":"all","start_from":"2025-04-01T00:00","start_to":"","sort":""})",
         "start_from"},
        {R"({"phone_prefix":"","phone_prefix":"","status":"all",)" + rest, "phone_prefix"},
        {R"({"phone_prefix":"","status":"all","lines":[],)" + rest, "lines"},
        {R"({"phone_prefix":")" + std::string(40, '0') + R"(","status":"all",)" + rest, "phone_prefix"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.json);
        const Result<LineSearchState> read = DecodeLineSearchState(c.json);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().field == c.field);
    }
    CHECK_FALSE(DecodeLineSearchState("[]").ok());
    CHECK_FALSE(DecodeLineSearchState(R"({"phone_prefix":"")").ok());
    const std::string huge = R"({"phone_prefix":"",)" + std::string(2000, ' ') + R"("status":"all",)" + rest;
    CHECK_FALSE(DecodeLineSearchState(huge).ok());  // bounded before it is read
}

TEST_CASE("line search: the conditions are checked as the search panel checks them") {
    LineSearchState state;
    state.query.phone_prefix = "050";  // fewer than 7 digits
    state.query.start_from = "2026-02-30";
    std::vector<Error> errors = ValidateLineSearchState(state);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "phone_prefix");
    CHECK(errors[1].field == "start_from");

    state.query.phone_prefix = "0505805";
    state.query.start_from = "2026-03-01";
    state.query.start_to = "2026-01-01";
    errors = ValidateLineSearchState(state);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "date_range_reversed");
}

}  // namespace portal
