// Kiosk mode and the client's idle logout.
// The operator sets kiosk mode on the server (GET /api/v1/client-config, read at start without
// delaying the login screen): 10-minute idle logout, larger type and targets, no selection or
// context menu, the privacy switch. URL parameters override it (docs/client.md): kiosk=1 / 0;
// idle=SECONDS and countdown=SECONDS shorten the idle time and the dialog's countdown so browser
// tests need not wait 15 minutes. Only values within the limits below are honoured.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "app.h"
#include "engine/api_client_config.h"
#include "i18n_security.h"
#include "platform/js_bridge.h"
#include "screens/report_screens.h"

namespace portal {
namespace {

constexpr double kIdleSeconds = 15 * 60.0;
constexpr double kKioskIdleSeconds = 10 * 60.0;
// The server's limits for --client-idle / --client-countdown, and the URL's.
constexpr double kMinIdle = 5, kMaxIdle = 3600, kMinCountdown = 3, kMaxCountdown = 60;

struct ClientConfig {
    bool kiosk = false;
    double idle_seconds = 0.0, countdown_seconds = 0.0;  // 0: out of this client's range
};

// The engine's decoder (a missing or renamed member is an unusable answer, not a default); numbers
// outside this client's range are left to the defaults.
std::optional<ClientConfig> ParseClientConfig(const std::string& body) {
    const Result<ClientConfigPayload> read = DecodeClientConfig(body);
    if (!read.ok()) {
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_WARN, "client-config: %s", read.error().message.en.c_str());
        return std::nullopt;
    }
    const auto in_range = [](uint64_t value, double low, double high) {
        const double seconds = static_cast<double>(value);
        return seconds >= low && seconds <= high ? seconds : 0.0;
    };
    return ClientConfig{read.value().kiosk, in_range(read.value().idle_seconds, kMinIdle, kMaxIdle),
                        in_range(read.value().countdown_seconds, kMinCountdown, kMaxCountdown)};
}

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
    fonts_.Note(AllReportStringsForFont());
    fonts_.Note(AllSecurityStringsForFont());  // the report screens' labels live in their own table
    const std::string kiosk_param = js::UrlParam("kiosk");
    kiosk_.url_kiosk = kiosk_param == "1" ? 1 : kiosk_param == "0" ? 0 : -1;
    kiosk_.url_idle_seconds = SecondsParam("idle", kMinIdle, kMaxIdle, 0.0);
    kiosk_.url_countdown_seconds = SecondsParam("countdown", kMinCountdown, kMaxCountdown, 0.0);
    ApplyKioskSettings(false, 0.0, 0.0);
    kiosk_.last_input_ms = emscripten_get_now();
    // The operator's setting; the login screen is drawn meanwhile and does not wait for it.
    api_.Send(ApiRequest{ApiCall::ClientConfig, "GET", "/api/v1/client-config", "", false});
}

// The server's values (0 = none) under the URL's, then the defaults.
void App::ApplyKioskSettings(bool server_kiosk, double server_idle, double server_countdown) {
    const bool was_kiosk = kiosk_.kiosk;
    kiosk_.kiosk = kiosk_.url_kiosk >= 0 ? kiosk_.url_kiosk == 1 : server_kiosk;
    const double default_idle = kiosk_.kiosk ? kKioskIdleSeconds : kIdleSeconds;
    // The server's idle time goes with its kiosk setting (it sends its own default, 600 or 900):
    // when the URL switched the mode, that mode's default applies instead.
    const bool server_idle_fits = server_idle > 0.0 && kiosk_.kiosk == server_kiosk;
    kiosk_.idle_seconds = kiosk_.url_idle_seconds > 0.0 ? kiosk_.url_idle_seconds
                          : server_idle_fits            ? server_idle
                                                        : default_idle;
    kiosk_.countdown_seconds = kiosk_.url_countdown_seconds > 0.0 ? kiosk_.url_countdown_seconds
                               : server_countdown > 0.0           ? server_countdown
                                                                  : 60.0;
    if (kiosk_.kiosk != was_kiosk) js::SetKiosk(kiosk_.kiosk);  // UiScale() follows: fonts rebuilt next frame
    platform_.RequestFrames(2);
}

void App::OnClientConfig(const ApiResponse& response) {
    const std::optional<ClientConfig> config =
        response.ok() ? ParseClientConfig(response.body) : std::nullopt;
    if (!config) {
        // An older server (404) or none: the URL's and the built-in values stay. One line, no panel.
        kiosk_.config = KioskConfig::Unavailable;
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_WARN,
                       "client-config unavailable (HTTP %d%s%s): URL/default kiosk settings kept",
                       response.status, response.network_error.empty() ? "" : ", ",
                       response.network_error.c_str());
        return;
    }
    kiosk_.config = KioskConfig::FromServer;
    ApplyKioskSettings(config->kiosk, config->idle_seconds, config->countdown_seconds);
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
    EndSession(Message{Text{Tr(Lang::Ja, RStr::IdleLoggedOut), Tr(Lang::En, RStr::IdleLoggedOut)}}, "idle");
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
    contract_ctl_.MaskAll();
    login_.show_password = false;
}

}  // namespace portal
