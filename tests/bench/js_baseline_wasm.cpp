// WASM build: small C++ wrappers over the JavaScript baseline in js_baseline.js.
#include <string>

#include "js_baseline.h"
#include "js_payload.h"

extern "C" {
void portal_bench_js_load(const char* text, size_t length, const char* headers, size_t headers_length);
void portal_bench_js_release();
size_t portal_bench_js_parse();
size_t portal_bench_js_filter(const char* prefix, size_t prefix_length, int in_service_only, const char* from,
                              const char* to, const char* as_of);
size_t portal_bench_js_filter_sort_page(const char* prefix, size_t prefix_length, int in_service_only,
                                        const char* from, const char* to, const char* as_of, size_t limit);
size_t portal_bench_js_csv();
int portal_bench_js_csv_equals(const char* bytes, size_t length);
void portal_bench_js_version(char* out, size_t size);
}

namespace bench {
namespace {

// The filter as the JS side sees it: dates as YYYY-MM-DD text ("" = no condition).
struct JsConditions {
    std::string from, to, as_of;
    explicit JsConditions(const portal::LineFilter& filter, portal::DateKey as_of_date)
        : from(portal::FormatDate(filter.start_from, '-')),
          to(portal::FormatDate(filter.start_to, '-')),
          as_of(portal::FormatDate(as_of_date, '-')) {}
};

int InServiceOnly(const portal::LineFilter& filter) {
    return filter.status == portal::StatusFilter::InServiceOnly ? 1 : 0;
}

}  // namespace

bool JsBaselineAvailable() {
    return true;
}

size_t JsLoadLines(const portal::LineStore& store) {
    const std::string json = BuildArrayOfObjectsJson(store);
    const std::string headers = LineHeadersTabSeparated();
    portal_bench_js_load(json.data(), json.size(), headers.data(), headers.size());
    return json.size();
}

void JsRelease() {
    portal_bench_js_release();
}

void JsParse() {
    portal_bench_js_parse();
}

size_t JsFilter(const portal::LineFilter& filter, portal::DateKey as_of) {
    const JsConditions c(filter, as_of);
    return portal_bench_js_filter(filter.prefix_digits.data(), filter.prefix_digits.size(),
                                  InServiceOnly(filter), c.from.c_str(), c.to.c_str(), c.as_of.c_str());
}

size_t JsFilterSortPage(const portal::LineFilter& filter, portal::DateKey as_of, size_t limit) {
    const JsConditions c(filter, as_of);
    return portal_bench_js_filter_sort_page(filter.prefix_digits.data(), filter.prefix_digits.size(),
                                            InServiceOnly(filter), c.from.c_str(), c.to.c_str(),
                                            c.as_of.c_str(), limit);
}

size_t JsCsvOfLastFilter() {
    return portal_bench_js_csv();
}

bool JsCsvEquals(const std::string& bytes) {
    return portal_bench_js_csv_equals(bytes.data(), bytes.size()) != 0;
}

std::string JsEngineVersion() {
    char version[64] = {};
    portal_bench_js_version(version, sizeof version);
    return version;
}

}  // namespace bench
