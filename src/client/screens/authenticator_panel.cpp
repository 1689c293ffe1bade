// 認証アプリ: whether an app is set up; the set-up (QR code drawn on the canvas from the server's
// matrix, the key as text, a current code to finish); the recovery codes shown once; renewing them
// and removing the app, each with a code.
#include "screens/security_screens.h"

namespace portal {
namespace {

void DrawEnrolment(SecurityState& state, SecurityActions& actions, UiContext& ui) {
    SubHeading(Tr(ui.lang, SStr::AppStart));
    Paragraph(Tr(ui.lang, SStr::AppScan));
    DrawQrCode(state.qr, Em(16.0f), ui);
    ui.Mark("security.qr");
    DescribedText(Tr(ui.lang, SStr::AppSecretLabel));
    // The key in groups of four, as apps show it, in the default text colour for contrast; the
    // mirror holds it as text a screen reader spells out and a customer can copy.
    const std::string grouped = GroupSecret(state.secret);
    ImGui::TextUnformatted(grouped.c_str());
    ui.Mark("security.secret");
    Describe(Role::Text, grouped, 0, "security.secret");
    ImGui::Spacing();
    Paragraph(Tr(ui.lang, SStr::AppConfirmLabel));
    const bool entered = SecurityCodeInput(state.confirm_code, false, "security.confirmCode", ui);
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy());
    if (PrimaryButton(ui, Label(ui.lang, SStr::AppConfirm, "confirm"), "security.confirm") || entered)
        actions.confirm = true;
    ImGui::SameLine();
    if (MarkedButton(ui, Label(ui.lang, SStr::AppCancel, "cancel"), "security.cancel"))
        actions.cancel_enrolment = true;
    ImGui::EndDisabled();
    DrawSecurityError(state, "confirm", ui);
}

void DrawRecoveryCodes(const SecurityState& state, SecurityActions& actions, UiContext& ui) {
    SubHeading(Tr(ui.lang, SStr::RecoveryTitle));
    ErrorText(Tr(ui.lang, SStr::RecoveryOnce));
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (ImGui::BeginTable("recovery", 2, flags)) {
        const DescribedGroup list(Role::List, "security.recoveryList", Tr(ui.lang, SStr::RecoveryTitle));
        for (const std::string& code : state.recovery_codes) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(code.c_str());
            // A list item is a container in the mirror: the code goes in as its text, or a screen
            // reader meets ten empty items.
            const DescribedGroup item(Role::ListItem, "", "");
            Describe(Role::Text, code);
        }
        ImGui::EndTable();
    }
    ui.Mark("security.recoveryCodes");
    if (PrimaryButton(ui, Label(ui.lang, SStr::RecoveryCopied, "codes-kept"), "security.codesKept"))
        actions.hide_codes = true;
}

void DrawEmailCodes(SecurityState& state, SecurityActions& actions, UiContext& ui) {
    ImGui::Spacing();
    SubHeading(Tr(ui.lang, SStr::EmailCodesTitle));
    Paragraph(Tr(ui.lang, SStr::EmailCodesGuide));
    ImGui::BeginDisabled(state.busy());
    DescribedCheckbox(ui, Label(ui.lang, SStr::EmailCodesOption, "email-codes"), "security.emailCodes",
                      &state.email_codes_ticked);
    ImGui::EndDisabled();
    // Sent once per change; the box follows the server's answer (back as it was on a refusal).
    if (state.email_codes_ticked != state.email_codes && !state.busy()) actions.set_email_codes = true;
    DrawSecurityError(state, "email_codes", ui);
}

void DrawEnrolled(SecurityState& state, SecurityActions& actions, UiContext& ui) {
    DrawEmailCodes(state, actions, ui);
    ImGui::Spacing();
    SubHeading(Tr(ui.lang, SStr::RenewTitle));
    Paragraph(Tr(ui.lang, SStr::RenewGuide));
    const bool renew_entered = SecurityCodeInput(state.renew_code, false, "security.renewCode", ui);
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy());
    if (MarkedButton(ui, Label(ui.lang, SStr::Renew, "renew"), "security.renew") || renew_entered)
        actions.renew = true;
    ImGui::EndDisabled();
    DrawSecurityError(state, "renew", ui);

    ImGui::Spacing();
    SubHeading(Tr(ui.lang, SStr::AppRemoveTitle));
    Paragraph(Tr(ui.lang, SStr::AppRemoveGuide));
    const bool remove_entered = SecurityCodeInput(state.remove_code, true, "security.removeCode", ui);
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy());
    if (MarkedButton(ui, Label(ui.lang, SStr::AppRemove, "remove"), "security.remove") || remove_entered)
        actions.remove = true;
    ImGui::EndDisabled();
    DrawSecurityError(state, "remove", ui);
}

}  // namespace

void DrawAuthenticatorPanel(SecurityState& state, SecurityActions& actions, UiContext& ui) {
    SubHeading(Tr(ui.lang, SStr::AppTitle));
    if (!state.status_loaded) {
        NoticeText(ui.T(Str::Loading));
        return;
    }
    DrawSecurityInfo(state, "authenticator", ui);
    if (!state.recovery_codes.empty()) {
        DrawRecoveryCodes(state, actions, ui);
        return;  // nothing else until the customer says the codes are kept
    }
    if (state.enrolled) {
        Paragraph(Tr(ui.lang, SStr::AppEnrolled));
        ui.Mark("security.enrolled");
        NoticeText(Format(Tr(ui.lang, SStr::AppRecoveryLeft), state.recovery_codes_left));
        DrawEnrolled(state, actions, ui);
        return;
    }
    Paragraph(Tr(ui.lang, SStr::AppNotEnrolled));
    if (!state.secret.empty()) {
        DrawEnrolment(state, actions, ui);
        return;
    }
    ImGui::BeginDisabled(state.busy());
    if (PrimaryButton(ui, Label(ui.lang, SStr::AppStart, "enrol"), "security.enrol"))
        actions.start_enrolment = true;
    ImGui::EndDisabled();
    DrawSecurityError(state, "enrol", ui);
}

}  // namespace portal
