// Array-of-objects JSON of the lines for the JavaScript baseline, written directly for speed
// (it is set-up work, not a measured step).
#include "js_payload.h"

#include <cstdio>

namespace bench {
namespace {

void AppendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

void AppendDate(std::string& out, portal::DateKey date) {
    if (date == portal::kNoDate) {
        out += "null";
        return;
    }
    AppendJsonString(out, portal::FormatDate(date, '-'));
}

}  // namespace

std::string BuildArrayOfObjectsJson(const portal::LineStore& store) {
    using portal::LineColumn;
    std::string out;
    out.reserve(store.Size() * 240 + 2);
    out += '[';
    for (size_t row = 0; row < store.Size(); ++row) {
        if (row > 0) out += ',';
        out += "{\"no\":" + std::to_string(store.No(row));
        out += ",\"phone\":";
        AppendJsonString(out, store.Phone(row));
        out += ",\"account_id\":";
        AppendJsonString(out, store.TextColumn(LineColumn::AccountId).Get(row));
        out += ",\"line_password\":";
        AppendJsonString(out, store.TextColumn(LineColumn::LinePassword).Get(row));
        out += ",\"service_password\":";
        AppendJsonString(out, store.TextColumn(LineColumn::ServicePassword).Get(row));
        out += ",\"start_date\":";
        AppendDate(out, store.StartDate(row));
        out += ",\"end_date\":";
        AppendDate(out, store.EndDate(row));
        out += ",\"channels\":" + std::to_string(store.Channels(row));
        out += ",\"caller_id_number\":";
        AppendJsonString(out, store.TextColumn(LineColumn::CallerIdNumber).Get(row));
        out += ",\"hunt_group\":";
        AppendJsonString(out, store.TextColumn(LineColumn::HuntGroup).Get(row));
        out += ",\"mobile_choice\":";
        AppendJsonString(out, store.TextColumn(LineColumn::MobileChoice).Get(row));
        out += '}';
    }
    out += ']';
    return out;
}

std::string LineHeadersTabSeparated() {
    std::string out;
    for (const portal::LineColumnInfo& info : portal::LineColumns()) {
        if (!out.empty()) out += '\t';
        out += info.header_ja;
    }
    return out;
}

}  // namespace bench
