// ご契約情報照会: heading and guide, ご契約者名, the summary, 検索条件 with the matching count, the
// CSV toolbar, the line table filling the height left, and 戻る with the CSV messages below it.
#include <algorithm>

#include "contract_view.h"
#include "engine/format.h"
#include "screens/screens.h"
#include "ui/csv_options.h"

namespace portal {
namespace {

// Masks revealed passwords again when their time is up, and wakes the frame for the next one.
void ExpireReveals(LinesViewState& state, UiContext& ui) {
    for (auto it = state.revealed_until_ms.begin(); it != state.revealed_until_ms.end();) {
        if (it->second <= ui.now_ms) {
            it = state.revealed_until_ms.erase(it);
        } else {
            ui.WakeAt(it->second + 1.0);
            ++it;
        }
    }
}

void DrawCount(const LinesViewState& state, UiContext& ui) {
    const std::string total = FormatCount(static_cast<int64_t>(state.store.Size()));
    const std::string shown = FormatCount(static_cast<int64_t>(state.rows.size()));
    const std::string count = Format(ui.T(Str::MatchCount), total.c_str(), shown.c_str());
    ImGui::TextUnformatted(count.c_str());
    ui.Mark("table.count");
    // Announced after each filter change: the DOM mirror's role=status.
    Describe(Role::Status, count, 0, "table.count");
    if (state.copied_at_ms > 0.0 && ui.now_ms - state.copied_at_ms < 2000.0) {
        ImGui::SameLine();
        ImGui::TextColored(colors::kSuccess, "%s", ui.T(Str::Copied));
    }
    if (!state.validation.ok()) {
        ImGui::SameLine();
        ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::FilterPending));
    }
}

// The table takes the room left above the footer (戻る and the CSV messages stay in view), or
// only what its rows need; below seven rows' worth the page scrolls instead.
float TableHeight(const LinesViewState& lines, const UiContext& ui) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const float needed =
        row_height * static_cast<float>(lines.rows.size() + 1) + style.ScrollbarSize + Em(0.5f);
    const float footer =
        lines.footer_height > 0.0f ? lines.footer_height : ImGui::GetFrameHeightWithSpacing() * 2.0f;
    const float room = ImGui::GetContentRegionAvail().y - footer;
    const float canvas_height = std::min(needed, std::max(row_height * 8.0f + style.ScrollbarSize, room));
    return ScrollingTableHeight(ui, canvas_height, needed, row_height, style.ScrollbarSize);
}

}  // namespace

ContractActions DrawContractScreen(ContractController& controller, UiContext& ui) {
    ContractActions actions;
    ContractState& state = controller.state();
    LinesViewState& lines = state.lines;
    Heading(ui.T(Str::ContractTitle));
    MutedWrappedText(ui.T(Str::Breadcrumb));  // a narrow window wraps the trail instead of cutting it off
    Describe(Role::Text, ui.T(Str::Breadcrumb), node_flags::kMuted);
    SameLineIfRoom(ImGui::CalcTextSize(ui.T(Str::ContractGuideTitle)).x + ImGui::GetFrameHeight() * 2.0f,
                   Em(2.0f));
    PushTextWrapInside();  // wrap at the content width, whatever the window's size
    // The manual shows this guide on a page of its own; folded here so the table gets the room.
    FollowMirrorFocus("contract.guide");
    if (MirrorActivated("contract.guide"))
        ImGui::SetNextItemOpen(ImGui::GetStateStorage()->GetInt(ImGui::GetID("###guide"), 0) == 0);
    // FramePadding: the toggle is as tall as a button (a target of 24 CSS px at least).
    const bool guide_open =
        ImGui::TreeNodeEx(ui.L(Str::ContractGuideTitle, "guide").c_str(), ImGuiTreeNodeFlags_FramePadding);
    ui.Mark("contract.guide");
    DescribeLastItem(Role::Button, "contract.guide", ui.T(Str::ContractGuideTitle),
                     node_flags::kCollapsible | (guide_open ? node_flags::kExpanded : 0));
    if (guide_open) {
        NoticeText(ui.T(Str::ContractGuide));
        ImGui::TreePop();
    }
    NoticeText(ui.T(Str::ContractCaution));
    ImGui::PopTextWrapPos();
    // ご契約者名 … 様 is in the header above, as on every screen after login. No extra spacing
    // around the summary: at 1280×800 every line goes to the table.
    DrawContractSummaryPanel(state.contract, ui);
    Heading(ui.T(Str::LinesTitle));

    if (!lines.loaded) {
        if (lines.loading) DrawLinesProgress(lines, ui);  // a failure says so above instead
        // The first rows while the rest arrive: a table to read, nothing to filter, sort or save yet.
        if (lines.first_rows_only)
            actions.table = DrawLinesTable(lines, state.contract, ui, TableHeight(lines, ui));
        if (MarkedButton(ui, ui.L(Str::Back, "back"), "contract.back")) actions.back_to_menu = true;
        return actions;
    }
    DrawSearchPanel(lines, state.contract, ui);
    controller.ApplyQuery();
    ExpireReveals(lines, ui);
    // The count answers 検索する, so it sits beside it when there is room.
    if (RemainingOnLine() >= Em(16.0f)) ImGui::SameLine(0, Em(2.0f));
    DrawCount(lines, ui);
    if (state.contract.plan != PlanKind::Basic && lines.validation.ok()) {  // basic: no passwords shown
        if (RemainingOnLine() >= ImGui::CalcTextSize(ui.T(Str::MaskedAgain)).x + Em(2.0f))
            ImGui::SameLine(0, Em(2.0f));
        MutedWrappedText(ui.T(Str::MaskedAgain));
    }
    // csvダウンロード as a toolbar above the table: in view whatever the number of lines, without
    // scrolling the page (it used to sit under the table and 100,000 lines pushed it off screen).
    const CsvOptionsSpec csv_spec{"csv", true, lines.rows.size(), lines.store.Size()};
    actions.download_csv = DrawCsvOptions(lines.csv, csv_spec, ui);

    actions.table = DrawLinesTable(lines, state.contract, ui, TableHeight(lines, ui));
    if (lines.rows.empty()) NoticeText(ui.T(Str::NoLines));

    const float footer_top = ImGui::GetCursorPosY();
    if (MarkedButton(ui, ui.L(Str::Back, "back"), "contract.back", ImVec2(Em(6.0f), 0)))
        actions.back_to_menu = true;
    // The note beside 戻る only when it fits there: wrapped text goes back to the window's left edge,
    // so a note squeezed beside the button reads as a ragged block (English at 320 CSS px).
    SameLineIfRoom(std::min(ImGui::CalcTextSize(ui.T(Str::CsvNote)).x, Em(20.0f)), Em(2.0f));
    PushTextWrapInside();
    DrawCsvMessages(lines.csv, ui.T(Str::CsvNote), ui);
    ImGui::PopTextWrapPos();
    const float footer_height = ImGui::GetCursorPosY() - footer_top;
    if (footer_height != lines.footer_height) {
        lines.footer_height = footer_height;
        ui.WakeAt(ui.now_ms);  // lay the table out again with the measured footer
    }
    return actions;
}

}  // namespace portal
