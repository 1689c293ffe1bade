// The three workbooks: the rows and column order of the matching CSV writers, typed for Excel.
#include "engine/csv.h"
#include "engine/xlsx.h"
#include "engine/xlsx_sheet.h"

namespace portal {
namespace {

bool TooManyRows(size_t rows, XlsxOutput& output) {
    if (rows <= kXlsxMaxDataRows) return false;
    const std::string count = std::to_string(rows);
    output.error = Error{
        "xlsx_too_many_rows", "",
        portal::Text{
            count +
                " 行は Excel の 1 シートに収まりません (上限 1,048,575 行)。CSV でダウンロードしてください。",
            count + " rows do not fit in one Excel sheet (1,048,575 at most). Please download CSV instead."}};
    return true;
}

XlsxKind LineColumnKind(LineColumn column) {
    switch (ColumnInfo(column).type) {
        case LineColumnType::Serial:
        case LineColumnType::Count:
            return XlsxKind::Integer;
        case LineColumnType::Date:
            return XlsxKind::Date;
        default:
            return XlsxKind::Text;  // numbers, IDs, passwords and codes keep every character
    }
}

}  // namespace

XlsxOutput WriteLinesXlsx(const LineStore& store, const std::vector<uint32_t>& rows, PlanKind plan,
                          const XlsxDocumentInfo& info) {
    XlsxOutput output;
    if (TooManyRows(rows.size(), output)) return output;
    struct Plan {
        LineColumn column;
        const StringColumn* text;
    };
    std::vector<Plan> plans;
    std::vector<XlsxColumn> columns;
    for (LineColumn column : VisibleLineColumns(plan)) {
        const XlsxKind kind = LineColumnKind(column);
        plans.push_back({column, store.FindTextColumn(column)});
        columns.push_back({ColumnInfo(column).header_ja, kind});
    }
    XlsxSheet sheet("回線一覧", std::move(columns), info);
    for (uint32_t row : rows) {
        sheet.BeginRow();
        for (const Plan& p : plans) {
            if (p.text != nullptr) {
                sheet.Text(p.text->Get(row));
                continue;
            }
            const uint32_t value = store.Number(row, p.column);
            switch (ColumnInfo(p.column).type) {
                case LineColumnType::Date:
                    sheet.Date(value);
                    break;
                case LineColumnType::Count:  // 0 = not shown, as in the CSV
                    value == 0 ? sheet.Blank() : sheet.Number(value);
                    break;
                default:
                    sheet.Number(value);
            }
        }
    }
    return sheet.Finish();
}

XlsxOutput WriteUsageXlsx(const UsageReport& report, const std::vector<uint32_t>& rows,
                          const XlsxDocumentInfo& info) {
    XlsxOutput output;
    if (TooManyRows(rows.size(), output)) return output;
    XlsxSheet sheet("ご利用状況 " + report.month,
                    {{"電話番号", XlsxKind::Text},
                     {"通話回数", XlsxKind::Count},
                     {"通話時間", XlsxKind::Duration},
                     {"通話料金(円)", XlsxKind::Yen}},
                    info);
    for (uint32_t row : rows) {
        const UsageRow& usage = report.rows[row];
        sheet.BeginRow();
        sheet.Text(usage.phone);
        sheet.Number(usage.call_count);
        sheet.Duration(usage.call_seconds);
        sheet.Number(static_cast<double>(usage.charge_yen));
    }
    return sheet.Finish();
}

XlsxOutput WriteCallDetailsXlsx(const CallDetailReport& report, const std::vector<uint32_t>& rows,
                                const XlsxDocumentInfo& info) {
    XlsxOutput output;
    if (TooManyRows(rows.size(), output)) return output;
    XlsxSheet sheet("明細 " + report.phone,
                    {{"電話番号", XlsxKind::Text},
                     {"通話開始日時", XlsxKind::DateTime},
                     {"通話先電話番号", XlsxKind::Text},
                     {"通話時間", XlsxKind::Duration},
                     {"通話料金(円)", XlsxKind::Yen}},
                    info);
    for (uint32_t row : rows) {
        const CallDetail& call = report.calls[row];
        sheet.BeginRow();
        sheet.Text(call.phone);
        sheet.DateTime(call.start);
        sheet.Text(call.destination);
        sheet.Duration(call.duration_seconds);
        sheet.Number(static_cast<double>(call.charge_yen));
    }
    return sheet.Finish();
}

std::string XlsxFileName(std::string_view customer_code, std::string_view what, std::string_view stamp) {
    std::string name = CsvFileName(customer_code, what, stamp);
    name.replace(name.size() - 4, 4, ".xlsx");  // CsvFileName always ends in ".csv"
    return name;
}

}  // namespace portal
