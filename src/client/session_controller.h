// Login, the second factor, the session's deadlines and logout as a plain class: it sends the auth
// requests, reads their answers into the login, code and session state, and tells App which screen
// follows. Clock and transport are injected, so every flow runs in native doctests.
#pragma once
#include <string>

#include "app_state.h"
#include "client_ports.h"

namespace portal {

// What an auth answer means for the App (the state already holds what the screens show).
enum class SessionStep : uint8_t {
    None,       // shown beside the form: an error, a lockout, a new code sent
    Live,       // /auth/session: the session goes on, its deadlines refreshed
    NoSession,  // /auth/session: 401 and no session here (a fresh start)
    ToCode,     // the password was right: the code screen
    ToLogin,    // this login attempt is over: the login screen, login.error says why
    SignedIn,   // the code was right: a new session; the previous customer's data must go
    Ended,      // 401 during a session: it ended on the server (message: why)
    LoggedOut,  // logout answered: 200, or 401 when it had already ended
    Failed,     // no usable answer (network, 5xx): shown with retry
};
struct SessionOutcome {
    SessionStep step = SessionStep::None;
    Message message;  // for Ended: the reason to show on the login screen
};

class SessionController {
  public:
    SessionController(const Clock& clock, Transport& transport) : clock_(clock), transport_(transport) {}

    LoginState& login() { return login_; }
    const LoginState& login() const { return login_; }
    CodeState& code() { return code_; }
    const CodeState& code() const { return code_; }
    const SessionState& session() const { return session_; }

    void CheckSession();
    SessionOutcome OnSession(const ApiResponse& response);
    void SubmitLogin();
    SessionOutcome OnLogin(const ApiResponse& response);
    void SubmitCode();
    SessionOutcome OnVerify(const ApiResponse& response);
    void ResendCode();
    SessionOutcome OnResend(const ApiResponse& response);
    // More time for an authenticator-app login, asked for when its end is announced.
    void ExtendCode();
    SessionOutcome OnExtend(const ApiResponse& response);
    // Each frame of the code screen: a minute before the code's life ends it is announced and a
    // new code offered; at the end it says so and takes no more codes.
    void TickCode();
    void Logout();
    SessionOutcome OnLogout(const ApiResponse& response);

    // Every successful data call restarts the server's idle timer; mirrored here.
    void NoteActivity();
    // When the countdown reaches zero the server decides: asks it once. True when it asked.
    bool CheckDeadline();
    // The session is over: nothing of it stays (the code, the password), `reason` on the login screen.
    void End(const Message& reason);
    // An explicit logout also forgets the ID: nothing is left for the next person at the screen.
    void ForgetId();
    // The reason the page's previous instance ended ("idle", "logout", anything else: expired).
    void ShowEndedReason(const std::string& key);

  private:
    void StartCodeLife(double lifetime_seconds, double resend_after_seconds);
    void StartSession(double idle_seconds, double absolute_seconds, double idle_timeout_seconds);

    const Clock& clock_;
    Transport& transport_;
    LoginState login_;
    CodeState code_;
    SessionState session_;
};

}  // namespace portal
