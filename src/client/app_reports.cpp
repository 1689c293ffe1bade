// ご利用状況照会 and 明細照会 as App sees them: ReportsController sends the requests and builds the
// files; App moves between the two screens, shows failures and saves the files.
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

void App::OpenUsage(const std::string& phone_prefix) {
    GoTo(Screen::Usage);
    reports_ctl_.OpenUsage(phone_prefix);
}

void App::OnUsage(const ApiResponse& response) {
    if (!RouteAnswer(response, reports_ctl_.OnUsage(response))) return;
    NoteActivity();
    platform_.RequestFrames(2);
}

void App::OnUsageMonth(const ApiResponse& response) {
    if (!RouteAnswer(response, reports_ctl_.OnUsageMonth(response))) return;  // a retry asks again
    NoteActivity();
    platform_.RequestFrames(2);
}

void App::OpenCallDetails(const std::string& phone) {
    GoTo(Screen::CallDetails);
    // The lines give the prefix search its numbers.
    if (contract_ctl_.contract().call_details_available && contract_ctl_.LinesWanted())
        contract_ctl_.LoadLines();
    reports_ctl_.OpenCallDetails(phone, contract_ctl_.contract(), contract_ctl_.state().loaded);
}

void App::OnCallDetails(const ApiResponse& response) {
    if (!RouteAnswer(response, reports_ctl_.OnCallDetails(response))) return;
    for (const CallDetail& call : reports_ctl_.details().report.calls) fonts_.Note(call.destination);
    NoteActivity();
    platform_.RequestFrames(2);
}

void App::SaveFile(const FileDownload& file) {
    if (file.empty()) return;  // the toolbar shows why
    js::Download(file.name, file.bytes, file.media_type.c_str());
    status_.text.ja = Format(Tr(Lang::Ja, Str::CsvDone), file.name.c_str());
    status_.text.en = Format(Tr(Lang::En, Str::CsvDone), file.name.c_str());
}

void App::DrawReportScreen(UiContext& ui) {
    if (!contract_ctl_.state().loaded) {
        NoticeText(ui.T(Str::Loading));
        return;
    }
    const Contract& contract = contract_ctl_.contract();
    if (screen_ == Screen::Usage) {
        const UsageActions actions =
            DrawUsageScreen(reports_ctl_.usage(), contract.call_details_available, ui);
        reports_ctl_.LoadChartMonths();
        if (actions.back_to_menu) GoTo(Screen::Menu);
        if (actions.download_csv) SaveFile(reports_ctl_.DownloadUsage(contract));
        if (actions.open_details && !reports_ctl_.usage().rows.empty())
            OpenCallDetails(reports_ctl_.usage().report.rows[reports_ctl_.usage().rows.front()].phone);
        if (actions.month_index >= 0 &&
            static_cast<size_t>(actions.month_index) < reports_ctl_.usage().report.months.size()) {
            reports_ctl_.LoadUsage(
                reports_ctl_.usage().report.months[static_cast<size_t>(actions.month_index)]);
        }
        return;
    }
    const CallDetailsActions actions = DrawCallDetailsScreen(reports_ctl_.details(), contract_ctl_.lines(),
                                                             contract, kiosk_ctl_.state(), ui);
    if (actions.back_to_menu) GoTo(Screen::Menu);
    if (actions.query) reports_ctl_.LoadCallDetails();
    if (actions.download_csv) SaveFile(reports_ctl_.DownloadCallDetails(contract));
    if (actions.open_usage) OpenUsage(reports_ctl_.details().selected_phone);
}

