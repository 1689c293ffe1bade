// ログイン履歴: the last 50 events of this self-care ID as a table (Japan time, what happened, the
// result, the factor, address, browser and OS), newest first, with a CSV download.
#include <array>
#include <iterator>

#include "screens/security_screens.h"

namespace portal {
namespace {

std::array<std::string, 7> HistoryCells(const LoginEvent& e, Lang lang) {
    return {e.at_jst,
            EventName(lang, e.event),
            ResultName(lang, e.result),
            FactorName(lang, e.factor),
            e.address,
            e.browser,
            e.os};
}

}  // namespace

void DrawLoginHistoryPanel(SecurityState& state, SecurityActions& actions, UiContext& ui) {
    SubHeading(Tr(ui.lang, SStr::HistoryTitle));
    NoticeText(Tr(ui.lang, SStr::HistoryGuide));
    ImGui::BeginDisabled(state.busy());
    if (MarkedButton(ui, Label(ui.lang, SStr::Reload, "history-reload"), "security.history.reload"))
        actions.reload_history = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.history_loaded || state.history.empty());
    if (PrimaryButton(ui, Label(ui.lang, SStr::CsvHistory, "history-csv"), "security.history.csv"))
        actions.download_csv = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    {
        const DescribedGroup group(Role::RadioGroup, "security.history.encoding", ui.T(Str::CsvEncoding));
        if (DescribedRadio(ui, Label(ui.lang, Str::CsvEncodingUtf8, "history-utf8"), "security.history.utf8",
                           state.csv_encoding == CsvEncoding::Utf8Bom))
            state.csv_encoding = CsvEncoding::Utf8Bom;
        ImGui::SameLine();
        if (DescribedRadio(ui, Label(ui.lang, Str::CsvEncodingSjis, "history-sjis"), "security.history.sjis",
                           state.csv_encoding == CsvEncoding::Cp932))
            state.csv_encoding = CsvEncoding::Cp932;
    }
    DrawSecurityError(state, "csv", ui);
    if (!state.last_csv_name.empty() && state.error_at != "csv") {
        SuccessText(Format(Tr(ui.lang, SStr::CsvDone), state.last_csv_name.c_str()));
    }
    DrawSecurityError(state, "history", ui);
    if (!state.history_loaded) {
        NoticeText(ui.T(Str::Loading));
        return;
    }
    if (state.history.empty()) {
        NoticeText(Tr(ui.lang, SStr::HistoryEmpty));
        return;
    }
    static constexpr SStr kHeaders[] = {SStr::ColTime,    SStr::ColEvent,   SStr::ColResult, SStr::ColFactor,
                                        SStr::ColAddress, SStr::ColBrowser, SStr::ColOs};
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY;
    // Scrolling tables need a height: the rows themselves, at most about fifteen before the table
    // scrolls, and room for a horizontal scrollbar only when the columns are wider than the space
    // (a narrow window): reserved always, it looked like an empty last row.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    // The outer borders, and a pixel of rounding that must not bring a vertical scrollbar.
    const float rows_height = row * static_cast<float>(state.history.size() + 1) + 3.0f;
    const float max_height = Em(24.0f);
    std::array<float, std::size(kHeaders)> widest{};
    for (size_t c = 0; c < widest.size(); ++c) widest[c] = ImGui::CalcTextSize(Tr(ui.lang, kHeaders[c])).x;
    for (const LoginEvent& e : state.history) {
        const auto cells = HistoryCells(e, ui.lang);
        for (size_t c = 0; c < widest.size(); ++c)
            widest[c] = std::max(widest[c], ImGui::CalcTextSize(cells[c].c_str()).x);
    }
    float columns_width = 0.0f;
    for (float width : widest) columns_width += width + 2.0f * style.CellPadding.x + 1.0f;  // and a border
    const float room =
        ImGui::GetContentRegionAvail().x - (rows_height > max_height ? style.ScrollbarSize : 0.0f);
    // Rounding in ImGui's own sizing is met with a little slack: when in doubt, keep the room.
    const bool scrolls_sideways = columns_width + Em(0.5f) > room;
    const float height = std::min(rows_height + (scrolls_sideways ? style.ScrollbarSize : 0.0f), max_height);
    if (ImGui::BeginTable("history", 7, flags, ImVec2(0.0f, height))) {
        // The mirror holds all 50 rows as a plain table: few enough to read as is.
        const DescribedGroup table(Role::Table, "security.history.rows", Tr(ui.lang, SStr::HistoryTitle));
        ImGui::TableSetupScrollFreeze(0, 1);
        for (SStr header : kHeaders) ImGui::TableSetupColumn(Tr(ui.lang, header));
        {
            const ScreenDescriptionPause pause;
            ImGui::TableHeadersRow();
        }
        {
            const DescribedGroup head(Role::Row, "security.history.head", "", 1, 0, node_flags::kHeaderRow);
            for (SStr header : kHeaders) Describe(Role::ColumnHeader, Tr(ui.lang, header));
        }
        for (const LoginEvent& e : state.history) {
            ImGui::TableNextRow();
            const DescribedGroup row(Role::Row, "", "");
            const bool failed = e.result == "failure";
            for (const std::string& cell : HistoryCells(e, ui.lang)) {
                ImGui::TableNextColumn();
                if (failed) {
                    ImGui::TextColored(colors::kError, "%s", cell.c_str());
                } else {
                    ImGui::TextUnformatted(cell.c_str());
                }
                Describe(Role::Cell, cell);
            }
        }
        ImGui::EndTable();
    }
    ui.Mark("security.history.table");
}

}  // namespace portal
