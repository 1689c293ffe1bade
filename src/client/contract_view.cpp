// ContractView logic: engine calls for filtering, sorting, cell text and CSV rows.
#include "contract_view.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "engine/csv.h"
#include "engine/date.h"

namespace portal {

void ResetLines(LinesViewState& state, LineStore store, DateKey as_of) {
    state.store = std::move(store);
    state.order_cache.Reset();
    state.loaded = true;
    state.loading = false;
    state.rows.clear();
    state.revealed_until_ms.clear();
    state.query_dirty = true;
    state.applied_filter = LineFilter{};
    // Date keys order like the dates (yyyymmdd), so the years come from the extremes.
    const DateKey base = as_of != kNoDate ? as_of : MakeDateKey(2026, 1, 1);
    DateKey earliest = base, latest = base;
    for (size_t row = 0; row < state.store.Size(); ++row) {
        const DateKey start = state.store.StartDate(row);
        if (start == kNoDate) continue;
        earliest = std::min(earliest, start);
        latest = std::max(latest, start);
    }
    state.min_year = DateYear(earliest);
    state.max_year = DateYear(latest);
}

void WidenDateYears(LinesViewState& state, DateKey as_of) {
    if (as_of == kNoDate) return;
    state.min_year = std::min(state.min_year, DateYear(as_of));
    state.max_year = std::max(state.max_year, DateYear(as_of));
}

LineQueryInput CurrentQueryInput(const LinesViewState& state) {
    LineQueryInput input;
    input.phone_prefix = state.phone_prefix.data();
    input.status = state.status;
    input.start_from = state.start_from.ToQuery();
    input.start_to = state.start_to.ToQuery();
    return input;
}

bool ApplyLineQuery(LinesViewState& state, const Contract& contract, const Clock& clock) {
    if (!state.query_dirty || !state.loaded) return false;
    state.query_dirty = false;
    state.validation = ValidateLineQuery(CurrentQueryInput(state));
    if (!state.validation.ok()) return false;  // the table keeps the last valid result
    const double started = clock.NowMs();
    state.applied_filter = state.validation.filter;
    state.rows = QueryLines(state.store, state.order_cache, state.applied_filter, state.sort, contract.as_of);
    state.last_query_ms = std::max(0.001, clock.NowMs() - started);
    state.scroll_to_top = true;
    return true;
}

const Error* FieldError(const LinesViewState& state, const char* field) {
    for (const Error& error : state.validation.errors) {
        if (error.field == field) return &error;
    }
    return nullptr;
}

bool IsPasswordColumn(LineColumn column) {
    return column == LineColumn::LinePassword || column == LineColumn::ServicePassword;
}

bool IsRevealed(const LinesViewState& state, uint32_t row, double now_ms) {
    auto found = state.revealed_until_ms.find(row);
    return found != state.revealed_until_ms.end() && found->second > now_ms;
}

void CellText(const LinesViewState& state, uint32_t row, LineColumn column, bool revealed, std::string& out) {
    out.clear();
    if (IsPasswordColumn(column) && !revealed) {
        if (!state.store.TextColumn(column).Get(row).empty()) out = kMaskedPassword;
        return;
    }
    state.store.FormatCell(row, column, out);
}

std::vector<uint32_t> CsvRows(LinesViewState& state, const Contract& contract, bool all_lines) {
    if (!all_lines) return state.rows;
    return QueryLines(state.store, state.order_cache, LineFilter{}, LineSort{}, contract.as_of);
}

std::string CsvDownloadName(const Contract& contract, double epoch_ms) {
    const EpochSeconds seconds = static_cast<EpochSeconds>(epoch_ms / 1000.0);
    const DateKey date = JstDateOf(seconds);
    const long in_day = static_cast<long>(seconds - JstDayStart(date));
    char time[16];
    std::snprintf(time, sizeof time, "_%02ld%02ld%02ld", in_day / 3600, in_day / 60 % 60, in_day % 60);
    return CsvFileName(contract.summary.customer_code, "", DateStamp(date) + time);
}

}  // namespace portal
