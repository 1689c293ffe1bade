// Test helper: builds a usage or call-detail CSV from the server's unsorted JSON answer exactly
// as the client's tables do (decode, prefix filter, shared engine sort, CSV writer), so the tests
// can compare the server's sorted /usage.csv and /call-details.csv bytes with it.
// Usage: portal-report-csv-helper usage|calls REPORT.json utf-8|cp932 SORT [PREFIX]
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/report_sort.h"

namespace {

int WriteOut(const portal::CsvOutput& csv) {
    if (!csv.ok()) return std::fprintf(stderr, "%s\n", csv.ToError().message.en.c_str()), 3;
    std::fwrite(csv.bytes.data(), 1, csv.bytes.size(), stdout);
    return 0;
}

std::vector<uint32_t> Iota(size_t count) {
    std::vector<uint32_t> rows(count);
    std::iota(rows.begin(), rows.end(), 0u);
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace portal;
    if (argc != 5 && argc != 6) {
        std::fprintf(stderr, "usage: %s usage|calls REPORT.json ENCODING SORT [PREFIX]\n", argv[0]);
        return 64;
    }
    const std::string kind = argv[1];
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    CsvEncoding encoding;
    if (!ParseCsvEncoding(argv[3], encoding)) return std::fprintf(stderr, "bad encoding\n"), 64;
    if (kind == "usage") {
        auto report = DecodeUsageJson(buffer.str());
        if (!report) return std::fprintf(stderr, "decode: %s\n", report.error().message.en.c_str()), 1;
        auto sort = ParseUsageSort(argv[4]);
        if (!sort) return std::fprintf(stderr, "bad sort\n"), 64;
        LineQueryInput input;
        input.phone_prefix = argc == 6 ? argv[5] : "";
        auto validation = ValidateLineQuery(input);
        if (!validation.ok()) return std::fprintf(stderr, "bad prefix\n"), 64;
        const std::string& digits = validation.filter.prefix_digits;
        std::vector<uint32_t> rows;
        for (uint32_t r : Iota(report.value().rows.size()))
            if (report.value().rows[r].phone.rfind(digits, 0) == 0) rows.push_back(r);
        SortUsageRows(report.value().rows, rows, sort.value());
        return WriteOut(WriteUsageCsv(report.value(), rows, encoding));
    }
    if (kind == "calls") {
        auto report = DecodeCallDetailsJson(buffer.str());
        if (!report) return std::fprintf(stderr, "decode: %s\n", report.error().message.en.c_str()), 1;
        auto sort = ParseCallSort(argv[4]);
        if (!sort) return std::fprintf(stderr, "bad sort\n"), 64;
        std::vector<uint32_t> rows = Iota(report.value().calls.size());
        SortCallRows(report.value().calls, rows, sort.value());
        return WriteOut(WriteCallDetailsCsv(report.value(), rows, encoding));
    }
    std::fprintf(stderr, "unknown report kind: %s\n", argv[1]);
    return 64;
}
