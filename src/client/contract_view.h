// The logic behind the ご契約情報照会 screen, free of drawing: loading a line store, applying the
// 検索条件 with the engine (validation, filter, sort through the order cache), the text of a cell
// as shown, and the rows and file name of a CSV download.
#pragma once
#include <string>
#include <vector>

#include "app_state.h"
#include "client_ports.h"

namespace portal {

void ResetLines(LinesViewState& state, LineStore store, DateKey as_of);
// The date drop-downs reach the contract's as-of year even when the lines came first.
void WidenDateYears(LinesViewState& state, DateKey as_of);
LineQueryInput CurrentQueryInput(const LinesViewState& state);
// Validates what is typed; when valid and changed, filters and sorts. Returns true when the rows
// shown changed; the clock times the query.
bool ApplyLineQuery(LinesViewState& state, const Contract& contract, const Clock& clock);
// The validation message for one field ("phone_prefix", "start_from", "start_to"), or null.
const Error* FieldError(const LinesViewState& state, const char* field);

// Passwords are masked until revealed for the row.
constexpr const char* kMaskedPassword = "******";
bool IsPasswordColumn(LineColumn column);
bool IsRevealed(const LinesViewState& state, uint32_t row, double now_ms);
void CellText(const LinesViewState& state, uint32_t row, LineColumn column, bool revealed, std::string& out);

// Rows of a CSV download: the lines shown now (filter and sort as on screen) or every line in
// the manual's No order, i.e. what /lines.csv answers for the same query.
std::vector<uint32_t> CsvRows(LinesViewState& state, const Contract& contract, bool all_lines);
// <customer code>_<yyyymmdd_hhmmss>.csv in Japan time.
std::string CsvDownloadName(const Contract& contract, double epoch_ms);

}  // namespace portal
