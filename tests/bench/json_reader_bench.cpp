// json-reader-bench: the engine's JSON decoders (the baseline) against simdjson's On-Demand API
// decoding the same payloads into the same structs with the same checks, in one process.
// Prints median, baseline and ratio per payload. Native only: simdjson comes from Debian's
// libsimdjson-dev there.
// Usage: json-reader-bench [--quick] [--runs N] [--rows N]
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_report.h"
#include "engine/codec.h"
#include "sample/sample_data.h"

namespace {

using portal::CallDetail;
using portal::CallDetailReport;
using portal::LineStore;
using portal::UsageReport;
using portal::UsageRow;
namespace od = simdjson::ondemand;

constexpr uint64_t kMaxU32 = 0xFFFFFFFFu;
constexpr uint64_t kMaxInt = 0x7FFFFFFFFFFFFFFFull;

bool Unsigned(od::value value, uint64_t max, uint64_t& out) {
    return value.get_uint64().get(out) == simdjson::SUCCESS && out <= max;
}

bool DecodeUsageSimd(od::parser& parser, std::string_view text, UsageReport& report) {
    const simdjson::padded_string padded(text);  // simdjson reads past the end: its own copy
    od::document doc;
    od::object root;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(root)) return false;
    for (auto field : root) {
        std::string_view key, month;
        if (field.unescaped_key().get(key)) return false;
        if (key == "month") {
            if (field.value().get_string().get(month) || !portal::IsMonthKey(month)) return false;
            report.month = std::string(month);
        } else if (key == "months") {
            od::array months;
            if (field.value().get_array().get(months)) return false;
            for (auto item : months) {
                if (item.get_string().get(month) || !portal::IsMonthKey(month)) return false;
                report.months.emplace_back(month);
            }
        } else if (key == "rows") {
            od::array rows;
            if (field.value().get_array().get(rows)) return false;
            for (auto item : rows) {
                od::object object;
                if (item.get_object().get(object)) return false;
                UsageRow row;
                uint64_t number = 0;
                for (auto member : object) {
                    std::string_view name, phone;
                    if (member.unescaped_key().get(name)) return false;
                    if (name == "phone") {
                        if (member.value().get_string().get(phone)) return false;
                        row.phone = std::string(phone);
                    } else if (name == "call_count" || name == "call_seconds") {
                        if (!Unsigned(member.value(), kMaxU32, number)) return false;
                        (name == "call_count" ? row.call_count : row.call_seconds) =
                            static_cast<uint32_t>(number);
                    } else if (name == "charge_yen") {
                        if (!Unsigned(member.value(), kMaxInt, number)) return false;
                        row.charge_yen = static_cast<int64_t>(number);
                    } else {
                        return false;
                    }
                }
                report.rows.push_back(std::move(row));
            }
        } else {
            return false;
        }
    }
    return true;
}

bool DecodeCallsSimd(od::parser& parser, std::string_view text, CallDetailReport& report) {
    const simdjson::padded_string padded(text);
    od::document doc;
    od::object root;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(root)) return false;
    for (auto field : root) {
        std::string_view key, value;
        if (field.unescaped_key().get(key)) return false;
        if (key == "phone") {
            if (field.value().get_string().get(value)) return false;
            report.phone = std::string(value);
        } else if (key == "from" || key == "to") {
            if (field.value().get_string().get(value)) return false;
            auto date = portal::ParseDate(value);
            if (!value.empty() && !date) return false;
            (key == "from" ? report.from : report.to) = date.value_or(portal::kNoDate);
        } else if (key == "calls") {
            od::array calls;
            if (field.value().get_array().get(calls)) return false;
            for (auto item : calls) {
                od::object object;
                if (item.get_object().get(object)) return false;
                CallDetail call;
                uint64_t number = 0;
                for (auto member : object) {
                    std::string_view name;
                    if (member.unescaped_key().get(name)) return false;
                    if (name == "phone" || name == "destination") {
                        if (member.value().get_string().get(value)) return false;
                        (name == "phone" ? call.phone : call.destination) = std::string(value);
                    } else if (name == "start" || name == "charge_yen") {
                        if (!Unsigned(member.value(), kMaxInt, number)) return false;
                        (name == "start" ? call.start : call.charge_yen) = static_cast<int64_t>(number);
                    } else if (name == "duration_seconds") {
                        if (!Unsigned(member.value(), kMaxU32, number)) return false;
                        call.duration_seconds = static_cast<uint32_t>(number);
                    } else {
                        return false;
                    }
                }
                report.calls.push_back(std::move(call));
            }
        } else {
            return false;
        }
    }
    return true;
}

