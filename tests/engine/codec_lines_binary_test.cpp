// The binary "PLN1" lines payload: round trips and bounds checks on every kind of damage.
#include <doctest/doctest.h>

#include <cstring>

#include "engine/codec.h"
#include "sample_lines.h"

using namespace portal;

namespace {

void PutU32(std::string& bytes, size_t at, uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i));
}

Error Fails(const std::string& bytes) {
    const Result<LineStore> result = DecodeLinesBinary(bytes);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "bad_payload");
    return result.error();
}

}  // namespace

TEST_CASE("binary lines round trip equals the JSON round trip") {
    const LineStore store = test::MixedLines(2000, 12);
    const std::string bytes = EncodeLinesBinary(store, nullptr);
    CHECK(bytes.substr(0, 4) == "PLN1");
    const Result<LineStore> decoded = DecodeLinesBinary(bytes);
    REQUIRE(decoded.ok());
    REQUIRE(decoded.value().Size() == store.Size());
    CHECK(decoded.value().IsConsistent());
    // Re-encoding the decoded store gives the same bytes, and the same JSON as the original.
    CHECK(EncodeLinesBinary(decoded.value(), nullptr) == bytes);
    CHECK(EncodeLinesJson(decoded.value(), nullptr) == EncodeLinesJson(store, nullptr));
    const std::vector<uint32_t> rows = {5, 3, 1999};
    const Result<LineStore> subset = DecodeLinesBinary(EncodeLinesBinary(store, &rows));
    REQUIRE(subset.ok());
    REQUIRE(subset.value().Size() == 3);
    CHECK(subset.value().Record(0).phone == store.Record(5).phone);
    CHECK(subset.value().Record(2).hunt_group == store.Record(1999).hunt_group);
    CHECK(subset.value().Record(1).end_date == store.Record(3).end_date);
}

TEST_CASE("binary header layout: magic, version, count, column count, little-endian") {
    const LineStore store = test::ManualSampleLines();
    const std::string bytes = EncodeLinesBinary(store, nullptr);
    CHECK(test::Hex(bytes.substr(0, 16)) == "50 4C 4E 31 01 00 00 00 0A 00 00 00 0B 00 00 00");
    // First column: id 0 (no), kind 1 (uint32), then 1, 2, ...
    CHECK(test::Hex(bytes.substr(16, 16)) == "00 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00");
}

TEST_CASE("binary decoder refuses damaged payloads") {
    const LineStore store = test::ManualSampleLines();
    const std::string good = EncodeLinesBinary(store, nullptr);
    REQUIRE(DecodeLinesBinary(good).ok());
    for (size_t length = 0; length < good.size(); ++length) {
        CAPTURE(length);
        CHECK_FALSE(DecodeLinesBinary(good.substr(0, length)).ok());
    }
    std::string bad = good;
    bad[0] = 'X';
    CHECK(Fails(bad).message.en.find("not a PLN1") != std::string::npos);
    bad = good;
    PutU32(bad, 4, 2);
    CHECK(Fails(bad).field == "version");
    bad = good;
    PutU32(bad, 8, 0xFFFFFFFF);
    CHECK(Fails(bad).field == "count");
    bad = good;
    PutU32(bad, 12, 12);
    CHECK(Fails(bad).field == "columns");
    CHECK(Fails(good + "x").message.en.find("unexpected bytes") != std::string::npos);
    // Column "no" header then 10 values; next column (phone) header, arena length, offsets.
    const size_t phone_header = 16 + 8 + 10 * 4;
    bad = good;
    PutU32(bad, phone_header, 5);
    CHECK(Fails(bad).field == "columns.phone");
    const size_t phone_offsets = phone_header + 12;
    bad = good;
    PutU32(bad, phone_offsets + 4, 200);  // offset beyond the arena / out of order
    CHECK(Fails(bad).field == "columns.phone");
    bad = good;
    bad[phone_offsets + 11 * 4] = static_cast<char>(0xFF);  // first phone byte: not UTF-8
    CHECK(Fails(bad).message.en.find("UTF-8") != std::string::npos);
    // An impossible start date: find the start_date column (id 5) and damage its 4th value.
    bad = good;
    const std::string start_header("\x05\x00\x00\x00\x01\x00\x00\x00", 8);
    const size_t start_at = bad.find(start_header);
    REQUIRE(start_at != std::string::npos);
    PutU32(bad, start_at + 8 + 3 * 4, 20230229);
    CHECK(Fails(bad).field == "columns.start_date[3]");
}
