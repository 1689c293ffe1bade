// 回線情報: the manual's eleven columns (the basic plan hides its list), sortable by any column,
// drawn through ImGuiListClipper so only the visible rows cost anything (1,000,000 lines scroll
// smoothly). Passwords stay masked until revealed per row and are masked again after 30 s.
#include <imgui_internal.h>  // TableSetColumnSortDirection: a sort asked for from the DOM mirror

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "contract_view.h"
#include "engine/format.h"
#include "i18n_mirror.h"
#include "i18n_reports.h"
#include "screens/screens.h"

namespace portal {
namespace {

constexpr double kRevealMs = 30000.0;

float ColumnWidthEm(LineColumn column) {
    switch (column) {
        case LineColumn::No:
            return 4.0f;
        case LineColumn::PhoneNumber:
            return 11.5f;  // the number and its 利用 button
        case LineColumn::AccountId:
            return 10.5f;
        case LineColumn::LinePassword:
            return 13.0f;
        case LineColumn::ServicePassword:
            return 10.5f;
        case LineColumn::StartDate:
        case LineColumn::EndDate:
            return 7.0f;
        case LineColumn::Channels:
            return 5.0f;
        default:
            return 8.0f;
    }
}

void SetupColumns(const std::vector<LineColumn>& columns, Lang lang) {
    for (LineColumn column : columns) {
        const LineColumnInfo& info = ColumnInfo(column);
        const char* header = lang == Lang::En ? info.header_en : info.header_ja;
        // Wide enough for the header and its sort arrow, whatever the language.
        const float width = std::max(Em(ColumnWidthEm(column)), ImGui::CalcTextSize(header).x + Em(1.6f));
        ImGuiTableColumnFlags flags = ImGuiTableColumnFlags_WidthFixed;
        if (column == LineColumn::No) flags |= ImGuiTableColumnFlags_DefaultSort;
        ImGui::TableSetupColumn(header, flags, width, static_cast<ImGuiID>(column));
    }
}

// Our own header row so that each header cell can be marked for window.portalTest. In the mirror
// each header is a button with aria-sort: activating it sorts as a click on the header does.
void HeaderRow(const LinesViewState& state, const std::vector<LineColumn>& columns, UiContext& ui) {
    const DescribedGroup row(Role::Row, "table.headerRow", "", 1, 0, node_flags::kHeaderRow);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (size_t i = 0; i < columns.size(); ++i) {
        const std::string mark = std::string("table.header.") + ColumnInfo(columns[i]).key;
        const bool sorted = state.sort.column == columns[i];
        const bool descending = sorted && state.sort.direction == SortDirection::Descending;
        if (!state.first_rows_only && MirrorActivated(mark)) {
            ImGui::TableSetColumnSortDirection(
                static_cast<int>(i),
                sorted && !descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
        }
        const char* name = ImGui::TableGetColumnName(static_cast<int>(i));
        if (!ImGui::TableSetColumnIndex(static_cast<int>(i))) {
            Describe(Role::ColumnHeader, name, 0, mark);  // scrolled sideways out of view: still a column
            continue;
        }
        FollowMirrorFocus(mark);
        ImGui::TableHeader(name);
        ui.Mark(mark);
        if (DescribedNode* node = DescribeLastItem(Role::ColumnHeader, mark, name))
            node->level = sorted ? (descending ? 2 : 1) : 0;
    }
}

void ReadSortSpecs(LinesViewState& state) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return;
    if (specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
        state.sort.column = static_cast<LineColumn>(spec.ColumnUserID);
        state.sort.direction = spec.SortDirection == ImGuiSortDirection_Descending ? SortDirection::Descending
                                                                                   : SortDirection::Ascending;
    } else {
        state.sort = LineSort{};
    }
    state.query_dirty = true;
    specs->SpecsDirty = false;
}

// A cell's buttons are named on their own for the mirror, with their row: the cell itself is named
// by its text only, and "コピー" alone would not say what is copied. The button still shows its
// short label (the HTML page without WebGL2 shows it as the canvas does); the row is in the name
// a screen reader hears, which starts with that label.
void NameLastButton(std::string name) {
    if (ScreenDescription* description = CurrentDescription())
        if (DescribedNode* node = description->Last(); node && node->role == Role::Button)
            node->spoken = std::move(name);
}

// What names the row in its buttons' names: its number (the No when a row has none).
std::string RowName(const LinesViewState& state, uint32_t row) {
    std::string name;
    CellText(state, row, LineColumn::PhoneNumber, false, name);
    if (name.empty()) CellText(state, row, LineColumn::No, false, name);
    return name;
}

void CopyButton(LinesTableActions& actions, const LinesViewState& state, UiContext& ui,
                const std::string& value, const std::string& mark, uint32_t row, LineColumn column) {
    ImGui::SameLine();
    const std::string label = ui.L(Str::Copy, mark.c_str());
    const bool pressed = DescribedSmallButton(ui, label, mark);
    const LineColumnInfo& info = ColumnInfo(column);
    NameLastButton(Format(Tr(ui.lang, MStr::RowCopy), RowName(state, row).c_str(),
                          ui.lang == Lang::En ? info.header_en : info.header_ja));
    if (pressed) {
        actions.copy_text = value;  // App writes the clipboard and notes the time
        ui.WakeAt(ui.now_ms + 2500.0);
    }
}

void DrawCell(LinesViewState& state, uint32_t row, LineColumn column, bool revealed, size_t index,
              UiContext& ui, std::string& text, LinesTableActions& actions) {
    CellText(state, row, column, revealed, text);
    // No and チャンネル are numbers (the engine's column types): right-aligned, here and in the mirror.
    const LineColumnType type = ColumnInfo(column).type;
    const bool number = type == LineColumnType::Serial || type == LineColumnType::Count;
    if (number) {
        const float width = ImGui::CalcTextSize(text.c_str()).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetColumnWidth() - width));
    }
    ImGui::TextUnformatted(text.c_str());
    const std::string prefix = "table.row." + std::to_string(index) + ".";
    // A masked password is read as masked, never as a row of dots.
    const bool masked = IsPasswordColumn(column) && !revealed && !text.empty();
    const DescribedGroup cell(Role::Cell, prefix + ColumnInfo(column).key,
                              masked ? Tr(ui.lang, MStr::Masked) : text, 0, 0,
                              (masked ? node_flags::kMasked : 0) | (number ? node_flags::kNumeric : 0));
    // The first rows shown while the rest arrive are to read only: the whole table replaces them.
    if (text.empty() || state.first_rows_only) return;
    if (column == LineColumn::PhoneNumber) {  // one click to this number's usage and calls
        ImGui::SameLine();
        if (DescribedSmallButton(ui, Label(ui.lang, RStr::DrillDown, (prefix + "usage").c_str()),
                                 prefix + "usage")) {
            actions.drill_down_phone = text;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.lang, RStr::DrillDownTip));
        NameLastButton(Format(Tr(ui.lang, MStr::RowUsage), text.c_str()));
        if (ScreenDescription* description = CurrentDescription())
            description->Last()->detail = Tr(ui.lang, RStr::DrillDownTip);
    } else if (column == LineColumn::AccountId) {
        CopyButton(actions, state, ui, text, prefix + "copyAccount", row, column);
    } else if (column == LineColumn::LinePassword || column == LineColumn::ServicePassword) {
        const bool line = column == LineColumn::LinePassword;
        if (revealed)
            CopyButton(actions, state, ui, text, prefix + (line ? "copyLinePassword" : "copyServicePassword"),
                       row, column);
        if (!line) return;
        // One toggle per row, in the first password column, reveals both of the row's passwords.
        ImGui::SameLine();
        const std::string mark = prefix + "reveal";
        const bool pressed =
            DescribedSmallButton(ui, ui.L(revealed ? Str::Hide : Str::Reveal, mark.c_str()), mark);
        NameLastButton(
            Format(Tr(ui.lang, revealed ? MStr::RowHide : MStr::RowReveal), RowName(state, row).c_str()));
        if (pressed) {
            if (revealed) {
                state.revealed_until_ms.erase(row);
            } else {
                state.revealed_until_ms[row] = ui.now_ms + kRevealMs;
            }
        }
    }
}

}  // namespace

