// /api/v1/usage* (ご利用状況照会) and /api/v1/call-details* (明細照会, for customers with the option).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app_context.h"
#include "engine/codec.h"
#include "engine/filter.h"
#include "engine/format.h"
#include "engine/report_sort.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

// Puts `items` in the order of `order` (indices into it), so the JSON and the CSV both list the
// rows as the client's table shows them after the same sort.
template <class Item>
void Reorder(std::vector<Item>& items, const std::vector<uint32_t>& order) {
    std::vector<Item> sorted;
    sorted.reserve(order.size());
    for (uint32_t i : order) sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
}

// The `sort` parameter through the engine's parser; false after answering 400 bad_sort.
template <class SortSpec>
bool ParseSortParam(const http::Request& req, http::Response& res,
                    Result<SortSpec> (*parse)(std::string_view), SortSpec& out) {
    auto sort = parse(Param(req, "sort"));
    if (!sort) {
        SendError(res, 400, sort.error());
        return false;
    }
    out = sort.value();
    return true;
}

}  // namespace

// The month asked for (default: the newest kept), with the list of months; false after 4xx.
bool LoadUsage(AppContext& app, const http::Request& req, http::Response& res, const Customer& customer,
               UsageReport& report) {
    report.months = app.storage.UsageMonths(customer.id);
    report.month = Param(req, "month");
    if (report.month.empty()) {
        if (report.months.empty()) {
            SendError(res, 404, "no_usage", "ご利用状況のデータがありません。",
                      "There is no usage data yet.");
            return false;
        }
        report.month = report.months.front();
    } else if (!IsMonthKey(report.month)) {
        SendError(res, 400, "bad_month", "month は YYYY-MM の形式で指定してください。",
                  "month must look like YYYY-MM.", "month");
        return false;
    }
    if (std::find(report.months.begin(), report.months.end(), report.month) == report.months.end()) {
        SendError(res, 404, "month_not_found", "指定された月のご利用状況はありません: " + report.month,
                  "There is no usage for " + report.month + ".", "month");
        return false;
    }
    // prefix: the contract screen's 電話番号 condition (same engine validation), so the client's
    // filtered CSV has a server twin to be compared with byte for byte.
    LineQueryInput input;
    input.phone_prefix = Param(req, "prefix");
    LineFilterValidation validation = ValidateLineQuery(input);
    if (!validation.ok()) {
        SendValidationErrors(res, validation.errors);
        return false;
    }
    UsageSort sort;
    if (!ParseSortParam(req, res, &ParseUsageSort, sort)) return false;
    report.rows = app.storage.Usage(customer.id, report.month);
    std::vector<uint32_t> order = UsageRowsWithPrefix(report.rows, validation.filter.prefix_digits);
    SortUsageRows(report.rows, order, sort);
    Reorder(report.rows, order);
    return true;
}

namespace {

bool ParseDayParam(const http::Request& req, http::Response& res, const char* name, DateKey fallback,
                   DateKey& out) {
    const std::string text = Param(req, name);
    if (text.empty()) return out = fallback, true;
    auto date = ParseDate(text);
    if (!date) {
        SendError(res, 400, "bad_date",
                  std::string(name) + " は存在する日付を YYYY-MM-DD で指定してください。",
                  std::string(name) + " must be a real date as YYYY-MM-DD.", name);
        return false;
    }
    out = *date;
    return true;
}

}  // namespace

// Opt-in check, number and date range, then the calls; false after 4xx.
bool LoadCallDetails(AppContext& app, const http::Request& req, http::Response& res, const Customer& customer,
                     CallDetailReport& report) {
    if (!customer.call_details) {
        SendError(res, 403, "call_details_not_subscribed",
                  "明細照会はお申し込みが必要です (無料)。お申し込み後にご利用いただけます。",
                  "Call details need a (free) subscription. They are available once you have applied.");
        return false;
    }
    if (!NormalisePhoneInput(Param(req, "number"), report.phone) || report.phone.empty()) {
        SendError(res, 400, "bad_number", "number に電話番号 (数字) を指定してください。",
                  "number must be a phone number (digits).", "number");
        return false;
    }
    CallSort sort;
    if (!ParseSortParam(req, res, &ParseCallSort, sort)) return false;
    const DateKey as_of = app.AsOf();
    const DateKey year_ago = MakeDateKey(DateYear(as_of) - 1, DateMonth(as_of), 1);
    if (!ParseDayParam(req, res, "from", year_ago, report.from) ||
        !ParseDayParam(req, res, "to", as_of, report.to))
        return false;
    if (report.from > report.to) {
        SendError(res, 400, "date_range_reversed", "from が to より後になっています。", "from is after to.",
                  "from");
        return false;
    }
    std::string error;
    auto lines = app.lines.Get(app.storage, customer, error);
    bool known = false;
    for (size_t row = 0; lines && row < lines->Store().Size() && !known; ++row)
        known = lines->Store().Phone(row) == report.phone;
    if (!known) {
        SendError(res, 404, "number_not_found", "ご契約にない電話番号です: " + report.phone,
                  "This number is not part of the contract: " + report.phone, "number");
        return false;
    }
    report.calls = app.storage.CallDetails(customer.id, report.phone, JstDayStart(report.from),
                                           JstDayStart(report.to) + 86400);
    std::vector<uint32_t> order = AllRows(report.calls.size());
    SortCallRows(report.calls, order, sort);
    Reorder(report.calls, order);
    return true;
}

void AddReportRoutes(http::Router& server, AppContext& app) {
    server.Get("/api/v1/usage/months", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        nlohmann::json body = {{"months", app.storage.UsageMonths(live->customer->id)}};
        SendJson(res, body.dump());
    });
    server.Get("/api/v1/usage", [&app](const http::Request& req, http::Response& res) {
        UsageReport report;
        if (!CheckQueryParams(req, res, {"month", "prefix", "sort"})) return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadUsage(app, req, res, *live->customer, report)) return;
        SendJson(res, EncodeUsageJson(report));
    });
    server.Get("/api/v1/usage.csv", [&app](const http::Request& req, http::Response& res) {
        UsageReport report;
        CsvEncoding encoding;
        if (!CheckQueryParams(req, res, {"month", "prefix", "sort", "encoding"}) ||
            !ParseEncoding(req, res, encoding))
            return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadUsage(app, req, res, *live->customer, report)) return;
        SendCsv(res, WriteUsageCsv(report, AllRows(report.rows.size()), encoding), encoding,
                CsvFileName(live->customer->customer_code, "usage", MonthStamp(report.month)));
    });
    server.Get("/api/v1/call-details", [&app](const http::Request& req, http::Response& res) {
        CallDetailReport report;
        if (!CheckQueryParams(req, res, {"number", "from", "to", "sort"})) return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadCallDetails(app, req, res, *live->customer, report)) return;
        SendJson(res, EncodeCallDetailsJson(report));
    });
    server.Get("/api/v1/call-details.csv", [&app](const http::Request& req, http::Response& res) {
        CallDetailReport report;
        CsvEncoding encoding;
        if (!CheckQueryParams(req, res, {"number", "from", "to", "sort", "encoding"}) ||
            !ParseEncoding(req, res, encoding))
            return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadCallDetails(app, req, res, *live->customer, report)) return;
        SendCsv(res, WriteCallDetailsCsv(report, AllRows(report.calls.size()), encoding), encoding,
                CsvFileName(live->customer->customer_code, "calls_" + report.phone,
                            DateStamp(report.from) + "-" + DateStamp(report.to)));
    });
}

}  // namespace portal::server
