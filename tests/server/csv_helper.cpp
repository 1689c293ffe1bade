// Test helper: runs the engine on a lines payload exactly as the client does (decode, validate,
// filter, sort, write CSV), so the tests can compare the server's /lines.csv bytes with it.
// The payload is the binary one the client reads ("PLN1", Accept: application/vnd.portal050.lines).
// Usage: portal-csv-helper LINES.pln1 standard|basic utf-8|cp932 AS_OF [prefix status from to sort]
#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/sort.h"

int main(int argc, char** argv) {
    using namespace portal;
    if (argc != 5 && argc != 10) {
        std::fprintf(stderr, "usage: %s LINES.pln1 PLAN ENCODING AS_OF [prefix status from to sort]\n",
                     argv[0]);
        return 64;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto store = DecodeLinesBinary(buffer.str());
    if (!store) return std::fprintf(stderr, "decode: %s\n", store.error().message.en.c_str()), 1;
    const PlanKind plan = std::string(argv[2]) == "basic" ? PlanKind::Basic : PlanKind::Standard;
    CsvEncoding encoding;
    if (!ParseCsvEncoding(argv[3], encoding)) return std::fprintf(stderr, "bad encoding\n"), 64;
    auto as_of = ParseDate(argv[4]);
    if (!as_of) return std::fprintf(stderr, "bad as-of date\n"), 64;
    LineQueryInput input;
    LineSort sort;
    if (argc == 10) {
        input.phone_prefix = argv[5];
        input.status = std::string(argv[6]) == "active" ? StatusFilter::InServiceOnly : StatusFilter::All;
        input.start_from = argv[7];
        input.start_to = argv[8];
        auto parsed = ParseLineSort(argv[9]);
        if (!parsed) return std::fprintf(stderr, "bad sort\n"), 64;
        sort = parsed.value();
    }
    auto validation = ValidateLineQuery(input);
    if (!validation.ok()) return std::fprintf(stderr, "bad query\n"), 64;
    auto rows = MatchLines(store.value(), validation.filter, *as_of);
    SortRows(store.value(), rows, sort);
    CsvOutput csv = WriteLinesCsv(store.value(), rows, plan, encoding);
    if (!csv.ok()) return std::fprintf(stderr, "%s\n", csv.ToError().message.en.c_str()), 3;
    std::fwrite(csv.bytes.data(), 1, csv.bytes.size(), stdout);
    return 0;
}
