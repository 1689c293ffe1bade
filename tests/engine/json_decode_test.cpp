// The one JSON reader under the payload decoders: paths in errors, the syntax it accepts and
// refuses, and thousands of damaged payloads checked against nlohmann_json as an independent
// reference (never accept broken JSON; on well-formed JSON, the same verdict and the same field).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/codec.h"
#include "engine/json_reader.h"

using namespace portal;
using nlohmann::json;

namespace {

// Destinations with what a hand-written scanner gets wrong: escapes, Japanese, 4-byte UTF-8.
const char* const kTrickyText[] = {"0312345678", "a\"b\\c/d", "改行\r\n\tタブ", "😀 050", "", "\x01\x1f\b\f"};

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

// Reference rules for the reports, on nlohmann's DOM: "" when the report is valid, otherwise
// the field the decoder must name. Unknown members are ignored; a duplicated member counts with
// its last value (as the DOM keeps it).
std::string ReferenceField(const json& root, bool calls) {
    if (!root.is_object()) return "";
    auto is_string = [](const json& v) { return v.is_string(); };
    auto is_month = [](const json& v) { return v.is_string() && IsMonthKey(v.get<std::string>()); };
    auto is_date = [](const json& v) {
        if (!v.is_string()) return false;
        const std::string t = v.get<std::string>();
        return t.empty() || (t.size() == 10 && t[4] == '-' && t[7] == '-' && ParseDate(t).has_value());
    };
    auto in_range = [](uint64_t max) {
        return [max](const json& v) {
            return (v.is_number_unsigned() && v.get<uint64_t>() <= max) ||
                   (v.is_number_integer() && v.get<int64_t>() == 0);
        };
    };
    using Check = std::function<bool(const json&)>;
    const std::vector<std::pair<std::string, Check>> top =
        calls ? std::vector<std::pair<std::string, Check>>{{"phone", is_string},
                                                           {"from", is_date},
                                                           {"to", is_date}}
              : std::vector<std::pair<std::string, Check>>{{"month", is_month}};
    for (const auto& [key, check] : top)
        if (!root.contains(key) || !check(root[key])) return key;
    if (!calls) {
        if (!root.contains("months") || !root["months"].is_array()) return "months";
        for (size_t i = 0; i < root["months"].size(); ++i)
            if (!is_month(root["months"][i])) return IndexPath("months", i);
    }
    const std::string list = calls ? "calls" : "rows";
    if (!root.contains(list) || !root[list].is_array()) return list;
    const uint64_t u32 = 0xFFFFFFFFu, i64 = 0x7FFFFFFFFFFFFFFFull;
    const std::vector<std::pair<std::string, Check>> fields =
        calls ? std::vector<std::pair<std::string, Check>>{{"phone", is_string},
                                                           {"start", in_range(i64)},
                                                           {"destination", is_string},
                                                           {"duration_seconds", in_range(u32)},
                                                           {"charge_yen", in_range(i64)}}
              : std::vector<std::pair<std::string, Check>>{{"phone", is_string},
                                                           {"call_count", in_range(u32)},
                                                           {"call_seconds", in_range(u32)},
                                                           {"charge_yen", in_range(i64)}};
    for (size_t i = 0; i < root[list].size(); ++i) {
        const json& item = root[list][i];
        const std::string path = IndexPath(list, i);
        if (!item.is_object()) return path;
        for (const auto& [key, check] : fields)
            if (!item.contains(key) || !check(item[key])) return path + "." + key;
    }
    return "";
}

// The decoder on `text` against the reference; returns whether it decoded.
template <class Report>
bool CheckAgainstReference(const std::string& text, Result<Report> (*decode)(std::string_view), bool calls) {
    const Result<Report> result = decode(text);
    if (!result.ok()) {
        CHECK(result.error().code == "bad_payload");
        CHECK_FALSE(result.error().message.ja.empty());
        CHECK_FALSE(result.error().message.en.empty());
    }
    const json root = json::parse(text, nullptr, false);
    if (root.is_discarded()) {
        CHECK_MESSAGE(!result.ok(), "accepted broken JSON");
        return result.ok();
    }
    const std::string field = ReferenceField(root, calls);
    const bool valid = root.is_object() && field.empty();
    CHECK_MESSAGE(result.ok() == valid, (result.ok() ? "accepted, the reference refuses at " + field
                                                     : "refused: " + result.error().message.en));
    if (!result.ok() && !valid) CHECK(result.error().field == field);
    return result.ok();
}

bool CheckUsage(const std::string& text) {
    return CheckAgainstReference<UsageReport>(text, DecodeUsageJson, false);
}
bool CheckCalls(const std::string& text) {
    return CheckAgainstReference<CallDetailReport>(text, DecodeCallDetailsJson, true);
}

// Damages `text` `times` ways (a byte changed, inserted or removed) and checks each.
template <class Check>
void CheckDamaged(const std::string& text, int times, Check check) {
    uint32_t state = 4242;
    const auto next = [&](uint32_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % n;
    };
    const char kBytes[] = {'"', '\\', ',',  ']', '[',    '{',    '}',    ':',    '0',    '9', '-', '.',
                           'e', ' ',  '\n', 'u', '\x01', '\x7F', '\xC3', '\xE3', '\xFF', 'D', '8', '/'};
    for (int i = 0; i < times; ++i) {
        std::string damaged = text;
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
        check(damaged);
    }
}

}  // namespace

