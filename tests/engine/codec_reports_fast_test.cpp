// The usage and call-detail scanner must agree with the DOM decoder on every input: it either
// decodes exactly the same report or steps aside, and errors always name the field in ja and en.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <functional>

#include "engine/codec.h"

namespace portal {
// Internal entry points (codec_reports_fast.cpp, codec_json.cpp).
bool DecodeUsageJsonFast(std::string_view json, UsageReport& report);
bool DecodeCallDetailsJsonFast(std::string_view json, CallDetailReport& report);
Result<UsageReport> DecodeUsageJsonDom(std::string_view text);
Result<CallDetailReport> DecodeCallDetailsJsonDom(std::string_view text);
}  // namespace portal

using namespace portal;

namespace {

bool Same(const UsageReport& a, const UsageReport& b) {
    if (a.month != b.month || a.months != b.months || a.rows.size() != b.rows.size()) return false;
    for (size_t i = 0; i < a.rows.size(); ++i) {
        const UsageRow &x = a.rows[i], &y = b.rows[i];
        if (x.phone != y.phone || x.call_count != y.call_count || x.call_seconds != y.call_seconds ||
            x.charge_yen != y.charge_yen)
            return false;
    }
    return true;
}

bool Same(const CallDetailReport& a, const CallDetailReport& b) {
    if (a.phone != b.phone || a.from != b.from || a.to != b.to || a.calls.size() != b.calls.size())
        return false;
    for (size_t i = 0; i < a.calls.size(); ++i) {
        const CallDetail &x = a.calls[i], &y = b.calls[i];
        if (x.phone != y.phone || x.start != y.start || x.destination != y.destination ||
            x.duration_seconds != y.duration_seconds || x.charge_yen != y.charge_yen)
            return false;
    }
    return true;
}

// Fast, DOM and public decoders on one input: same verdict, same report, same error field.
// Returns whether the fast path took it.
template <class Report, class Fast, class Dom, class Public>
bool CheckAgree(const std::string& json, Fast fast, Dom dom, Public decode) {
    Report fast_report;
    const bool fast_ok = fast(json, fast_report);
    const Result<Report> reference = dom(json);
    if (fast_ok) {
        REQUIRE_MESSAGE(reference.ok(),
                        "fast path accepted what the DOM refuses: " << reference.error().message.en);
        CHECK(Same(fast_report, reference.value()));
    }
    const Result<Report> result = decode(json);
    REQUIRE(result.ok() == reference.ok());
    if (result.ok()) {
        CHECK(Same(result.value(), reference.value()));
    } else {
        CHECK(result.error().code == "bad_payload");
        CHECK(result.error().field == reference.error().field);
        CHECK_FALSE(result.error().message.ja.empty());
        CHECK_FALSE(result.error().message.en.empty());
    }
    return fast_ok;
}

bool AgreeUsage(const std::string& json) {
    return CheckAgree<UsageReport>(json, DecodeUsageJsonFast, DecodeUsageJsonDom, DecodeUsageJson);
}
bool AgreeCalls(const std::string& json) {
    return CheckAgree<CallDetailReport>(json, DecodeCallDetailsJsonFast, DecodeCallDetailsJsonDom,
                                        DecodeCallDetailsJson);
}

// Destinations with what a hand-written scanner gets wrong: escapes, Japanese, 4-byte UTF-8.
const char* const kTrickyText[] = {"0312345678", "a\"b\\c/d", "改行\r\n\tタブ", "😀 050", "", "\x01\x1f"};

CallDetailReport SampleCalls(size_t count) {
    CallDetailReport report;
    report.phone = "05058051001";
    report.from = MakeDateKey(2025, 11, 1);
    report.to = MakeDateKey(2026, 10, 31);
    for (size_t i = 0; i < count; ++i) {
        const std::string destination =
            i % 7 == 3 ? kTrickyText[i % 6] : "0" + std::to_string(3000000000ull + i * 7919ull);
        report.calls.push_back({"05058051001", static_cast<EpochSeconds>(1761922800 + i * 97), destination,
                                static_cast<uint32_t>(i % 3600), static_cast<int64_t>(i % 1000)});
    }
    return report;
}

UsageReport SampleUsage(size_t count) {
    UsageReport report;
    report.month = "2026-10";
    report.months = {"2026-10", "2026-09", "2026-08"};
    for (size_t i = 0; i < count; ++i)
        report.rows.push_back({i % 11 == 5 ? kTrickyText[i % 6] : "050" + std::to_string(50000000 + i),
                               static_cast<uint32_t>(i % 500), static_cast<uint32_t>(i * 13 % 100000),
                               static_cast<int64_t>(i * 7)});
    return report;
}

// Damages `json` 3,000 ways (a byte changed, inserted or removed) and checks agreement each time.
template <class Agree>
void CheckDamaged(const std::string& json, Agree agree) {
    uint32_t state = 4242;
    const auto next = [&](uint32_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % n;
    };
    const char kBytes[] = {'"', '\\', ',',  ']', '[',    '{',    '}',    ':',    '0',    '9', '-', '.',
                           'e', ' ',  '\n', 'u', '\x01', '\x7F', '\xC3', '\xE3', '\xFF', 'D', '8', '/'};
    for (int i = 0; i < 3000; ++i) {
        std::string damaged = json;
        const size_t at = next(static_cast<uint32_t>(damaged.size()));
        const char byte = kBytes[next(sizeof kBytes)];
        switch (next(3)) {
            case 0:
                damaged[at] = byte;
                break;
            case 1:
                damaged.insert(damaged.begin() + static_cast<std::ptrdiff_t>(at), byte);
                break;
            default:
                damaged.erase(at, 1 + next(3));
                break;
        }
        CAPTURE(i);
        CAPTURE(damaged);
        agree(damaged);
    }
}

double MillisecondsOf(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("report scanner: what the encoder writes, escapes, Japanese and emoji included") {
    CHECK(AgreeCalls(EncodeCallDetailsJson(SampleCalls(500))));
    CHECK(AgreeUsage(EncodeUsageJson(SampleUsage(500))));
    CallDetailReport decoded;
    REQUIRE(DecodeCallDetailsJsonFast(EncodeCallDetailsJson(SampleCalls(50)), decoded));
    CHECK(Same(decoded, SampleCalls(50)));
    // empty reports and blank period dates
    CallDetailReport empty;
    empty.phone = "05058051001";
    CHECK(AgreeCalls(EncodeCallDetailsJson(empty)));
    CHECK(AgreeUsage(R"({"month":"2026-10","months":[],"rows":[]})"));
}

TEST_CASE("report scanner: \\u escapes, key order, spacing and members it does not know") {
    // \u escapes (a surrogate pair included) are decoded by the scanner itself
    CHECK(AgreeUsage(
        R"({"month":"2026-10","months":["2026-10"],"rows":[{"phone":"\u0030\u00e9\u65e5\ud83d\ude00\/","call_count":1,"call_seconds":2,"charge_yen":3}]})"));
    UsageReport usage;
    REQUIRE(DecodeUsageJsonFast(
        R"({"month":"2026-10","months":[],"rows":[{"phone":"\u0030\u00E9\u65e5\ud83d\ude00","call_count":1,"call_seconds":2,"charge_yen":3}]})",
        usage));
    CHECK(usage.rows.at(0).phone == "0é日😀");
    // any key order, spaces everywhere, members the decoder does not read (nested too)
    CHECK(AgreeCalls(
        " {\n \"to\" : \"\" , \"calls\" : [ { \"start\" : 5 , \"x\" : [1, {\"y\": null}, true, \"z\"] ,"
        " \"phone\" : \"1\", \"charge_yen\" : 0, \"destination\" : \"2\", \"duration_seconds\" : 9 } ] ,"
        " \"from\" : \"2026-10-01\", \"phone\" : \"1\", \"extra\": {} }\r\n"));
    // the scanner steps aside; the DOM decides (both must still agree)
    CHECK_FALSE(AgreeUsage(R"({"month":"2026-10","months":[],"rows":[],"n":-1.5e3})"));
    CHECK_FALSE(AgreeUsage(
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":-0,"call_seconds":2,"charge_yen":3}]})"));
    CHECK_FALSE(AgreeUsage(R"({"month":"2026-10","month":"2026-09","months":[],"rows":[]})"));
    CHECK_FALSE(AgreeUsage("\xEF\xBB\xBF{\"month\":\"2026-10\",\"months\":[],\"rows\":[]}"));  // BOM
}

TEST_CASE("report scanner: bad input gets the DOM decoder's error, in Japanese and English") {
    const char* const kBadUsage[] = {
        "",
        "   ",
        "null",
        "[]",
        R"({"month":"2026-10","months":[]})",
        R"({"month":"2026-10","months":[],"rows":[)",
        R"({"month":"2026-10","months":[],"rows":[]} x)",
        R"({"month":"2026-1","months":[],"rows":[]})",
        R"({"month":"2026-10","months":["2026-00"],"rows":[]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"\ud800","call_count":1,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"\x","call_count":1,"call_seconds":2,"charge_yen":3}]})",
        ("{\"month\":\"2026-10\",\"months\":[],\"rows\":[{\"phone\":\"\xC3\x28\",\"call_count\":1,\"call_"
         "seconds\":2,"
         "\"charge_yen\":3}]}"),  // invalid UTF-8
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":4294967296,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":1,"call_seconds":2,"charge_yen":9223372036854775808}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":1,"call_count":1,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":1,"call_seconds":2}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":01,"call_seconds":2,"charge_yen":3}]})",
    };
    for (const char* json : kBadUsage) {
        CAPTURE(json);
        AgreeUsage(json);
        CHECK_FALSE(DecodeUsageJson(json).ok());
    }
    const Result<UsageReport> missing = DecodeUsageJson(R"({"month":"2026-10","months":[]})");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "rows");
    CHECK(missing.error().message.ja.find("rows") != std::string::npos);
    CHECK(missing.error().message.en.find("rows") != std::string::npos);
    const Result<CallDetailReport> range = DecodeCallDetailsJson(
        R"({"phone":"1","from":"","to":"","calls":[{"phone":"1","start":0,"destination":"2","duration_seconds":4294967296,"charge_yen":0}]})");
    REQUIRE_FALSE(range.ok());
    CHECK(range.error().field == "calls[0].duration_seconds");
    CHECK(range.error().message.ja.find("受信したデータの形式が正しくありません") != std::string::npos);
    CHECK(range.error().message.en.find("number out of range") != std::string::npos);
    AgreeCalls(R"({"phone":"1","from":"2026-02-30","to":"","calls":[]})");
    CHECK(DecodeCallDetailsJson(R"({"phone":"1","from":"2026-02-30","to":"","calls":[]})").error().field ==
          "from");
}

