// ご利用状況照会 and 明細照会 as a plain class: the usage months (the table's and the per-month
// chart's), the call details of one number and period, the drill-down between them, and their CSV
// and Excel files. Clock and transport are injected, so it runs in native doctests.
#pragma once
#include <string>

#include "client_ports.h"
#include "report_state.h"

namespace portal {

class ReportsController {
  public:
    ReportsController(const Clock& clock, Transport& transport) : clock_(clock), transport_(transport) {}

    UsageViewState& usage() { return usage_; }
    const UsageViewState& usage() const { return usage_; }
    CallDetailsViewState& details() { return details_; }
    const CallDetailsViewState& details() const { return details_; }

    // The usage screen, filtered to `phone_prefix` when one is given; the newest month unless a
    // month is already shown.
    void OpenUsage(const std::string& phone_prefix);
    void LoadUsage(const std::string& month);  // "" = the newest
    // Refusals that are not the session's or the network's (no usage yet, a damaged answer) are
    // the screen's own message: Refused.
    AnswerOutcome OnUsage(const ApiResponse& response);
    // The per-month chart needs every month the API keeps: each asked for once, kept until logout.
    void LoadChartMonths();
    AnswerOutcome OnUsageMonth(const ApiResponse& response);

    // The call-detail screen: the API's default period (the first of the month a year back to
    // today) when none is chosen; with a number, its calls are asked for at once.
    void OpenCallDetails(const std::string& phone, const Contract& contract, bool contract_loaded);
    void LoadCallDetails();
    AnswerOutcome OnCallDetails(const ApiResponse& response);  // 403: not subscribed, explained

    // The rows shown, as the toolbar's choice (CSV encoding or Excel) names them; empty with
    // csv.error set when they cannot be written. Byte-identical to /usage.csv and /call-details.csv.
    FileDownload DownloadUsage(const Contract& contract);
    FileDownload DownloadCallDetails(const Contract& contract);

    // Logout and expiry: nothing of the customer's reports stays in memory.
    void Forget();

  private:
    const Clock& clock_;
    Transport& transport_;
    UsageViewState usage_;
    CallDetailsViewState details_;
};

}  // namespace portal
