// Lookup and formatting helpers for the strings table (i18n_strings.cpp).
#include "i18n.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "engine/model.h"

namespace portal {

struct StringPair {
    const char* ja;
    const char* en;
};
const StringPair& StringAt(size_t index);  // i18n_strings.cpp

const char* Tr(Lang lang, Str id) {
    const StringPair& pair = StringAt(static_cast<size_t>(id));
    return lang == Lang::En ? pair.en : pair.ja;
}

std::string Format(const char* pattern, ...) {
    va_list args;
    va_start(args, pattern);
    char buffer[512];
    const int length = std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    if (length < 0) return std::string();
    if (static_cast<size_t>(length) < sizeof buffer) return std::string(buffer, static_cast<size_t>(length));
    std::string out(static_cast<size_t>(length) + 1, '\0');
    va_start(args, pattern);
    std::vsnprintf(out.data(), out.size(), pattern, args);
    va_end(args);
    out.resize(static_cast<size_t>(length));
    return out;
}

std::string Label(Lang lang, Str id, const char* stable_id) {
    std::string label = Tr(lang, id);
    label += "###";
    label += stable_id;
    return label;
}

std::string FormatCountdown(double seconds) {
    const long total = seconds <= 0 ? 0 : static_cast<long>(std::ceil(seconds));
    const long hours = total / 3600, minutes = total / 60 % 60, secs = total % 60;
    if (hours > 0) return Format("%ld:%02ld:%02ld", hours, minutes, secs);
    return Format("%ld:%02ld", minutes, secs);
}

const char* LangKey(Lang lang) {
    return lang == Lang::En ? "en" : "ja";
}

std::string AllStringsForFont() {
    std::string all;
    for (size_t i = 0; i < static_cast<size_t>(Str::Count); ++i) {
        all += StringAt(i).ja;
        all += '\n';
        all += StringAt(i).en;
        all += '\n';
    }
    all += "～　\n";  // drawn outside the table: the date range separator, the ideographic space
    for (const LineColumnInfo& info : LineColumns()) {
        all += info.header_ja;
        all += '\n';
        all += info.header_en;
        all += '\n';
    }
    return all;
}

}  // namespace portal
