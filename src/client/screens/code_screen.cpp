// 認証コードの入力: where the code went (masked), six-digit entry by typing or pasting, the time
// left, resend with its cooldown, and the way back to login.
#include <cstring>

#include "screens/screens.h"

namespace portal {
namespace {

// Digits only; full-width digits from a Japanese IME become ASCII, and the spaces or hyphens of a
// pasted "123 456" are dropped.
int CodeCharFilter(ImGuiInputTextCallbackData* data) {
    ImWchar c = data->EventChar;
    if (c >= 0xFF10 && c <= 0xFF19) c = static_cast<ImWchar>('0' + (c - 0xFF10));
    if (c < '0' || c > '9') return 1;
    data->EventChar = c;
    return 0;
}

}  // namespace

CodeAction DrawCodeScreen(CodeState& state, UiContext& ui) {
    CodeAction action = CodeAction::None;
    CenteredColumn column(40.0f);
    Heading(ui.T(Str::CodeTitle));
    Paragraph(Format(ui.T(Str::CodeSentTo), state.masked_email.c_str()).c_str());
    ui.Mark("code.email");
    NoticeText(ui.T(Str::CodeInstructions));
    ImGui::Spacing();

    const bool expired = state.expires_at_ms > 0.0 && ui.now_ms >= state.expires_at_ms;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.T(Str::CodeLabel));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(Em(8.0f));
    const size_t max_length = 7;  // six digits and the terminator
    const bool entered = ImGui::InputText(
        "##code", state.code.data(), max_length,
        ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_EnterReturnsTrue, CodeCharFilter);
    ui.MarkTextInput("code.input");
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy || expired);
    const bool verify =
        PrimaryButton(ui, ui.L(state.busy ? Str::Working : Str::CodeVerify, "verify"), "code.submit");
    ImGui::EndDisabled();

    if (expired) {
        ErrorText(ui.T(Str::CodeExpired));
    } else if (state.expires_at_ms > 0.0) {
        ImGui::TextColored(colors::kMuted, "%s",
                           Format(ui.T(Str::CodeTimeLeft),
                                  FormatCountdown((state.expires_at_ms - ui.now_ms) / 1000.0).c_str())
                               .c_str());
        ui.Mark("code.timeLeft");
        ui.WakeForCountdown(state.expires_at_ms);
    }
    if (!state.error.empty()) ErrorText(ui.T(state.error));
    if (!state.info.empty()) SuccessText(ui.T(state.info));

    const bool submitted = state.submit_requested;  // the code <form>'s submit
    state.submit_requested = false;
    if ((verify || entered || submitted) && !state.busy && !expired) {
        state.error.clear();
        state.info.clear();
        if (std::strlen(state.code.data()) != 6) {
            state.error = MessageOf(Str::CodeSixDigits);
        } else {
            action = CodeAction::Verify;
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    const bool cooling = state.resend_allowed_at_ms > ui.now_ms;
    ImGui::BeginDisabled(state.busy || cooling || expired);
    if (MarkedButton(ui, ui.L(Str::CodeResend, "resend"), "code.resend")) action = CodeAction::Resend;
    ImGui::EndDisabled();
    if (cooling && !expired) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(colors::kMuted, "%s",
                           Format(ui.T(Str::CodeResendWait),
                                  FormatCountdown((state.resend_allowed_at_ms - ui.now_ms) / 1000.0).c_str())
                               .c_str());
        ui.WakeForCountdown(state.resend_allowed_at_ms);
    }
    ImGui::SameLine();
    if (MarkedButton(ui, ui.L(Str::BackToLogin, "back"), "code.back")) action = CodeAction::BackToLogin;
    return action;
}

}  // namespace portal
