// ログイン履歴: the last 50 events of this self-care ID as a table (Japan time, what happened, the
// result, the factor, address, browser and OS), newest first, with a CSV download.
#include "screens/security_screens.h"

namespace portal {

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
    // Scrolling tables need a height: the rows themselves (and the horizontal scrollbar of a
    // narrow window), at most about fifteen rows before the table scrolls.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y + 1.0f;
    const float height =
        std::min(row * static_cast<float>(state.history.size() + 1) + style.ScrollbarSize + 2.0f, Em(24.0f));
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
            const std::string cells[] = {e.at_jst,
                                         EventName(ui.lang, e.event),
                                         ResultName(ui.lang, e.result),
                                         FactorName(ui.lang, e.factor),
                                         e.address,
                                         e.browser,
                                         e.os};
            for (const std::string& cell : cells) {
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
