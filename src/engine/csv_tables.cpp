// The portal's three CSV downloads: lines (the manual's table), monthly usage and call details.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>

#include "engine/csv.h"
#include "engine/csv_writer.h"
#include "engine/date_text.h"
#include "engine/format.h"

namespace portal {
namespace {

std::string_view UnsignedText(uint32_t value, char (&buffer)[16]) {
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string_view(buffer, static_cast<size_t>(result.ptr - buffer));
}

// 2022/08/17, as the manual shows dates; blank for no date.
std::string_view DateText(DateKey date, char (&buffer)[16]) {
    if (date == kNoDate) return std::string_view();
    WriteDateText(date, '/', buffer);
    return std::string_view(buffer, kDateTextLength);
}

class UsageSource : public CsvSource {
  public:
    UsageSource(const UsageReport& report, const std::vector<uint32_t>& rows)
        : report_(report), rows_(rows) {}
    size_t ColumnCount() const override { return 4; }
    size_t RowCount() const override { return rows_.size(); }
    std::string_view Header(size_t column) const override {
        static const char* const kHeaders[] = {"電話番号", "通話回数", "通話時間", "通話料金(円)"};
        return kHeaders[column];
    }
    void Cell(size_t row, size_t column, std::string& out) const override {
        const UsageRow& usage = report_.rows[rows_[row]];
        switch (column) {
            case 0:
                out += usage.phone;
                break;
            case 1:
                out += std::to_string(usage.call_count);
                break;
            case 2:
                out += FormatDuration(usage.call_seconds);
                break;
            default:
                out += std::to_string(usage.charge_yen);
                break;  // plain number: Excel sums it
        }
    }

  private:
    const UsageReport& report_;
    const std::vector<uint32_t>& rows_;
};

class CallDetailSource : public CsvSource {
  public:
    CallDetailSource(const CallDetailReport& report, const std::vector<uint32_t>& rows)
        : report_(report), rows_(rows) {}
    size_t ColumnCount() const override { return 5; }
    size_t RowCount() const override { return rows_.size(); }
    std::string_view Header(size_t column) const override {
        static const char* const kHeaders[] = {"電話番号", "通話開始日時", "通話先電話番号", "通話時間",
                                               "通話料金(円)"};
        return kHeaders[column];
    }
    void Cell(size_t row, size_t column, std::string& out) const override {
        const CallDetail& call = report_.calls[rows_[row]];
        switch (column) {
            case 0:
                out += call.phone;
                break;
            case 1:
                out += FormatJstDateTime(call.start);
                break;
            case 2:
                out += call.destination;
                break;
            case 3:
                out += FormatDuration(call.duration_seconds);
                break;
            default:
                out += std::to_string(call.charge_yen);
                break;
        }
    }

