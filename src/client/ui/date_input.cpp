// DateInput: three combos clamped to real calendar dates.
#include "ui/date_input.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "i18n_mirror.h"

namespace portal {

namespace {

// One drop-down; value 0 is the "--" placeholder. Returns true when the choice changed.
constexpr float kYearEm = 5.2f, kMonthEm = 3.6f, kDayEm = 3.6f, kUnitGapEm = 0.2f;
// Where a line has less room than that (320 CSS px), the drop-downs are an em narrower in all,
// still wide enough for "2026" and "12" beside their arrows.
constexpr float kNarrowScale = 0.92f;

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
    ImGui::SameLine(0, Em(kUnitGapEm));
    ImGui::TextUnformatted(unit);
    return changed;
}

// "2024-04-01", "2024/4/1" or full-width digits: year, month and day of a real date in range;
// false for anything else. Empty text is no date.
bool ParseTypedDate(const std::string& text, int min_year, int max_year, DateParts& out) {
    int parts[3] = {0, 0, 0};
    int count = 0;
    bool in_number = false;
    for (size_t i = 0; i < text.size(); ++i) {
        int digit = -1;
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
                   static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
                   static_cast<unsigned char>(text[i + 2]) <= 0x99) {
            digit = static_cast<unsigned char>(text[i + 2]) - 0x90;
            i += 2;
        }
        if (digit >= 0) {
            if (!in_number && ++count > 3) return false;
            in_number = true;
            parts[count - 1] = std::min(parts[count - 1] * 10 + digit, 100000);
        } else {
            in_number = false;
        }
    }
    if (count == 0) {
        out = DateParts{};
        return true;
    }
    if (count != 3 || parts[0] < min_year || parts[0] > max_year || parts[1] < 1 || parts[1] > 12 ||
        parts[2] < 1 || parts[2] > DaysInMonth(parts[0], parts[1]))
        return false;
    out = DateParts{parts[0], parts[1], parts[2]};
    return true;
}

}  // namespace

float DateInputWidth(const UiContext& ui) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    return Em(kYearEm + kMonthEm + kDayEm + kUnitGapEm * 3.0f) + spacing * 2.0f +
           ImGui::CalcTextSize(ui.T(Str::YearUnit)).x + ImGui::CalcTextSize(ui.T(Str::MonthUnit)).x +
           ImGui::CalcTextSize(ui.T(Str::DayUnit)).x;
}

bool DateInput(UiContext& ui, const char* mark, DateParts& date, int min_year, int max_year, bool is_end,
               const std::string& label) {
    std::string typed;
    ScreenDescription* description = CurrentDescription();
    if (description && description->TakeValue(mark, typed)) {
        DateParts parsed;
        const DateParts before = date;
        if (ParseTypedDate(typed, min_year, max_year, parsed)) {
            date = parsed;
        } else {
            date.typed_invalid = true;
        }
        if (date.year != before.year || date.month != before.month || date.day != before.day) return true;
    }
    // The three drop-downs and the clear button are the canvas's way; the mirror has the field.
    DescribedNode field;
    field.role = Role::Field;
    field.key = mark;
    field.name = label.empty() ? std::string(mark) : label;
    field.value = date.ToQuery();
    field.detail = Tr(ui.lang, date.typed_invalid ? MStr::DateInvalid : MStr::DateHint);
    field.flags = date.typed_invalid ? node_flags::kInvalid : 0;
    if (description) description->Add(std::move(field));
    const ScreenDescriptionPause pause;
    ImGui::PushID(mark);
    ImGui::BeginGroup();  // the whole date is also marked under `mark` itself
    const std::string base = mark;
    const DateParts before = date;
    const int chosen_year = date.year;
    const float fit = ImGui::GetContentRegionAvail().x < DateInputWidth(ui) ? kNarrowScale : 1.0f;
    int year = date.year, month = date.month, day = date.day;

    const bool year_changed =
        NumberCombo(ui, base + ".year", "----", ui.T(Str::YearUnit), year, min_year, max_year, kYearEm * fit);
    ImGui::SameLine();
    const bool month_changed =
        NumberCombo(ui, base + ".month", "--", ui.T(Str::MonthUnit), month, 1, 12, kMonthEm * fit);
    ImGui::SameLine();
    const int day_limit = DaysInMonth(year != 0 ? year : max_year, month != 0 ? month : 1);
    const bool day_changed =
        NumberCombo(ui, base + ".day", "--", ui.T(Str::DayUnit), day, 1, day_limit, kDayEm * fit);
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
    date =
        DateParts{year, month, day,
                  before.typed_invalid && year == before.year && month == before.month && day == before.day};
    ImGui::EndGroup();
    ui.Mark(base);
    ImGui::PopID();
    return date.year != before.year || date.month != before.month || date.day != before.day;
}

}  // namespace portal
