// Lines payload version 2 (PLN2): round trips, streaming in pieces of every size, and damage at
// both layers (the brotli stream and the body inside it) always ending in a clear error.
#include "engine/lines_payload_v2.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "engine/codec.h"
#include "sample/sample_data.h"
#include "sample_lines.h"

using namespace portal;

namespace {

// PLN1 is the reference: two stores are equal when their PLN1 bytes are.
std::string Canonical(const LineStore& store) {
    return EncodeLinesBinary(store, nullptr);
}

// CRC-32 as gzip and PNG define it (reflected polynomial 0xEDB88320), bit by bit: written here
// independently of the zlib the engine uses, so the two check each other.
uint32_t ReferenceCrc32(std::string_view bytes) {
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// `payload` without its last 4 bytes, then their CRC-32: the checksum a payload changed on
// purpose must carry to reach the check behind it.
std::string Resealed(const std::string& payload) {
    std::string out = payload.substr(0, payload.size() - 4);
    const uint32_t crc = ReferenceCrc32(out);
    out.append(reinterpret_cast<const char*>(&crc), 4);  // every target is little-endian
    return out;
}

std::string Body(const std::string& payload) {
    uint32_t size = 0;
    std::memcpy(&size, payload.data() + 12, 4);
    std::string body(size, '\0');
    size_t out = body.size();
    REQUIRE(BrotliDecoderDecompress(payload.size() - 16 - 4,
                                    reinterpret_cast<const uint8_t*>(payload.data() + 16), &out,
                                    reinterpret_cast<uint8_t*>(&body[0])) == BROTLI_DECODER_RESULT_SUCCESS);
    REQUIRE(out == body.size());
    return body;
}

// A payload around a hand-made body, as a hostile or broken encoder could send it.
std::string Pack(const std::string& header, const std::string& body) {
    std::string packed(BrotliEncoderMaxCompressedSize(body.size()) + 16, '\0');
    size_t size = packed.size();
    REQUIRE(BrotliEncoderCompress(1, 22, BROTLI_MODE_GENERIC, body.size(),
                                  reinterpret_cast<const uint8_t*>(body.data()), &size,
                                  reinterpret_cast<uint8_t*>(&packed[0])));
    std::string out = header.substr(0, 12);
    const uint32_t length = static_cast<uint32_t>(body.size());
    out.append(reinterpret_cast<const char*>(&length), 4);  // every target is little-endian
    return Resealed(out + packed.substr(0, size) + "CRC!");
}

Error Fails(const std::string& bytes) {
    const Result<LineStore> result = DecodeLinesV2(bytes);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "bad_payload");
    CHECK_FALSE(result.error().message.en.empty());
    CHECK_FALSE(result.error().message.ja.empty());
    return result.error();
}

// A damaged payload either fails with bad_payload or, by chance still well-formed, gives a
// complete and consistent store: never a crash or a partial table.
void DecodesOrFailsCleanly(const std::string& bytes) {
    const Result<LineStore> result = DecodeLinesV2(bytes);
    if (result.ok()) {
        CHECK(result.value().IsConsistent());
    } else {
        CHECK(result.error().code == "bad_payload");
    }
}

uint32_t NextRandom(uint32_t& state) {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

}  // namespace

TEST_CASE("PLN2 round trip of mixed lines, a subset in any order, and no lines") {
    const LineStore store = test::MixedLines(3000, 21);
    const std::string bytes = EncodeLinesV2(store, nullptr);
    CHECK(bytes.substr(0, 4) == "PLN2");
    const Result<LineStore> decoded = DecodeLinesV2(bytes);
    REQUIRE(decoded.ok());
    CHECK(Canonical(decoded.value()) == Canonical(store));

    const std::vector<uint32_t> rows = {2999, 5, 3, 5, 0};
    const Result<LineStore> subset = DecodeLinesV2(EncodeLinesV2(store, &rows));
    REQUIRE(subset.ok());
    CHECK(Canonical(subset.value()) == EncodeLinesBinary(store, &rows));

    const Result<LineStore> empty = DecodeLinesV2(EncodeLinesV2(LineStore(), nullptr));
    REQUIRE(empty.ok());
    CHECK(empty.value().Size() == 0);
}

TEST_CASE("PLN2 round trip across blocks at every quality, far smaller than PLN1") {
    const LineStore store = GenerateSampleLines(140000, 50050, test::kAsOf);  // three blocks
    for (int quality : {0, 5, 9}) {
        CAPTURE(quality);
        const std::string bytes = EncodeLinesV2(store, nullptr, quality);
        const Result<LineStore> decoded = DecodeLinesV2(bytes);
        REQUIRE(decoded.ok());
        CHECK(Canonical(decoded.value()) == Canonical(store));
        if (quality == 9) CHECK(bytes.size() < store.Size() * 20);  // the bytes-per-line target
    }
}

TEST_CASE("PLN2 header: magic, version, count and body length, little-endian; CRC-32 last") {
    const std::string bytes = EncodeLinesV2(test::ManualSampleLines(), nullptr);
    CHECK(test::Hex(bytes.substr(0, 12)) == "50 4C 4E 32 02 00 00 00 0A 00 00 00");
    CHECK(ReferenceCrc32("123456789") == 0xCBF43926u);  // the standard check value
    CHECK(Resealed(bytes) == bytes);
    // One block of 10 rows; its first column is No (id 0) as deltas (1): ten times +1.
    const std::string body = Body(bytes);
    CHECK(test::Hex(body.substr(0, 1)) == "0A");
    size_t column = 1;  // skip the block's byte length, a varint
    while (static_cast<unsigned char>(body[column]) & 0x80) ++column;
    ++column;
    CHECK(test::Hex(body.substr(column, 13)) == "00 01 0A 02 02 02 02 02 02 02 02 02 02");
}

TEST_CASE("PLN2 streams: pieces of every size give the same store, rows arrive block by block") {
    const LineStore small = test::MixedLines(300, 4);
    const std::string bytes = EncodeLinesV2(small, nullptr);
    const std::string expected = Canonical(small);
    for (size_t piece = 1; piece <= bytes.size(); ++piece) {
        CAPTURE(piece);
        LinesV2Reader reader;
        for (size_t at = 0; at < bytes.size(); at += piece)
            REQUIRE(reader.Feed(std::string_view(bytes).substr(at, piece)));
        CHECK(reader.RowCount() == 300);
        Result<LineStore> store = reader.Finish();
        REQUIRE(store.ok());
        CHECK(Canonical(store.value()) == expected);
    }

    const LineStore large = GenerateSampleLines(140000, 7, test::kAsOf);
    const std::string big = EncodeLinesV2(large, nullptr);
    for (size_t piece : {size_t{1}, size_t{997}, size_t{65536}}) {
        CAPTURE(piece);
        LinesV2Reader reader;
        size_t rows_before_last_byte = 0;
        for (size_t at = 0; at < big.size(); at += piece) {
            REQUIRE(reader.Feed(std::string_view(big).substr(at, piece)));
            if (at + piece < big.size()) rows_before_last_byte = reader.RowsDecoded();
        }
        CHECK(rows_before_last_byte >= kLinesV2BlockRows);  // the first block showed early
        CHECK(reader.RowsDecoded() == large.Size());
        Result<LineStore> store = reader.Finish();
        REQUIRE(store.ok());
        CHECK(Canonical(store.value()) == Canonical(large));
    }
}

TEST_CASE("PLN2's first block is small: a screenful of rows after a few kilobytes, copied out alone") {
    const LineStore large = GenerateSampleLines(140000, 7, test::kAsOf);
    const std::string big = EncodeLinesV2(large, nullptr);
    LinesV2Reader reader;
    size_t fed = 0;
    while (reader.RowsDecoded() == 0 && fed < big.size()) {
        REQUIRE(reader.Feed(std::string_view(big).substr(fed, 1024)));
        fed += std::min<size_t>(1024, big.size() - fed);
    }
    CAPTURE(fed);
    CHECK(reader.RowsDecoded() == kLinesV2FirstBlockRows);
    CHECK(fed <= 16 * 1024);  // of about 1.5 MB
    const LineStore first = reader.FirstRows(40);
    REQUIRE(first.Size() == 40);
    std::vector<uint32_t> first_forty(40);
    for (uint32_t row = 0; row < 40; ++row) first_forty[row] = row;
    CHECK(Canonical(first) == EncodeLinesBinary(large, &first_forty));  // the stored order's first rows
    CHECK(reader.FirstRows(100000).Size() == kLinesV2FirstBlockRows);   // no more than decoded
    reader.Feed(std::string_view(big).substr(fed));
    REQUIRE(reader.Finish().ok());

    const LineStore few = GenerateSampleLines(100, 7, test::kAsOf);  // one block of all 100 rows
    const Result<LineStore> decoded = DecodeLinesV2(EncodeLinesV2(few, nullptr));
    REQUIRE(decoded.ok());
    CHECK(Canonical(decoded.value()) == Canonical(few));
}

TEST_CASE("PLN2 first block's rows: read without decoding the rest; payloads of the old layout told apart") {
    const LineStore lines = GenerateSampleLines(1000, 5, test::kAsOf);
    const std::string today = EncodeLinesV2(lines, nullptr);  // 512 rows, then 488: both in 16 KiB
    CHECK(LinesV2FirstBlockRows(today) == kLinesV2FirstBlockRows);
    CHECK(LinesV2FirstBlockRows(EncodeLinesV2(GenerateSampleLines(300, 5, test::kAsOf), nullptr)) == 300);
    // As stored before the small first block: every row of a payload under 65,536 in one block.
    const std::string old_layout = EncodeLinesV2(lines, nullptr, 5, kLinesV2BlockRows);
    CHECK(LinesV2FirstBlockRows(old_layout) == 1000);
    const Result<LineStore> decoded = DecodeLinesV2(old_layout);
    REQUIRE(decoded.ok());
    CHECK(Canonical(decoded.value()) == Canonical(lines));
    CHECK(LinesV2FirstBlockRows(EncodeLinesV2(LineStore{}, nullptr)) == 0);
    CHECK(LinesV2FirstBlockRows("PLN2 not a payload") == 0);
    std::string damaged = today;
    damaged[20] = static_cast<char>(damaged[20] ^ 0x55);              // inside the brotli stream
    CHECK(LinesV2FirstBlockRows(damaged) <= kLinesV2FirstBlockRows);  // never reported as old
}

TEST_CASE("PLN2 end dates alone: the same as the whole decode's, and refused alike when damaged") {
    const LineStore large = GenerateSampleLines(140000, 5, test::kAsOf);
    const std::string big = EncodeLinesV2(large, nullptr);
    Result<std::vector<DateKey>> ends = DecodeLinesV2EndDates(big);
    REQUIRE(ends.ok());
    REQUIRE(ends.value().size() == large.Size());
    size_t with_end = 0;
    for (size_t row = 0; row < large.Size(); ++row) {
        if (ends.value()[row] != large.EndDate(row)) FAIL_CHECK("row " << row);
        with_end += ends.value()[row] != kNoDate;
    }
    CHECK(with_end > 0);
    CHECK(with_end < large.Size());

    CHECK(DecodeLinesV2EndDates(big.substr(0, big.size() / 2)).error().code == "bad_payload");
    std::string flipped = big;
    flipped[flipped.size() / 3] ^= 0x04;
    CHECK_FALSE(DecodeLinesV2EndDates(flipped).ok());
    std::string bad_checksum = big;
    bad_checksum.back() ^= 0x01;
    CHECK(DecodeLinesV2EndDates(bad_checksum).error().field == "checksum");
    CHECK(DecodeLinesV2EndDates(EncodeLinesV2(LineStore{}, nullptr)).value().empty());
}

TEST_CASE("PLN2 refuses truncation, trailing bytes and other versions with clear errors") {
    const std::string good = EncodeLinesV2(test::MixedLines(200, 9), nullptr);
    for (size_t length = 0; length < good.size(); ++length) {
        CAPTURE(length);
        Fails(good.substr(0, length));
    }
    CHECK(Fails("").message.en.find("header is incomplete") != std::string::npos);
    CHECK(Fails(good + "x").message.en.find("after the end") != std::string::npos);
    CHECK(Fails(EncodeLinesBinary(test::ManualSampleLines(), nullptr)).message.en.find("not a PLN2") !=
          std::string::npos);
    std::string v3 = good;
    v3[4] = 3;
    CHECK(Fails(v3).field == "version");
    CHECK(Fails(v3).message.en.find("unsupported version 3") != std::string::npos);
    // Version 1 readers refuse version 2 by its magic, so an old client never misreads it.
    CHECK_FALSE(DecodeLinesBinary(good).ok());
    std::string count = good;
    count[8] = static_cast<char>(count[8] + 1);
    CHECK(Fails(count).field == "checksum");
    CHECK(Fails(Resealed(count)).field == "count");
    std::string huge = good;
    std::memset(&huge[8], 0xFF, 4);
    CHECK(Fails(huge).field == "count");

    // A feeder that goes on after an error keeps getting that error.
    LinesV2Reader reader;
    CHECK_FALSE(reader.Feed("PLNX"));
    CHECK_FALSE(reader.Feed(good));
    CHECK(reader.error().message.en.find("not a PLN2") != std::string::npos);
    CHECK_FALSE(reader.Finish().ok());
}

TEST_CASE("PLN2 refuses a damaged body: wrong columns, ranges, digits, dictionary, UTF-8") {
    const std::string good = EncodeLinesV2(test::ManualSampleLines(), nullptr);
    const std::string header = good.substr(0, 12);
    const std::string body = Body(good);
    REQUIRE(DecodeLinesV2(Pack(header, body)).ok());
    // Hand-made one-row blocks: No, phone, 9 more columns.
    auto block = [](const std::string& columns) {
        std::string out = "\x01";
        out.push_back(static_cast<char>(columns.size()));
        return out + columns;
    };
    const std::string tail = std::string("\x03\x03\x07\x06") + "abcdef" + std::string("\x04\x03\x07\x06") +
                             "ghijkl" + std::string("\x05\x01\x01\x04") + std::string("\x06\x02\x01\x00", 4) +
                             std::string("\x07\x01\x01\x04") + std::string("\x08\x04\x03\x01\x00\x00", 6) +
                             std::string("\x09\x04\x03\x01\x00\x00", 6) +
                             std::string("\x0A\x04\x03\x01\x00\x00", 6);
    const std::string no = std::string("\x00\x01\x01\x02", 4);
    const std::string account = "\x02\x05\x02\x0C\x02";
    const std::string phone = std::string("\x01\x05\x02\x0B\x02") + account;
    std::string one = "PLN2";
    one += std::string("\x02\x00\x00\x00\x01\x00\x00\x00", 8);
    const Result<LineStore> fine = DecodeLinesV2(Pack(one, block(no + phone + tail)));
    REQUIRE(fine.ok());
    CHECK(fine.value().Record(0).phone == "00000000001");
    CHECK(fine.value().Record(0).start_date == MakeDateKey(1970, 1, 2));

    CHECK(Fails(Pack(one, block(phone + no + tail))).field == "columns.no[0]");
    CHECK(Fails(Pack(one, block(std::string("\x00\x01\x01\x03", 4) + phone + tail)))
              .message.en.find("out of range") != std::string::npos);
    const std::string twenty_digits = "\x01\x05\x02\x14\x02";
    CHECK(Fails(Pack(one, block(no + twenty_digits + account + tail))).message.en.find("19 digits") !=
          std::string::npos);
    const std::string too_big = "\x01\x05\x02\x01\x14";  // 10 in one digit
    CHECK(Fails(Pack(one, block(no + too_big + account + tail))).field == "columns.phone[0]");
    std::string bad_index = tail;
    bad_index[bad_index.size() - 1] = 1;  // mobile_choice index 1 of a one-entry dictionary
    CHECK(Fails(Pack(one, block(no + phone + bad_index))).message.en.find("index 1") != std::string::npos);
    std::string bad_utf8 = tail;
    bad_utf8[4] = static_cast<char>(0xFF);
    CHECK(Fails(Pack(one, block(no + phone + bad_utf8))).message.en.find("UTF-8") != std::string::npos);
    CHECK(
        Fails(Pack(one, block(no + phone + tail) + block(no + phone + tail))).message.en.find("more rows") !=
        std::string::npos);
    std::string zero_rows = block(no + phone + tail);
    zero_rows[0] = 0;
    CHECK(Fails(Pack(one, zero_rows)).message.en.find("1 to 65536 rows") != std::string::npos);
}

// The format's LEB128 varints and zigzag signs, written here from its description.
void PutVarint(uint64_t value, std::string& out) {
    for (; value >= 0x80; value >>= 7) out.push_back(static_cast<char>(0x80 | (value & 0x7F)));
    out.push_back(static_cast<char>(value));
}
uint64_t ZigZag(int64_t value) {
    return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

// A hand-made block of `rows` rows in which every column holds zeros (no number, no date, empty
// texts) except the ones given: the decoder's limits can be reached with a small payload.
std::string ZeroBlock(size_t rows, uint8_t column_id, uint8_t encoding, const std::string& data) {
    const std::string zeros(rows, '\0');  // one varint 0 per row
    std::string empty_dictionary;
    PutVarint(1, empty_dictionary);
    PutVarint(0, empty_dictionary);
    empty_dictionary += zeros;
    // id, encoding, zero data: No, phone, account, two plain texts, start, end, channels, dictionaries
    const uint8_t encodings[] = {1, 5, 5, 3, 3, 1, 2, 1, 4, 4, 4};
    std::string columns;
    for (uint8_t id = 0; id < 11; ++id) {
        const std::string& bytes = id == column_id ? data : encodings[id] == 4 ? empty_dictionary : zeros;
        columns.push_back(static_cast<char>(id));
        columns.push_back(static_cast<char>(id == column_id ? encoding : encodings[id]));
        PutVarint(bytes.size(), columns);
        columns += bytes;
    }
    std::string block;
    PutVarint(rows, block);
    PutVarint(columns.size(), block);
    return block + columns;
}

std::string HeaderFor(uint32_t rows) {
    std::string header = "PLN2";
    header.append("\x02\x00\x00\x00", 4);
    header.append(reinterpret_cast<const char*>(&rows), 4);  // every target is little-endian
    return header;
}

TEST_CASE("PLN2 reads numbers of 19 digits up to 10^19 - 1 and refuses 10^19") {
    auto phone = [](uint64_t value, uint64_t length) {
        std::string data;
        PutVarint(length, data);
        PutVarint(ZigZag(static_cast<int64_t>(value)), data);
        return data;
    };
    const Result<LineStore> nines =
        DecodeLinesV2(Pack(HeaderFor(1), ZeroBlock(1, 1, 5, phone(9999999999999999999ull, 19))));
    REQUIRE(nines.ok());
    CHECK(nines.value().Phone(0) == "9999999999999999999");
    CHECK(Fails(Pack(HeaderFor(1), ZeroBlock(1, 1, 5, phone(10000000000000000000ull, 19))))
              .message.en.find("more digits than its length") != std::string::npos);
    // Every length, with its leading zeros.
    for (uint64_t length = 1; length <= 19; ++length) {
        const uint64_t limit = length == 19 ? 9999999999999999999ull : std::stoull(std::string(length, '9'));
        for (uint64_t value :
             {uint64_t{0}, uint64_t{1}, uint64_t{100000000} % (limit + 1), limit / 7, limit}) {
            CAPTURE(length);
            CAPTURE(value);
            const Result<LineStore> decoded =
                DecodeLinesV2(Pack(HeaderFor(1), ZeroBlock(1, 1, 5, phone(value, length))));
            REQUIRE(decoded.ok());
            char expected[24];
            std::snprintf(expected, sizeof expected, "%0*llu", static_cast<int>(length),
                          static_cast<unsigned long long>(value));
            CHECK(decoded.value().Phone(0) == expected);
        }
    }
    // An empty cell between two numbers: the third row's number is a delta from the first's.
    std::string gaps = phone(7, 3);
    PutVarint(0, gaps);
    gaps += phone(2, 3);
    const Result<LineStore> gapped = DecodeLinesV2(Pack(HeaderFor(3), ZeroBlock(3, 1, 5, gaps)));
    REQUIRE(gapped.ok());
    CHECK(gapped.value().Phone(0) == "007");
    CHECK(gapped.value().Phone(1).empty());
    CHECK(gapped.value().Phone(2) == "009");
}

TEST_CASE("PLN2 refuses a dictionary whose rows would expand past 256 MiB, before allocating it") {
    const size_t rows = 65536;
    std::string dictionary;
    PutVarint(1, dictionary);
    PutVarint(4097, dictionary);
    dictionary += std::string(4097, 'a');  // 65,536 rows of it: 268,500,992 bytes
    dictionary += std::string(rows, '\0');
    CHECK(Fails(Pack(HeaderFor(rows), ZeroBlock(rows, 8, 4, dictionary))).message.en.find("too long") !=
          std::string::npos);
}

// Every single flipped bit, anywhere in the payload, is an error: the header's fields are
// checked, and CRC-32 catches every one-bit change of the bytes it covers.
TEST_CASE("PLN2: every flipped bit gives a clear error and no rows, in one piece or streamed") {
    const std::string good = EncodeLinesV2(test::MixedLines(40, 5), nullptr);
    REQUIRE(DecodeLinesV2(good).ok());
    for (size_t bit = 0; bit < good.size() * 8; ++bit) {
        CAPTURE(bit);
        std::string damaged = good;
        damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
        Fails(damaged);
        LinesV2Reader reader;  // as the client reads it: in pieces, rows shown as they come
        for (size_t at = 0; at < damaged.size(); at += 7)
            reader.Feed(std::string_view(damaged).substr(at, 7));
        REQUIRE_FALSE(reader.Finish().ok());
        CHECK(reader.RowsDecoded() == 0);
    }
    // A large payload: a sample of bits over all of its blocks.
    const std::string big = EncodeLinesV2(GenerateSampleLines(140000, 3, test::kAsOf), nullptr, 1);
    uint32_t random = 777;
    for (int round = 0; round < 24; ++round) {
        std::string damaged = big;
        const size_t bit = (size_t{NextRandom(random)} << 8 | NextRandom(random) % 256) % (big.size() * 8);
        CAPTURE(bit);
        damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
        Fails(damaged);
    }
}

TEST_CASE("PLN2 survives thousands of random damages at both layers") {
    const LineStore store = test::MixedLines(400, 77);
    const std::string good = EncodeLinesV2(store, nullptr, 5);
    const std::string header = good.substr(0, 12);
    const std::string body = Body(good);
    uint32_t random = 12345;
    for (int round = 0; round < 1500; ++round) {
        CAPTURE(round);
        std::string damaged = good;
        for (uint32_t flips = 1 + NextRandom(random) % 3; flips-- > 0;)
            damaged[16 + NextRandom(random) % (damaged.size() - 16)] ^=
                static_cast<char>(1 + NextRandom(random) % 255);
        Fails(damaged);  // the checksum catches what the structure does not

        std::string inner = body;
        for (uint32_t flips = 1 + NextRandom(random) % 3; flips-- > 0;)
            inner[NextRandom(random) % inner.size()] = static_cast<char>(NextRandom(random));
        if (round % 7 == 0) inner.resize(NextRandom(random) % inner.size());
        DecodesOrFailsCleanly(Pack(header, inner));
    }
}