struct Row {
    std::string payload;
    double megabytes;
    bench::Timing engine, simd;
};

void Print(const std::vector<Row>& rows, int runs) {
    std::printf(
        "| payload | MB | engine reader (baseline) ms | simdjson On-Demand ms | ratio simdjson/engine |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const Row& r : rows)
        std::printf("| %s | %.1f | %.1f | %.1f | %.2f |\n", r.payload.c_str(), r.megabytes,
                    r.engine.median_ms, r.simd.median_ms, r.simd.median_ms / r.engine.median_ms);
    std::printf(
        "\nMedian of %d runs each, both decoders in the same process on the same bytes; simdjson %d.%d.%d, "
        "kernel %s; its time includes the padded copy it needs.\n",
        runs, simdjson::SIMDJSON_VERSION_MAJOR, simdjson::SIMDJSON_VERSION_MINOR,
        simdjson::SIMDJSON_VERSION_REVISION, simdjson::get_active_implementation()->name().c_str());
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 7;
    size_t rows = 100'000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") {
            runs = 2;
            rows = 5'000;
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::atoi(argv[++i]);
        } else if (arg == "--rows" && i + 1 < argc) {
            rows = static_cast<size_t>(std::atol(argv[++i]));
        } else {
            std::fprintf(stderr,
                         "使い方 / usage: json-reader-bench [--quick] [--runs N] [--rows N]\n"
                         "  不明な引数です / unknown argument: %s\n",
                         arg.c_str());
            return 2;
        }
    }
    if (runs < 1 || runs > 100 || rows < 1 || rows > 2'000'000) {
        std::fprintf(stderr, "--runs は 1-100、--rows は 1-2000000 / --runs 1-100, --rows 1-2000000\n");
        return 2;
    }
    const portal::DateKey as_of = portal::MakeDateKey(2026, 10, 31);
    const LineStore lines = portal::GenerateSampleLines(rows, 42, as_of);
    UsageReport usage = portal::GenerateSampleUsage(lines, 2026, 10, 7);
    usage.rows.resize(std::min(usage.rows.size(), rows));
    CallDetailReport calls;
    calls.phone = "05012345678";
    calls.from = portal::MakeDateKey(2025, 11, 1);
    calls.to = as_of;
    portal::SampleRandom random(9);
    for (size_t i = 0; i < rows; ++i) {
        CallDetail call;
        call.phone = calls.phone;
        call.start = 1'760'000'000 + static_cast<int64_t>(i) * 97;
        call.destination = "0" + std::to_string(3'000'000'000ull + random.Below(900'000'000));
        call.duration_seconds = random.Below(3600);
        call.charge_yen = random.Below(500);
        calls.calls.push_back(std::move(call));
    }
    const std::string usage_json = portal::EncodeUsageJson(usage);
    const std::string calls_json = portal::EncodeCallDetailsJson(calls);

    od::parser parser;
    std::vector<Row> table;
    bool all_ok = true;
    auto add = [&](const std::string& name, const std::string& json, auto engine, auto simd) {
        Row row{name, json.size() / 1e6, {}, {}};
        bool ok = true;
        row.engine = bench::Measure(runs, [&] { ok = engine(json) && ok; });
        row.simd = bench::Measure(runs, [&] { ok = simd(json) && ok; });
        if (!ok) std::fprintf(stderr, "%s: a decoder refused the payload\n", name.c_str());
        all_ok = all_ok && ok;
        table.push_back(row);
    };
    add(
        "usage, " + std::to_string(usage.rows.size()) + " rows", usage_json,
        [](const std::string& j) { return portal::DecodeUsageJson(j).ok(); },
        [&](const std::string& j) {
            UsageReport out;
            return DecodeUsageSimd(parser, j, out) && out.rows.size() == usage.rows.size();
        });
    add(
        "call details, " + std::to_string(rows) + " calls", calls_json,
        [](const std::string& j) { return portal::DecodeCallDetailsJson(j).ok(); },
        [&](const std::string& j) {
            CallDetailReport out;
            return DecodeCallsSimd(parser, j, out) && out.calls.size() == rows;
        });
    Print(table, runs);
    return all_ok ? 0 : 1;
}
