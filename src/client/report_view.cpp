// Filtering, sorting and totals of the usage and call-detail tables.
#include "report_view.h"

namespace portal {
namespace {

SortDirection DirectionOf(bool descending) {
    return descending ? SortDirection::Descending : SortDirection::Ascending;
}

}  // namespace

void UpdateUsageRows(UsageViewState& state) {
    state.query_dirty = false;
    LineQueryInput input;
    input.phone_prefix = state.phone_prefix.data();
    state.validation = ValidateLineQuery(input);
    if (state.validation.ok()) state.applied_prefix = state.validation.filter.prefix_digits;
    const std::vector<UsageRow>& all = state.report.rows;
    std::vector<uint32_t> rows = UsageRowsWithPrefix(all, state.applied_prefix);
    SortUsageRows(all, rows, UsageSort{state.sort_column, DirectionOf(state.descending)});
    state.rows = std::move(rows);
    state.totals_calls = state.totals_seconds = 0;
    state.totals_charge = 0;
    for (uint32_t r : state.rows) {
        state.totals_calls += all[r].call_count;
        state.totals_seconds += all[r].call_seconds;
        state.totals_charge += all[r].charge_yen;
    }
    ++state.generation;
}

UsageTotals SumUsage(const UsageViewState& state) {
    return UsageTotals{state.totals_calls, state.totals_seconds, state.totals_charge};
}

void UpdateMonthTotals(UsageViewState& state) {
    if (state.month_totals_prefix == state.applied_prefix &&
        state.month_totals_built_from == state.month_rows.size())
        return;
    state.month_totals.clear();
    const std::string& prefix = state.applied_prefix;
    for (const std::string& month : state.report.months) {
        const auto found = state.month_rows.find(month);
        if (found == state.month_rows.end()) continue;
        MonthTotal total;
        total.month = month;
        for (const UsageRow& row : found->second) {
            if (!HasPhonePrefix(row.phone, prefix)) continue;
            ++total.numbers;
            total.calls += row.call_count;
            total.seconds += row.call_seconds;
            total.charge += row.charge_yen;
        }
        state.month_totals.push_back(std::move(total));
    }
    state.month_totals_prefix = prefix;
    state.month_totals_built_from = state.month_rows.size();
}

void UpdateCallRows(CallDetailsViewState& state) {
    state.sort_dirty = false;
    const std::vector<CallDetail>& calls = state.report.calls;
    std::vector<uint32_t> rows = AllRows(calls.size());
    SortCallRows(calls, rows, CallSort{state.sort_column, DirectionOf(state.descending)});
    state.rows = std::move(rows);
    state.total_seconds = 0;
    state.total_charge = 0;
    for (const CallDetail& call : calls) {
        state.total_seconds += call.duration_seconds;
        state.total_charge += call.charge_yen;
    }
    state.scroll_to_top = true;
    ++state.generation;
}

std::string MaskLastFour(const std::string& number) {
    std::string masked = number;
    int left = 4;
    for (size_t i = masked.size(); i-- > 0 && left > 0;) {
        if (masked[i] >= '0' && masked[i] <= '9') {
            masked[i] = '*';
            --left;
        }
    }
    return masked;
}

}  // namespace portal
