// Login, the e-mailed code, the session and logout: requests and what their answers do.
#include <emscripten.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app.h"
#include "i18n_reports.h"
#include "platform/js_bridge.h"

namespace portal {
namespace {

using Json = nlohmann::json;

Json ParseObject(const std::string& body) {
    Json json = Json::parse(body, nullptr, false);
    return json.is_object() ? json : Json::object();
}

double NumberField(const Json& json, const char* key, double fallback) {
    auto found = json.find(key);
    return found != json.end() && found->is_number() ? found->get<double>() : fallback;
}

std::string StringField(const Json& json, const char* key) {
    auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

ApiRequest Post(ApiCall call, const char* path, const Json& body) {
    return ApiRequest{call, "POST", std::string("/api/v1/auth/") + path, body.dump(), false};
}

// The customer's secrets leave memory as soon as they are no longer needed.
template <size_t N>
void Wipe(std::array<char, N>& buffer) {
    std::fill(buffer.begin(), buffer.end(), '\0');
}

}  // namespace

void App::CheckSession() {
    session_.checking = true;
    api_.Send(ApiRequest{ApiCall::Session, "GET", "/api/v1/auth/session", "", false});
}

void App::OnSession(const ApiResponse& response) {
    session_.checking = false;
    if (response.ok()) {
        const Json json = ParseObject(response.body);
        StartSession(NumberField(json, "idle_remaining_seconds", 0),
                     NumberField(json, "absolute_remaining_seconds", 0),
                     NumberField(json, "idle_timeout_seconds", 900));
        if (screen_ == Screen::Starting) {  // a reload within a live session: straight to the menu
            contract_ctl_.LoadCustomerData();
            GoTo(Screen::Menu);
        }
        return;
    }
    if (response.status == 401) {
        if (session_.active) {
            HandleUnauthorized(response);  // the countdown ran out, or the server ended it
        } else if (screen_ == Screen::Starting) {
            GoTo(Screen::Login);
        }
        return;
    }
    if (screen_ == Screen::Starting) GoTo(Screen::Login);
    ShowFailure(response);
}

void App::SubmitLogin() {
    login_.busy = true;
    login_.notice.clear();
    status_.clear();
    api_.Send(Post(ApiCall::Login, "login",
                   Json{{"selfcare_id", login_.selfcare_id.data()}, {"password", login_.password.data()}}));
}

void App::OnLogin(const ApiResponse& response) {
    login_.busy = false;
    if (response.ok()) {
        const Json json = ParseObject(response.body);
        code_ = CodeState{};
        code_.challenge = StringField(json, "challenge");
        code_.masked_email = StringField(json, "email_masked");
        code_.authenticator = StringField(json, "factor") == "totp";
        code_.expires_at_ms = now_ms_ + NumberField(json, "code_lifetime_seconds", 600) * 1000.0;
        code_.resend_allowed_at_ms = now_ms_ + NumberField(json, "resend_after_seconds", 60) * 1000.0;
        fonts_.Note(code_.masked_email);
        Wipe(login_.password);
        login_.error.clear();
        login_.error_field.clear();
        GoTo(Screen::Code);
        return;
    }
    if (IsTransportFailure(response) && response.status != 503) {
        ShowFailure(response);
        return;
    }
    login_.error = FailureMessage(response);
    login_.error_field = FailureField(response);
    if (response.retry_after_seconds > 0)
        login_.locked_until_ms = now_ms_ + response.retry_after_seconds * 1000.0;
}

void App::SubmitCode() {
    code_.busy = true;
    api_.Send(
        Post(ApiCall::Verify, "verify", Json{{"challenge", code_.challenge}, {"code", code_.code.data()}}));
}

void App::OnVerify(const ApiResponse& response) {
    code_.busy = false;
    if (response.ok()) {
        const Json json = ParseObject(response.body);
        const double idle = NumberField(json, "idle_timeout_seconds", 900);
        StartSession(idle, NumberField(json, "absolute_timeout_seconds", 8 * 3600), idle);
        code_ = CodeState{};
        contract_ctl_.Forget();
        ResetReports();
        contract_ctl_.LoadCustomerData();
        GoTo(Screen::Menu);
        return;
    }
    if (IsTransportFailure(response)) {
        ShowFailure(response);
        return;
    }
    const std::string code = FailureCode(response);
    if (code == "challenge_invalid" || code == "challenge_ended") {
        login_.error = FailureMessage(response);  // this login is over: start again
        code_ = CodeState{};
        GoTo(Screen::Login);
        return;
    }
    code_.error = FailureMessage(response);
    Wipe(code_.code);
    code_.focus_code = true;
}

void App::ResendCode() {
    code_.busy = true;
    code_.info.clear();
    api_.Send(Post(ApiCall::Resend, "resend", Json{{"challenge", code_.challenge}}));
}

void App::OnResend(const ApiResponse& response) {
    code_.busy = false;
    if (response.ok()) {
        const Json json = ParseObject(response.body);
        code_.challenge = StringField(json, "challenge");  // the resend issues a new challenge id
        code_.masked_email = StringField(json, "email_masked");
        code_.expires_at_ms = now_ms_ + NumberField(json, "code_lifetime_seconds", 600) * 1000.0;
        code_.resend_allowed_at_ms = now_ms_ + NumberField(json, "resend_after_seconds", 60) * 1000.0;
        code_.error.clear();
        code_.info = MessageOf(Str::CodeResent);
        Wipe(code_.code);
        code_.focus_code = true;
        return;
    }
    if (IsTransportFailure(response) && response.status != 503) {
        ShowFailure(response);
        return;
    }
    if (response.status == 401) {
        login_.error = FailureMessage(response);
        GoTo(Screen::Login);
        return;
    }
    code_.error = FailureMessage(response);
    if (response.retry_after_seconds > 0)
        code_.resend_allowed_at_ms = now_ms_ + response.retry_after_seconds * 1000.0;
}

void App::Logout() {
    api_.Send(Post(ApiCall::Logout, "logout", Json::object()));
}

void App::OnLogout(const ApiResponse& response) {
    if (IsTransportFailure(response)) {
        ShowFailure(response);  // the server still holds the session: say so and offer retry
        return;
    }
    EndSession(MessageOf(Str::LoggedOut), "logout");  // 200, or 401 when it had already ended
    Wipe(login_.selfcare_id);  // an explicit logout leaves nothing behind for the next person
}

void App::StartSession(double idle_seconds, double absolute_seconds, double idle_timeout_seconds) {
    session_.active = true;
    session_.idle_timeout_seconds = idle_timeout_seconds;
    session_.idle_deadline_ms = now_ms_ + idle_seconds * 1000.0;
    session_.absolute_deadline_ms = now_ms_ + absolute_seconds * 1000.0;
}

void App::EndSession(const Message& reason, const char* reason_key) {
    session_ = SessionState{};
    contract_ctl_.Forget();  // no contract data stays in memory after the session
    ResetReports();
    security_ctl_.Forget();
    ForgetTextBeingEdited();
    code_ = CodeState{};
    Wipe(login_.password);
    login_.notice = reason;
    login_.error.clear();
    api_.ForgetAll();
    status_.clear();
    mirror_.Clear();  // its tables and fields held the customer's data
    GoTo(Screen::Login);
    // What was freed above still lies in the WebAssembly memory (and ImGui's, and the decoders'):
    // only a fresh instance leaves none of it for the next person at the screen.
    js::EndSession(reason_key);
}

void App::ShowEndedSessionReason() {
    const std::string key = js::UrlParam("ended");
    if (key.empty()) return;
    js::DropUrlParam("ended");  // a later reload is an ordinary start
    if (key == "idle") {
        login_.notice = Message{Text{Tr(Lang::Ja, RStr::IdleLoggedOut), Tr(Lang::En, RStr::IdleLoggedOut)}};
    } else if (key == "logout") {
        login_.notice = MessageOf(Str::LoggedOut);
    } else {
        login_.notice = MessageOf(Str::SessionEnded);
    }
}

// Every successful data call restarts the server's idle timer; mirror that locally.
void App::NoteActivity() {
    if (!session_.active) return;
    session_.idle_deadline_ms =
        std::min(now_ms_ + session_.idle_timeout_seconds * 1000.0, session_.absolute_deadline_ms);
}

// When the countdown reaches zero, ask the server (which decides) rather than guess.
void App::CheckSessionDeadline(double now_ms) {
    if (!session_.active || session_.checking) return;
    const double deadline = std::min(session_.idle_deadline_ms, session_.absolute_deadline_ms);
    if (now_ms < deadline) return;
    CheckSession();
}

bool App::HandleUnauthorized(const ApiResponse& response) {
    if (response.status != 401) return false;
    Message reason = FailureMessage(response);
    const Message ended = MessageOf(Str::SessionEnded);
    reason.text.ja = ended.text.ja + " (" + reason.text.ja + ")";
    reason.text.en = ended.text.en + " (" + reason.text.en + ")";
    EndSession(reason, "expired");
    return true;
}

}  // namespace portal
