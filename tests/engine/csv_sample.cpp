// csv_sample: writes the same filtered, sorted CSVs in both encodings so that ctest can check the
// native and WebAssembly builds produce identical bytes.
//   csv_sample --write <dir>     (native tree) writes the files into <dir>
//   csv_sample --compare <dir>   (WASM tree, under node) compares its own bytes with <dir>'s
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/sort.h"
#include "engine/xlsx.h"
#include "sample_lines.h"

using namespace portal;

namespace {

struct SampleFile {
    std::string name;
    std::string bytes;
};

// Usage of a month and one number's calls, each as CSV and workbook: leading zeros, 0AB-J numbers,
// amounts past a million yen and calls over an hour.
void AddReportSamples(const XlsxDocumentInfo& info, std::vector<SampleFile>& files) {
    UsageReport usage;
    usage.month = "2026-10";
    CallDetailReport calls;
    calls.phone = "05058202003";
    for (uint32_t i = 0; i < 400; ++i) {
        std::string phone = (i % 3 == 0 ? "03" : "050") + std::to_string(58200000 + i * 7919 % 100000);
        usage.rows.push_back({phone, i % 17, i * 977 % 40000, static_cast<int64_t>(i) * 3571 % 2000000});
        calls.calls.push_back({calls.phone, 1790000000 + static_cast<EpochSeconds>(i) * 5417,
                               "0" + std::to_string(120000000 + i * 31), i * 613 % 9000, (i * 37) % 5000});
    }
    std::vector<uint32_t> usage_rows(usage.rows.size()), call_rows(calls.calls.size());
    for (uint32_t i = 0; i < usage_rows.size(); ++i) usage_rows[i] = usage_rows.size() - 1 - i;
    for (uint32_t i = 0; i < call_rows.size(); ++i) call_rows[i] = i;
    files.push_back({"usage.csv", WriteUsageCsv(usage, usage_rows, CsvEncoding::Utf8Bom).bytes});
    files.push_back({"usage.xlsx", WriteUsageXlsx(usage, usage_rows, info).bytes});
    files.push_back({"calls.csv", WriteCallDetailsCsv(calls, call_rows, CsvEncoding::Utf8Bom).bytes});
    files.push_back({"calls.xlsx", WriteCallDetailsXlsx(calls, call_rows, info).bytes});
}

// 3,000 lines with Japanese, quotes, commas, line breaks and formula-like cells; in-service lines
// started since 2012, sorted by hunt group descending (many ties: checks the stable order too).
std::vector<SampleFile> BuildSamples() {
    const LineStore store = test::MixedLines(3000, 2026);
    LineQueryInput input;
    input.status = StatusFilter::InServiceOnly;
    input.start_from = "2012/01/01";
    const LineFilterValidation validation = ValidateLineQuery(input);
    LineOrderCache cache;
    const std::vector<uint32_t> rows =
        QueryLines(store, cache, validation.filter,
                   LineSort{LineColumn::HuntGroup, SortDirection::Descending}, test::kAsOf);
    std::vector<SampleFile> files;
    const struct {
        const char* name;
        PlanKind plan;
        CsvEncoding encoding;
    } kinds[] = {{"lines_standard_utf8.csv", PlanKind::Standard, CsvEncoding::Utf8Bom},
                 {"lines_standard_cp932.csv", PlanKind::Standard, CsvEncoding::Cp932},
                 {"lines_basic_cp932.csv", PlanKind::Basic, CsvEncoding::Cp932}};
    for (const auto& kind : kinds) {
        CsvOutput output = WriteLinesCsv(store, rows, kind.plan, kind.encoding);
        if (!output.ok()) {
            std::fprintf(stderr, "csv_sample: %s: %s\n", kind.name, output.ToError().message.en.c_str());
            return {};
        }
        files.push_back({kind.name, std::move(output.bytes)});
    }
    std::fprintf(stderr, "csv_sample: %zu of %zu lines selected\n", rows.size(), store.Size());
    const XlsxDocumentInfo info{"C0012345", test::kAsOf};
    for (PlanKind plan : {PlanKind::Standard, PlanKind::Basic}) {
        XlsxOutput output = WriteLinesXlsx(store, rows, plan, info);
        if (!output.ok()) return {};
        files.push_back(
            {std::string("lines_") + std::string(PlanKindKey(plan)) + ".xlsx", std::move(output.bytes)});
    }
    files.push_back(
        {"lines_basic_utf8.csv", WriteLinesCsv(store, rows, PlanKind::Basic, CsvEncoding::Utf8Bom).bytes});
    AddReportSamples(info, files);
    return files;
}

bool ReadFile(const std::string& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

int Write(const std::string& dir, const std::vector<SampleFile>& files) {
    for (const SampleFile& file : files) {
        const std::string path = dir + "/" + file.name;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        if (!out) {
            std::fprintf(stderr, "csv_sample: cannot write %s (does the folder exist?)\n", path.c_str());
            return 1;
        }
        std::printf("wrote %s (%zu bytes)\n", path.c_str(), file.bytes.size());
    }
    return 0;
}

int Compare(const std::string& dir, const std::vector<SampleFile>& files) {
    int failures = 0;
    for (const SampleFile& file : files) {
        const std::string path = dir + "/" + file.name;
        std::string native;
        if (!ReadFile(path, native)) {
            std::fprintf(stderr,
                         "csv_sample: the native output %s is missing. Run the native tests first "
                         "(ctest --preset native), or point PORTAL_NATIVE_CSV_SAMPLE_DIR at them.\n",
                         path.c_str());
            return 1;
        }
        size_t at = 0;
        while (at < native.size() && at < file.bytes.size() && native[at] == file.bytes[at]) ++at;
        if (native.size() == file.bytes.size() && at == native.size()) {
            std::printf("identical: %s (%zu bytes)\n", file.name.c_str(), native.size());
        } else {
            std::fprintf(stderr,
                         "csv_sample: %s differs from the native bytes at offset %zu (sizes %zu / %zu)\n",
                         file.name.c_str(), at, native.size(), file.bytes.size());
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc == 3 ? argv[1] : "";
    if (mode != "--write" && mode != "--compare") {
        std::fprintf(stderr, "usage: csv_sample --write <dir> | --compare <dir>\n");
        return 2;
    }
    const std::vector<SampleFile> files = BuildSamples();
    if (files.empty()) return 1;
    return mode == "--write" ? Write(argv[2], files) : Compare(argv[2], files);
}
