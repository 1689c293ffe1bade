// サービス開始日 entry: year, month and day drop-downs that can only form real dates, plus a clear
// button. The manual's form shows "---年 --月 --日".
#pragma once
#include "app_state.h"
#include "engine/date.h"
#include "ui/widgets.h"

namespace portal {

// `mark` prefixes the widget ids ("search.from" -> "search.from.year", ".month", ".day", ".clear").
// Picking only a year fills the rest with the first day (or, when is_end, the last day) of that
// year, so every state of the widget is a complete, valid date or no date at all.
// The DOM mirror shows the date as one text field named `label` ("2024-04-01"), which is quicker
// with a screen reader than three drop-downs; what is typed there sets the date.
bool DateInput(UiContext& ui, const char* mark, DateParts& date, int min_year, int max_year, bool is_end,
               const std::string& label = {});
// The width of DateInput's three drop-downs with their units (the clear button goes below them when
// the line has no room for it): what SameLineIfRoom needs to keep a date beside its label.
float DateInputWidth(const UiContext& ui);

}  // namespace portal
