// セキュリティ設定: the authenticator app, the login history and the sessions, one panel at a time
// behind three buttons (a tab row that keyboard navigation and the tests reach like any button).
#include <cstring>

#include "screens/security_screens.h"
#include "ui/code_filter.h"

namespace portal {
namespace {

// A toggle button: the mirror says which panel is shown (aria-pressed).
bool TabButton(UiContext& ui, SStr label, const char* mark, bool selected) {
    if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    FollowMirrorFocus(mark);
    const bool pressed = ImGui::Button(Label(ui.lang, label, mark).c_str()) || MirrorActivated(mark);
    if (selected) ImGui::PopStyleColor();
    ui.Mark(mark);
    DescribeLastItem(Role::Button, mark, Tr(ui.lang, label), selected ? node_flags::kPressed : 0);
    return pressed;
}

}  // namespace

bool SecurityCodeInput(std::array<char, 16>& code, bool recovery, const char* mark, UiContext& ui) {
    ImGui::AlignTextToFramePadding();
    {
        const ScreenDescriptionPause pause;  // the field's own label says it
        ImGui::TextUnformatted(Tr(ui.lang, SStr::CodeLabel));
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(Em(recovery ? 10.0f : 7.0f));
    // Typing in the mirror only changes the text: the code goes out on Enter or the button.
    DescribedInputText(ui, Tr(ui.lang, SStr::CodeLabel), mark, code.data(), recovery ? 12 : 7,
                       ImGuiInputTextFlags_CallbackCharFilter,
                       recovery ? RecoveryCodeFilter : DigitCodeFilter,
                       Tr(ui.lang, recovery ? SStr::CodeAppOrRecovery : SStr::CodeSixDigits),
                       recovery ? 0 : node_flags::kNumeric);
    return ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGuiKey_Enter, false);
}

void DrawSecurityError(const SecurityState& state, const char* where, UiContext& ui) {
    if (!state.error.empty() && state.error_at == where) ErrorText(ui.T(state.error));
}

void DrawSecurityInfo(const SecurityState& state, const char* where, UiContext& ui) {
    if (state.info.empty() || state.info_at != where) return;
    SuccessText(ui.T(state.info));
    ui.Mark(std::string("security.info.") + where);
}

SecurityActions DrawSecurityScreen(SecurityState& state, UiContext& ui) {
    SecurityActions actions;
    CenteredColumn column(60.0f);
    Heading(Tr(ui.lang, SStr::Title));
    Paragraph(Tr(ui.lang, SStr::Guide));
    ImGui::Spacing();
    if (TabButton(ui, SStr::TabAuthenticator, "security.tab.authenticator",
                  state.tab == SecurityTab::Authenticator))
        state.tab = SecurityTab::Authenticator;
    SameLineIfRoom(ButtonWidth(Tr(ui.lang, SStr::TabHistory)));
    if (TabButton(ui, SStr::TabHistory, "security.tab.history", state.tab == SecurityTab::History)) {
        state.tab = SecurityTab::History;
    }
    SameLineIfRoom(ButtonWidth(Tr(ui.lang, SStr::TabSessions)));
    if (TabButton(ui, SStr::TabSessions, "security.tab.sessions", state.tab == SecurityTab::Sessions)) {
        state.tab = SecurityTab::Sessions;
    }
    ImGui::Separator();
    ImGui::Spacing();
    // A failure of a read that has no panel of its own (the status) shows above every panel.
    DrawSecurityError(state, "status", ui);
    switch (state.tab) {
        case SecurityTab::Authenticator:
            DrawAuthenticatorPanel(state, actions, ui);
            break;
        case SecurityTab::History:
            DrawLoginHistoryPanel(state, actions, ui);
            break;
        case SecurityTab::Sessions:
            DrawSessionsPanel(state, actions, ui);
            break;
    }
    ImGui::Spacing();
    ImGui::Separator();
    if (MarkedButton(ui, ui.L(Str::BackToMenu, "back"), "security.back")) actions.back_to_menu = true;
    return actions;
}

}  // namespace portal
