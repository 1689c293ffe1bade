// The columnar lines JSON: round trips and each way a payload can be wrong.
#include <doctest/doctest.h>

#include "engine/codec.h"
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

// A valid two-line payload whose parts the tests replace one at a time.
std::string Payload(const std::string& count = "2", const std::string& no = "[1,2]",
                    const std::string& start = "[\"2022-08-17\",\"2022-08-17\"]",
                    const std::string& channels = "[2,2]", const std::string& extra = "") {
    return "{\"version\":1,\"count\":" + count + ",\"columns\":{\"no\":" + no +
           ",\"phone\":[\"05058051001\",\"05058051002\"],\"account_id\":[\"a\",\"b\"],"
           "\"line_password\":[\"p\",\"q\"],\"service_password\":[\"s\",\"t\"],\"start_date\":" +
           start + ",\"end_date\":[\"\",\"2026-10-03\"],\"channels\":" + channels +
           ",\"caller_id\":[\"\",\"\"],\"hunt_group\":[\"\",\"\"],\"mobile_choice\":[\"\",\"\"]" + extra +
           "}}";
}

Error Fails(const std::string& json) {
    const Result<LineStore> result = DecodeLinesJson(json);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "bad_payload");
    CHECK_FALSE(result.error().message.ja.empty());
    return result.error();
}

}  // namespace

TEST_CASE("lines JSON round trip: whole store, and selected rows in order") {
    const LineStore store = test::MixedLines(1500, 11);
    std::vector<uint32_t> all(store.Size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::string json = EncodeLinesJson(store, nullptr);
    CHECK(json.rfind("{\"version\":1,\"count\":1500,\"columns\":{\"no\":[1,2,", 0) == 0);
    const Result<LineStore> decoded = DecodeLinesJson(json);
    REQUIRE(decoded.ok());
    CheckSameLines(store, decoded.value(), all);

    const std::vector<uint32_t> some = {42, 7, 1499, 0};
    const Result<LineStore> subset = DecodeLinesJson(EncodeLinesJson(store, &some));
    REQUIRE(subset.ok());
    CheckSameLines(store, subset.value(), some);
}

TEST_CASE("lines JSON: the manual's sample, text with escapes, empty payloads") {
    LineStore store = test::ManualSampleLines();
    LineRecord odd = store.Record(0);
    odd.hunt_group = "quote\" backslash\\ tab\t newline\n ctrl\x01 日本語";
    store.Append(odd);
    const std::vector<uint32_t> rows = {0, 10};
    const Result<LineStore> decoded = DecodeLinesJson(EncodeLinesJson(store, &rows));
    REQUIRE(decoded.ok());
    CheckSameLines(store, decoded.value(), rows);
    const Result<LineStore> empty = DecodeLinesJson(EncodeLinesJson(LineStore(), nullptr));
    REQUIRE(empty.ok());
    CHECK(empty.value().Size() == 0);
    CHECK(DecodeLinesJson(Payload()).ok());
    // Columns may come in any order.
    CHECK(DecodeLinesJson(
              "{\"columns\":{\"mobile_choice\":[],\"hunt_group\":[],\"caller_id\":[],\"channels\":[],"
              "\"end_date\":[],\"start_date\":[],\"service_password\":[],\"line_password\":[],"
              "\"account_id\":[],\"phone\":[],\"no\":[]},\"count\":0,\"version\":1}")
              .ok());
}

TEST_CASE("lines JSON decoder errors carry the JSON path") {
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2023-02-29\"]")).field == "columns.start_date[1]");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2022/08/17\"]")).field == "columns.start_date[1]");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",20220817]")).field == "columns.start_date[1]");
    CHECK(Fails(Payload("2", "[1,\"2\"]")).field == "columns.no[1]");
    CHECK(Fails(Payload("2", "[1,2.5]")).field == "columns.no[1]");
    CHECK(Fails(Payload("2", "[1,4294967296]")).field == "columns.no[1]");
    CHECK(Fails(Payload("2", "[1,null]")).field == "columns.no[1]");
    CHECK(Fails(Payload("2", "[1,[2]]")).field == "columns.no[1]");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2022-08-17\"]", "[2,-1]")).field ==
          "columns.channels[1]");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2022-08-17\"]", "[2,65536]")).field ==
          "columns.channels[1]");
    CHECK(Fails(Payload("2", "{}")).field == "columns.no");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2022-08-17\"]", "[2,2]", ",\"colour\":[]")).field ==
          "columns.colour");
    CHECK(Fails(Payload("2", "[1,2]", "[\"2022-08-17\",\"2022-08-17\"]", "[2,2]", ",\"no\":[1,2]")).field ==
          "columns.no");
    const Error mismatch = Fails(Payload("3"));
    CHECK(mismatch.field == "columns.no");
    CHECK(mismatch.message.en.find("columns.no: length 2 != count 3") != std::string::npos);
    CHECK(Fails(Payload("2", "[1]")).message.en.find("length 1 != count 2") != std::string::npos);
    CHECK(Fails(Payload("-2")).field == "count");
    CHECK(Fails(Payload("\"2\"")).field == "count");
    CHECK(Fails(Payload() + " x").field == "");
    CHECK(Fails(Payload() + "{}").field == "");
    CHECK(Fails(Payload().substr(0, 60)).field == "");
    CHECK(Fails("{\"version\":2,\"count\":0,\"columns\":{}}").field == "version");
    CHECK(Fails("{\"count\":0,\"columns\":{}}").field == "version");
    CHECK(Fails("{\"version\":1,\"columns\":{}}").field == "count");
    CHECK(Fails("{\"version\":1,\"count\":0}").field == "columns");
    CHECK(Fails("{\"version\":1,\"count\":0,\"columns\":{}}").field == "columns.no");
    CHECK(Fails("{\"version\":1,\"version\":1,\"count\":0,\"columns\":{}}").field == "version");
    CHECK(Fails("{\"version\":1,\"count\":0,\"columns\":[]}").field == "columns");
    CHECK(Fails("{\"version\":1,\"count\":0,\"rows\":[]}").field == "rows");
    CHECK(Fails("[]").field == "");
    CHECK(Fails("").field == "");
    CHECK(Fails("\"\xFF\"").field == "");  // not UTF-8
}

TEST_CASE("every truncation of a valid payload is an error, never a crash") {
    const std::string json = Payload();
    for (size_t length = 0; length < json.size(); ++length) {
        CAPTURE(length);
        CHECK_FALSE(DecodeLinesJson(json.substr(0, length)).ok());
    }
}
