// What the usage and call-detail tables show: filtering, sorting, totals and masking, kept apart
// from drawing so tests and the CSV see exactly the rows on screen.
#pragma once
#include <cstdint>
#include <string>

#include "report_state.h"

namespace portal {

// Validates the typed prefix with the engine (same messages as the contract screen) and, when
// valid, recomputes the matching rows in display order. Stable: ties keep the phone order.
void UpdateUsageRows(UsageViewState& state);

struct UsageTotals {
    uint64_t calls = 0;
    uint64_t seconds = 0;
    int64_t charge = 0;
};
UsageTotals SumUsage(const UsageViewState& state);

// The per-month chart's bars: for each month of report.months (newest first) already in
// month_rows, the totals over its numbers that match the applied prefix. Rebuilt only when the
// prefix or the months held changed.
void UpdateMonthTotals(UsageViewState& state);

// Sorts the calls (stable, ties by start time) and sums them.
void UpdateCallRows(CallDetailsViewState& state);

// Screen-share privacy: "0312345678" -> "031234****" (only digits count; hyphens stay).
std::string MaskLastFour(const std::string& number);

}  // namespace portal
