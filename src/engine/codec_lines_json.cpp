// The columnar lines payload in JSON: a direct writer, and a decoder on the engine's JSON reader
// that streams values straight into the LineStore's columns (no DOM: 1,000,000 lines would need
// gigabytes).
#include <algorithm>
#include <limits>

#include "engine/codec.h"
#include "engine/date_text.h"
#include "engine/json_reader.h"
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

Result<LineStore> DecodeLinesJson(std::string_view json) {
    JsonReader in(json);
    LineStore store;
    uint32_t seen = 0;
    uint64_t number = 0;
    size_t count = 0;
    bool column_seen[kLineColumnCount] = {};
    size_t lengths[kLineColumnCount] = {};
    // A hostile count must not allocate gigabytes: every element takes at least 2 bytes.
    const auto reserve = [&](size_t bytes_left) { return seen & 2 ? std::min(count, bytes_left / 2) : 0; };
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "version") {
            if (!in.FirstTime(seen, 1) || !in.Unsigned(std::numeric_limits<uint64_t>::max(), number))
                return false;
            return number == 1 || in.Fail("unsupported version (this reader knows version 1)");
        }
        if (key == "count") {
            if (!in.FirstTime(seen, 2) || !in.Unsigned(std::numeric_limits<uint32_t>::max(), number))
                return false;
            count = static_cast<size_t>(number);
            return true;
        }
        if (key != "columns") return in.Fail("unknown field");
        if (!in.FirstTime(seen, 4)) return false;
        return in.Object([&](std::string_view name) {
            const LineColumnInfo* info = FindLineColumn(name);
            if (info == nullptr) return in.Fail("unknown column");
            const LineColumn column = info->column;
            const size_t c = static_cast<size_t>(column);
            if (column_seen[c]) return in.Fail("duplicate column");
            column_seen[c] = true;
            const size_t rows = reserve(in.Remaining());
            const auto read = [&](auto&& element) {
                return in.Array([&](size_t) { return ++lengths[c], element(); });
            };
            switch (info->type) {
                case LineColumnType::Serial:
                    store.MutableNo().reserve(rows);
                    return read([&] {
                        if (!in.Unsigned(std::numeric_limits<uint32_t>::max(), number)) return false;
                        store.MutableNo().push_back(static_cast<uint32_t>(number));
                        return true;
                    });
                case LineColumnType::Count:
                    store.MutableChannels().reserve(rows);
                    return read([&] {
                        if (!in.Unsigned(std::numeric_limits<uint16_t>::max(), number)) return false;
                        store.MutableChannels().push_back(static_cast<uint16_t>(number));
                        return true;
                    });
                case LineColumnType::Date: {
                    auto& dates =
                        column == LineColumn::StartDate ? store.MutableStartDate() : store.MutableEndDate();
                    dates.reserve(rows);
                    return read([&] {
                        DateKey date = kNoDate;
                        if (!in.Date(date, true)) return false;
                        dates.push_back(date);
                        return true;
                    });
                }
                case LineColumnType::Text: {
                    StringColumn& text = store.MutableTextColumn(column);
                    text.Reserve(rows, 0);
                    return read([&] {
                        std::string_view value;
                        if (!in.String(value)) return false;
                        text.Push(value);
                        return true;
                    });
                }
            }
            return false;
        });
    });
    if (!ok || in.failed() || !in.Finish()) return Result<LineStore>::Failure(in.error());
    // Every field and column present, every column `count` long.
    static const char* const kTop[] = {"version", "count", "columns"};
    for (int i = 0; i < 3; ++i)
        if (!(seen & (1u << i))) return PayloadError(kTop[i], "missing");
    for (const LineColumnInfo& info : LineColumns()) {
        const size_t c = static_cast<size_t>(info.column);
        const std::string path = std::string("columns.") + info.key;
        if (!column_seen[c]) return PayloadError(path, "missing column");
        if (lengths[c] != count)
            return PayloadError(
                path, path + ": length " + std::to_string(lengths[c]) + " != count " + std::to_string(count));
    }
    // Give back the growth slack of value-by-value appends: an exact copy of each column.
    store.MutableNo().shrink_to_fit();
    store.MutableStartDate().shrink_to_fit();
    store.MutableEndDate().shrink_to_fit();
    store.MutableChannels().shrink_to_fit();
    for (const LineColumnInfo& info : LineColumns()) {
        if (info.type != LineColumnType::Text) continue;
        StringColumn& text = store.MutableTextColumn(info.column);
        text.Assign(std::vector<uint32_t>(text.Offsets()), std::string(text.Arena()));
    }
    return store;
}

}  // namespace portal
