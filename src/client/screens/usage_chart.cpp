// ご利用状況照会's chart (per number or per month): horizontal bars of charge or call
// time, either for the top N numbers shown or for each month the API keeps (the total over the
// numbers shown), drawn with ImGui's draw list (no chart library); hovering a bar shows its values.
#include <algorithm>

#include "engine/format.h"
#include "report_view.h"
#include "screens/report_screens.h"
#include "usage_chart_switches.h"

namespace portal {
namespace {

constexpr ImU32 kBar = IM_COL32(191, 0, 0, 200);
constexpr ImU32 kBarHover = IM_COL32(230, 60, 60, 255);
constexpr ImU32 kGrid = IM_COL32(0, 0, 0, 40);

int64_t Metric(const UsageRow& row, bool by_time) {
    return by_time ? row.call_seconds : row.charge_yen;
}

std::string MetricText(int64_t value, bool by_time) {
    return by_time ? FormatDuration(static_cast<uint32_t>(value)) : "¥" + FormatYen(value);
}

// Room a radio button of a switch takes: its circle and its name.
float ChoiceWidth(const ChartChoice& choice) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
           ImGui::CalcTextSize(choice.name.c_str()).x;
}

// Room a switch takes on a line: its legend and its choices (radio buttons) or its slider.
float SwitchWidth(const ChartSwitch& option) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = ImGui::CalcTextSize(option.legend.c_str()).x + style.ItemSpacing.x;
    if (option.is_count) return width + Em(7.0f);
    for (const ChartChoice& choice : option.choices) width += ChoiceWidth(choice) + style.ItemSpacing.x;
    return width;
}

// How many numbers: a slider on the canvas, a <select> of the same numbers in the mirror.
void DrawChartCount(UsageViewState& state, const ChartSwitch& option, UiContext& ui) {
    ImGui::SetNextItemWidth(Em(7.0f));
    FollowMirrorFocus(option.mark);
    const std::string id = "##" + option.mark;
    ImGui::SliderInt(id.c_str(), &state.chart_top, kChartTopMin, kChartTopMax);
    ui.Mark(option.mark);
    const DescribedGroup select(Role::Select, option.mark, option.legend);
    if (ScreenDescription* description = CurrentDescription()) {
        description->Last()->widget = ImGui::GetItemID();
        description->Last()->value = std::to_string(state.chart_top);
    }
    for (const ChartChoice& choice : option.choices)
        Describe(Role::Option, choice.name, choice.chosen ? node_flags::kChecked : 0, choice.mark);
}

// The switches as DescribeChartSwitches says them: each legend muted before its choices, a
// switch that does not fit on the line starting the next one.
void DrawChartOptions(UsageViewState& state, UiContext& ui) {
    // The count chosen in the mirror's <select> is taken before the switches are described, so
    // the options this frame already say it: the app may draw no further frame until the next
    // event, and a stale option would set the <select> back.
    std::string typed;
    if (ScreenDescription* description = CurrentDescription();
        description && description->TakeValue(kChartCountMark, typed))
        state.chart_top = ChartTopFromText(typed, state.chart_top);
    bool first = true;
    for (const ChartSwitch& option : DescribeChartSwitches(state, ui.lang)) {
        if (!first && RemainingOnLine() >= SwitchWidth(option) + Em(2.0f)) ImGui::SameLine(0, Em(2.0f));
        first = false;
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(colors::kMuted, "%s", option.legend.c_str());
        if (option.is_count) {
            ImGui::SameLine();
            DrawChartCount(state, option, ui);
            continue;
        }
        const DescribedGroup group(Role::RadioGroup, option.mark, option.legend);
        for (size_t i = 0; i < option.choices.size(); ++i) {
            const ChartChoice& choice = option.choices[i];
            // A switch wider than a narrow window (320 CSS px) puts its choices on the next lines.
            SameLineIfRoom(ChoiceWidth(choice));
            if (DescribedRadio(ui, choice.name + "###" + choice.mark, choice.mark, choice.chosen))
                ChooseChartSwitch(state, choice.mark);
        }
    }
}

// One bar of a chart as a row of the chart's table in the mirror: its label and its value.
void DescribeBar(const std::string& key, const std::string& label, const std::string& value) {
    const DescribedGroup row(Role::Row, key, "");
    Describe(Role::RowHeader, label);
    Describe(Role::Cell, value, node_flags::kNumeric);  // yen or time: right-aligned like the tables
}

