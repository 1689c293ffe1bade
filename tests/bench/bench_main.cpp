// portal-bench: the engine's figures over 10,000 / 100,000 / 1,000,000 generated lines as a
// markdown table, natively or under node (WASM, with the plain-JavaScript baseline beside).
// Usage: portal-bench [--quick] [--runs N] [--sizes 10000,100000] [--out FILE]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench_report.h"
#include "engine_cases.h"
#include "js_baseline.h"

namespace {

struct Options {
    std::vector<size_t> sizes{10'000, 100'000, 1'000'000};
    int runs = 7;
    std::string out_path;
};

void PrintUsage() {
    std::fprintf(stderr,
                 "使い方 / usage: portal-bench [--quick] [--runs N] [--sizes 10000,100000] [--out FILE]\n"
                 "  --quick   10,000 行を 2 回だけ (make test 用) / 10,000 lines, 2 runs (for make test)\n"
                 "  --runs N  各測定の回数 (既定 7) / runs per figure (default 7)\n"
                 "  --sizes   行数のカンマ区切り / comma-separated line counts\n"
                 "  --out F   表を F にも書き出す / also write the table to F\n");
}

bool ParseCount(const std::string& text, size_t max, size_t& out) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoul(text);
    return out >= 1 && out <= max;
}

// Returns false (after a message in both languages) on anything it does not understand.
bool ParseOptions(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--quick") {
            options.sizes = {10'000};
            options.runs = 2;
        } else if (arg == "--runs" && has_value) {
            size_t runs = 0;
            if (!ParseCount(argv[++i], 1000, runs)) {
                std::fprintf(stderr,
                             "--runs は 1〜1000 の整数です / --runs takes a whole number from 1 to 1000\n");
                return false;
            }
            options.runs = static_cast<int>(runs);
        } else if (arg == "--sizes" && has_value) {
            options.sizes.clear();
            std::string list = argv[++i];
            size_t start = 0;
            while (start <= list.size()) {
                const size_t comma = std::min(list.find(',', start), list.size());
                size_t lines = 0;
                if (!ParseCount(list.substr(start, comma - start), 20'000'000, lines)) {
                    std::fprintf(
                        stderr,
                        "--sizes は 1〜20,000,000 の整数をカンマで区切ります / --sizes takes line counts "
                        "from 1 to 20,000,000 separated by commas\n");
                    return false;
                }
                options.sizes.push_back(lines);
                start = comma + 1;
            }
        } else if (arg == "--out" && has_value) {
            options.out_path = argv[++i];
        } else if (arg == "--runs" || arg == "--sizes" || arg == "--out") {
            std::fprintf(stderr, "%s の後に値が必要です / %s needs a value\n", arg.c_str(), arg.c_str());
            return false;
        } else if (arg == "--help" || arg == "-h") {
            PrintUsage();
            std::exit(0);
        } else {
            std::fprintf(stderr, "不明な引数です / unknown argument: %s\n", arg.c_str());
            PrintUsage();
            return false;
        }
    }
    return true;
}

std::string PlatformName() {
#define PORTAL_BENCH_STRING(x) #x
#define PORTAL_BENCH_VERSION(a, b, c) \
    PORTAL_BENCH_STRING(a) "." PORTAL_BENCH_STRING(b) "." PORTAL_BENCH_STRING(c)
#ifdef __EMSCRIPTEN__
    return "WASM (Emscripten " PORTAL_BENCH_VERSION(__EMSCRIPTEN_major__, __EMSCRIPTEN_minor__,
                                                    __EMSCRIPTEN_tiny__) ", -O3) under " +
           bench::JsEngineVersion();
#elif defined(__clang__)
    return "native (clang " __clang_version__ ", -O3)";
#else
    return "native (g++ " __VERSION__ ", -O3)";
#endif
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!ParseOptions(argc, argv, options)) return 2;

    bench::BenchReport report;
    report.platform = PlatformName();
    report.runs = options.runs;
    report.js_available = bench::JsBaselineAvailable();
    int failures = 0;
    for (size_t lines : options.sizes) {
        bench::CaseOptions cases;
        cases.lines = lines;
        cases.runs = options.runs;
        report.sections.push_back(bench::RunLineBenchmarks(cases, report.notes, failures));
    }

    const std::string markdown = bench::FormatMarkdown(report);
    std::fputs(markdown.c_str(), stdout);
    if (!options.out_path.empty()) {
        std::ofstream out(options.out_path, std::ios::binary);
        out << markdown;
        if (!out) {
            std::fprintf(stderr, "%s に書き込めません / cannot write %s\n", options.out_path.c_str(),
                         options.out_path.c_str());
            return 2;
        }
    }
    // Missed targets are figures, not failures; broken results are failures.
    if (failures > 0) {
        std::fprintf(stderr, "[portal-bench] %d check(s) failed / %d 件の確認に失敗しました\n", failures,
                     failures);
        return 1;
    }
    return 0;
}
