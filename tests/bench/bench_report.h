// Timing of repeated runs and the markdown table the benchmark prints (and writes with --out).
#pragma once
#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bench {

// Median and minimum of several runs, in milliseconds; NaN when not measured (e.g. the JS
// baseline natively).
struct Timing {
    double median_ms = NAN;
    double min_ms = NAN;
    bool measured() const { return !std::isnan(median_ms); }
};

inline double NowMs() {
    using Clock = std::chrono::steady_clock;
    return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

// Runs `run` `runs` times; `prepare` (untimed) runs before each, e.g. to reset a cache.
Timing Measure(int runs, const std::function<void()>& run, const std::function<void()>& prepare = nullptr);

// An upper bound that applies at one size (the targets are for 1,000,000 lines in WASM).
struct Target {
    double limit = NAN;  // NaN = no target
    const char* unit = "ms";
    bool applies() const { return !std::isnan(limit); }
};

struct BenchRow {
    explicit BenchRow(std::string measure_name, std::string detail_text = "")
        : measure(std::move(measure_name)), detail(std::move(detail_text)) {}
    std::string measure;        // what was timed
    std::string detail;         // rows matched, payload size, ...
    Timing timing;              // engine figure
    double megabytes = 0;       // bytes processed per run (MB/s column); 0 = not a throughput
    std::string value;          // figures that are not times (memory): shown instead of the timing
    double value_number = NAN;  // the number behind `value`, compared with the target
    Target target;
    Timing js;  // plain-JavaScript baseline on the same data (WASM under node only)
};

struct BenchSection {
    size_t lines = 0;
    std::vector<BenchRow> rows;
};

struct BenchReport {
    std::string platform;  // "native (g++ 12, -O3)" / "WASM (node v20, -O3)"
    int runs = 0;
    bool js_available = false;
    std::vector<BenchSection> sections;
    std::vector<std::string> notes;  // printed under the tables
};

// The whole report as markdown: one table per data size.
std::string FormatMarkdown(const BenchReport& report);

// "1,000,000"
std::string Thousands(size_t n);

}  // namespace bench
