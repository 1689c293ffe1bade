// CP932 (Shift_JIS as Windows Excel reads it): the NEC/IBM extension bytes, and strict reporting
// of characters it cannot hold.
#include <doctest/doctest.h>

#include "engine/csv.h"
#include "engine/utf8.h"
#include "sample_lines.h"

using namespace portal;

namespace {

std::string Cp932Hex(const std::string& utf8) {
    std::string out;
    uint32_t bad = 0;
    REQUIRE_MESSAGE(EncodeCp932(utf8, out, &bad), "unencodable code point " << bad);
    return test::Hex(out);
}

uint32_t BadCodepoint(const std::string& utf8) {
    std::string out;
    uint32_t bad = 0;
    CHECK_FALSE(EncodeCp932(utf8, out, &bad));
    return bad;
}

}  // namespace

TEST_CASE("CP932 bytes as Windows writes them, NEC and IBM extensions included") {
    CHECK(Cp932Hex("～") == "81 60");  // U+FF5E FULLWIDTH TILDE
    CHECK(Cp932Hex("①") == "87 40");   // NEC row 13
    CHECK(Cp932Hex("髙") == "FB FC");  // IBM extension, not the NEC-selected EE E0
    CHECK(Cp932Hex("Ⅰ") == "87 54");   // NEC row 13 preferred over IBM FA 4A
    CHECK(Cp932Hex("ⅰ") == "FA 40");   // IBM preferred over NEC-selected EE EF
    CHECK(Cp932Hex("￢") == "81 CA");  // JIS X 0208 preferred over both extensions
    CHECK(Cp932Hex("∵") == "81 E6");
    CHECK(Cp932Hex("電話番号") == "93 64 98 62 94 D4 8D 86");
    CHECK(Cp932Hex("ｱｲｳ") == "B1 B2 B3");  // half-width katakana: one byte each
    CHECK(Cp932Hex("－") == "81 7C");
    CHECK(Cp932Hex("A-1,\"x\"") == "41 2D 31 2C 22 78 22");
    CHECK(Cp932Hex("") == "");
}

TEST_CASE("characters CP932 cannot hold are refused, not replaced") {
    CHECK(BadCodepoint("〜") == 0x301C);  // WAVE DASH (a Mac's tilde): not in Microsoft's table
    CHECK(BadCodepoint("ab🍣") == 0x1F363);
    CHECK(BadCodepoint("é") == 0xE9);
    CHECK(BadCodepoint("\xE3\x81") == 0xFFFD);  // truncated UTF-8
}

TEST_CASE("a CP932 lines CSV: header and cells encoded, ASCII untouched") {
    LineStore store = test::ManualSampleLines();
    LineRecord extra = store.Record(0);
    extra.no = 11;
    extra.hunt_group = "営業①～髙";
    store.Append(extra);
    const CsvOutput output = WriteLinesCsv(store, {10}, PlanKind::Standard, CsvEncoding::Cp932);
    REQUIRE(output.ok());
    std::string header;
    REQUIRE(
        EncodeCp932("No,電話番号,アカウントID,加入電話パスワード,付加サービスパスワード,サービス開始日,"
                    "サービス終了日,チャンネル,特定番号通知,代表着信,モバイルチョイス\r\n",
                    header, nullptr));
    CHECK(output.bytes.substr(0, 3) != "\xEF\xBB\xBF");  // no BOM in Shift_JIS
    CHECK(output.bytes.substr(0, header.size()) == header);
    const std::string row = output.bytes.substr(header.size());
    CHECK(test::Hex(row) == test::Hex("11,05058051001,815058051001,fVFZ29,YCZv69,2022/08/17,,2,,"
                                      "\x89\x63\x8B\xC6\x87\x40\x81\x60\xFB\xFC,\r\n"));
}

