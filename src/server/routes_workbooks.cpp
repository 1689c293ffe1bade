// /api/v1/lines.xlsx, /usage.xlsx and /call-details.xlsx: the CSV downloads' rows as Excel
// workbooks, written by the same engine writer the browser uses, with the CSVs' query parameters.
#include <memory>

#include "app_context.h"
#include "engine/xlsx.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

// 422 when the rows exceed one sheet (the message offers CSV), 500 when the library failed.
void SendWorkbook(http::Response& res, XlsxOutput output, const std::string& file_name) {
    if (!output.ok()) {
        SendError(res, output.error.code == "xlsx_too_many_rows" ? 422 : 500, output.error);
        return;
    }
    res.set_header("Content-Disposition", AttachmentHeader(file_name));
    // Streamed from one shared buffer: a workbook is already deflated, so nothing re-compresses it.
    auto body = std::make_shared<const std::string>(std::move(output.bytes));
    res.status = 200;
    res.set_content_provider(body->size(), kXlsxMediaType,
                             [body](size_t offset, size_t length, http::DataSink& sink) {
                                 sink.write(body->data() + offset, std::min(length, body->size() - offset));
                                 return true;
                             });
}

}  // namespace

void AddWorkbookRoutes(http::Router& server, AppContext& app) {
    server.Get("/api/v1/lines.xlsx", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {"prefix", "status", "start_from", "start_to", "sort"})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        std::shared_ptr<CustomerLines> lines;
        std::vector<uint32_t> rows;
        if (!QueryLinesForDownload(app, req, res, *live->customer, lines, rows)) return;
        const Customer& customer = *live->customer;
        const DateKey as_of = app.AsOf();
        SendWorkbook(res,
                     WriteLinesXlsx(lines->Store(), rows, customer.plan, {customer.customer_code, as_of}),
                     XlsxFileName(customer.customer_code, "lines", DateStamp(as_of)));
    });
    server.Get("/api/v1/usage.xlsx", [&app](const http::Request& req, http::Response& res) {
        UsageReport report;
        if (!CheckQueryParams(req, res, {"month", "prefix", "sort"})) return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadUsage(app, req, res, *live->customer, report)) return;
        const std::string& code = live->customer->customer_code;
        SendWorkbook(res, WriteUsageXlsx(report, AllRows(report.rows.size()), {code, app.AsOf()}),
                     XlsxFileName(code, "usage", MonthStamp(report.month)));
    });
    server.Get("/api/v1/call-details.xlsx", [&app](const http::Request& req, http::Response& res) {
        CallDetailReport report;
        if (!CheckQueryParams(req, res, {"number", "from", "to", "sort"})) return;
        auto live = RequireSession(app, req, res);
        if (!live || !LoadCallDetails(app, req, res, *live->customer, report)) return;
        const std::string& code = live->customer->customer_code;
        SendWorkbook(
            res, WriteCallDetailsXlsx(report, AllRows(report.calls.size()), {code, app.AsOf()}),
            XlsxFileName(code, "calls_" + report.phone, DateStamp(report.from) + "-" + DateStamp(report.to)));
    });
}

}  // namespace portal::server
