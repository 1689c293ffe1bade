// DateInput: three combos clamped to real calendar dates.
#include "ui/date_input.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace portal {

std::string DateParts::ToQuery() const {
    if (empty()) return std::string();
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

namespace {

// One drop-down; value 0 is the "--" placeholder. Returns true when the choice changed.
bool NumberCombo(UiContext& ui, const std::string& mark, const char* placeholder, const char* unit,
                 int& value, int first, int last, float width_em) {
    char preview[16];
    if (value == 0)
        std::snprintf(preview, sizeof preview, "%s", placeholder);
    else
        std::snprintf(preview, sizeof preview, "%d", value);
    ImGui::SetNextItemWidth(Em(width_em));
    bool changed = false;
    const std::string id = "##" + mark;
    if (ImGui::BeginCombo(id.c_str(), preview, ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(placeholder, value == 0)) {
            changed = value != 0;
            value = 0;
        }
        for (int v = first; v <= last; ++v) {
            char item[16];
            std::snprintf(item, sizeof item, "%d", v);
            const bool selected = v == value;
            if (ImGui::Selectable(item, selected)) {
                changed = v != value;
                value = v;
            }
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    ui.Mark(mark);
    ImGui::SameLine(0, Em(0.2f));
    ImGui::TextUnformatted(unit);
    return changed;
}

}  // namespace

bool DateInput(UiContext& ui, const char* mark, DateParts& date, int min_year, int max_year, bool is_end) {
    ImGui::PushID(mark);
    ImGui::BeginGroup();  // the whole date is also marked under `mark` itself
    const std::string base = mark;
    const DateParts before = date;
    const int chosen_year = date.year;
    int year = date.year, month = date.month, day = date.day;

    const bool year_changed =
        NumberCombo(ui, base + ".year", "----", ui.T(Str::YearUnit), year, min_year, max_year, 5.2f);
    ImGui::SameLine();
    const bool month_changed =
        NumberCombo(ui, base + ".month", "--", ui.T(Str::MonthUnit), month, 1, 12, 3.6f);
    ImGui::SameLine();
    const int day_limit = DaysInMonth(year != 0 ? year : max_year, month != 0 ? month : 1);
    const bool day_changed =
        NumberCombo(ui, base + ".day", "--", ui.T(Str::DayUnit), day, 1, day_limit, 3.6f);
    const float clear_width =
        ImGui::CalcTextSize(ui.T(Str::ClearDate)).x + ImGui::GetStyle().FramePadding.x * 2;
    if (RemainingOnLine() >= clear_width) ImGui::SameLine();  // phones: the button below the date
    if (MarkedButton(ui, ui.L(Str::ClearDate, "clear"), base + ".clear")) year = month = day = 0;

    if (year_changed && year == 0) month = day = 0;  // "----" clears the whole date
    if ((month_changed && month == 0) || (day_changed && day == 0)) year = month = day = 0;
    if (year != 0 || month != 0 || day != 0) {
        if (year == 0) year = chosen_year != 0 ? chosen_year : max_year;
        if (month == 0) month = is_end ? 12 : 1;
        if (day == 0) day = is_end ? DaysInMonth(year, month) : 1;
        day = std::min(day, DaysInMonth(year, month));  // 2023-02-31 cannot happen: it becomes 02-28
    }
    date = DateParts{year, month, day};
    ImGui::EndGroup();
    ui.Mark(base);
    ImGui::PopID();
    return date.year != before.year || date.month != before.month || date.day != before.day;
}

}  // namespace portal
