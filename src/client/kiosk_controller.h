// Kiosk mode's settings and the client's own idle logout as a plain class: where the settings come
// from (the URL over the server over the defaults), the idle deadline, the "still there?" dialog's
// countdown, staying, and when a session or an abandoned login must be wiped. The clock is
// injected, so every deadline runs in native doctests; App only feeds it input and draws.
#pragma once
#include <cstdint>
#include <string>

#include "client_ports.h"
#include "report_state.h"

namespace portal {

// The idle countdown gives at least this long to answer with one press (WCAG 2.2.1, "at least 20
// seconds to extend with a simple action"): a setting asking for less is raised to it.
constexpr double kMinIdleCountdownSeconds = 20;
// A test build may shorten the countdown from the URL down to this, so browser tests need not wait.
constexpr double kTestBuildMinCountdownSeconds = 3;
constexpr double kMinIdleSeconds = 5, kMaxIdleSeconds = 3600, kMaxIdleCountdownSeconds = 60;
constexpr double kDefaultIdleSeconds = 15 * 60.0, kDefaultKioskIdleSeconds = 10 * 60.0;
constexpr double kDefaultIdleCountdownSeconds = 60;

// What the frame's idle check asks App to do.
enum class IdleStep : uint8_t {
    None,
    DialogOpened,  // the countdown dialog has just opened: draw it
    LogOut,        // the countdown ran out, or "log out now": end the session and wipe
    ClearLogin,    // a half-typed login or a code screen was left alone: clear it silently
};
struct IdleTick {
    IdleStep step = IdleStep::None;
    double wake_at_ms = 0.0;  // when the next check is due (0: at once / never)
};

class KioskController {
  public:
    explicit KioskController(const Clock& clock) : clock_(clock) {}

    const KioskState& state() const { return state_; }
    bool& privacy() { return state_.privacy; }

    // At start, with the URL's parameters (-1 / 0: not given), which override the server:
    // out-of-range values are ignored; a countdown under the WCAG minimum is raised to it unless
    // `test_build` allows less. The defaults apply until the server answers; the idle time starts.
    // True when kiosk mode is on.
    bool Start(int url_kiosk, double url_idle_seconds, double url_countdown_seconds, bool test_build);
    // The server's client-config (0 = none or out of range). True when kiosk mode changed.
    bool ApplySettings(bool server_kiosk, double server_idle_seconds, double server_countdown_seconds);
    // The server's answer could not be used: the URL's and the built-in values stay.
    void ConfigUnavailable() { state_.config = KioskConfig::Unavailable; }

    // Once a frame, after input: `input` says the customer did something this frame, `abandoned`
    // that a login was left half-typed (or on the code screen) while no session is active.
    IdleTick Track(bool input, bool session_active, bool abandoned);
    // Typing in a real form input counts as the customer being there.
    void NoteInput();
    // "Stay logged in": the dialog closes and the idle time starts again.
    void Stay();
    // "Log out now" or the session's end: the dialog closes; nothing of the countdown remains.
    void CloseDialog() { state_.dialog_deadline_ms = 0.0; }

    bool DialogOpen() const { return state_.dialog_deadline_ms > 0.0; }
    // Whole seconds left on the dialog (rounded up; 0 when closed or run out).
    int SecondsLeft() const;
    double IdleForSeconds() const { return (clock_.NowMs() - state_.last_input_ms) / 1000.0; }

  private:
    const Clock& clock_;
    KioskState state_;
};

// Whole seconds from a URL parameter's text within [low, high], or `fallback`.
double SecondsFromText(const std::string& text, double low, double high, double fallback);

}  // namespace portal