TEST_CASE("an unencodable character empties the output and reports count, row, column and code point") {
    LineStore store = test::ManualSampleLines();
    LineRecord bad = store.Record(0);
    bad.no = 11;
    bad.hunt_group = "寿司🍣";
    bad.mobile_choice = "〜";
    store.Append(bad);
    const CsvOutput output = WriteLinesCsv(store, {0, 1, 10, 2}, PlanKind::Standard, CsvEncoding::Cp932);
    CHECK_FALSE(output.ok());
    CHECK(output.bytes.empty());
    CHECK(output.unencodable_count == 2);
    CHECK(output.first_bad_row == 3);
    CHECK(output.first_bad_column == 10);
    CHECK(output.first_bad_header == "代表着信");
    CHECK(output.first_bad_codepoint == 0x1F363);
    const Error error = output.ToError();
    CHECK(error.code == "csv_unencodable");
    CHECK(error.message.ja.find("3行目") != std::string::npos);
    CHECK(error.message.ja.find("代表着信") != std::string::npos);
    CHECK(error.message.en.find("row 3") != std::string::npos);
    CHECK(error.message.en.find("U+1F363") != std::string::npos);
    // The same rows in UTF-8 are fine, and the basic plan does not write the hunt-group column.
    CHECK(WriteLinesCsv(store, {0, 1, 10, 2}, PlanKind::Standard, CsvEncoding::Utf8Bom).ok());
    const CsvOutput basic = WriteLinesCsv(store, {10}, PlanKind::Basic, CsvEncoding::Cp932);
    CHECK(basic.unencodable_count == 1);
    CHECK(basic.first_bad_header == "モバイルチョイス");
    CHECK(basic.first_bad_codepoint == 0x301C);
}

TEST_CASE("usage and call-detail CSVs in CP932: Japanese headers in Shift_JIS, values unchanged") {
    UsageReport usage;
    usage.month = "2026-10";
    usage.rows = {{"05058051001", 3, 61, 27}};
    const CsvOutput usage_csv = WriteUsageCsv(usage, {0}, CsvEncoding::Cp932);
    REQUIRE(usage_csv.ok());
    std::string expected;
    REQUIRE(EncodeCp932("電話番号,通話回数,通話時間,通話料金(円)\r\n05058051001,3,0:01:01,27\r\n", expected,
                        nullptr));
    CHECK(test::Hex(usage_csv.bytes) == test::Hex(expected));

    CallDetailReport calls;
    calls.calls = {{"05058051001", 1790953200, "0312345678", 3600, 100}};
    const CsvOutput calls_csv = WriteCallDetailsCsv(calls, {0}, CsvEncoding::Cp932);
    REQUIRE(calls_csv.ok());
    REQUIRE(
        EncodeCp932("電話番号,通話開始日時,通話先電話番号,通話時間,通話料金(円)\r\n"
                    "05058051001,2026/10/03 00:00:00,0312345678,1:00:00,100\r\n",
                    expected, nullptr));
    CHECK(test::Hex(calls_csv.bytes) == test::Hex(expected));
}

TEST_CASE("malformed UTF-8 in a cell is reported in CP932 as U+FFFD, never written") {
    LineStore store = test::ManualSampleLines();
    LineRecord bad = store.Record(0);
    bad.mobile_choice = "090\xFF";
    store.Append(bad);
    const CsvOutput output = WriteLinesCsv(store, {10}, PlanKind::Basic, CsvEncoding::Cp932);
    CHECK(output.bytes.empty());
    CHECK(output.unencodable_count == 1);
    CHECK(output.first_bad_codepoint == 0xFFFD);
    CHECK(output.first_bad_row == 1);
    CHECK(output.first_bad_column == 5);
}

TEST_CASE("SkipAscii stops at the first byte beyond ASCII, wherever it falls in a block of 8") {
    for (size_t length = 0; length <= 20; ++length) {
        const std::string ascii(length, 'a');
        CHECK(SkipAscii(ascii, 0) == length);
        for (size_t at = 0; at < length; ++at) {
            std::string text = ascii;
            text[at] = '\xE3';  // the lead byte of most Japanese characters
            for (size_t from = 0; from <= at; ++from) CHECK(SkipAscii(text, from) == at);
            CHECK(SkipAscii(text, at + 1) == length);
        }
    }
    CHECK(IsValidUtf8("abcdefgh回線ijklmnop"));
    CHECK_FALSE(IsValidUtf8(std::string("abcdefgh\xE3\x81", 10)));
}