  private:
    const CallDetailReport& report_;
    const std::vector<uint32_t>& rows_;
};

// The text column of each visible column looked up once, not once per cell.
struct LineCsvColumn {
    LineColumn column;
    const StringColumn* text;  // nullptr for the numeric columns
};

// One numeric cell as the manual shows it (No, dates as 2022/08/17, channels blank when 0).
std::string_view NumericCell(const LineStore& store, LineColumn column, uint32_t row, char (&buffer)[16]) {
    const uint32_t value = store.Number(row, column);
    switch (ColumnInfo(column).type) {
        case LineColumnType::Date:
            return DateText(value, buffer);
        case LineColumnType::Count:  // 0 = not shown
            return value == 0 ? std::string_view() : UnsignedText(value, buffer);
        default:
            return UnsignedText(value, buffer);
    }
}

// Rows in stored order: each column is read front to back already.
void WriteRowsInPlace(const LineStore& store, const std::vector<uint32_t>& rows,
                      const std::vector<LineCsvColumn>& columns, CsvWriter& writer) {
    char buffer[16];
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint32_t row = rows[i];
        writer.BeginRow(i + 1);
        for (const LineCsvColumn& c : columns)
            writer.Field(c.text != nullptr ? c.text->Get(row) : NumericCell(store, c.column, row, buffer));
        writer.EndRow();
    }
}

// Rows in any other order (sorted by phone, say) would read all eleven columns at random places
// per row, and row by row those reads wait on each other. Instead each selected row is written
// once in stored order (columns read front to back, as fast as an unsorted download), then the
// finished rows are copied out in the requested order: one short contiguous read per row.
// Costs a second copy of the CSV while it runs. nullopt when a cell cannot be encoded: the error
// must name the row in the requested order, which the caller's in-place pass does.
std::optional<std::string> WriteRowsReordered(const LineStore& store, const std::vector<uint32_t>& rows,
                                              const std::vector<LineCsvColumn>& columns, CsvWriter& writer) {
    constexpr uint32_t kNotSelected = UINT32_MAX;
    std::vector<uint32_t> slot(store.Size(), kNotSelected);  // row -> its index in stored order
    for (uint32_t row : rows) slot[row] = 0;
    std::vector<size_t> starts;  // where each written row begins, then the end
    starts.reserve(rows.size() + 1);
    char buffer[16];
    for (uint32_t row = 0; row < slot.size(); ++row) {
        if (slot[row] == kNotSelected) continue;
        slot[row] = static_cast<uint32_t>(starts.size());
        starts.push_back(writer.Written());
        writer.BeginRow(starts.size());
        for (const LineCsvColumn& c : columns)
            writer.Field(c.text != nullptr ? c.text->Get(row) : NumericCell(store, c.column, row, buffer));
        writer.EndRow();
    }
    starts.push_back(writer.Written());
    CsvOutput in_stored_order = writer.Finish();
    if (!in_stored_order.ok()) return std::nullopt;
    const std::string& written = in_stored_order.bytes;
    const size_t header = starts.front();
    size_t total = header;
    for (uint32_t row : rows) total += starts[slot[row] + 1] - starts[slot[row]];
    std::string out(total, '\0');
    std::memcpy(out.data(), written.data(), header);
    char* at = out.data() + header;
    for (uint32_t row : rows) {
        const size_t begin = starts[slot[row]], length = starts[slot[row] + 1] - begin;
        std::memcpy(at, written.data() + begin, length);
        at += length;
    }
    return out;
}

}  // namespace

CsvOutput WriteLinesCsv(const LineStore& store, const std::vector<uint32_t>& rows, PlanKind plan,
                        CsvEncoding encoding) {
    std::vector<LineCsvColumn> columns;
    std::vector<std::string_view> headers;
    for (LineColumn column : VisibleLineColumns(plan)) {
        columns.push_back({column, store.FindTextColumn(column)});
        headers.push_back(ColumnInfo(column).header_ja);
    }
    // Estimate from the store's average text per row so one reservation usually suffices.
    const size_t text_per_row = store.Size() == 0 ? 0 : store.TextBytes() / store.Size();
    const size_t reserve = rows.size() * (text_per_row + 40);
    CsvWriter writer(encoding, headers, reserve);
    if (!std::is_sorted(rows.begin(), rows.end())) {
        if (auto reordered = WriteRowsReordered(store, rows, columns, writer)) {
            CsvOutput output;
            output.bytes = std::move(*reordered);
            return output;
        }
        writer = CsvWriter(encoding, headers, reserve);
    }
    WriteRowsInPlace(store, rows, columns, writer);
    return writer.Finish();
}

CsvOutput WriteUsageCsv(const UsageReport& report, const std::vector<uint32_t>& rows, CsvEncoding encoding) {
    return WriteCsv(UsageSource(report, rows), encoding);
}

CsvOutput WriteCallDetailsCsv(const CallDetailReport& report, const std::vector<uint32_t>& rows,
                              CsvEncoding encoding) {
    return WriteCsv(CallDetailSource(report, rows), encoding);
}

}  // namespace portal