LinesTableActions DrawLinesTable(LinesViewState& state, const Contract& contract, UiContext& ui,
                                 float height) {
    LinesTableActions actions;
    const std::vector<LineColumn> columns = VisibleLineColumns(contract.plan);
    // Sorting waits for every line: the first rows shown while the rest arrive are in stored order.
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_Resizable |
                                  (state.first_rows_only ? 0 : ImGuiTableFlags_Sortable);
    if (!ImGui::BeginTable("lines", static_cast<int>(columns.size()), flags, ImVec2(0, height)))
        return actions;
    // The mirror's grid: all rows counted (aria-rowcount, the header is row 1), only the rows in
    // view present, so a million lines cost the DOM a screenful of rows.
    const DescribedGroup grid(
        Role::Grid, "table.grid",
        Format(Tr(ui.lang, MStr::LinesGrid), FormatCount(static_cast<int64_t>(state.rows.size())).c_str()),
        static_cast<int>(state.rows.size()) + 1, static_cast<int>(columns.size()));
    ImGui::TableSetupScrollFreeze(2, 1);  // No and 電話番号 stay put while scrolling sideways
    SetupColumns(columns, ui.lang);
    ReadSortSpecs(state);
    HeaderRow(state, columns, ui);
    if (state.scroll_to_top) {
        ImGui::SetScrollY(0.0f);
        state.scroll_to_top = false;
    }

    std::string text;
    bool first_found = false;
    const float header_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const float visible_top = ImGui::GetWindowPos().y + header_height;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const uint32_t row = state.rows[static_cast<size_t>(i)];
            const bool revealed = IsRevealed(state, row, ui.now_ms);
            ImGui::TableNextRow();
            if (!first_found &&
                ImGui::GetCursorScreenPos().y + ImGui::GetTextLineHeight() * 0.5f >= visible_top) {
                first_found = true;
                state.first_visible_index = static_cast<size_t>(i);
            }
            // The clipper also lays out row 0 to measure it: only rows in view are described.
            const bool in_view = TableRowInView(ui, header_height);
            std::optional<ScreenDescriptionPause> pause;
            if (!in_view) pause.emplace();
            const DescribedGroup row_node(Role::Row, "table.row." + std::to_string(i), "", i + 2);
            ImGui::PushID(i);
            for (LineColumn column : columns) {
                // A column scrolled sideways out of view is still drawn (clipped): its cells stay
                // in the mirror's row, where every column is always readable.
                ImGui::TableNextColumn();
                DrawCell(state, row, column, revealed, static_cast<size_t>(i), ui, text, actions);
            }
            ImGui::PopID();
        }
    }
    if (!first_found) state.first_visible_index = 0;
    FollowPageRow(ui, clipper.ItemsHeight);
    ImGui::EndTable();
    ui.Mark("table");
    return actions;
}

}  // namespace portal
