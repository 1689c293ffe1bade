// The portal's three CSV downloads: lines (the manual's table), monthly usage and call details.
#include <charconv>

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

}  // namespace

CsvOutput WriteLinesCsv(const LineStore& store, const std::vector<uint32_t>& rows, PlanKind plan,
                        CsvEncoding encoding) {
    // The text column of each visible column looked up once, not once per cell.
    struct Plan {
        LineColumn column;
        const StringColumn* text;
    };
    std::vector<Plan> columns;
    std::vector<std::string_view> headers;
    for (LineColumn column : VisibleLineColumns(plan)) {
        const bool numeric = column == LineColumn::No || column == LineColumn::StartDate ||
                             column == LineColumn::EndDate || column == LineColumn::Channels;
        columns.push_back({column, numeric ? nullptr : &store.TextColumn(column)});
        headers.push_back(ColumnInfo(column).header_ja);
    }
    // Estimate from the store's average text per row so one reservation usually suffices.
    const size_t text_per_row = store.Size() == 0 ? 0 : store.TextBytes() / store.Size();
    CsvWriter writer(encoding, std::move(headers), rows.size() * (text_per_row + 40));
    char buffer[16];
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint32_t row = rows[i];
        writer.BeginRow(i + 1);
        for (const Plan& c : columns) {
            if (c.text != nullptr) {
                writer.Field(c.text->Get(row));
                continue;
            }
            switch (c.column) {
                case LineColumn::No:
                    writer.Field(UnsignedText(store.No(row), buffer));
                    break;
                case LineColumn::StartDate:
                    writer.Field(DateText(store.StartDate(row), buffer));
                    break;
                case LineColumn::EndDate:
                    writer.Field(DateText(store.EndDate(row), buffer));
                    break;
                default: {
                    const uint16_t channels = store.Channels(row);  // 0 = not shown
                    writer.Field(channels == 0 ? std::string_view() : UnsignedText(channels, buffer));
                }
            }
        }
        writer.EndRow();
    }
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
