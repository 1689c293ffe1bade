// Operator import entry point: reads the file, validates everything, then writes in one
// transaction through Storage (which rolls back on any failure).
#include "server/importer.h"

#include <fstream>
#include <set>
#include <sstream>

#include "engine/csv.h"
#include "engine/date.h"

namespace portal::server {
namespace {}  // namespace

ImportReport RejectedImport(const std::string& location, const Error& error) {
    ImportReport report;
    report.error = error;
    report.error.field = location;
    report.error.message.ja = location + ": " + error.message.ja;
    report.error.message.en = location + ": " + error.message.en;
    return report;
}

namespace {

// Header cells are the API keys ("phone") or the manual's Japanese headers (電話番号), so a CSV
// downloaded from the portal can be edited and imported back.
const LineColumnInfo* HeaderColumn(const std::string& header) {
    if (const LineColumnInfo* info = FindLineColumn(header)) return info;
    for (const auto& info : LineColumns())
        if (header == info.header_ja) return &info;
    return nullptr;
}

ImportReport ImportCsvLines(Storage& storage, const std::string& text, const std::string& selfcare_id) {
    auto customer = storage.FindCustomerBySelfcareId(selfcare_id);
    if (!customer)
        return RejectedImport("--customer", Error{"import_invalid", "",
                                                  Text{"そのセルフケアIDのお客様はいません: " + selfcare_id,
                                                       "no customer with self-care ID " + selfcare_id}});
    std::string_view body = text;
    if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.remove_prefix(3);  // UTF-8 BOM
    auto table = ReadCsv(body);
    if (!table) return RejectedImport("line " + table.error().field, table.error());
    const auto& rows = table.value();
    if (rows.empty())
        return RejectedImport("line 1",
                              Error{"import_invalid", "", Text{"見出し行がありません", "no header row"}});
    std::vector<const LineColumnInfo*> columns;
    for (size_t i = 0; i < rows[0].size(); ++i) {
        const LineColumnInfo* info = HeaderColumn(rows[0][i]);
        if (!info)
            return RejectedImport(
                "line 1, column " + std::to_string(i + 1),
                Error{"import_invalid", "",
                      Text{"不明な列名です: " + rows[0][i], "unknown column: " + rows[0][i]}});
        columns.push_back(info);
    }
    LineStore lines;
    std::set<uint32_t> numbers;
    for (size_t r = 1; r < rows.size(); ++r) {
        const std::string location = "line " + std::to_string(r + 1);
        if (rows[r].size() == 1 && rows[r][0].empty()) continue;  // blank line
        if (rows[r].size() != columns.size())
            return RejectedImport(
                location,
                Error{"import_invalid", "", Text{"列の数が見出しと違います", "wrong number of columns"}});
        std::array<std::optional<std::string>, kLineColumnCount> cells;
        for (size_t c = 0; c < columns.size(); ++c) {
            std::string value = rows[r][c];
            if (!value.empty() && value[0] == '\'' && CsvNeedsNeutralising(value.substr(1)))
                value.erase(0, 1);
            cells[static_cast<size_t>(columns[c]->column)] = value;
        }
        LineRecord line;
        Error error;
        if (!LineFromCells(cells, static_cast<uint32_t>(r), line, error))
            return RejectedImport(location + ", " + error.field, error);
        if (!numbers.insert(line.no).second)
            return RejectedImport(location + ", no", Error{"import_invalid", "",
                                                           Text{"番号が重複しています", "duplicate number"}});
        lines.Append(line);
    }
    std::string error;
    if (!storage.ReplaceLines(customer->id, lines, error))
        return RejectedImport(
            "database",
            Error{"import_failed", "", Text{"書き込みに失敗しました: " + error, "write failed: " + error}});
    ImportReport report;
    report.ok = true;
    report.customers = 1;
    report.lines = lines.Size();
    return report;
}

}  // namespace

ImportReport ImportFile(Storage& storage, PasswordHasher& hasher, const std::string& path,
                        const std::string& csv_customer) {
    const bool is_csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    if (!is_csv) return ImportCustomersJson(storage, hasher, path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return RejectedImport(
            path, Error{"import_unreadable", "", Text{"ファイルを読めません", "cannot read the file"}});
    if (csv_customer.empty())
        return RejectedImport("--customer", Error{"import_invalid", "",
                                                  Text{"CSV の取り込みには --customer ID が必要です",
                                                       "a CSV import needs --customer ID"}});
    // One customer's lines: the whole file is one LineStore anyway.
    std::stringstream buffer;
    buffer << in.rdbuf();
    return ImportCsvLines(storage, buffer.str(), csv_customer);
}

bool Storage::ReplaceCustomers(std::vector<CustomerData>& customers, std::string& error) {
    try {
        std::set<DateKey> months;
        for (const auto& data : customers)
            for (const auto& call : data.calls) months.insert(CallMonth(call.start));
        auto writer = WriteCustomers(months);
        for (auto& data : customers) {
            data.customer.id = writer->PutCustomer(data.customer);
            writer->ClearRows(data.customer.id);
            writer->PutLines(data.customer.id, data.lines);
            writer->PutUsage(data.customer.id, data.usage);
            writer->PutCalls(data.customer.id, data.calls, 0);
        }
        writer->Commit();
        return true;
    } catch (const StorageWriteError& e) {
        error = e.what();
        return false;
    }
}

DateKey CallMonth(Seconds start) {
    const DateKey day = JstDateOf(start);
    return MakeDateKey(DateYear(day), DateMonth(day), 1);
}

}  // namespace portal::server