TEST_CASE("report scanner and DOM decoder agree on thousands of damaged payloads") {
    CheckDamaged(EncodeUsageJson(SampleUsage(12)), AgreeUsage);
    CheckDamaged(EncodeCallDetailsJson(SampleCalls(12)), AgreeCalls);
}

TEST_CASE("report scanner: 100,000 calls, timed against the DOM decoder") {
    const std::string json = EncodeCallDetailsJson(SampleCalls(100000));
    Result<CallDetailReport> fast = Result<CallDetailReport>::Failure(Error{});
    Result<CallDetailReport> dom = Result<CallDetailReport>::Failure(Error{});
    const double fast_ms = MillisecondsOf([&] { fast = DecodeCallDetailsJson(json); });
    const double dom_ms = MillisecondsOf([&] { dom = DecodeCallDetailsJsonDom(json); });
    REQUIRE(fast.ok());
    REQUIRE(dom.ok());
    CHECK(Same(fast.value(), dom.value()));
    const std::string usage_json = EncodeUsageJson(SampleUsage(100000));
    Result<UsageReport> usage = Result<UsageReport>::Failure(Error{});
    const double usage_fast_ms = MillisecondsOf([&] { usage = DecodeUsageJson(usage_json); });
    const double usage_dom_ms = MillisecondsOf([&] { usage = DecodeUsageJsonDom(usage_json); });
    // Printed so that the figures land in the ctest log (they are not asserted: shared machines).
    std::printf(
        "decode 100,000 calls (%zu bytes): scanner %.1f ms, DOM %.1f ms; 100,000 usage rows "
        "(%zu bytes): scanner %.1f ms, DOM %.1f ms\n",
        json.size(), fast_ms, dom_ms, usage_json.size(), usage_fast_ms, usage_dom_ms);
}
