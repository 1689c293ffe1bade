// xlsx-bench: one format of the lines download (CSV or Excel workbook) over N generated lines,
// timed over several runs, with the size and the process's peak memory. One format per process,
// so each peak is its own: tests/bench/xlsx_bench.sh runs CSV and .xlsx for the same rows side by
// side, natively and in WASM under node, and prints the table.
//   xlsx-bench --format csv|xlsx --lines N [--runs R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/csv.h"
#include "engine/xlsx.h"
#include "sample/sample_data.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// node's own counters: the WASM heap and the in-memory file system's arrays are both in them.
static double ResidentMegabytes() {
    return EM_ASM_DOUBLE({ return process.memoryUsage().rss / 1048576; });
}
static double PeakMegabytes() {
    return EM_ASM_DOUBLE({ return process.resourceUsage().maxRSS / 1024; });
}
static double CpuMilliseconds() {
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
    });
}
#else
#include <sys/resource.h>
#include <unistd.h>
static double ResidentMegabytes() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}
static double PeakMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}
// CPU time of the process: on a loaded machine the wall clock also counts other jobs' turns.
static double CpuMilliseconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}
#endif

int main(int argc, char** argv) {
    std::string format = "xlsx";
    size_t lines = 100000;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--format")) format = argv[i + 1];
        if (!std::strcmp(argv[i], "--lines")) lines = std::strtoull(argv[i + 1], nullptr, 10);
        if (!std::strcmp(argv[i], "--runs")) runs = std::max(1, std::atoi(argv[i + 1]));
    }
    const portal::DateKey as_of = portal::MakeDateKey(2026, 11, 1);
    const portal::LineStore store = portal::GenerateSampleLines(lines, 2026, as_of);
    std::vector<uint32_t> rows(store.Size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    const double before = ResidentMegabytes();

    std::vector<double> times, cpu_times;
    size_t bytes = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = CpuMilliseconds();
        if (format == "csv") {
            const portal::CsvOutput out =
                portal::WriteLinesCsv(store, rows, portal::PlanKind::Standard, portal::CsvEncoding::Utf8Bom);
            bytes = out.ok() ? out.bytes.size() : 0;
        } else {
            const portal::XlsxOutput out =
                portal::WriteLinesXlsx(store, rows, portal::PlanKind::Standard, {"C0000001", as_of});
            bytes = out.bytes.size();
        }
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        cpu_times.push_back(CpuMilliseconds() - cpu_start);
        if (bytes == 0) {
            std::fprintf(stderr, "xlsx-bench: the %s was not written\n", format.c_str());
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    // format, lines, median wall ms, min wall ms, median CPU ms, MB, peak MB beyond the data
    std::printf("%s\t%zu\t%.0f\t%.0f\t%.0f\t%.1f\t%.0f\n", format.c_str(), lines, times[times.size() / 2],
                times[0], cpu_times[cpu_times.size() / 2], static_cast<double>(bytes) / 1048576.0,
                PeakMegabytes() - before);
    return 0;
}
