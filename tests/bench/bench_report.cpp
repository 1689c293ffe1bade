// Markdown output of the benchmark: one table per data size, targets judged at 1,000,000 lines.
#include "bench_report.h"

#include <algorithm>
#include <cstdio>

namespace bench {
namespace {

// The targets are stated for 1,000,000 lines; smaller sizes only show the trend.
constexpr size_t kTargetLines = 1'000'000;

std::string Fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Enough significant digits for sub-millisecond figures without drowning the large ones.
std::string Ms(double ms) {
    if (std::isnan(ms)) return "n/a";
    return Fixed(ms, ms < 1 ? 3 : ms < 100 ? 2 : 1);
}

std::string TargetCell(const BenchRow& row, size_t lines) {
    if (!row.target.applies() || lines != kTargetLines) return "";
    const double figure = row.value.empty() ? row.timing.median_ms : row.value_number;
    std::string cell = "≤ " + Fixed(row.target.limit, 0) + " " + row.target.unit;
    if (std::isnan(figure)) return cell;
    return cell + (figure <= row.target.limit ? " **PASS**" : " **MISS**");
}

std::string RatioCell(const BenchRow& row) {
    if (!row.js.measured() || !row.timing.measured() || row.timing.median_ms <= 0) return "n/a";
    const double ratio = row.js.median_ms / row.timing.median_ms;
    return (ratio < 100 ? Fixed(ratio, 1) : Thousands(static_cast<size_t>(ratio + 0.5))) + "×";
}

}  // namespace

Timing Measure(int runs, const std::function<void()>& run, const std::function<void()>& prepare) {
    std::vector<double> samples;
    samples.reserve(static_cast<size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        if (prepare) prepare();
        const double start = NowMs();
        run();
        samples.push_back(NowMs() - start);
    }
    Timing timing;
    if (samples.empty()) return timing;
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    timing.median_ms = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    timing.min_ms = samples.front();
    return timing;
}

std::string Thousands(size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string FormatMarkdown(const BenchReport& report) {
    std::string out;
    out += "## portal-bench: " + report.platform + "\n\n";
    out += "Medians of " + std::to_string(report.runs) +
           " runs (min beside). Targets are the issue's, for 1,000,000 lines in WASM";
    out += report.js_available
               ? "; JS = plain-JavaScript baseline in the same node process, ratio = JS ms / engine ms.\n"
               : "; the JS baseline runs only in the WASM build (n/a here).\n";
    // Why some ratios run into the thousands: said where the figures are.
    out +=
        "Sorted queries walk the cached order of the sort column (its one-time cost is the \"sort cache "
        "build\" "
        "row); the JS baseline filters and sorts from scratch every time, as a page without an index does.\n";
    for (const BenchSection& section : report.sections) {
        out += "\n### " + Thousands(section.lines) + " lines\n\n";
        out += "| Measure | Data | Median ms | Min ms | MB/s | Target | JS median ms | JS / engine |\n";
        out += "|---|---|--:|--:|--:|---|--:|--:|\n";
        for (const BenchRow& row : section.rows) {
            const bool is_value = !row.value.empty();
            std::string throughput;
            if (!is_value && row.megabytes > 0 && row.timing.median_ms > 0) {
                throughput = Fixed(row.megabytes / (row.timing.median_ms / 1000.0), 0);
            }
            out += "| " + row.measure + " | " + row.detail + " | " +
                   (is_value ? row.value : Ms(row.timing.median_ms)) + " | " +
                   (is_value ? "" : Ms(row.timing.min_ms)) + " | " + throughput + " | " +
                   TargetCell(row, section.lines) + " | " +
                   (row.js.measured() ? Ms(row.js.median_ms) : "n/a") + " | " + RatioCell(row) + " |\n";
        }
    }
    if (!report.notes.empty()) {
        out += "\n";
        for (const std::string& note : report.notes) out += "- " + note + "\n";
    }
    return out;
}

}  // namespace bench
