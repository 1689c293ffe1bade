// One data size of portal-bench: generates the lines, then times the engine's steps and the
// JavaScript baseline's equivalents on the same data.
#include "engine_cases.h"

#include <cstdio>
#include <utility>

#include "data_profile.h"
#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/lines_payload_v2.h"
#include "engine/sort.h"
#include "js_baseline.h"
#include "sample/sample_data.h"

namespace bench {
namespace {

using portal::LineColumn;

constexpr size_t kPageRows = 100;
constexpr double kMegabyte = 1024.0 * 1024.0;

// Everything one size needs, kept together so each step is a short function.
struct Context {
    const CaseOptions& options;
    std::vector<std::string>& notes;
    int& failures;
    BenchSection section;
    portal::LineStore store;
    std::string label;  // "1,000,000 lines"
};

void Progress(const Context& c, const char* step) {
    std::fprintf(stderr, "[portal-bench] %s: %s\n", c.label.c_str(), step);
}

void Fail(Context& c, const std::string& what) {
    c.notes.push_back("**FAILED** at " + c.label + ": " + what);
    ++c.failures;
}

std::string Megabytes(size_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / kMegabyte);
    return text;
}

std::string RowsDetail(size_t matched, size_t total) {
    char percent[32];
    const double share = total ? 100.0 * static_cast<double>(matched) / static_cast<double>(total) : 0.0;
    std::snprintf(percent, sizeof percent, share < 1 ? " (%.2f%%)" : " (%.1f%%)", share);
    return Thousands(matched) + " rows" + percent;
}

// A named filter, validated exactly as the API validates what a customer typed.
struct NamedFilter {
    std::string name;
    portal::LineFilter filter;
};

std::vector<NamedFilter> MakeFilters(Context& c) {
    // A 7-digit prefix the data really holds: the 050 number nearest the middle row, typed with
    // a hyphen as customers do (the engine ignores it).
    std::string prefix = "0505805";
    for (size_t row = c.store.Size() / 2; row < c.store.Size(); ++row) {
        if (c.store.Phone(row).size() == 11) {
            prefix = std::string(c.store.Phone(row).substr(0, 7));
            break;
        }
    }
    const std::string typed = prefix.substr(0, 3) + "-" + prefix.substr(3);
    portal::LineQueryInput by_prefix, by_status, by_dates, combined;
    by_prefix.phone_prefix = typed;
    by_status.status = portal::StatusFilter::InServiceOnly;
    by_dates.start_from = "2018-04-01";
    by_dates.start_to = "2021/03/31";
    combined = by_dates;
    combined.phone_prefix = typed;
    combined.status = portal::StatusFilter::InServiceOnly;
    const std::pair<std::string, portal::LineQueryInput> inputs[] = {
        {"prefix " + typed + " (7 digits)", by_prefix},
        {"status: in service only", by_status},
        {"start date 2018-04-01 ~ 2021-03-31", by_dates},
        {"all three combined", combined},
    };
    std::vector<NamedFilter> filters;
    for (const auto& [name, input] : inputs) {
        portal::LineFilterValidation validation = portal::ValidateLineQuery(input);
        if (!validation.ok()) {
            Fail(c, "filter '" + name + "' rejected: " + validation.errors.front().message.en);
            continue;
        }
        filters.push_back({name, validation.filter});
    }
    return filters;
}

void GenerateLines(Context& c) {
    Progress(c, "generating lines");
    BenchRow row{"generate sample lines (set-up)", "GenerateSampleLines"};
    // Freeing the previous run's store is not part of the step: done before the clock starts.
    row.timing = Measure(
        c.options.runs,
        [&] { c.store = portal::GenerateSampleLines(c.options.lines, c.options.seed, c.options.as_of); },
        [&] { c.store = portal::LineStore(); });
    if (c.store.Size() != c.options.lines || !c.store.IsConsistent())
        Fail(c, "the generator's store is wrong");
    const DataProfile profile = ProfileLines(c.store, c.options.as_of);
    c.notes.push_back(c.label + ": " + profile.summary + ".");
    for (const std::string& problem : profile.problems) Fail(c, "generated data: " + problem);
    c.section.rows.push_back(row);
}

portal::Result<portal::LineStore> DecodeInPieces(std::string_view payload) {
    constexpr size_t kPieceBytes = 32768;
    portal::LinesV2Reader reader;
    for (size_t at = 0; at < payload.size(); at += kPieceBytes)
        if (!reader.Feed(payload.substr(at, kPieceBytes))) break;
    return reader.Finish();
}

// Decodes `payload` `runs` times; returns the last decoded store (for the memory figures).
// `js` is JSON.parse of the array of objects: the JS way from payload to data, beside both forms.
template <class Decode>
portal::LineStore TimeDecode(Context& c, const std::string& name, const std::string& payload, Decode decode,
                             const Timing& js) {
    Progress(c, name.c_str());
    portal::LineStore decoded;
    BenchRow row{name, Megabytes(payload.size())};
    row.megabytes = payload.size() / kMegabyte;
    row.target = {300, "ms"};
    bool ok = true;
    std::string error;
    row.timing = Measure(
        c.options.runs,
        [&] {
            portal::Result<portal::LineStore> result = decode(payload);
            if (!result.ok()) {
                ok = false;
                error = result.error().field + ": " + result.error().message.en;
                return;
            }
            decoded = result.take();
        },
        [&] { decoded = portal::LineStore(); });
    if (!ok || decoded.Size() != c.store.Size()) {
        Fail(c, name + " did not give back the lines it was given " + error);
        row.timing = Timing{};
    }
    row.js = js;
    c.section.rows.push_back(row);
    return decoded;
}

void TimeFilters(Context& c, const std::vector<NamedFilter>& filters) {
    Progress(c, "filters");
    for (const NamedFilter& f : filters) {
        BenchRow row{"filter: " + f.name};
        size_t matched = 0;
        row.timing = Measure(
            c.options.runs, [&] { matched = portal::MatchLines(c.store, f.filter, c.options.as_of).size(); });
        row.detail = RowsDetail(matched, c.store.Size());
        if (JsBaselineAvailable()) {
            size_t js_matched = 0;
            row.js = Measure(c.options.runs, [&] { js_matched = JsFilter(f.filter, c.options.as_of); });
            if (js_matched != matched) {
                Fail(c, "JS baseline and engine disagree on '" + f.name + "': " + Thousands(js_matched) +
                            " vs " + Thousands(matched) + " rows");
            }
        }
        c.section.rows.push_back(row);
    }
}

// The rows must be exactly the first `limit` (0 = all) rows of a plain stable sort of the matches.
bool OrderIsRight(const Context& c, const portal::LineFilter& filter, const std::vector<uint32_t>& rows,
                  size_t limit) {
    std::vector<uint32_t> all = portal::MatchLines(c.store, filter, c.options.as_of);
    portal::SortRows(c.store, all, {LineColumn::PhoneNumber, portal::SortDirection::Ascending});
    if (limit != 0 && all.size() > limit) all.resize(limit);
    return all == rows;
}

void TimeSortedPages(Context& c, const std::vector<NamedFilter>& filters) {
    Progress(c, "sort cache and sorted first pages");
    portal::LineOrderCache cache;
    BenchRow build{"sort cache build (phone), once per load", "LineOrderCache order + ranks"};
    build.timing = Measure(
        c.options.runs,
        [&] {
            cache.AscendingOrder(c.store, LineColumn::PhoneNumber);
            cache.Ranks(c.store, LineColumn::PhoneNumber);
        },
        [&] { cache.Reset(); });
    c.section.rows.push_back(build);

    // First the page the target is about, then every match in order (what a scrolling
    // table of all matches needs). JS sorts every match either way, so one JS figure serves both.
    const portal::LineSort by_phone{LineColumn::PhoneNumber, portal::SortDirection::Ascending};
    std::vector<Timing> js_times(filters.size());
    for (size_t limit : {kPageRows, size_t{0}}) {
        for (size_t i = 0; i < filters.size(); ++i) {
            const NamedFilter& f = filters[i];
            BenchRow row{limit ? "filter + sort by phone + first 100: " + f.name
                               : "filter + sort by phone, every match: " + f.name};
            if (limit) row.target = {5, "ms"};
            std::vector<uint32_t> rows;
            row.timing = Measure(c.options.runs, [&] {
                rows = portal::QueryLines(c.store, cache, f.filter, by_phone, c.options.as_of, limit);
            });
            row.detail = Thousands(rows.size()) + (limit ? " rows shown" : " rows in order");
            if (!OrderIsRight(c, f.filter, rows, limit))
                Fail(c, "sorted rows wrong for '" + row.measure + "'");
            if (JsBaselineAvailable() && limit) {
                js_times[i] =
                    Measure(c.options.runs, [&] { JsFilterSortPage(f.filter, c.options.as_of, limit); });
            }
            row.js = js_times[i];
            c.section.rows.push_back(row);
        }
    }
}

uint64_t Fingerprint(const std::string& bytes) {
    uint64_t h = 0xCBF29CE484222325ull;  // FNV-1a
    for (char ch : bytes) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001B3ull;
    return h;
}

// The same lines in phone order (what a customer who sorted the table downloads): every column
// is read at scattered places. Printed with its ratio to the stored-order row of the same run.
void TimeCsvByPhone(Context& c, const portal::LineFilter& in_service, const Timing& stored_order) {
    portal::LineOrderCache cache;
    const portal::LineSort by_phone{LineColumn::PhoneNumber, portal::SortDirection::Ascending};
    const std::vector<uint32_t> rows =
        portal::QueryLines(c.store, cache, in_service, by_phone, c.options.as_of);
    BenchRow row{"CSV UTF-8 with BOM, in-service lines sorted by phone"};
    portal::CsvOutput csv;
    row.timing = Measure(
        c.options.runs,
        [&] {
            csv = portal::WriteLinesCsv(c.store, rows, portal::PlanKind::Standard,
                                        portal::CsvEncoding::Utf8Bom);
        },
        [&] { csv = portal::CsvOutput(); });
    if (!csv.ok() || csv.bytes.empty())
        Fail(c, std::string("sorted CSV not written: ") + csv.ToError().message.en);
    char ratio[64];
    std::snprintf(ratio, sizeof ratio, ", %.2f× stored order (target ≤ 2×)",
                  row.timing.median_ms / stored_order.median_ms);
    row.detail = Thousands(rows.size()) + " rows, " + Megabytes(csv.bytes.size()) + ratio;
    row.megabytes = csv.bytes.size() / kMegabyte;
    c.section.rows.push_back(row);
}

void TimeCsv(Context& c, const portal::LineFilter& in_service) {
    Progress(c, "CSV");
    const std::vector<uint32_t> rows = portal::MatchLines(c.store, in_service, c.options.as_of);
    for (portal::CsvEncoding encoding : {portal::CsvEncoding::Utf8Bom, portal::CsvEncoding::Cp932}) {
        const bool utf8 = encoding == portal::CsvEncoding::Utf8Bom;
        BenchRow row{utf8 ? "CSV UTF-8 with BOM, in-service lines"
                          : "CSV CP932 (Shift_JIS), in-service lines"};
        row.target = {200, "ms"};
        portal::CsvOutput csv;
        row.timing = Measure(
            c.options.runs,
            [&] { csv = portal::WriteLinesCsv(c.store, rows, portal::PlanKind::Standard, encoding); },
            [&] { csv = portal::CsvOutput(); });
        if (!csv.ok() || csv.bytes.empty())
            Fail(c, std::string("CSV not written: ") + csv.ToError().message.en);
        row.detail = Thousands(rows.size()) + " rows, " + Megabytes(csv.bytes.size());
        row.megabytes = csv.bytes.size() / kMegabyte;
        if (utf8) {
            char text[256];
            std::snprintf(text, sizeof text,
                          "%s: UTF-8 CSV fingerprint (FNV-1a) %016llx; equal native and WASM means the same "
                          "data, filter and CSV bytes.",
                          c.label.c_str(), static_cast<unsigned long long>(Fingerprint(csv.bytes)));
            c.notes.push_back(text);
        }
        if (utf8 && JsBaselineAvailable()) {
            JsFilter(in_service, c.options.as_of);  // the rows the JS CSV is built from
            row.js = Measure(c.options.runs, [] { JsCsvOfLastFilter(); });
            // The ratio is fair only if the baseline wrote the very same file.
            c.notes.push_back(c.label + ": the JS CSV is " +
                              (JsCsvEquals(csv.bytes)
                                   ? std::string("byte-for-byte the engine's UTF-8 CSV (")
                                   : std::string("**not** the same bytes as the engine's (")) +
                              Thousands(csv.bytes.size()) + " bytes).");
        }
        c.section.rows.push_back(row);
        if (utf8) TimeCsvByPhone(c, in_service, row.timing);
    }
}

BenchRow MemoryRow(const std::string& name, const std::string& detail, size_t bytes, size_t lines,
                   bool target) {
    BenchRow row{name, detail};
    row.value_number = lines ? static_cast<double>(bytes) / lines : 0;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f B/line", row.value_number);
    row.value = text;
    if (target) row.target = {100, "B/line"};
    return row;
}

void ReportMemory(Context& c, const portal::LineStore& decoded) {
    Progress(c, "memory");
    const size_t lines = decoded.Size();
    const size_t beyond_text = decoded.MemoryBytes() - decoded.TextBytes();
    c.section.rows.push_back(
        MemoryRow("memory beyond text (decoded store)",
                  "text " + Megabytes(decoded.TextBytes()) + ", total " + Megabytes(decoded.MemoryBytes()),
                  beyond_text, lines, true));
    portal::LineOrderCache cache;
    cache.AscendingOrder(decoded, LineColumn::PhoneNumber);
    cache.Ranks(decoded, LineColumn::PhoneNumber);
    c.section.rows.push_back(MemoryRow("… plus phone sort cache", "order + ranks of one column",
                                       beyond_text + cache.MemoryBytes(), lines, false));
    for (const portal::LineColumnInfo& info : portal::LineColumns()) {
        cache.AscendingOrder(decoded, info.column);
        cache.Ranks(decoded, info.column);
    }
    c.section.rows.push_back(MemoryRow("… plus sort caches of all 11 columns",
                                       "after sorting by every column", beyond_text + cache.MemoryBytes(),
                                       lines, false));
}

}  // namespace

