// ログイン中の端末: the customer's live sessions (started, last seen, address, browser), this one
// marked, and "log out the other sessions".
#include "screens/security_screens.h"

namespace portal {

void DrawSessionsPanel(const SecurityState& state, SecurityActions& actions, UiContext& ui) {
    SubHeading(Tr(ui.lang, SStr::SessionsTitle));
    NoticeText(Tr(ui.lang, SStr::SessionsGuide));
    DrawSecurityInfo(state, "sessions", ui);
    DrawSecurityError(state, "sessions", ui);
    if (!state.sessions_loaded) {
        NoticeText(ui.T(Str::Loading));
        return;
    }
    static constexpr SStr kHeaders[] = {SStr::ColStarted, SStr::ColLastSeen, SStr::ColAddress,
                                        SStr::ColBrowser, SStr::ColOs};
    // No scrolling flags: a scrolling table without a height would take the rest of the window.
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("sessions", 6, flags)) {
        const DescribedGroup table(Role::Table, "security.sessions.rows", Tr(ui.lang, SStr::SessionsTitle));
        for (SStr header : kHeaders) ImGui::TableSetupColumn(Tr(ui.lang, header));
        // The marker column has a header too: an unnamed header is a nameless control to a screen
        // reader (the mirror's headers are buttons).
        ImGui::TableSetupColumn(Tr(ui.lang, SStr::ColCurrent));
        {
            const ScreenDescriptionPause pause;
            ImGui::TableHeadersRow();
        }
        {
            const DescribedGroup head(Role::Row, "security.sessions.head", "", 1, 0, node_flags::kHeaderRow);
            for (SStr header : kHeaders) Describe(Role::ColumnHeader, Tr(ui.lang, header));
            Describe(Role::ColumnHeader, Tr(ui.lang, SStr::ColCurrent));
        }
        for (const SessionEntry& s : state.sessions) {
            ImGui::TableNextRow();
            const DescribedGroup row(Role::Row, "", "");
            for (const std::string* cell :
                 {&s.started_at_jst, &s.last_seen_at_jst, &s.address, &s.browser, &s.os}) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(cell->c_str());
                Describe(Role::Cell, *cell);
            }
            ImGui::TableNextColumn();
            if (s.current) ImGui::TextColored(colors::kSuccess, "%s", Tr(ui.lang, SStr::ThisSession));
            Describe(Role::Cell, s.current ? Tr(ui.lang, SStr::ThisSession) : "");
        }
        ImGui::EndTable();
    }
    ui.Mark("security.sessions.table");
    const bool others = state.sessions.size() > 1;
    if (!others) NoticeText(Tr(ui.lang, SStr::NoOtherSessions));
    ImGui::BeginDisabled(state.busy() || !others);
    if (PrimaryButton(ui, Label(ui.lang, SStr::LogoutOthers, "logout-others"), "security.logoutOthers"))
        actions.logout_others = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy());
    if (MarkedButton(ui, Label(ui.lang, SStr::Reload, "sessions-reload"), "security.sessions.reload"))
        actions.reload_sessions = true;
    ImGui::EndDisabled();
}

}  // namespace portal
