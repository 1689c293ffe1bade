// 認証コードの入力: where the code went (masked), six-digit entry by typing or pasting, the time
// left, resend with its cooldown, and the way back to login. For a customer with an authenticator
// app the same screen asks for the app's code or a recovery code, and offers a mailed code instead
// only when the customer chose to keep that way in.
#include <cstring>

#include "screens/screens.h"
#include "ui/code_filter.h"

namespace portal {
namespace {

// Six digits, or ten letters and digits with an optional dash (the server checks the rest).
bool LooksLikeAppCode(const char* code) {
    size_t digits = 0, alnum = 0, length = std::strlen(code);
    for (const char* p = code; *p; ++p) {
        if (*p >= '0' && *p <= '9') ++digits;
        if (*p != '-') ++alnum;
    }
    return (length == 6 && digits == 6) || alnum == 10;
}

}  // namespace

CodeAction DrawCodeScreen(CodeState& state, UiContext& ui) {
    CodeAction action = CodeAction::None;
    CenteredColumn column(40.0f);
    if (state.authenticator) {
        Heading(ui.T(Str::CodeAppTitle));
        if (state.email_codes)
            Paragraph(Format(ui.T(Str::CodeAppOrEmail), state.masked_email.c_str()).c_str());
        else
            Paragraph(ui.T(Str::CodeAppInstructions));
        ui.Mark("code.app");
        NoticeText(ui.T(Str::CodeAppRecoveryHint));
    } else {
        Heading(ui.T(Str::CodeTitle));
        Paragraph(Format(ui.T(Str::CodeSentTo), state.masked_email.c_str()).c_str());
        ui.Mark("code.email");
        NoticeText(ui.T(Str::CodeInstructions));
    }
    ImGui::Spacing();

    const bool expired = state.expired || (state.expires_at_ms > 0.0 && ui.now_ms >= state.expires_at_ms);
    if (expired) {  // no field for a dead code: what happened, and the way to a new login
        ErrorText(ui.T(Str::CodeExpired));
        ui.Mark("code.expired");
        ImGui::Spacing();
        if (PrimaryButton(ui, ui.L(Str::BackToLogin, "restart"), "code.restart"))
            action = CodeAction::BackToLogin;
        return action;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.T(Str::CodeLabel));
    ImGui::SameLine();
    // The code <form>'s real input is this field for assistive technology and autofill.
    DescribedNode field;
    field.role = Role::Field;
    field.key = "code.input";
    field.name = ui.T(Str::CodeLabel);
    field.value = "portal-login-code";
    field.flags = node_flags::kExternal;
    field.widget = ImGui::GetID("##code");  // the app hands its editing to the input
    if (ScreenDescription* description = CurrentDescription()) description->Add(std::move(field));
    ImGui::SetNextItemWidth(Em(state.authenticator ? 10.0f : 8.0f));
    // Six digits, or a recovery code of eleven characters, and the terminator.
    const size_t max_length = state.authenticator ? 12 : 7;
    const bool entered =
        ImGui::InputText("##code", state.code.data(), max_length,
                         ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_EnterReturnsTrue,
                         state.authenticator ? RecoveryCodeFilter : DigitCodeFilter);
    ui.MarkTextInput("code.input");
    if (state.reveal_code) RevealLastItem();  // its input took the focus
    state.reveal_code = false;
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy);
    const bool verify =
        PrimaryButton(ui, ui.L(state.busy ? Str::Working : Str::CodeVerify, "verify"), "code.submit");
    ImGui::EndDisabled();

    if (state.expires_at_ms > 0.0) {
        // A mailed code lives as long as the login; the app's code changes every 30 s, so there
        // the time shown is the login's, not the code's.
        const Str time_left = state.authenticator ? Str::CodeLoginTimeLeft : Str::CodeTimeLeft;
        const double left = (state.expires_at_ms - ui.now_ms) / 1000.0;
        ImGui::TextColored(colors::kMuted, "%s",
                           Format(ui.T(time_left), FormatCountdown(left).c_str()).c_str());
        ui.Mark("code.timeLeft");
        Describe(Role::Text, Format(ui.T(time_left), MirrorCountdown(left).c_str()), node_flags::kMuted);
        ui.WakeForCountdown(state.expires_at_ms);
    }
    if (!state.expiry_notice.empty()) {  // the end is near: more time or a new code offered right here
        NoticeText(ui.T(state.expiry_notice));
        ui.Mark("code.expiresSoon");
        if (state.authenticator) {
            if (state.CanExtend()) {
                ImGui::BeginDisabled(state.busy);
                if (MarkedButton(ui, ui.L(Str::CodeExtend, "extend"), "code.extend"))
                    action = CodeAction::Extend;
                ImGui::EndDisabled();
            }
        } else {
            ImGui::BeginDisabled(state.busy || state.resend_allowed_at_ms > ui.now_ms);
            if (MarkedButton(ui, ui.L(Str::CodeRenew, "renew"), "code.renew")) action = CodeAction::Resend;
            ImGui::EndDisabled();
        }
    }
    if (!state.error.empty()) ErrorText(ui.T(state.error));
    if (!state.info.empty()) SuccessText(ui.T(state.info));

    const bool submitted = state.submit_requested;  // the code <form>'s submit
    state.submit_requested = false;
    if ((verify || entered || submitted) && !state.busy) {
        state.error.clear();
        state.info.clear();
        if (state.authenticator && !LooksLikeAppCode(state.code.data())) {
            state.error = MessageOf(Str::CodeAppFormat);
        } else if (!state.authenticator && std::strlen(state.code.data()) != 6) {
            state.error = MessageOf(Str::CodeSixDigits);
        } else {
            action = CodeAction::Verify;
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    if (state.authenticator) {  // nothing to resend; a mailed code instead only when the customer chose so
        if (state.email_codes) {
            ImGui::BeginDisabled(state.busy);
            if (MarkedButton(ui, ui.L(Str::CodeSendByEmail, "email"), "code.emailCode"))
                action = CodeAction::Resend;
            ImGui::EndDisabled();
            ImGui::SameLine();
        }
        if (MarkedButton(ui, ui.L(Str::BackToLogin, "back"), "code.back")) action = CodeAction::BackToLogin;
        return action;
    }
    const bool cooling = state.resend_allowed_at_ms > ui.now_ms;
    ImGui::BeginDisabled(state.busy || cooling);
    if (MarkedButton(ui, ui.L(Str::CodeResend, "resend"), "code.resend")) action = CodeAction::Resend;
    ImGui::EndDisabled();
    if (cooling) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        const double wait = (state.resend_allowed_at_ms - ui.now_ms) / 1000.0;
        ImGui::TextColored(colors::kMuted, "%s",
                           Format(ui.T(Str::CodeResendWait), FormatCountdown(wait).c_str()).c_str());
        Describe(Role::Text, Format(ui.T(Str::CodeResendWait), MirrorCountdown(wait).c_str()),
                 node_flags::kMuted);
        ui.WakeForCountdown(state.resend_allowed_at_ms);
    }
    ImGui::SameLine();
    if (MarkedButton(ui, ui.L(Str::BackToLogin, "back"), "code.back")) action = CodeAction::BackToLogin;
    return action;
}

}  // namespace portal
