// The report screens: ご利用状況照会, 明細照会 and the idle-logout dialog. Like screens.h, each
// Draw...() draws the state it is given and returns what the customer asked for; App does the I/O.
#pragma once
#include "i18n_reports.h"
#include "report_state.h"
#include "ui/widgets.h"

namespace portal {

struct UsageActions {
    bool back_to_menu = false;
    bool download_csv = false;
    int month_index = -1;       // >= 0: show this month of report.months
    bool open_details = false;  // the one number shown: its call details
};
// `details_available`: the customer has the call-detail option (offers the number's details).
UsageActions DrawUsageScreen(UsageViewState& state, bool details_available, UiContext& ui);
// Bar chart of charge or call time per number (the top N of the rows shown), hover shows values.
void DrawUsageChart(UsageViewState& state, UiContext& ui);

struct CallDetailsActions {
    bool back_to_menu = false;
    bool query = false;
    bool download_csv = false;
    bool open_usage = false;
};
// `lines` gives the contract's numbers for the prefix search (may still be loading).
CallDetailsActions DrawCallDetailsScreen(CallDetailsViewState& state, const LinesViewState& lines,
                                         const Contract& contract, const KioskState& kiosk, UiContext& ui);

enum class IdleAction { None, Stay, LogoutNow };
// Modal countdown before the client's idle logout: `seconds_left` of the countdown ending at
// `deadline_ms` (KioskController keeps both).
IdleAction DrawIdleDialog(int seconds_left, double deadline_ms, UiContext& ui);

// Sortable header helper shared by the two report tables: returns true when the sort changed.
bool ReadReportSort(int& column, bool& descending);

}  // namespace portal
