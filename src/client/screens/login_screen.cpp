// セルフケアログイン: the manual's login form with its notices, the show-password toggle, API
// errors beside the form and, during a lockout, when to try again.
#include <algorithm>
#include <cstring>

#include "screens/screens.h"

namespace portal {
namespace {

void DrawNotices(UiContext& ui) {
    Paragraph(ui.T(Str::LoginIntro));
    NoticeText(ui.T(Str::LoginCodeNotice));
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.98f, 0.93f, 1.0f));
    if (ImGui::BeginChild("guard", ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY)) {
        Paragraph(ui.T(Str::LoginPrepare));
        Paragraph(ui.T(Str::LoginGuard));
        Paragraph(ui.T(Str::LoginGuardShare));
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// One field of the form: label and field side by side in the manual's two-column table, or the
// label above the field on narrow screens (phones).
bool Field(UiContext& ui, bool stacked, Str label, const char* id, char* buffer, size_t size,
           ImGuiInputTextFlags flags, bool reveal) {
    if (!stacked) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
    }
    ImGui::TextUnformatted(ui.T(label));
    // The login <form>'s real inputs are these fields for assistive technology and password
    // managers (web/portal_lib.js names them portal-login-username / -password).
    DescribedNode field;
    field.role = Role::Field;
    field.key = std::string("login.") + id;
    field.name = ui.T(label);
    field.value = std::strcmp(id, "id") == 0 ? "portal-login-username" : "portal-login-password";
    field.flags = node_flags::kExternal;
    if (!stacked) ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(std::min(Em(16.0f), ImGui::GetContentRegionAvail().x));
    const std::string widget_id = std::string("##") + id;
    field.widget = ImGui::GetID(widget_id.c_str());  // the app hands its editing to the input
    if (ScreenDescription* description = CurrentDescription()) description->Add(std::move(field));
    const bool entered =
        ImGui::InputText(widget_id.c_str(), buffer, size, flags | ImGuiInputTextFlags_EnterReturnsTrue);
    ui.MarkTextInput(std::string("login.") + id);
    // Its <form> input took the focus (Tab, a screen reader, a password manager) while the field
    // may lie outside the view: scrolled to the middle of the view, the password field with it.
    if (reveal) RevealLastItem();
    return entered;
}

}  // namespace

LoginAction DrawLoginScreen(LoginState& state, UiContext& ui) {
    LoginAction action = LoginAction::None;
    CenteredColumn column(46.0f);
    Heading(ui.T(Str::LoginTitle));
    DrawNotices(ui);
    ImGui::Spacing();
    SubHeading(ui.T(Str::SelfcareInfo));

    const bool locked = state.locked_until_ms > ui.now_ms;
    bool entered = false;
    const bool stacked = ImGui::GetContentRegionAvail().x < Em(30.0f);
    if (stacked ||
        ImGui::BeginTable("login-form", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX)) {
        if (!stacked) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, Em(11.0f));
            ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
        }
        entered |= Field(ui, stacked, Str::SelfcareId, "id", state.selfcare_id.data(),
                         state.selfcare_id.size(), ImGuiInputTextFlags_CharsNoBlank,
                         state.reveal_field == 0);  // the <form>'s input takes the caret
        if (state.error_field != "selfcare_id") WrappedText(ui.T(Str::SelfcareIdHint), colors::kMuted);
        const ImGuiInputTextFlags password_flags = state.show_password ? 0 : ImGuiInputTextFlags_Password;
        entered |= Field(ui, stacked, Str::SelfcarePassword, "password", state.password.data(),
                         state.password.size(), password_flags, state.reveal_field == 1);
        state.reveal_field = -1;
        if (!stacked) ImGui::SameLine();
        DescribedCheckbox(ui, ui.L(Str::ShowPassword, "show"), "login.showPassword", &state.show_password);
        if (state.error_field != "password") WrappedText(ui.T(Str::SelfcarePasswordHint), colors::kMuted);
        if (!stacked) ImGui::EndTable();
    }

    if (!state.notice.empty()) NoticeText(ui.T(state.notice));
    if (!state.error.empty()) ErrorText(ui.T(state.error));
    if (locked) {
        ErrorText(Format(ui.T(Str::LockedRetryIn),
                         FormatCountdown((state.locked_until_ms - ui.now_ms) / 1000.0).c_str()));
        ui.WakeForCountdown(state.locked_until_ms);
    }
    ImGui::Spacing();

    ImGui::BeginDisabled(state.busy || locked);
    const bool submit = PrimaryButton(ui, ui.L(state.busy ? Str::Sending : Str::Submit, "submit"),
                                      "login.submit", ImVec2(Em(8.0f), 0));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (MarkedButton(ui, ui.L(Str::Reset, "reset"), "login.reset", ImVec2(Em(8.0f), 0))) {
        state.selfcare_id.fill('\0');
        state.password.fill('\0');
        state.error.clear();
        state.error_field.clear();
        state.focus_id = true;
    }
    entered |= state.submit_requested;
    state.submit_requested = false;
    if ((submit || entered) && !state.busy && !locked) {
        state.error.clear();
        state.error_field.clear();
        if (state.selfcare_id[0] == '\0') {
            state.error = MessageOf(Str::SelfcareIdHint);
            state.error_field = "selfcare_id";
        } else if (state.password[0] == '\0') {
            state.error = MessageOf(Str::SelfcarePasswordHint);
            state.error_field = "password";
        } else {
            action = LoginAction::Submit;
        }
    }
    ImGui::Spacing();
    NoticeText(ui.T(Str::TwoStepNotice));
    return action;
}

}  // namespace portal
