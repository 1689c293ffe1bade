// The columnar lines payload in JSON, written directly: what the server answers to
// Accept: application/json. Nothing in the product reads it back (the client reads the binary
// payloads), so there is no decoder.
#include "engine/codec.h"
#include "engine/date_text.h"
#include "engine/json_writer.h"

namespace portal {
namespace {

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

std::string EncodeLinesJson(const LineStore& store, const std::vector<uint32_t>* rows) {
    const size_t count = rows != nullptr ? rows->size() : store.Size();
    const size_t text_per_row = store.Size() == 0 ? 0 : store.TextBytes() / store.Size();
    std::string out;
    out.reserve(count * (text_per_row + 70) + 256);
    out += "{\"version\":1,\"count\":";
    AppendJsonNumber(static_cast<uint32_t>(count), out);
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
                             [&](uint32_t r) { AppendJsonNumber(store.Number(r, column), out); });
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

}  // namespace portal
