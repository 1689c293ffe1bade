// Native build: there is no JavaScript engine in the process, so the baseline column is n/a.
#include "js_baseline.h"

namespace bench {

bool JsBaselineAvailable() {
    return false;
}
size_t JsLoadLines(const portal::LineStore&) {
    return 0;
}
void JsRelease() {}
void JsParse() {}
size_t JsFilter(const portal::LineFilter&, portal::DateKey) {
    return 0;
}
size_t JsFilterSortPage(const portal::LineFilter&, portal::DateKey, size_t) {
    return 0;
}
size_t JsCsvOfLastFilter() {
    return 0;
}
bool JsCsvEquals(const std::string&) {
    return false;
}
std::string JsEngineVersion() {
    return "";
}

}  // namespace bench