std::string App::ReportsTestJson() const {
    const UsageViewState& usage_view = reports_ctl_.usage();
    const CallDetailsViewState& details_view = reports_ctl_.details();
    using Json = nlohmann::json;
    Json usage = Json::object();
    usage["loaded"] = usage_view.loaded;
    usage["loading"] = usage_view.loading;
    usage["month"] = usage_view.report.month;
    usage["months"] = usage_view.report.months;
    usage["prefix"] = usage_view.phone_prefix.data();
    usage["totalRows"] = usage_view.report.rows.size();
    usage["rowCount"] = usage_view.rows.size();
    usage["generation"] = usage_view.generation;
    usage["loadMs"] = usage_view.load_ms;
    usage["fetchMs"] = usage_view.fetch_ms;
    usage["decodeMs"] = usage_view.decode_ms;
    Json rows = Json::array();
    for (size_t i = 0; i < usage_view.rows.size() && i < 50; ++i) {
        const UsageRow& row = usage_view.report.rows[usage_view.rows[i]];
        rows.push_back(Json::array({row.phone, FormatCount(row.call_count), FormatDuration(row.call_seconds),
                                    FormatYen(row.charge_yen)}));
    }
    usage["firstRows"] = rows;
    const UsageTotals totals = SumUsage(usage_view);
    usage["totals"] =
        Json::array({FormatCount(static_cast<int64_t>(totals.calls)),
                     FormatDuration(static_cast<uint32_t>(totals.seconds)), FormatYen(totals.charge)});
    Json errors = Json::array();
    for (const Error& error : usage_view.validation.errors)
        errors.push_back(Json{{"code", error.code}, {"ja", error.message.ja}});
    usage["validationErrors"] = errors;
    usage["error"] = usage_view.error.text.ja;
    usage["csvFileName"] = usage_view.csv.last_file_name;
    Json month_bars = Json::array();
    for (const MonthTotal& total : usage_view.month_totals) {
        month_bars.push_back(Json{{"month", total.month},
                                  {"numbers", total.numbers},
                                  {"calls", total.calls},
                                  {"seconds", total.seconds},
                                  {"charge", total.charge}});
    }
    usage["monthChart"] = Json{{"byMonth", usage_view.chart_by_month},
                               {"pending", usage_view.months_in_flight.size()},
                               {"cachedMonths", usage_view.month_rows.size()},
                               {"prefix", usage_view.month_totals_prefix},
                               {"months", month_bars},
                               {"hovered", usage_view.month_hovered},
                               {"error", usage_view.month_error.text.ja}};

    Json details = Json::object();
    details["number"] = details_view.number.data();
    details["selectedPhone"] = details_view.selected_phone;
    details["from"] = details_view.from.ToQuery();
    details["to"] = details_view.to.ToQuery();
    details["loaded"] = details_view.loaded;
    details["loading"] = details_view.loading;
    details["notSubscribed"] = details_view.not_subscribed;
    details["rowCount"] = details_view.rows.size();
    details["generation"] = details_view.generation;
    details["loadMs"] = details_view.load_ms;
    details["fetchMs"] = details_view.fetch_ms;
    details["decodeMs"] = details_view.decode_ms;
    details["firstVisibleIndex"] = details_view.first_visible_index;
    details["totalSeconds"] = details_view.total_seconds;
    details["totalCharge"] = details_view.total_charge;
    details["error"] = details_view.error.text.ja;
    details["csvFileName"] = details_view.csv.last_file_name;
    Json calls = Json::array();
    for (size_t i = details_view.first_visible_index; i < details_view.rows.size() && calls.size() < 20;
         ++i) {
        const CallDetail& call = details_view.report.calls[details_view.rows[i]];
        // As the table shows it: masked while the privacy switch is on.
        calls.push_back(
            Json::array({FormatJstDateTime(call.start),
                         kiosk_ctl_.state().privacy ? MaskLastFour(call.destination) : call.destination,
                         FormatDuration(call.duration_seconds), FormatYen(call.charge_yen)}));
    }
    details["firstRows"] = calls;

    const KioskState& kiosk_ = kiosk_ctl_.state();
    Json kiosk = Json{{"kiosk", kiosk_.kiosk},
                      {"privacy", kiosk_.privacy},
                      {"idleSeconds", kiosk_.idle_seconds},
                      {"countdownSeconds", kiosk_.countdown_seconds},
                      {"dialogOpen", kiosk_ctl_.DialogOpen()},
                      {"dialogSecondsLeft", kiosk_ctl_.SecondsLeft()},
                      {"idleForSeconds", kiosk_ctl_.IdleForSeconds()},
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
        if (!reports_ctl_.usage().csv.error.empty()) return reports_ctl_.usage().csv.error;
        if (!reports_ctl_.usage().validation.errors.empty())
            return Message{reports_ctl_.usage().validation.errors.front().message};
        return reports_ctl_.usage().error;
    }
    if (!reports_ctl_.details().csv.error.empty()) return reports_ctl_.details().csv.error;
    return reports_ctl_.details().error;
}

void App::NoteReportText() {
    for (const Message* message : {&reports_ctl_.usage().error, &reports_ctl_.usage().csv.error,
                                   &reports_ctl_.details().error, &reports_ctl_.details().csv.error}) {
        fonts_.Note(message->text.ja);
        fonts_.Note(message->text.en);
    }
}

void App::ResetReports() {
    reports_ctl_.Forget();
}

}  // namespace portal
