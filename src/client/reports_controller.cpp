// ReportsController: the requests of the usage and call-detail screens and what answers do.
#include "reports_controller.h"

#include <cstdio>

#include "engine/codec.h"
#include "engine/xlsx.h"
#include "report_view.h"

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

// A refusal the screen shows itself: the session's end and a lost answer are the App's.
bool ShownOnScreen(const ApiResponse& response) {
    return !response.ok() && response.status != 401 && !IsTransportFailure(response);
}

AnswerOutcome Refused() {
    return AnswerOutcome{AnswerKind::Refused, {}};
}

FileDownload Workbook(CsvOptions& csv, XlsxOutput output, std::string name) {
    if (!output.ok()) {  // past Excel's row limit the message offers CSV
        csv.error = Message{output.error.message};
        csv.last_file_name.clear();
        return {};
    }
    csv.last_file_name = name;
    return FileDownload{std::move(name), std::move(output.bytes), kXlsxMediaType};
}

FileDownload Csv(CsvOptions& csv, CsvOutput output, std::string name) {
    if (!output.ok()) {
        csv.error = Message{output.ToError().message};
        csv.last_file_name.clear();
        return {};
    }
    csv.last_file_name = name;
    return FileDownload{std::move(name), std::move(output.bytes), std::string(CsvMediaType(csv.encoding))};
}

}  // namespace

void ReportsController::OpenUsage(const std::string& phone_prefix) {
    if (!phone_prefix.empty()) {
        std::snprintf(usage_.phone_prefix.data(), usage_.phone_prefix.size(), "%s", phone_prefix.c_str());
        usage_.query_dirty = true;
    }
    if (!usage_.loaded && !usage_.loading) LoadUsage("");
}

void ReportsController::LoadUsage(const std::string& month) {
    usage_.loading = true;
    usage_.requested = month;
    usage_.requested_at_ms = clock_.NowMs();
    const std::string url = "/api/v1/usage" + (month.empty() ? std::string() : "?month=" + month);
    transport_.Send(ApiRequest{ApiCall::Usage, "GET", url, "", false});
}

AnswerOutcome ReportsController::OnUsage(const ApiResponse& response) {
    usage_.loading = false;
    if (ShownOnScreen(response)) {  // e.g. no usage yet: said on the screen, not as a failure
        usage_.error = FailureMessage(response);
        return Refused();
    }
    AnswerOutcome outcome = ClassifyAnswer(response);
    if (outcome.kind != AnswerKind::Accepted) return outcome;
    const double arrived = clock_.NowMs();
    auto decoded = DecodeUsageJson(response.body);
    if (!decoded.ok()) {
        usage_.error = UnusableAnswer(decoded.error()).message;
        return Refused();
    }
    usage_.fetch_ms = arrived - usage_.requested_at_ms;
    usage_.decode_ms = clock_.NowMs() - arrived;
    usage_.report = decoded.take();
    usage_.loaded = true;
    usage_.error.clear();
    usage_.query_dirty = true;
    UpdateUsageRows(usage_);
    usage_.load_ms = clock_.NowMs() - usage_.requested_at_ms;
    return outcome;
}

void ReportsController::LoadChartMonths() {
    if (!usage_.chart_by_month || !usage_.loaded || !usage_.month_error.empty()) return;
    const std::string& shown = usage_.report.month;
    if (!shown.empty() && usage_.month_rows.count(shown) == 0) usage_.month_rows[shown] = usage_.report.rows;
    for (const std::string& month : usage_.report.months) {
        if (usage_.month_rows.count(month) != 0 || usage_.months_in_flight.count(month) != 0) continue;
        usage_.months_in_flight.insert(month);
        transport_.Send(ApiRequest{ApiCall::UsageMonth, "GET", "/api/v1/usage?month=" + month, "", false});
    }
}

