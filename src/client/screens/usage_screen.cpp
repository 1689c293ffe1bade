// ご利用状況照会: the month (newest first), the contract screen's 電話番号 prefix filter, a sortable
// table per number with totals, the bar chart, and CSV of the rows shown.
#include <algorithm>
#include <optional>

#include "engine/format.h"
#include "report_view.h"
#include "screens/report_screens.h"
#include "ui/csv_options.h"

namespace portal {
namespace {

int DrawMonthSelector(UsageViewState& state, UiContext& ui) {
    int chosen = -1;
    const std::vector<std::string>& months = state.report.months;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(ui.lang, RStr::UsageMonth));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(Em(9.0f));
    // The mirror offers the months as radio buttons: one action each, no drop-down to open.
    {
        const DescribedGroup group(Role::RadioGroup, "usage.months", Tr(ui.lang, RStr::UsageMonth));
        for (size_t i = 0; i < months.size(); ++i) {
            const std::string mark = "usage.month." + months[i];
            if (MirrorActivated(mark)) chosen = static_cast<int>(i);
            Describe(Role::Radio, months[i], months[i] == state.report.month ? node_flags::kChecked : 0,
                     mark);
        }
    }
    const ScreenDescriptionPause said_by_the_radios;
    if (ImGui::BeginCombo("##usage-month", state.report.month.c_str())) {
        for (size_t i = 0; i < months.size(); ++i) {
            const bool selected = months[i] == state.report.month;
            if (ImGui::Selectable(months[i].c_str(), selected)) chosen = static_cast<int>(i);
            ui.Mark("usage.month." + months[i]);
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    ui.Mark("usage.month");
    return chosen;
}

void DrawPrefixFilter(UsageViewState& state, UiContext& ui) {
    SameLineIfRoom(ImGui::CalcTextSize(ui.T(Str::PhoneNumber)).x + Em(11.0f), Em(2.0f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.T(Str::PhoneNumber));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(Em(10.0f));
    std::string detail = Tr(ui.lang, RStr::UsageFilterHint);
    for (const Error& error : state.validation.errors) detail = Tr(ui.lang, error.message);
    if (DescribedInputText(ui, ui.T(Str::PhoneNumber), "usage.prefix", state.phone_prefix.data(),
                           state.phone_prefix.size(), 0, nullptr, detail,
                           node_flags::kNumeric | (state.validation.ok() ? 0 : node_flags::kInvalid))) {
        state.query_dirty = true;
    }
    SameLineIfRoom(Em(8.0f));  // the hint wraps beside the field, or under it in a narrow window
    MutedWrappedText(Tr(ui.lang, RStr::UsageFilterHint));
    const ScreenDescriptionPause said_by_the_field;
    for (const Error& error : state.validation.errors) ErrorText(Tr(ui.lang, error.message));
}

// Wide enough for the values and for the header with its sort arrow, in either language.
float ColumnWidth(const char* header, float values_em) {
    return std::max(Em(values_em), ImGui::CalcTextSize(header).x + Em(1.6f));
}

constexpr RStr kHeaders[] = {RStr::UsageColPhone, RStr::UsageColCalls, RStr::UsageColTime,
                             RStr::UsageColCharge};
constexpr float kValueEm[] = {8.0f, 6.0f, 6.0f, 7.0f};

float UsageTableWidth(UiContext& ui) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = style.ScrollbarSize;
    for (int i = 0; i < 4; ++i)
        width += ColumnWidth(Tr(ui.lang, kHeaders[i]), kValueEm[i]) + style.CellPadding.x * 2 + 1;
    return std::min(ImGui::GetContentRegionAvail().x, width);
}

void SetupUsageColumns(const UsageViewState& state, UiContext& ui) {
    const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
    for (int i = 0; i < 4; ++i) {
        const char* header = Tr(ui.lang, kHeaders[i]);
        ImGui::TableSetupColumn(header, fixed | (i == 0 ? ImGuiTableColumnFlags_DefaultSort : 0),
                                ColumnWidth(header, kValueEm[i]), static_cast<ImGuiID>(i));
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const DescribedGroup row(Role::Row, "usage.headerRow", "", 1, 0, node_flags::kHeaderRow);
    static constexpr const char* kKeys[] = {"phone", "calls", "seconds", "charge"};
    for (int i = 0; i < 4; ++i) {
        const int sort = static_cast<int>(state.sort_column) != i ? 0 : state.descending ? 2 : 1;
        DescribedColumnHeader(ui, i, std::string("usage.header.") + kKeys[i], sort);
    }
}

// Numbers right-aligned so thousands line up.
void RightAligned(const std::string& text) {
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetColumnWidth() - width));
    ImGui::TextUnformatted(text.c_str());
}

void DrawUsageRow(const std::string& phone, uint64_t calls, uint64_t seconds, int64_t charge) {
    const std::string cells[] = {
        phone, FormatCount(static_cast<int64_t>(calls)),
        FormatDuration(static_cast<uint32_t>(std::min<uint64_t>(seconds, UINT32_MAX))), FormatYen(charge)};
    for (size_t i = 0; i < 4; ++i) {
        ImGui::TableNextColumn();
        if (i == 0)
            ImGui::TextUnformatted(cells[i].c_str());
        else
            RightAligned(cells[i]);
        Describe(Role::Cell, cells[i], i == 0 ? 0 : node_flags::kNumeric);
    }
}

void DrawUsageTable(UsageViewState& state, UiContext& ui) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    // Header, rows and totals; a scrollbar appears only past half the page.
    const float needed = row_height * static_cast<float>(state.rows.size() + 2) + 2.0f;
    const float height = ScrollingTableHeight(
        ui, std::min(needed, std::max(Em(10.0f), ImGui::GetContentRegionAvail().y * 0.5f)), needed,
        row_height);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("usage", 4, flags, ImVec2(UsageTableWidth(ui), height))) return;
    // The mirror's grid: the header, the rows in view and the totals row, counted over all rows.
    const int row_count = static_cast<int>(state.rows.size()) + 2;
    const DescribedGroup grid(Role::Grid, "usage.grid", Tr(ui.lang, RStr::UsageTitle), row_count, 4);
    SetupUsageColumns(state, ui);
    int column = static_cast<int>(state.sort_column);
    if (ReadReportSort(column, state.descending)) {
        state.sort_column = static_cast<UsageColumn>(column);
        state.query_dirty = true;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const UsageRow& row = state.report.rows[state.rows[static_cast<size_t>(i)]];
            ImGui::TableNextRow();
            std::optional<ScreenDescriptionPause> out_of_view;
            if (!TableRowInView(ui, row_height)) out_of_view.emplace();
            const DescribedGroup row_node(Role::Row, "usage.row." + std::to_string(i), "", i + 2);
            DrawUsageRow(row.phone, row.call_count, row.call_seconds, row.charge_yen);
        }
    }
    FollowPageRow(ui, clipper.ItemsHeight);
    // Totals of the rows shown, as the last row (never sorted away).
    const UsageTotals totals = SumUsage(state);
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 240, 220, 255));
    const DescribedGroup totals_row(Role::Row, "usage.totals", "", row_count);
    DrawUsageRow(Tr(ui.lang, RStr::UsageTotal), totals.calls, totals.seconds, totals.charge);
    ui.Mark("usage.totals");
    ImGui::EndTable();
    ui.Mark("usage.table");
}

}  // namespace