TEST_CASE("the reader names the path of the first problem, syntax errors name none") {
    JsonReader in(R"({"a":{"b":[1,2,{"c":"x"}]}})");
    const bool ok = in.Object([&](std::string_view) {
        return in.Object([&](std::string_view) {
            return in.Array([&](size_t i) {
                if (i < 2) return in.Skip();
                return in.Object([&](std::string_view) {
                    uint64_t n = 0;
                    return in.Unsigned(10, n);
                });
            });
        });
    });
    CHECK_FALSE(ok);
    CHECK(in.error().field == "a.b[2].c");
    CHECK(in.error().message.en.find("expected a whole number") != std::string::npos);

    JsonReader broken(R"({"a":[1,2)");
    CHECK_FALSE(broken.Object([&](std::string_view) { return broken.Skip(); }));
    CHECK(broken.error().field == "");
    CHECK(broken.error().message.en.find("not well-formed JSON") != std::string::npos);

    // A value of the wrong type that is itself broken is a syntax error, not a type error.
    JsonReader wrong(R"({"a":tru})");
    CHECK_FALSE(wrong.Object([&](std::string_view) {
        std::string s;
        return wrong.String(s);
    }));
    CHECK(wrong.error().field == "");
}

TEST_CASE("the reader: escapes, surrogate pairs, numbers and nesting") {
    UsageReport usage =
        DecodeUsageJson(
            R"({"month":"2026-10","months":[],"rows":[{"phone":"\u0030\u00E9\u65e5\ud83d\ude00\/\b","call_count":1,"call_seconds":2,"charge_yen":3}]})")
            .take();
    CHECK(usage.rows.at(0).phone == "0é日😀/\b");
    for (const char* bad : {R"("\ud800")", R"("\udc00")", R"("\x")", "\"\xC3\x28\"", "\"a\nb\""}) {
        CAPTURE(bad);
        JsonReader in(bad);
        std::string s;
        CHECK_FALSE(in.String(s));
        CHECK(in.error().field == "");
    }
    const std::pair<const char*, const char*> numbers[] = {{"-0", nullptr},
                                                           {"01", ""},
                                                           {"1.0", "expected a whole number"},
                                                           {"1e3", "expected a whole number"},
                                                           {"-1", "number out of range"},
                                                           {"11", "number out of range"},
                                                           {"-", ""},
                                                           {"1.", ""}};
    for (const auto& number : numbers) {
        const char* const text = number.first;
        const char* const problem = number.second;
        CAPTURE(text);
        JsonReader in(text);
        uint64_t n = 99;
        const bool ok = in.Unsigned(10, n) && in.Finish();
        CHECK(ok == (problem == nullptr));
        if (problem != nullptr && *problem != '\0')
            CHECK(in.error().message.en.find(problem) != std::string::npos);
    }
    // Skipping a deeply nested member is bounded: a syntax error, not a stack overflow.
    const std::string deep = "{\"x\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
    JsonReader in(deep);
    CHECK_FALSE(in.Object([&](std::string_view) { return in.Skip(); }));
    // A UTF-8 byte order mark before the text is accepted, as nlohmann_json accepts it.
    CHECK(DecodeUsageJson("\xEF\xBB\xBF{\"month\":\"2026-10\",\"months\":[],\"rows\":[]}").ok());
}

TEST_CASE("reports: what the encoder writes, any key order, spacing and members it does not know") {
    CHECK(CheckCalls(EncodeCallDetailsJson(SampleCalls(500))));
    CHECK(CheckUsage(EncodeUsageJson(SampleUsage(500))));
    const CallDetailReport calls = DecodeCallDetailsJson(EncodeCallDetailsJson(SampleCalls(50))).take();
    CHECK(EncodeCallDetailsJson(calls) == EncodeCallDetailsJson(SampleCalls(50)));
    CallDetailReport empty;
    empty.phone = "05058051001";
    CHECK(CheckCalls(EncodeCallDetailsJson(empty)));
    CHECK(CheckUsage(R"({"month":"2026-10","months":[],"rows":[]})"));
    CHECK(CheckCalls(
        " {\n \"to\" : \"\" , \"calls\" : [ { \"start\" : 5 , \"x\" : [1, {\"y\": null}, true, \"z\", "
        "-1.5e3] ,"
        " \"phone\" : \"1\", \"charge_yen\" : 0, \"destination\" : \"2\", \"duration_seconds\" : 9 } ] ,"
        " \"from\" : \"2026-10-01\", \"phone\" : \"1\", \"extra\": {} }\r\n"));
    // A duplicated member counts with its last value.
    const Result<UsageReport> twice = DecodeUsageJson(
        R"({"month":"2026-10","month":"2026-09","months":["2026-08"],"months":[],"rows":[]})");
    REQUIRE(twice.ok());
    CHECK(twice.value().month == "2026-09");
    CHECK(twice.value().months.empty());
}

TEST_CASE("reports: bad input names the field, in Japanese and English") {
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
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":4294967296,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":1,"call_seconds":2,"charge_yen":9223372036854775808}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":1,"call_count":1,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":1,"call_seconds":2}]})",
        R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":01,"call_seconds":2,"charge_yen":3}]})",
        R"({"month":"2026-10","months":[],"rows":[5]})",
    };
    for (const char* text : kBadUsage) {
        CAPTURE(text);
        CHECK_FALSE(CheckUsage(text));
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
    CHECK_FALSE(CheckCalls(R"({"phone":"1","from":"2026-02-30","to":"","calls":[]})"));
    CHECK(DecodeCallDetailsJson(R"({"phone":"1","from":"2026-02-30","to":"","calls":[]})").error().field ==
          "from");
}

TEST_CASE("reports: thousands of damaged payloads, checked against nlohmann_json") {
    CheckDamaged(EncodeUsageJson(SampleUsage(12)), 3000, CheckUsage);
    CheckDamaged(EncodeCallDetailsJson(SampleCalls(12)), 3000, CheckCalls);
}