std::string MonthMetricText(const MonthTotal& total, bool by_time) {
    return by_time ? FormatDuration(static_cast<uint32_t>(std::min<uint64_t>(total.seconds, UINT32_MAX)))
                   : "¥" + FormatYen(total.charge);
}

// One bar per month, newest first, each an ImGui item (so it can be hovered and marked).
void DrawMonthBars(UsageViewState& state, UiContext& ui, const std::string& title) {
    const std::vector<MonthTotal>& totals = state.month_totals;
    const bool by_time = state.chart_by_time;
    const auto metric = [&](const MonthTotal& t) {
        return by_time ? static_cast<double>(t.seconds) : static_cast<double>(t.charge);
    };
    double max_value = 1.0;
    for (const MonthTotal& total : totals) max_value = std::max(max_value, metric(total));
    const float label_width = ImGui::CalcTextSize("2026-10  ").x;
    const float value_width = ImGui::CalcTextSize("¥99,999,999 ").x;
    const float bar_height = ImGui::GetTextLineHeight();
    const float width = std::min(ImGui::GetContentRegionAvail().x, Em(48.0f));
    const float bars_width = std::max(Em(4.0f), width - label_width - value_width);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = Em(0.35f);
    const float height = (bar_height + gap) * static_cast<float>(totals.size()) - gap;
    for (int tick = 1; tick <= 4; ++tick) {  // quarter lines help compare bar lengths
        const float x = origin.x + label_width + bars_width * static_cast<float>(tick) / 4.0f;
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height), kGrid);
    }
    const MonthTotal* hovered = nullptr;
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
    // In words (the mirror, the HTML page without WebGL2): a table of the bars' labels and values.
    const DescribedGroup chart_table(Role::Table, "usage.chart.table", title);
    for (const MonthTotal& total : totals) {
        DescribeBar("usage.chart.month." + total.month, total.month, MonthMetricText(total, by_time));
        ImGui::Dummy(ImVec2(label_width + bars_width, bar_height));
        ui.Mark("usage.chart.month." + total.month);
        const bool hover = ImGui::IsItemHovered();
        if (hover) hovered = &total;
        const ImVec2 min = ImGui::GetItemRectMin();
        const float length = bars_width * static_cast<float>(metric(total) / max_value);
        const ImVec2 bar_max(min.x + label_width + std::max(1.0f, length), min.y + bar_height);
        draw->AddText(min, text_color, total.month.c_str());
        draw->AddRectFilled(ImVec2(min.x + label_width, min.y), bar_max, hover ? kBarHover : kBar);
        draw->AddText(ImVec2(bar_max.x + Em(0.3f), min.y), text_color,
                      MonthMetricText(total, by_time).c_str());
    }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    ui.Mark("usage.chart");
    state.month_hovered = hovered != nullptr ? hovered->month : std::string();
    if (hovered != nullptr) {
        ImGui::SetTooltip("%s",
                          Format(Tr(ui.lang, RStr::UsageMonthChartHover), hovered->month.c_str(),
                                 FormatCount(static_cast<int64_t>(hovered->numbers)).c_str(),
                                 FormatCount(static_cast<int64_t>(hovered->calls)).c_str(),
                                 MonthMetricText(*hovered, true).c_str(), FormatYen(hovered->charge).c_str())
                              .c_str());
    }
}

// The per-month chart: its title, progress while months arrive, then the bars.
void DrawMonthChart(UsageViewState& state, UiContext& ui) {
    UpdateMonthTotals(state);
    const std::string title = Format(Tr(ui.lang, RStr::UsageMonthChartTitle),
                                     FormatCount(static_cast<int64_t>(state.rows.size())).c_str());
    SubHeading(title.c_str());
    DrawChartOptions(state, ui);
    const int wanted = static_cast<int>(state.report.months.size());
    const int have = static_cast<int>(state.month_totals.size());
    if (!state.month_error.empty()) ErrorText(ui.T(state.month_error));
    if (have < wanted && state.month_error.empty())
        NoticeText(Format(Tr(ui.lang, RStr::UsageMonthChartLoading), have, wanted));
    if (state.month_totals.empty()) {
        state.month_hovered.clear();
        return;
    }
    DrawMonthBars(state, ui, title);
}

}  // namespace

