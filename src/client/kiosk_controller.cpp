#include "kiosk_controller.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace portal {

double SecondsFromText(const std::string& text, double low, double high, double fallback) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return fallback;
    const double value = std::atof(text.c_str());
    return value >= low && value <= high ? value : fallback;
}

bool KioskController::Start(int url_kiosk, double url_idle_seconds, double url_countdown_seconds,
                            bool test_build) {
    const auto within = [](double value, double low, double high) {
        return value >= low && value <= high ? value : 0.0;
    };
    state_.url_kiosk = url_kiosk == 0 || url_kiosk == 1 ? url_kiosk : -1;
    state_.url_idle_seconds = within(url_idle_seconds, kMinIdleSeconds, kMaxIdleSeconds);
    const double shortest = test_build ? kTestBuildMinCountdownSeconds : kMinIdleCountdownSeconds;
    const double countdown =
        within(url_countdown_seconds, kTestBuildMinCountdownSeconds, kMaxIdleCountdownSeconds);
    state_.url_countdown_seconds = countdown > 0.0 ? std::max(countdown, shortest) : 0.0;
    ApplySettings(false, 0.0, 0.0);  // until the server answers
    state_.config = KioskConfig::Pending;
    state_.last_input_ms = clock_.NowMs();
    return state_.kiosk;
}

bool KioskController::ApplySettings(bool server_kiosk, double server_idle_seconds,
                                    double server_countdown_seconds) {
    const bool was_kiosk = state_.kiosk;
    state_.config = KioskConfig::FromServer;
    state_.kiosk = state_.url_kiosk >= 0 ? state_.url_kiosk == 1 : server_kiosk;
    const double default_idle = state_.kiosk ? kDefaultKioskIdleSeconds : kDefaultIdleSeconds;
    // The server's idle time goes with its kiosk setting (it sends its own default, 600 or 900):
    // when the URL switched the mode, that mode's default applies instead.
    const bool server_idle_fits = server_idle_seconds >= kMinIdleSeconds &&
                                  server_idle_seconds <= kMaxIdleSeconds && state_.kiosk == server_kiosk;
    state_.idle_seconds = state_.url_idle_seconds > 0.0 ? state_.url_idle_seconds
                          : server_idle_fits            ? server_idle_seconds
                                                        : default_idle;
    // An operator's countdown shorter than the WCAG minimum is raised to it (older servers allow 3).
    const bool server_countdown_given =
        server_countdown_seconds > 0.0 && server_countdown_seconds <= kMaxIdleCountdownSeconds;
    state_.countdown_seconds = state_.url_countdown_seconds > 0.0 ? state_.url_countdown_seconds
                               : server_countdown_given
                                   ? std::max(server_countdown_seconds, kMinIdleCountdownSeconds)
                                   : kDefaultIdleCountdownSeconds;
    return state_.kiosk != was_kiosk;
}

IdleTick KioskController::Track(bool input, bool session_active, bool abandoned) {
    const double now = clock_.NowMs();
    if (input && state_.dialog_deadline_ms == 0.0) state_.last_input_ms = now;
    if (!session_active) {
        // Before a session exists there is nothing to stay logged in to, but a half-typed ID or a
        // code screen left behind on a shared screen still shows whose login it was.
        state_.dialog_deadline_ms = 0.0;
        if (!abandoned) {
            state_.last_input_ms = now;
            return {};
        }
        const double clear_at =
            state_.last_input_ms + (state_.idle_seconds + state_.countdown_seconds) * 1000.0;
        if (now < clear_at) return {IdleStep::None, clear_at + 1.0};
        state_.last_input_ms = now;
        return {IdleStep::ClearLogin, 0.0};
    }
    if (state_.dialog_deadline_ms == 0.0) {
        const double opens_at = state_.last_input_ms + state_.idle_seconds * 1000.0;
        if (now < opens_at) return {IdleStep::None, opens_at + 1.0};
        state_.dialog_deadline_ms = now + state_.countdown_seconds * 1000.0;
        return {IdleStep::DialogOpened, 0.0};
    }
    if (now < state_.dialog_deadline_ms) return {IdleStep::None, state_.dialog_deadline_ms + 1.0};
    state_.dialog_deadline_ms = 0.0;
    return {IdleStep::LogOut, 0.0};
}

void KioskController::NoteInput() {
    if (state_.dialog_deadline_ms == 0.0) state_.last_input_ms = clock_.NowMs();
}

void KioskController::Stay() {
    state_.dialog_deadline_ms = 0.0;
    state_.last_input_ms = clock_.NowMs();
}

int KioskController::SecondsLeft() const {
    if (state_.dialog_deadline_ms <= 0.0) return 0;
    return static_cast<int>(std::max(0.0, std::ceil((state_.dialog_deadline_ms - clock_.NowMs()) / 1000.0)));
}

}  // namespace portal
