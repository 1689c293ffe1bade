// ご利用状況照会 and 明細照会: requests, answers, the drill-down from a line, and the
// CSV downloads built by the engine (byte-identical to /usage.csv and /call-details.csv).
#include <emscripten.h>
#include <imgui_internal.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app.h"
#include "engine/codec.h"
#include "engine/format.h"
#include "platform/js_bridge.h"
#include "report_view.h"
#include "screens/report_screens.h"

namespace portal {
namespace {

DateParts PartsOf(DateKey date) {
    DateParts parts;
    if (date == kNoDate) return parts;
    parts.year = DateYear(date);
    parts.month = DateMonth(date);
    parts.day = DateDay(date);
    return parts;
}

Message Decoding(const Error& error) {
    Message message;
    message.text.ja = Format(Tr(Lang::Ja, Str::BadResponse), error.message.ja.c_str());
    message.text.en = Format(Tr(Lang::En, Str::BadResponse), error.message.en.c_str());
    return message;
}

}  // namespace

void App::OpenUsage(const std::string& phone_prefix) {
    GoTo(Screen::Usage);
    if (!phone_prefix.empty()) {
        std::snprintf(usage_.phone_prefix.data(), usage_.phone_prefix.size(), "%s", phone_prefix.c_str());
        usage_.query_dirty = true;
    }
    if (!usage_.loaded && !usage_.loading) LoadUsage("");
}

void App::LoadUsage(const std::string& month) {
    usage_.loading = true;
    usage_.requested = month;
    usage_.requested_at_ms = emscripten_get_now();
    const std::string url = "/api/v1/usage" + (month.empty() ? std::string() : "?month=" + month);
    api_.Send(ApiRequest{ApiCall::Usage, "GET", url, "", false});
}

void App::OnUsage(const ApiResponse& response) {
    usage_.loading = false;
    if (HandleUnauthorized(response)) return;
    if (IsTransportFailure(response)) {
        ShowFailure(response);
        return;
    }
    if (!response.ok()) {  // e.g. no usage yet: said on the screen, not as a failure
        usage_.error = FailureMessage(response);
        return;
    }
    const double arrived = emscripten_get_now();
    auto decoded = DecodeUsageJson(response.body);
    if (!decoded.ok()) {
        usage_.error = Decoding(decoded.error());
        return;
    }
    usage_.fetch_ms = arrived - usage_.requested_at_ms;
    usage_.decode_ms = emscripten_get_now() - arrived;
    usage_.report = decoded.take();
    usage_.loaded = true;
    usage_.error.clear();
    usage_.query_dirty = true;
    UpdateUsageRows(usage_);
    usage_.load_ms = emscripten_get_now() - usage_.requested_at_ms;
    NoteActivity();
    platform_.RequestFrames(2);
}

// The per-month chart needs every month the API keeps: the table's month is taken as it is, the
// others fetched once each (all at once: a dozen small requests) and kept until logout.
void App::LoadChartMonths() {
    if (!usage_.chart_by_month || !usage_.loaded || !usage_.month_error.empty()) return;
    const std::string& shown = usage_.report.month;
    if (!shown.empty() && usage_.month_rows.count(shown) == 0) usage_.month_rows[shown] = usage_.report.rows;
    for (const std::string& month : usage_.report.months) {
        if (usage_.month_rows.count(month) != 0 || usage_.months_in_flight.count(month) != 0) continue;
        usage_.months_in_flight.insert(month);
        api_.Send(ApiRequest{ApiCall::UsageMonth, "GET", "/api/v1/usage?month=" + month, "", false});
    }
}

void App::OnUsageMonth(const ApiResponse& response) {
    if (HandleUnauthorized(response)) return;
    if (IsTransportFailure(response)) {
        ShowFailure(response);  // its retry sends the same month again
        return;
    }
    auto decoded = response.ok() ? DecodeUsageJson(response.body) : Result<UsageReport>(Error{});
    if (!response.ok() || !decoded.ok()) {
        usage_.month_error = response.ok() ? Decoding(decoded.error()) : FailureMessage(response);
        return;
    }
    UsageReport report = decoded.take();
    usage_.months_in_flight.erase(report.month);
    usage_.month_rows[report.month] = std::move(report.rows);
    NoteActivity();
    platform_.RequestFrames(2);
}

void App::DownloadUsageCsv() {
    ReportCsv& csv = usage_.csv;
    csv.error.clear();
    const std::string stamp = MonthStamp(usage_.report.month);
    const std::string& code = contract_ctl_.contract().summary.customer_code;
    if (csv.xlsx) {
        SaveWorkbook(csv, WriteUsageXlsx(usage_.report, usage_.rows, WorkbookInfo()),
                     XlsxFileName(code, "usage", stamp));
        return;
    }
    CsvOutput output = WriteUsageCsv(usage_.report, usage_.rows, csv.encoding);
    if (!output.ok()) {
        csv.error = Message{output.ToError().message};
        csv.last_file_name.clear();
        return;
    }
    SaveReportCsv(csv, CsvFileName(code, "usage", stamp), output.bytes);
}

void App::OpenCallDetails(const std::string& phone) {
    GoTo(Screen::CallDetails);
    if (!contract_ctl_.contract().call_details_available) return;  // the screen explains how to apply
    if (contract_ctl_.LinesWanted()) contract_ctl_.LoadLines();    // numbers for the prefix search
    if (details_.from.empty() && contract_ctl_.state().loaded) {
        // The API's own default period: from the first of the month a year back to today.
        const DateKey as_of = contract_ctl_.contract().as_of;
        details_.from = PartsOf(MakeDateKey(DateYear(as_of) - 1, DateMonth(as_of), 1));
        details_.to = PartsOf(as_of);
    }
    if (phone.empty()) return;
    std::snprintf(details_.number.data(), details_.number.size(), "%s", phone.c_str());
    details_.selected_phone = phone;
    if (contract_ctl_.contract().call_details_available) LoadCallDetails();
}

void App::LoadCallDetails() {
    details_.loading = true;
    details_.error.clear();
    details_.requested_at_ms = emscripten_get_now();
    std::string url = "/api/v1/call-details?number=" + details_.selected_phone;
    if (!details_.from.empty()) url += "&from=" + details_.from.ToQuery();
    if (!details_.to.empty()) url += "&to=" + details_.to.ToQuery();
    api_.Send(ApiRequest{ApiCall::CallDetails, "GET", url, "", false});
}

void App::OnCallDetails(const ApiResponse& response) {
    details_.loading = false;
    if (HandleUnauthorized(response)) return;
    if (IsTransportFailure(response)) {
        ShowFailure(response);
        return;
    }
    if (response.status == 403) {  // no option: the screen explains how to apply
        details_.not_subscribed = true;
        return;
    }
    if (!response.ok()) {
        details_.error = FailureMessage(response);
        return;
    }
    const double arrived = emscripten_get_now();
    auto decoded = DecodeCallDetailsJson(response.body);
    if (!decoded.ok()) {
        details_.error = Decoding(decoded.error());
        return;
    }
    details_.fetch_ms = arrived - details_.requested_at_ms;
    details_.decode_ms = emscripten_get_now() - arrived;
    details_.report = decoded.take();
    details_.loaded = true;
    UpdateCallRows(details_);
    details_.load_ms = emscripten_get_now() - details_.requested_at_ms;
    for (const CallDetail& call : details_.report.calls) fonts_.Note(call.destination);
    NoteActivity();
    platform_.RequestFrames(2);
}

void App::DownloadCallDetailsCsv() {
    ReportCsv& csv = details_.csv;
    csv.error.clear();
    const CallDetailReport& report = details_.report;
    const std::string& code = contract_ctl_.contract().summary.customer_code;
    const std::string stamp = DateStamp(report.from) + "-" + DateStamp(report.to);
    if (csv.xlsx) {
        SaveWorkbook(csv, WriteCallDetailsXlsx(report, details_.rows, WorkbookInfo()),
                     XlsxFileName(code, "calls_" + report.phone, stamp));
        return;
    }
    CsvOutput output = WriteCallDetailsCsv(details_.report, details_.rows, csv.encoding);
    if (!output.ok()) {
        csv.error = Message{output.ToError().message};
        csv.last_file_name.clear();
        return;
    }
    SaveReportCsv(csv, CsvFileName(code, "calls_" + report.phone, stamp), output.bytes);
}

void App::SaveReportCsv(ReportCsv& csv, const std::string& name, const std::string& bytes) {
    js::Download(name, bytes, std::string(CsvMediaType(csv.encoding)).c_str());
    csv.last_file_name = name;
    status_.text.ja = Format(Tr(Lang::Ja, Str::CsvDone), name.c_str());
    status_.text.en = Format(Tr(Lang::En, Str::CsvDone), name.c_str());
}

XlsxDocumentInfo App::WorkbookInfo() const {
    return {contract_ctl_.contract().summary.customer_code, contract_ctl_.contract().as_of};
}

// The same rows as the CSV, as an Excel workbook; past Excel's row limit the message offers CSV.
void App::SaveWorkbook(CsvOptions& csv, XlsxOutput output, const std::string& name) {
    if (!output.ok()) {
        csv.error = Message{output.error.message};
        csv.last_file_name.clear();
        return;
    }
    js::Download(name, output.bytes, kXlsxMediaType);
    csv.last_file_name = name;
    status_.text.ja = Format(Tr(Lang::Ja, Str::CsvDone), name.c_str());
    status_.text.en = Format(Tr(Lang::En, Str::CsvDone), name.c_str());
}

void App::DrawReportScreen(UiContext& ui) {
    if (!contract_ctl_.state().loaded) {
        NoticeText(ui.T(Str::Loading));
        return;
    }
    if (screen_ == Screen::Usage) {
        const UsageActions actions =
            DrawUsageScreen(usage_, contract_ctl_.contract().call_details_available, ui);
        LoadChartMonths();
        if (actions.back_to_menu) GoTo(Screen::Menu);
        if (actions.download_csv) DownloadUsageCsv();
        if (actions.open_details && !usage_.rows.empty())
            OpenCallDetails(usage_.report.rows[usage_.rows.front()].phone);
        if (actions.month_index >= 0 &&
            static_cast<size_t>(actions.month_index) < usage_.report.months.size()) {
            LoadUsage(usage_.report.months[static_cast<size_t>(actions.month_index)]);
        }
        return;
    }
    const CallDetailsActions actions =
        DrawCallDetailsScreen(details_, contract_ctl_.lines(), contract_ctl_.contract(), kiosk_, ui);
    if (actions.back_to_menu) GoTo(Screen::Menu);
    if (actions.query) LoadCallDetails();
    if (actions.download_csv) DownloadCallDetailsCsv();
    if (actions.open_usage) OpenUsage(details_.selected_phone);
}

std::string App::ReportsTestJson() const {
    using Json = nlohmann::json;
    Json usage = Json::object();
    usage["loaded"] = usage_.loaded;
    usage["loading"] = usage_.loading;
    usage["month"] = usage_.report.month;
    usage["months"] = usage_.report.months;
    usage["prefix"] = usage_.phone_prefix.data();
    usage["totalRows"] = usage_.report.rows.size();
    usage["rowCount"] = usage_.rows.size();
    usage["generation"] = usage_.generation;
    usage["loadMs"] = usage_.load_ms;
    usage["fetchMs"] = usage_.fetch_ms;
    usage["decodeMs"] = usage_.decode_ms;
    Json rows = Json::array();
    for (size_t i = 0; i < usage_.rows.size() && i < 50; ++i) {
        const UsageRow& row = usage_.report.rows[usage_.rows[i]];
        rows.push_back(Json::array({row.phone, FormatCount(row.call_count), FormatDuration(row.call_seconds),
                                    FormatYen(row.charge_yen)}));
    }
    usage["firstRows"] = rows;
    const UsageTotals totals = SumUsage(usage_);
    usage["totals"] =
        Json::array({FormatCount(static_cast<int64_t>(totals.calls)),
                     FormatDuration(static_cast<uint32_t>(totals.seconds)), FormatYen(totals.charge)});
    Json errors = Json::array();
    for (const Error& error : usage_.validation.errors)
        errors.push_back(Json{{"code", error.code}, {"ja", error.message.ja}});
    usage["validationErrors"] = errors;
    usage["error"] = usage_.error.text.ja;
    usage["csvFileName"] = usage_.csv.last_file_name;
    Json month_bars = Json::array();
    for (const MonthTotal& total : usage_.month_totals) {
        month_bars.push_back(Json{{"month", total.month},
                                  {"numbers", total.numbers},
                                  {"calls", total.calls},
                                  {"seconds", total.seconds},
                                  {"charge", total.charge}});
    }
    usage["monthChart"] = Json{{"byMonth", usage_.chart_by_month},
                               {"pending", usage_.months_in_flight.size()},
                               {"cachedMonths", usage_.month_rows.size()},
                               {"prefix", usage_.month_totals_prefix},
                               {"months", month_bars},
                               {"hovered", usage_.month_hovered},
                               {"error", usage_.month_error.text.ja}};

    Json details = Json::object();
    details["number"] = details_.number.data();
    details["selectedPhone"] = details_.selected_phone;
    details["from"] = details_.from.ToQuery();
    details["to"] = details_.to.ToQuery();
    details["loaded"] = details_.loaded;
    details["loading"] = details_.loading;
    details["notSubscribed"] = details_.not_subscribed;
    details["rowCount"] = details_.rows.size();
    details["generation"] = details_.generation;
    details["loadMs"] = details_.load_ms;
    details["fetchMs"] = details_.fetch_ms;
    details["decodeMs"] = details_.decode_ms;
    details["firstVisibleIndex"] = details_.first_visible_index;
    details["totalSeconds"] = details_.total_seconds;
    details["totalCharge"] = details_.total_charge;
    details["error"] = details_.error.text.ja;
    details["csvFileName"] = details_.csv.last_file_name;
    Json calls = Json::array();
    for (size_t i = details_.first_visible_index; i < details_.rows.size() && calls.size() < 20; ++i) {
        const CallDetail& call = details_.report.calls[details_.rows[i]];
        // As the table shows it: masked while the privacy switch is on.
        calls.push_back(Json::array({FormatJstDateTime(call.start),
                                     kiosk_.privacy ? MaskLastFour(call.destination) : call.destination,
                                     FormatDuration(call.duration_seconds), FormatYen(call.charge_yen)}));
    }
    details["firstRows"] = calls;

    Json kiosk = Json{{"kiosk", kiosk_.kiosk},
                      {"privacy", kiosk_.privacy},
                      {"idleSeconds", kiosk_.idle_seconds},
                      {"countdownSeconds", kiosk_.countdown_seconds},
                      {"dialogOpen", kiosk_.dialog_deadline_ms > 0.0},
                      {"idleForSeconds", (emscripten_get_now() - kiosk_.last_input_ms) / 1000.0},
                      {"uiScale", UiScale()},
                      {"config", kiosk_.config == KioskConfig::Pending      ? "pending"
                                 : kiosk_.config == KioskConfig::FromServer ? "server"
                                                                            : "unavailable"}};
    // Where keyboard navigation's focus is (CSS pixels), so tests can Tab to a widget like a person
    // watching the focus frame would; null when no item has keyboard focus.
    Json focus = nullptr;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.NavWindow && g.NavId != 0) {
        const ImRect rect = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
        const float ratio = platform_.PixelRatio();
        focus = Json{{"x", rect.Min.x / ratio},
                     {"y", rect.Min.y / ratio},
                     {"w", rect.GetWidth() / ratio},
                     {"h", rect.GetHeight() / ratio},
                     {"highlighted", !g.NavDisableHighlight}};
    }
    return Json{{"usage", usage}, {"details", details}, {"kiosk", kiosk}, {"focus", focus}}.dump();
}

Message App::ReportError() const {
    if (screen_ == Screen::Usage) {
        if (!usage_.csv.error.empty()) return usage_.csv.error;
        if (!usage_.validation.errors.empty()) return Message{usage_.validation.errors.front().message};
        return usage_.error;
    }
    if (!details_.csv.error.empty()) return details_.csv.error;
    return details_.error;
}

void App::NoteReportText() {
    for (const Message* message : {&usage_.error, &usage_.csv.error, &details_.error, &details_.csv.error}) {
        fonts_.Note(message->text.ja);
        fonts_.Note(message->text.en);
    }
}

// Logout and expiry: nothing of the customer's reports stays in memory.
void App::ResetReports() {
    usage_ = UsageViewState{};
    details_ = CallDetailsViewState{};
}

}  // namespace portal