void DrawUsageChart(UsageViewState& state, UiContext& ui) {
    if (state.chart_by_month) {
        DrawMonthChart(state, ui);
        return;
    }
    state.month_hovered.clear();
    // The title counts the bars actually drawn (fewer numbers than N shown: all of them).
    const int bars =
        static_cast<int>(std::min(state.rows.size(), static_cast<size_t>(std::max(1, state.chart_top))));
    const std::string title = Format(Tr(ui.lang, RStr::UsageChartTitle), bars);
    SubHeading(title.c_str());
    DrawChartOptions(state, ui);
    const bool by_time = state.chart_by_time;
    const std::vector<UsageRow>& all = state.report.rows;
    // The top N is chosen again only when the rows, the metric or N changed (not every frame).
    if (state.chart_generation != state.generation || state.chart_by_time_built != by_time ||
        state.chart_top_built != state.chart_top) {
        std::vector<uint32_t> top = state.rows;
        const size_t n = std::min(top.size(), static_cast<size_t>(std::max(1, state.chart_top)));
        std::partial_sort(
            top.begin(), top.begin() + static_cast<std::ptrdiff_t>(n), top.end(),
            [&](uint32_t a, uint32_t b) { return Metric(all[a], by_time) > Metric(all[b], by_time); });
        top.resize(n);
        state.chart_rows = std::move(top);
        state.chart_generation = state.generation;
        state.chart_by_time_built = by_time;
        state.chart_top_built = state.chart_top;
    }
    const std::vector<uint32_t>& top = state.chart_rows;
    const size_t count = top.size();
    if (top.empty()) return;
    const int64_t max_value = std::max<int64_t>(1, Metric(all[top.front()], by_time));

    const float label_width = ImGui::CalcTextSize("05000000000 ").x;
    const float value_width = ImGui::CalcTextSize("9,999,999 ").x;
    const float bar_height = ImGui::GetTextLineHeight();
    const float gap = Em(0.35f);
    const float width = std::min(ImGui::GetContentRegionAvail().x, Em(48.0f));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float bars_left = origin.x + label_width;
    const float bars_width = std::max(Em(4.0f), width - label_width - value_width);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    for (int tick = 1; tick <= 4; ++tick) {  // quarter lines help compare bar lengths
        const float x = bars_left + bars_width * static_cast<float>(tick) / 4.0f;
        draw->AddLine(ImVec2(x, origin.y),
                      ImVec2(x, origin.y + (bar_height + gap) * static_cast<float>(count)), kGrid);
    }
    int hovered = -1;
    const DescribedGroup chart_table(Role::Table, "usage.chart.table", title);
    for (size_t i = 0; i < count; ++i) {
        const UsageRow& row = all[top[i]];
        DescribeBar("usage.chart.number." + std::to_string(i), row.phone,
                    MetricText(Metric(row, by_time), by_time));
        const float y = origin.y + (bar_height + gap) * static_cast<float>(i);
        const float length =
            bars_width * static_cast<float>(Metric(row, by_time)) / static_cast<float>(max_value);
        const ImVec2 bar_min(bars_left, y), bar_max(bars_left + std::max(1.0f, length), y + bar_height);
        const bool hover =
            ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(bars_left + bars_width, y + bar_height)) &&
            ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
        if (hover) hovered = static_cast<int>(i);
        draw->AddText(ImVec2(origin.x, y), text_color, row.phone.c_str());
        draw->AddRectFilled(bar_min, bar_max, hover ? kBarHover : kBar);
        const std::string value = MetricText(Metric(row, by_time), by_time);
        draw->AddText(ImVec2(bar_max.x + Em(0.3f), y), text_color, value.c_str());
    }
    const float height = (bar_height + gap) * static_cast<float>(count);
    ImGui::Dummy(ImVec2(width, height));
    ui.Mark("usage.chart");
    if (hovered >= 0) {
        const UsageRow& row = all[top[static_cast<size_t>(hovered)]];
        ImGui::SetTooltip(
            "%s",
            Format(Tr(ui.lang, RStr::UsageChartHover), row.phone.c_str(), FormatCount(row.call_count).c_str(),
                   FormatDuration(row.call_seconds).c_str(), FormatYen(row.charge_yen).c_str())
                .c_str());
    }
}

}  // namespace portal
