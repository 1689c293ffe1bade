// The countdown before the client's idle logout: a modal with the seconds left, "stay"
// (focused, so Enter or Space keeps the session) and "log out now".
#include "screens/report_screens.h"

namespace portal {

IdleAction DrawIdleDialog(int seconds_left, double deadline_ms, UiContext& ui) {
    IdleAction action = IdleAction::None;
    const char* id = "###idle-dialog";
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(Em(30.0f), 0));
    const std::string title = std::string(Tr(ui.lang, RStr::IdleTitle)) + id;
    if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        const std::string body = Format(Tr(ui.lang, RStr::IdleBody), std::to_string(seconds_left).c_str());
        // role=alertdialog: announced at once with its message (the time left) and its two choices.
        DescribedNode dialog;
        dialog.role = Role::AlertDialog;
        dialog.key = "idle.dialog";
        dialog.name = Tr(ui.lang, RStr::IdleTitle);
        dialog.detail = body;
        ScreenDescription* description = CurrentDescription();
        if (description) description->Open(std::move(dialog));
        {
            const ScreenDescriptionPause in_the_dialog_message;
            Paragraph(body.c_str());
        }
        ui.Mark("idle.dialog");
        ui.WakeForCountdown(deadline_ms);
        ImGui::Spacing();
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        if (PrimaryButton(ui, Label(ui.lang, RStr::IdleStay, "idle-stay"), "idle.stay"))
            action = IdleAction::Stay;
        ImGui::SameLine(0, Em(1.5f));
        if (MarkedButton(ui, Label(ui.lang, RStr::IdleLogoutNow, "idle-logout"), "idle.logout")) {
            action = IdleAction::LogoutNow;
        }
        if (description) description->Close();
        if (action != IdleAction::None) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return action;
}

}  // namespace portal