BenchSection RunLineBenchmarks(const CaseOptions& options, std::vector<std::string>& notes, int& failures) {
    Context c{options, notes, failures, {}, {}, Thousands(options.lines) + " lines"};
    c.section.lines = options.lines;
    GenerateLines(c);
    Timing js_parse;
    if (JsBaselineAvailable()) {
        Progress(c, "JS baseline: building the array-of-objects JSON");
        const size_t js_bytes = JsLoadLines(c.store);
        c.notes.push_back(c.label + ": the JS baseline parses an array-of-objects JSON of " +
                          Megabytes(js_bytes) + "; it sorts with a plain < compare (not localeCompare).");
        Progress(c, "JS baseline: JSON.parse");
        js_parse = Measure(c.options.runs, [] { JsParse(); });
    }
    portal::LineStore decoded;
    {
        const std::string binary = portal::EncodeLinesBinary(c.store, nullptr);
        decoded = TimeDecode(c, "decode lines payload: binary PLN1 → store", binary,
                             portal::DecodeLinesBinary, js_parse);
    }
    {
        // What the server stores and sends to current clients; its size per line is the
        // bytes-per-line target (≤ 20 on the wire for the demo company).
        Progress(c, "encoding PLN2");
        const std::string packed = portal::EncodeLinesV2(c.store, nullptr);
        char per_line[96];
        std::snprintf(
            per_line, sizeof per_line, "%.1f bytes per line (target ≤ 20)",
            static_cast<double>(packed.size()) / static_cast<double>(std::max<size_t>(1, c.store.Size())));
        c.notes.push_back(c.label + ": PLN2 payload " + Megabytes(packed.size()) + ", " + per_line);
        TimeDecode(c, "decode lines payload: PLN2 (brotli) → store", packed, portal::DecodeLinesV2, js_parse);
        // The browser hands the body over in pieces as it arrives (32 KB each, the page's size):
        // what the streaming reader costs beside one call over the whole payload.
        TimeDecode(c, "decode lines payload: PLN2 fed in 32 KB pieces → store", packed, DecodeInPieces,
                   js_parse);
    }

    const std::vector<NamedFilter> filters = MakeFilters(c);
    TimeFilters(c, filters);
    TimeSortedPages(c, filters);
    portal::LineFilter in_service;
    in_service.status = portal::StatusFilter::InServiceOnly;
    TimeCsv(c, in_service);
    ReportMemory(c, decoded.Size() ? decoded : c.store);
    JsRelease();
    return std::move(c.section);
}

}  // namespace bench