AnswerOutcome ReportsController::OnUsageMonth(const ApiResponse& response) {
    if (ShownOnScreen(response)) {  // the chart says so and stops asking
        usage_.month_error = FailureMessage(response);
        return Refused();
    }
    AnswerOutcome outcome = ClassifyAnswer(response);  // a lost one: its retry asks again
    if (outcome.kind != AnswerKind::Accepted) return outcome;
    auto decoded = DecodeUsageJson(response.body);
    if (!decoded.ok()) {
        usage_.month_error = UnusableAnswer(decoded.error()).message;
        return Refused();
    }
    UsageReport report = decoded.take();
    usage_.months_in_flight.erase(report.month);
    usage_.month_rows[report.month] = std::move(report.rows);
    return outcome;
}

void ReportsController::OpenCallDetails(const std::string& phone, const Contract& contract,
                                        bool contract_loaded) {
    if (!contract.call_details_available) return;  // the screen explains how to apply
    if (details_.from.empty() && contract_loaded) {
        details_.from = PartsOf(MakeDateKey(DateYear(contract.as_of) - 1, DateMonth(contract.as_of), 1));
        details_.to = PartsOf(contract.as_of);
    }
    if (phone.empty()) return;
    std::snprintf(details_.number.data(), details_.number.size(), "%s", phone.c_str());
    details_.selected_phone = phone;
    LoadCallDetails();
}

void ReportsController::LoadCallDetails() {
    details_.loading = true;
    details_.error.clear();
    details_.requested_at_ms = clock_.NowMs();
    std::string url = "/api/v1/call-details?number=" + details_.selected_phone;
    if (!details_.from.empty()) url += "&from=" + details_.from.ToQuery();
    if (!details_.to.empty()) url += "&to=" + details_.to.ToQuery();
    transport_.Send(ApiRequest{ApiCall::CallDetails, "GET", url, "", false});
}

AnswerOutcome ReportsController::OnCallDetails(const ApiResponse& response) {
    details_.loading = false;
    if (response.status == 403) {  // no option: the screen explains how to apply
        details_.not_subscribed = true;
        return Refused();
    }
    if (ShownOnScreen(response)) {
        details_.error = FailureMessage(response);
        return Refused();
    }
    AnswerOutcome outcome = ClassifyAnswer(response);
    if (outcome.kind != AnswerKind::Accepted) return outcome;
    const double arrived = clock_.NowMs();
    auto decoded = DecodeCallDetailsJson(response.body);
    if (!decoded.ok()) {
        details_.error = UnusableAnswer(decoded.error()).message;
        return Refused();
    }
    details_.fetch_ms = arrived - details_.requested_at_ms;
    details_.decode_ms = clock_.NowMs() - arrived;
    details_.report = decoded.take();
    details_.loaded = true;
    UpdateCallRows(details_);
    details_.load_ms = clock_.NowMs() - details_.requested_at_ms;
    return outcome;
}

FileDownload ReportsController::DownloadUsage(const Contract& contract) {
    ReportCsv& csv = usage_.csv;
    csv.error.clear();
    const std::string stamp = MonthStamp(usage_.report.month);
    const std::string& code = contract.summary.customer_code;
    if (csv.xlsx) {
        return Workbook(csv, WriteUsageXlsx(usage_.report, usage_.rows, {code, contract.as_of}),
                        XlsxFileName(code, "usage", stamp));
    }
    return Csv(csv, WriteUsageCsv(usage_.report, usage_.rows, csv.encoding),
               CsvFileName(code, "usage", stamp));
}

FileDownload ReportsController::DownloadCallDetails(const Contract& contract) {
    ReportCsv& csv = details_.csv;
    csv.error.clear();
    const CallDetailReport& report = details_.report;
    const std::string& code = contract.summary.customer_code;
    const std::string stamp = DateStamp(report.from) + "-" + DateStamp(report.to);
    if (csv.xlsx) {
        return Workbook(csv, WriteCallDetailsXlsx(report, details_.rows, {code, contract.as_of}),
                        XlsxFileName(code, "calls_" + report.phone, stamp));
    }
    return Csv(csv, WriteCallDetailsCsv(report, details_.rows, csv.encoding),
               CsvFileName(code, "calls_" + report.phone, stamp));
}

void ReportsController::Forget() {
    usage_ = UsageViewState{};
    details_ = CallDetailsViewState{};
}

}  // namespace portal
