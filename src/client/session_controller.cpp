// SessionController: the auth requests and what each answer, good or refused, does.
#include "session_controller.h"

#include <algorithm>

#include "engine/api_auth.h"
#include "i18n_reports.h"

namespace portal {
namespace {

ApiRequest Post(ApiCall call, const char* path, std::string body) {
    return ApiRequest{call, "POST", std::string("/api/v1/auth/") + path, std::move(body), false};
}

// The customer's secrets leave memory as soon as they are no longer needed.
template <size_t N>
void Wipe(std::array<char, N>& buffer) {
    std::fill(buffer.begin(), buffer.end(), '\0');
}

SessionOutcome Step(SessionStep step) {
    return SessionOutcome{step, {}};
}

// A 200 whose payload cannot be read (a member missing, renamed or mistyped), in words naming it.
Message Unreadable(const Error& error) {
    return UnusableAnswer(error).message;
}

// A challenge answer (login or resend) onto the code screen: its id, factor and where a mail goes.
void TakeChallenge(ChallengePayload challenge, CodeState& code) {
    code.challenge = std::move(challenge.challenge);
    code.masked_email = std::move(challenge.email_masked);
    code.authenticator = challenge.factor == AuthFactor::Totp;
    code.email_codes = code.authenticator && challenge.email_codes;
}

}  // namespace

void SessionController::CheckSession() {
    session_.checking = true;
    transport_.Send(ApiRequest{ApiCall::Session, "GET", "/api/v1/auth/session", "", false});
}

SessionOutcome SessionController::OnSession(const ApiResponse& response) {
    session_.checking = false;
    if (response.ok()) {
        const Result<SessionStatusPayload> status = DecodeSessionStatus(response.body);
        if (!status.ok()) return SessionOutcome{SessionStep::Failed, Unreadable(status.error())};
        StartSession(static_cast<double>(status.value().idle_remaining_seconds),
                     static_cast<double>(status.value().absolute_remaining_seconds),
                     static_cast<double>(status.value().idle_timeout_seconds));
        return Step(SessionStep::Live);
    }
    if (response.status == 401) {
        // The countdown ran out, or the server ended the session.
        if (session_.active) return SessionOutcome{SessionStep::Ended, FailureMessage(response)};
        return Step(SessionStep::NoSession);
    }
    return Step(SessionStep::Failed);
}

void SessionController::SubmitLogin() {
    login_.busy = true;
    login_.notice.clear();
    LoginRequest request{login_.selfcare_id.data(), login_.password.data()};
    transport_.Send(Post(ApiCall::Login, "login", EncodeLoginRequest(request)));
    std::fill(request.password.begin(), request.password.end(), '\0');
}

SessionOutcome SessionController::OnLogin(const ApiResponse& response) {
    login_.busy = false;
    const double now = clock_.NowMs();
    if (response.ok()) {
        Result<ChallengePayload> challenge = DecodeChallenge(response.body);
        if (!challenge.ok()) {  // beside the form: the password step cannot go on
            login_.error = Unreadable(challenge.error());
            return Step(SessionStep::None);
        }
        code_ = CodeState{};
        StartCodeLife(static_cast<double>(challenge.value().code_lifetime_seconds),
                      static_cast<double>(challenge.value().resend_after_seconds));
        TakeChallenge(challenge.take(), code_);
        Wipe(login_.password);
        login_.error.clear();
        login_.error_field.clear();
        return Step(SessionStep::ToCode);
    }
    // 503 is the server's own refusal (too many logins at once), shown beside the form.
    if (IsTransportFailure(response) && response.status != 503) return Step(SessionStep::Failed);
    login_.error = FailureMessage(response);
    login_.error_field = FailureField(response);
    if (response.retry_after_seconds > 0)
        login_.locked_until_ms = now + response.retry_after_seconds * 1000.0;
    return Step(SessionStep::None);
}

void SessionController::SubmitCode() {
    if (code_.expired) return;  // a dead code is not sent: the screen says to log in again
    code_.busy = true;
    VerifyRequest request{code_.challenge, code_.code.data()};
    transport_.Send(Post(ApiCall::Verify, "verify", EncodeVerifyRequest(request)));
    std::fill(request.code.begin(), request.code.end(), '\0');
}

SessionOutcome SessionController::OnVerify(const ApiResponse& response) {
    code_.busy = false;
    if (response.ok()) {
        const Result<SignedInPayload> signed_in = DecodeSignedIn(response.body);
        if (!signed_in.ok()) {  // the session's length is unknown: asked of the server instead
            code_ = CodeState{};
            StartSession(0.0, 0.0, 0.0);
            return SessionOutcome{SessionStep::SignedIn, Unreadable(signed_in.error())};
        }
        const double idle = static_cast<double>(signed_in.value().idle_timeout_seconds);
        StartSession(idle, static_cast<double>(signed_in.value().absolute_timeout_seconds), idle);
        code_ = CodeState{};
        return Step(SessionStep::SignedIn);
    }
    if (IsTransportFailure(response)) return Step(SessionStep::Failed);
    const std::string code = FailureCode(response);
    if (code == "challenge_invalid" || code == "challenge_ended" || code == "code_expired") {
        login_.error = FailureMessage(response);  // this login is over: start again
        code_ = CodeState{};
        return Step(SessionStep::ToLogin);
    }
    code_.error = FailureMessage(response);
    Wipe(code_.code);
    code_.focus_code = true;
    return Step(SessionStep::None);
}

void SessionController::ResendCode() {
    code_.busy = true;
    code_.info.clear();
    transport_.Send(Post(ApiCall::Resend, "resend", EncodeResendRequest(ResendRequest{code_.challenge})));
}

SessionOutcome SessionController::OnResend(const ApiResponse& response) {
    code_.busy = false;
    const double now = clock_.NowMs();
    if (response.ok()) {
        Result<ChallengePayload> challenge = DecodeChallenge(response.body);
        if (!challenge.ok()) {
            code_.error = Unreadable(challenge.error());
            return Step(SessionStep::None);
        }
        // The resend issues a new challenge id; asked instead of the app's code, it is a mailed one.
        const bool instead_of_app = code_.authenticator;
        StartCodeLife(static_cast<double>(challenge.value().code_lifetime_seconds),
                      static_cast<double>(challenge.value().resend_after_seconds));
        TakeChallenge(challenge.take(), code_);
        code_.error.clear();
        code_.info = MessageOf(instead_of_app ? Str::CodeEmailSent : Str::CodeResent);
        Wipe(code_.code);
        code_.focus_code = true;
        return Step(SessionStep::None);
    }
    if (IsTransportFailure(response) && response.status != 503) return Step(SessionStep::Failed);
    if (response.status == 401) {
        login_.error = FailureMessage(response);
        return Step(SessionStep::ToLogin);
    }
    code_.error = FailureMessage(response);
    if (response.retry_after_seconds > 0)
        code_.resend_allowed_at_ms = now + response.retry_after_seconds * 1000.0;
    return Step(SessionStep::None);
}

void SessionController::ExtendCode() {
    code_.busy = true;
    code_.info.clear();
    transport_.Send(Post(ApiCall::Extend, "extend", EncodeExtendRequest(ExtendRequest{code_.challenge})));
}

SessionOutcome SessionController::OnExtend(const ApiResponse& response) {
    code_.busy = false;
    if (response.ok()) {
        const Result<ChallengeExtendedPayload> extended = DecodeChallengeExtended(response.body);
        if (!extended.ok()) {
            code_.error = Unreadable(extended.error());
            return Step(SessionStep::None);
        }
        // A new life from now; a mailed code, where the customer kept that way, may wait as before.
        const double resend_allowed_at_ms = code_.resend_allowed_at_ms;
        StartCodeLife(static_cast<double>(extended.value().code_lifetime_seconds), 0.0);
        code_.resend_allowed_at_ms = resend_allowed_at_ms;
        code_.extend_refused = extended.value().extensions_left == 0;
        code_.error.clear();
        code_.info = MessageOf(Str::CodeExtended);
        code_.focus_code = true;
        return Step(SessionStep::None);
    }
    if (IsTransportFailure(response) && response.status != 503) return Step(SessionStep::Failed);
    if (response.status == 401) {  // the login is over (ended, expired): start again
        login_.error = FailureMessage(response);
        code_ = CodeState{};
        return Step(SessionStep::ToLogin);
    }
    code_.error = FailureMessage(response);  // the limit or a lock: the code can still be entered
    code_.extend_refused = true;
    return Step(SessionStep::None);
}

void SessionController::StartCodeLife(double lifetime_seconds, double resend_after_seconds) {
    const double now = clock_.NowMs();
    const double life_ms = lifetime_seconds * 1000.0;
    code_.expires_at_ms = now + life_ms;
    code_.warn_at_ms = code_.expires_at_ms - std::min(60000.0, life_ms / 2.0);
    code_.resend_allowed_at_ms = now + resend_after_seconds * 1000.0;
    code_.expired = false;
    code_.expiry_notice.clear();
}

void SessionController::TickCode() {
    if (code_.challenge.empty() || code_.expires_at_ms <= 0.0 || code_.expired) return;
    const double now = clock_.NowMs();
    if (now >= code_.expires_at_ms) {
        code_.expired = true;
        Wipe(code_.code);
        code_.expiry_notice.clear();
        code_.info.clear();
        code_.error = MessageOf(Str::CodeExpired);  // assertive: typing on would be in vain
        return;
    }
    if (now >= code_.warn_at_ms && code_.expiry_notice.empty())
        code_.expiry_notice = MessageOf(code_.authenticator ? Str::CodeAppExpiresSoon : Str::CodeExpiresSoon);
}

void SessionController::Logout() {
    transport_.Send(Post(ApiCall::Logout, "logout", EncodeLogoutRequest()));
}

SessionOutcome SessionController::OnLogout(const ApiResponse& response) {
    // A lost answer: the server still holds the session; say so and offer retry.
    if (IsTransportFailure(response)) return Step(SessionStep::Failed);
    return Step(SessionStep::LoggedOut);
}

void SessionController::StartSession(double idle_seconds, double absolute_seconds,
                                     double idle_timeout_seconds) {
    const double now = clock_.NowMs();
    session_.active = true;
    session_.idle_timeout_seconds = idle_timeout_seconds;
    session_.idle_deadline_ms = now + idle_seconds * 1000.0;
    session_.absolute_deadline_ms = now + absolute_seconds * 1000.0;
}

void SessionController::NoteActivity() {
    if (!session_.active) return;
    session_.idle_deadline_ms =
        std::min(clock_.NowMs() + session_.idle_timeout_seconds * 1000.0, session_.absolute_deadline_ms);
}

bool SessionController::CheckDeadline() {
    if (!session_.active || session_.checking) return false;
    if (clock_.NowMs() < std::min(session_.idle_deadline_ms, session_.absolute_deadline_ms)) return false;
    CheckSession();
    return true;
}

void SessionController::End(const Message& reason) {
    session_ = SessionState{};
    code_ = CodeState{};
    Wipe(login_.password);
    login_.notice = reason;
    login_.error.clear();
}

void SessionController::ForgetId() {
    Wipe(login_.selfcare_id);
}

void SessionController::ShowEndedReason(const std::string& key) {
    if (key.empty()) return;
    if (key == "idle") {
        login_.notice = Message{Text{Tr(Lang::Ja, RStr::IdleLoggedOut), Tr(Lang::En, RStr::IdleLoggedOut)}};
    } else if (key == "logout") {
        login_.notice = MessageOf(Str::LoggedOut);
    } else {
        login_.notice = MessageOf(Str::SessionEnded);
    }
}

}  // namespace portal
