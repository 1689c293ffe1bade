// Kiosk mode and the client's idle logout (issue 5).
// URL parameters (docs/client.md): kiosk=1 switches kiosk mode on (10-minute idle logout, larger
// type and targets, no selection or context menu, the privacy switch); idle=SECONDS and
// countdown=SECONDS shorten the idle time and the dialog's countdown so browser tests need not
// wait 15 minutes. Only values within the limits below are honoured.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>

#include "app.h"
#include "platform/js_bridge.h"
#include "screens/report_screens.h"

namespace portal {
namespace {

constexpr double kIdleSeconds = 15 * 60.0;
constexpr double kKioskIdleSeconds = 10 * 60.0;

// A whole number of seconds within [low, high] from the URL, or `fallback`.
double SecondsParam(const char* name, double low, double high, double fallback) {
    const std::string text = js::UrlParam(name);
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return fallback;
    const double value = std::atof(text.c_str());
    return value >= low && value <= high ? value : fallback;
}

// Any key, click, wheel, typed character or pointer movement counts as the customer being there.
bool AnyInputThisFrame() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f)
        return true;
    if (!io.InputQueueCharacters.empty()) return true;
    for (int button = 0; button < IM_ARRAYSIZE(io.MouseDown); ++button)
        if (io.MouseDown[button]) return true;
    for (int key = ImGuiKey_NamedKey_BEGIN; key < ImGuiKey_NamedKey_END; ++key)
        if (ImGui::IsKeyDown(static_cast<ImGuiKey>(key))) return true;
    return false;
}

}  // namespace

void App::InitKiosk() {
    fonts_.Note(AllReportStringsForFont());  // issue 5's labels live in their own table
    kiosk_.kiosk = js::UrlParam("kiosk") == "1";
    kiosk_.idle_seconds = SecondsParam("idle", 5, 3600, kiosk_.kiosk ? kKioskIdleSeconds : kIdleSeconds);
    kiosk_.countdown_seconds = SecondsParam("countdown", 3, 60, 60);
    kiosk_.last_input_ms = emscripten_get_now();
    if (kiosk_.kiosk) js::SetKiosk(true);
}

float App::UiScale() const {
    return kiosk_.kiosk ? 1.25f : 1.0f;
}

// After NewFrame: note input, open the countdown when idle too long, log out when it ends.
void App::TrackIdle(double now_ms) {
    if (AnyInputThisFrame() && kiosk_.dialog_deadline_ms == 0.0) kiosk_.last_input_ms = now_ms;
    if (!session_.active) {
        kiosk_.dialog_deadline_ms = 0.0;
        ClearAbandonedLogin(now_ms);
        return;
    }
    if (kiosk_.dialog_deadline_ms == 0.0) {
        const double opens_at = kiosk_.last_input_ms + kiosk_.idle_seconds * 1000.0;
        if (now_ms >= opens_at) {
            kiosk_.dialog_deadline_ms = now_ms + kiosk_.countdown_seconds * 1000.0;
            platform_.RequestFrames(2);
        } else {
            platform_.WakeAt(opens_at + 1.0);
        }
        return;
    }
    if (now_ms >= kiosk_.dialog_deadline_ms) {
        IdleLogout();
    } else {
        platform_.WakeAt(kiosk_.dialog_deadline_ms + 1.0);
    }
}

// Before a session exists there is nothing to stay logged in to, but a half-typed ID or a code
// screen left behind on a shared screen still shows whose login it was: clear it silently.
void App::ClearAbandonedLogin(double now_ms) {
    const bool typed = login_.selfcare_id[0] != '\0' || login_.password[0] != '\0';
    const bool abandoned = screen_ == Screen::Code || (screen_ == Screen::Login && typed);
    if (!abandoned) {
        kiosk_.last_input_ms = now_ms;
        return;
    }
    const double clear_at = kiosk_.last_input_ms + (kiosk_.idle_seconds + kiosk_.countdown_seconds) * 1000.0;
    if (now_ms < clear_at) {
        platform_.WakeAt(clear_at + 1.0);
        return;
    }
    ForgetTextBeingEdited();
    login_.selfcare_id.fill('\0');
    login_.password.fill('\0');
    login_.show_password = false;
    login_.error.clear();
    code_ = CodeState{};
    kiosk_.last_input_ms = now_ms;
    GoTo(Screen::Login);
}

void App::DrawIdle(UiContext& ui) {
    switch (DrawIdleDialog(kiosk_, ui)) {
        case IdleAction::Stay:
            kiosk_.dialog_deadline_ms = 0.0;
            kiosk_.last_input_ms = ui.now_ms;
            CheckSession();  // also tells us whether the server still holds the session
            break;
        case IdleAction::LogoutNow:
            IdleLogout();
            break;
        case IdleAction::None:
            break;
    }
}

// The person may have walked away: end everything locally at once, tell the server on the way.
void App::IdleLogout() {
    kiosk_.dialog_deadline_ms = 0.0;
    Logout();
    EndSession(Message{Text{Tr(Lang::Ja, RStr::IdleLoggedOut), Tr(Lang::En, RStr::IdleLoggedOut)}});
    login_.selfcare_id.fill('\0');
    login_.show_password = false;
    platform_.RequestFrames(3);
}

// ImGui keeps copies of the text of the field being edited (and of the one just left, to write it
// back a frame later, imgui #4714): wipe them, or a cleared field would refill itself and the
// customer's text would stay in memory.
void App::ForgetTextBeingEdited() {
    ImGui::ClearActiveID();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiInputTextState& state = g.InputTextState;
    std::fill(state.TextW.begin(), state.TextW.end(), ImWchar(0));
    std::fill(state.TextA.begin(), state.TextA.end(), '\0');
    std::fill(state.InitialTextA.begin(), state.InitialTextA.end(), '\0');
    state.ClearFreeMemory();
    state.ID = 0;
    ImGuiInputTextDeactivatedState& left = g.InputTextDeactivatedState;
    std::fill(left.TextA.begin(), left.TextA.end(), '\0');
    left.ClearFreeMemory();
    left.ID = 0;
}

// Kiosk strip under the header: the mode, the screen-share privacy switch and logout, always in view.
void App::DrawKioskStrip(UiContext& ui) {
    if (!kiosk_.kiosk || !session_.active) return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", Tr(ui.lang, RStr::KioskBadge));
    ImGui::SameLine(0, Em(2.0f));
    ImGui::Checkbox(Label(ui.lang, RStr::PrivacySwitch, "privacy").c_str(), &kiosk_.privacy);
    ui.Mark("kiosk.privacy");
    ImGui::SameLine(0, Em(2.0f));
    if (MarkedButton(ui, ui.L(Str::Logout, "kiosk-logout"), "kiosk.logout")) Logout();
    ImGui::Separator();
}

// Privacy: nothing secret may be drawn, not even for the frame in which "reveal" was pressed.
void App::ApplyPrivacy() {
    if (!kiosk_.privacy) return;
    contract_.lines.revealed_until_ms.clear();
    login_.show_password = false;
}

}  // namespace portal
