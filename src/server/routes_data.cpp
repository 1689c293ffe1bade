// /api/v1/contract, /api/v1/lines and /api/v1/lines.csv: the manual's ご契約情報照会, filtered,
// sorted and written by the shared engine so the server and the client agree byte for byte.
#include <cstdio>

#include "app_context.h"
#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/lines_payload_v2.h"
#include "engine/sort.h"
#include "server/http_common.h"
#include "server/lines_negotiation.h"

namespace portal::server {
namespace {

struct LineRequest {
    LineFilter filter;
    LineSort sort;
    bool unfiltered = true;  // no condition and the default order: the cached payload fits
};

// Validates prefix, status, start_from, start_to and sort with the engine; false after 400.
bool ParseLineRequest(const http::Request& req, http::Response& res, LineRequest& out) {
    LineQueryInput input;
    input.phone_prefix = Param(req, "prefix");
    input.start_from = Param(req, "start_from");
    input.start_to = Param(req, "start_to");
    const std::string status = Param(req, "status");
    if (status == "active") {
        input.status = StatusFilter::InServiceOnly;
    } else if (!status.empty() && status != "all") {
        SendError(res, 400, "bad_status", "status は all か active です。", "status must be all or active.",
                  "status");
        return false;
    }
    LineFilterValidation validation = ValidateLineQuery(input);
    if (!validation.ok()) {
        SendValidationErrors(res, validation.errors);
        return false;
    }
    auto sort = ParseLineSort(Param(req, "sort"));
    if (!sort) {
        SendError(res, 400, sort.error());
        return false;
    }
    out.filter = validation.filter;
    out.sort = sort.value();
    const LineFilter& f = out.filter;
    out.unfiltered = f.prefix_digits.empty() && f.status == StatusFilter::All && f.start_from == kNoDate &&
                     f.start_to == kNoDate && out.sort.column == LineColumn::No &&
                     out.sort.direction == SortDirection::Ascending;
    return true;
}

std::shared_ptr<CustomerLines> LoadLines(AppContext& app, const Customer& customer, http::Response& res) {
    std::string error;
    auto lines = app.lines.Get(app.storage, customer, error);
    if (!lines) {
        std::fprintf(stderr, "lines: customer %lld: %s\n", static_cast<long long>(customer.id),
                     error.c_str());
        SendError(res, 503, "data_unavailable",
                  "回線情報を読み込めませんでした。しばらくしてからお試しください。",
                  "The line data could not be loaded. Please try again later.");
    }
    return lines;
}

// Big bodies go out through a content provider: it skips cpp-httplib's on-the-fly compression,
// which would spend seconds on a multi-megabyte payload per request.
void SendShared(http::Response& res, std::shared_ptr<const std::string> body, std::string_view type) {
    res.status = 200;
    const size_t size = body->size();
    res.set_content_provider(size, std::string(type),
                             [body](size_t offset, size_t length, http::DataSink& sink) {
                                 sink.write(body->data() + offset, std::min(length, body->size() - offset));
                                 return true;
                             });
}

bool WantsForm(const http::Request& req, http::Response& res, LinesForm& form) {
    Error error;
    int status = 400;
    if (ChooseLinesForm(Param(req, "format"), req.get_header_value("Accept"), form, error, status))
        return true;
    SendError(res, status, error);
    return false;
}

}  // namespace

bool QueryLinesForDownload(AppContext& app, const http::Request& req, http::Response& res,
                           const Customer& customer, std::shared_ptr<CustomerLines>& lines,
                           std::vector<uint32_t>& rows) {
    LineRequest query;
    if (!ParseLineRequest(req, res, query)) return false;
    lines = LoadLines(app, customer, res);
    if (!lines) return false;
    rows = lines->Query(query.filter, query.sort, app.AsOf());
    return true;
}

// Answers a CSV download: 422 with the engine's message when CP932 cannot hold a character.
void SendCsv(http::Response& res, CsvOutput output, CsvEncoding encoding, const std::string& file_name) {
    if (!output.ok()) {
        SendError(res, 422, output.ToError());
        return;
    }
    res.set_header("Content-Disposition", AttachmentHeader(file_name));
    SendShared(res, std::make_shared<const std::string>(std::move(output.bytes)), CsvMediaType(encoding));
}

bool ParseEncoding(const http::Request& req, http::Response& res, CsvEncoding& encoding) {
    const std::string text = Param(req, "encoding");
    encoding = CsvEncoding::Utf8Bom;
    if (text.empty() || ParseCsvEncoding(text, encoding)) return true;
    SendError(res, 400, "bad_encoding", "encoding は utf-8 か cp932 です。",
              "encoding must be utf-8 or cp932.", "encoding");
    return false;
}

void AddDataRoutes(http::Router& server, AppContext& app) {
    server.Get("/api/v1/contract", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        auto lines = LoadLines(app, *live->customer, res);
        if (!lines) return;
        SendShared(res, lines->ContractJson(app.AsOf()), kJsonMediaType);
    });

