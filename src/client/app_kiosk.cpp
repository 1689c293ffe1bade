// Kiosk mode and the client's idle logout.
// The operator sets kiosk mode on the server (GET /api/v1/client-config, read at start without
// delaying the login screen): 10-minute idle logout, larger type and targets, no selection or
// context menu, the privacy switch. URL parameters override it (docs/client.md): kiosk=1 / 0;
// idle=SECONDS and countdown=SECONDS shorten the idle time and the dialog's countdown so browser
// tests need not wait 15 minutes (KioskController holds the limits; the countdown goes under 20 s
// only in the test build). The deadlines themselves live in KioskController.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <optional>

#include "app.h"
#include "engine/api_client_config.h"
#include "i18n_security.h"
#include "kiosk_controller.h"
#include "platform/js_bridge.h"
#include "screens/report_screens.h"

namespace portal {
namespace {

// The engine's decoder (a missing or renamed member is an unusable answer, not a default).
std::optional<ClientConfigPayload> ParseClientConfig(const std::string& body) {
    Result<ClientConfigPayload> read = DecodeClientConfig(body);
    if (!read.ok()) {
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_WARN, "client-config: %s", read.error().message.en.c_str());
        return std::nullopt;
    }
    return std::move(read.value());
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
    fonts_.Note(AllReportStringsForFont());
    fonts_.Note(AllSecurityStringsForFont());  // the report screens' labels live in their own table
    const std::string kiosk_param = js::UrlParam("kiosk");
    const bool kiosk =
        kiosk_ctl_.Start(kiosk_param == "1"   ? 1
                         : kiosk_param == "0" ? 0
                                              : -1,
                         SecondsFromText(js::UrlParam("idle"), kMinIdleSeconds, kMaxIdleSeconds, 0.0),
                         SecondsFromText(js::UrlParam("countdown"), kTestBuildMinCountdownSeconds,
                                         kMaxIdleCountdownSeconds, 0.0),
                         kTestBuild);
    if (kiosk) js::SetKiosk(true);  // UiScale() follows: fonts rebuilt next frame
    platform_.RequestFrames(2);
    // The operator's setting; the login screen is drawn meanwhile and does not wait for it.
    api_.Send(ApiRequest{ApiCall::ClientConfig, "GET", "/api/v1/client-config", "", false});
}

void App::OnClientConfig(const ApiResponse& response) {
    const std::optional<ClientConfigPayload> config =
        response.ok() ? ParseClientConfig(response.body) : std::nullopt;
    if (!config) {
        // An older server (404) or none: the URL's and the built-in values stay. One line, no panel.
        kiosk_ctl_.ConfigUnavailable();
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_WARN,
                       "client-config unavailable (HTTP %d%s%s): URL/default kiosk settings kept",
                       response.status, response.network_error.empty() ? "" : ", ",
                       response.network_error.c_str());
        return;
    }
    if (kiosk_ctl_.ApplySettings(config->kiosk, static_cast<double>(config->idle_seconds),
                                 static_cast<double>(config->countdown_seconds))) {
        js::SetKiosk(kiosk_ctl_.state().kiosk);  // UiScale() follows: fonts rebuilt next frame
    }
    platform_.RequestFrames(2);
}

float App::UiScale() const {
    return kiosk_ctl_.state().kiosk ? 1.25f : 1.0f;
}

// After NewFrame: note input, open the countdown when idle too long, log out when it ends.
void App::TrackIdle() {
    const bool typed =
        session_ctl_.login().selfcare_id[0] != '\0' || session_ctl_.login().password[0] != '\0';
    const bool abandoned = screen_ == Screen::Code || (screen_ == Screen::Login && typed);
    const IdleTick tick = kiosk_ctl_.Track(AnyInputThisFrame(), session_ctl_.session().active, abandoned);
    switch (tick.step) {
        case IdleStep::DialogOpened:
            platform_.RequestFrames(2);
            break;
        case IdleStep::LogOut:
            IdleLogout();
            break;
        case IdleStep::ClearLogin:
            ClearAbandonedLogin();
            break;
        case IdleStep::None:
            if (tick.wake_at_ms > 0.0) platform_.WakeAt(tick.wake_at_ms);
            break;
    }
}

// Nobody came back to a half-typed login or a code screen: clear it silently.
void App::ClearAbandonedLogin() {
    ForgetTextBeingEdited();
    session_ctl_.login().selfcare_id.fill('\0');
    session_ctl_.login().password.fill('\0');
    session_ctl_.login().show_password = false;
    session_ctl_.login().error.clear();
    session_ctl_.code() = CodeState{};
    GoTo(Screen::Login);
}

void App::DrawIdle(UiContext& ui) {
    if (!kiosk_ctl_.DialogOpen()) return;
    switch (DrawIdleDialog(kiosk_ctl_.SecondsLeft(), kiosk_ctl_.state().dialog_deadline_ms, ui)) {
        case IdleAction::Stay:
            kiosk_ctl_.Stay();
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
    kiosk_ctl_.CloseDialog();
    // No waiting here: the conditions were sent a second after they last changed, long before.
    saved_search_.SaveNow(contract_ctl_.lines());
    session_ctl_.Logout();
    EndSession(Message{Text{Tr(Lang::Ja, RStr::IdleLoggedOut), Tr(Lang::En, RStr::IdleLoggedOut)}}, "idle");
    session_ctl_.login().selfcare_id.fill('\0');
    session_ctl_.login().show_password = false;
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
    if (!kiosk_ctl_.state().kiosk || !session_ctl_.session().active) return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", Tr(ui.lang, RStr::KioskBadge));
    ImGui::SameLine(0, Em(2.0f));
    ImGui::Checkbox(Label(ui.lang, RStr::PrivacySwitch, "privacy").c_str(), &kiosk_ctl_.privacy());
    ui.Mark("kiosk.privacy");
    ImGui::SameLine(0, Em(2.0f));
    if (MarkedButton(ui, ui.L(Str::Logout, "kiosk-logout"), "kiosk.logout")) Logout();
    ImGui::Separator();
}

// Privacy: nothing secret may be drawn, not even for the frame in which "reveal" was pressed.
void App::ApplyPrivacy() {
    if (!kiosk_ctl_.state().privacy) return;
    contract_ctl_.MaskAll();
    session_ctl_.login().show_password = false;
}

}  // namespace portal
