// State of ご利用状況照会, 明細照会 and the kiosk / idle logout, owned by App.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app_state.h"
#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/model.h"
#include "engine/report_sort.h"

namespace portal {

// The tables' columns are the engine's sort columns: the server's `sort` parameter orders its CSV
// with the same code, so the client's CSV of a sorted table matches it byte for byte.
using UsageColumn = UsageSortColumn;
using CallColumn = CallSortColumn;

// One bar of the per-month chart: the month's totals over the numbers shown (the prefix filter).
struct MonthTotal {
    std::string month;  // "2026-10"
    size_t numbers = 0;
    uint64_t calls = 0, seconds = 0;
    int64_t charge = 0;
};

// The reports use the lines' CSV choices without the scope (their CSV is always the rows shown).
using ReportCsv = CsvOptions;

struct UsageViewState {
    bool loading = false;
    bool loaded = false;
    UsageReport report;     // the month shown, with the list of months the API keeps
    std::string requested;  // month asked for ("" = the newest)
    Message error;          // e.g. no usage data yet
    std::array<char, 32> phone_prefix{};
    LineFilterValidation validation;  // of what is typed now
    std::string applied_prefix;       // digits of the last valid prefix
    UsageColumn sort_column = UsageColumn::Phone;
    bool descending = false;
    std::vector<uint32_t> rows;  // matching report rows in display order
    bool query_dirty = true;
    bool chart_by_time = false;
    int chart_top = 10;
    bool chart_by_month = false;
    // Every month fetched (the table's and the chart's), kept while logged in: switching back to
    // the per-month chart or changing the prefix fetches nothing again. Wiped with the state.
    std::map<std::string, std::vector<UsageRow>> month_rows;
    std::set<std::string> months_in_flight;  // asked for by the chart, not answered yet
    std::vector<MonthTotal> month_totals;    // newest first, for month_totals_prefix
    std::string month_totals_prefix;
    size_t month_totals_built_from = ~size_t{0};  // months in month_rows when built
    std::string month_hovered;                    // the bar under the pointer ("" = none)
    Message month_error;                          // a month the chart could not get (it then stops asking)
    ReportCsv csv;
    double requested_at_ms = 0.0, load_ms = 0.0, fetch_ms = 0.0, decode_ms = 0.0;
    uint64_t generation = 0;  // bumped when new rows are shown (the browser benchmark waits on it)
    // Derived from `rows` once per change, not every frame (100,000 numbers).
    uint64_t totals_calls = 0, totals_seconds = 0;
    int64_t totals_charge = 0;
    std::vector<uint32_t> chart_rows;
    uint64_t chart_generation = ~uint64_t{0};
    bool chart_by_time_built = false;
    int chart_top_built = 0;
};

struct CallDetailsViewState {
    std::array<char, 32> number{};  // typed: a prefix of one of the contract's numbers
    std::string selected_phone;     // the number whose calls are asked for / shown
    DateParts from, to;
    bool loading = false;
    bool loaded = false;
    bool not_subscribed = false;  // the API said 403: explain instead of an error
    CallDetailReport report;
    Message error;
    CallColumn sort_column = CallColumn::Start;
    bool descending = false;
    std::vector<uint32_t> rows;
    bool sort_dirty = true;
    bool scroll_to_top = false;
    uint32_t total_seconds = 0;
    int64_t total_charge = 0;
    size_t first_visible_index = 0;
    ReportCsv csv;
    double requested_at_ms = 0.0, load_ms = 0.0, fetch_ms = 0.0, decode_ms = 0.0;
    uint64_t generation = 0;
};

// Where the kiosk settings came from: GET /api/v1/client-config arrives after the login screen.
enum class KioskConfig : uint8_t { Pending, FromServer, Unavailable };

// Kiosk switch (the server's client-config, ?kiosk=1 for tests) and the client's own idle logout.
struct KioskState {
    bool kiosk = false;
    KioskConfig config = KioskConfig::Pending;
    // URL parameters, which override the server (tests): -1 / 0 = not given.
    int url_kiosk = -1;
    double url_idle_seconds = 0.0, url_countdown_seconds = 0.0;
    bool privacy = false;         // masks passwords and the last four digits of destinations (CSV excepted)
    double idle_seconds = 900.0;  // no input this long opens the countdown dialog
    double countdown_seconds = 60.0;  // the dialog's time to stay
    double last_input_ms = 0.0;
    double dialog_deadline_ms = 0.0;  // 0: no dialog open
};

}  // namespace portal
