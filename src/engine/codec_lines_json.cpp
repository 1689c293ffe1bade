// The columnar lines payload in JSON: a direct writer, and a SAX reader that streams values
// straight into the LineStore's columns (no DOM: 1,000,000 lines would need gigabytes).
#include <charconv>
#include <cstring>

#include "engine/codec.h"
#include "engine/date_text.h"
#include "engine/payload_error.h"

namespace portal {
namespace {

void AppendJsonString(std::string_view text, std::string& out) {
    out.push_back('"');
    size_t plain = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                static const char kHex[] = "0123456789abcdef";
                const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                out.append(escaped, sizeof escaped);
            }
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out.push_back('"');
}

void AppendUnsigned(uint32_t value, std::string& out) {
    char buffer[16];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void AppendIsoDate(DateKey date, std::string& out) {
    char buffer[kDateTextLength];
    WriteDateText(date, '-', buffer);
    out.append(buffer, sizeof buffer);
}

template <class CellWriter>
void AppendColumn(const char* key, size_t count, const std::vector<uint32_t>* rows, std::string& out,
                  CellWriter&& write) {
    out.push_back('"');
    out += key;
    out += "\":[";
    for (size_t i = 0; i < count; ++i) {
        if (i != 0) out.push_back(',');
        write(rows != nullptr ? (*rows)[i] : static_cast<uint32_t>(i));
    }
    out.push_back(']');
}

}  // namespace

// codec_lines_sax.cpp: nlohmann SAX, the reference decoder with exact error paths.
Result<LineStore> DecodeLinesJsonStreaming(std::string_view json);
// codec_lines_fast.cpp: the common case, several times faster; false = "ask the SAX decoder".
bool DecodeLinesJsonFast(std::string_view json, LineStore& store);

std::string EncodeLinesJson(const LineStore& store, const std::vector<uint32_t>* rows) {
    const size_t count = rows != nullptr ? rows->size() : store.Size();
    const size_t text_per_row = store.Size() == 0 ? 0 : store.TextBytes() / store.Size();
    std::string out;
    out.reserve(count * (text_per_row + 70) + 256);
    out += "{\"version\":1,\"count\":";
    AppendUnsigned(static_cast<uint32_t>(count), out);
    out += ",\"columns\":{";
    bool first = true;
    for (const LineColumnInfo& info : LineColumns()) {
        if (!first) out.push_back(',');
        first = false;
        const LineColumn column = info.column;
        switch (info.type) {
            case LineColumnType::Serial:
            case LineColumnType::Count:
                AppendColumn(info.key, count, rows, out,
                             [&](uint32_t r) { AppendUnsigned(store.Number(r, column), out); });
                break;
            case LineColumnType::Date:
                AppendColumn(info.key, count, rows, out, [&](uint32_t r) {
                    const DateKey date = store.Number(r, column);
                    out.push_back('"');
                    if (date != kNoDate) AppendIsoDate(date, out);
                    out.push_back('"');
                });
                break;
            case LineColumnType::Text: {
                const StringColumn& text = store.TextColumn(info.column);
                AppendColumn(info.key, count, rows, out,
                             [&](uint32_t r) { AppendJsonString(text.Get(r), out); });
            }
        }
    }
    out += "}}";
    return out;
}

Result<LineStore> DecodeLinesJson(std::string_view json) {
    LineStore store;
    if (DecodeLinesJsonFast(json, store)) return store;
    return DecodeLinesJsonStreaming(json);
}

}  // namespace portal