UsageActions DrawUsageScreen(UsageViewState& state, bool details_available, UiContext& ui) {
    UsageActions actions;
    Heading(Tr(ui.lang, RStr::UsageTitle));
    NoticeText(Tr(ui.lang, RStr::UsageGuide));
    ImGui::Spacing();
    if (!state.loaded) {
        if (state.loading) NoticeText(Tr(ui.lang, RStr::UsageLoading));
        if (!state.error.empty()) ErrorText(ui.T(state.error));
        if (MarkedButton(ui, ui.L(Str::Back, "usage-back"), "usage.back")) actions.back_to_menu = true;
        return actions;
    }
    actions.month_index = DrawMonthSelector(state, ui);
    if (state.loading) {
        ImGui::SameLine();
        ImGui::TextColored(colors::kMuted, "%s", Tr(ui.lang, RStr::UsageLoading));
    }
    DrawPrefixFilter(state, ui);
    if (state.query_dirty) UpdateUsageRows(state);
    if (!state.error.empty()) ErrorText(ui.T(state.error));

    const std::string total = FormatCount(static_cast<int64_t>(state.report.rows.size()));
    const std::string shown = FormatCount(static_cast<int64_t>(state.rows.size()));
    const std::string count = Format(Tr(ui.lang, RStr::UsageNumbers), total.c_str(), shown.c_str());
    ImGui::TextUnformatted(count.c_str());
    ui.Mark("usage.count");
    Describe(Role::Status, count, 0, "usage.count");
    if (!state.validation.ok()) {
        ImGui::SameLine();
        ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::FilterPending));
    }
    if (details_available && state.rows.size() == 1) {
        ImGui::SameLine(0, Em(2.0f));
        actions.open_details =
            MarkedButton(ui, Label(ui.lang, RStr::ToDetails, "usage-to-details"), "usage.toDetails");
    }
    DrawUsageTable(state, ui);
    if (state.rows.empty()) NoticeText(Tr(ui.lang, RStr::UsageNoData));
    ImGui::Spacing();
    DrawUsageChart(state, ui);
    ImGui::Spacing();
    if (MarkedButton(ui, ui.L(Str::Back, "usage-back"), "usage.back", ImVec2(Em(6.0f), 0)))
        actions.back_to_menu = true;
    ImGui::SameLine(0, Em(2.0f));
    actions.download_csv = DrawCsvOptions(state.csv, CsvOptionsSpec{"usage.csv"}, ui);
    DrawCsvMessages(state.csv, Tr(ui.lang, RStr::UsageCsvNote), ui);
    return actions;
}

bool ReadReportSort(int& column, bool& descending) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    specs->SpecsDirty = false;
    if (specs->SpecsCount > 0) {
        column = static_cast<int>(specs->Specs[0].ColumnUserID);
        descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    } else {
        column = 0;
        descending = false;
    }
    return true;
}

}  // namespace portal