    server.Get("/api/v1/lines", [&app](const http::Request& req, http::Response& res) {
        LineRequest query;
        LinesForm form = LinesForm::Json;
        if (!CheckQueryParams(req, res, {"prefix", "status", "start_from", "start_to", "sort", "format"}) ||
            !WantsForm(req, res, form) || !ParseLineRequest(req, res, query))
            return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        auto lines = LoadLines(app, *live->customer, res);
        if (!lines) return;
        const std::string_view type = LinesContentType(form);
        const bool binary = form == LinesForm::BinaryV1;
        res.set_header("Vary", "Accept, Accept-Encoding");
        const auto rows =
            query.unfiltered ? std::vector<uint32_t>{} : lines->Query(query.filter, query.sort, app.AsOf());
        app.auth.RecordSipPasswords(ClientOf(req, app.settings), *live, "lines",
                                    static_cast<int64_t>(query.unfiltered ? lines->RowCount() : rows.size()));
        if (form == LinesForm::BinaryV2) {  // brotli inside: no Content-Encoding on top
            SendShared(res,
                       query.unfiltered
                           ? lines->FullV2()
                           : std::make_shared<const std::string>(EncodeLinesV2(lines->Store(), &rows)),
                       type);
            return;
        }
        if (query.unfiltered) {
            // The whole contract is what the client loads at start: compressed once, it crosses
            // a slow network about 5 times faster.
            if (AcceptsEncoding(req, "gzip")) {
                if (auto packed = binary ? lines->FullBinaryGzip() : lines->FullJsonGzip()) {
                    res.set_header("Content-Encoding", "gzip");
                    SendShared(res, packed, type);
                    return;
                }
            }
            SendShared(res, binary ? lines->FullBinary() : lines->FullJson(), type);
            return;
        }
        auto body =
            binary ? EncodeLinesBinary(lines->Store(), &rows) : EncodeLinesJson(lines->Store(), &rows);
        SendShared(res, std::make_shared<const std::string>(std::move(body)), type);
    });

    server.Get("/api/v1/lines.csv", [&app](const http::Request& req, http::Response& res) {
        LineRequest query;
        CsvEncoding encoding;
        if (!CheckQueryParams(req, res, {"prefix", "status", "start_from", "start_to", "sort", "encoding"}) ||
            !ParseEncoding(req, res, encoding) || !ParseLineRequest(req, res, query))
            return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        auto lines = LoadLines(app, *live->customer, res);
        if (!lines) return;
        const DateKey as_of = app.AsOf();
        const auto rows = lines->Query(query.filter, query.sort, as_of);
        app.auth.RecordSipPasswords(ClientOf(req, app.settings), *live, "lines.csv",
                                    static_cast<int64_t>(rows.size()));
        SendCsv(res, WriteLinesCsv(lines->Store(), rows, live->customer->plan, encoding), encoding,
                CsvFileName(live->customer->customer_code, "lines", DateStamp(as_of)));
    });
}

}  // namespace portal::server
