// SessionController: the login and code flows against every error the auth API answers with, the
// lockout and resend timers, the idle and absolute deadlines on the injected clock, and what a
// session's end leaves behind (nothing).
#include "session_controller.h"

#include <doctest/doctest.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/codec.h"
#include "fakes.h"

namespace portal {
namespace {

using test::Answer;
using Json = nlohmann::json;

std::string ErrorBody(const char* code, const char* field, const char* ja, const char* en) {
    return EncodeErrorJson(Error{code, field, Text{ja, en}});
}

const std::string kLoginReply =
    R"({"challenge":"ch-1","email_masked":"t***@example.jp","factor":"email","code_lifetime_seconds":600,)"
    R"("resend_after_seconds":60,"attempts_left":5})";

struct Fixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    SessionController controller{clock, transport};

    void TypeLogin(const char* id, const char* password) {
        std::strcpy(controller.login().selfcare_id.data(), id);
        std::strcpy(controller.login().password.data(), password);
    }
    SessionOutcome Login(int status, const std::string& body, int retry_after = 0) {
        TypeLogin("demo01", "secret-pass");
        controller.SubmitLogin();
        ApiResponse response = Answer(transport, "/api/v1/auth/login", status, body);
        response.retry_after_seconds = retry_after;
        return controller.OnLogin(response);
    }
    SessionOutcome Verify(int status, const std::string& body) {
        std::strcpy(controller.code().code.data(), "123456");
        controller.SubmitCode();
        return controller.OnVerify(Answer(transport, "/api/v1/auth/verify", status, body));
    }
    // Logged in with a 15-minute idle timeout and an 8-hour absolute one.
    void SignIn() {
        REQUIRE(Login(200, kLoginReply).step == SessionStep::ToCode);
        REQUIRE(Verify(200, R"({"idle_timeout_seconds":900,"absolute_timeout_seconds":28800})").step ==
                SessionStep::SignedIn);
    }
};

}  // namespace

TEST_CASE(
    "login: the request carries what was typed; a right password leads to the code, the password wiped") {
    Fixture f;
    const SessionOutcome outcome = f.Login(200, kLoginReply);
    REQUIRE(f.transport.sent.size() == 1);
    const ApiRequest& sent = f.transport.sent[0];
    CHECK(sent.method == "POST");
    CHECK(Json::parse(sent.json_body) == Json{{"selfcare_id", "demo01"}, {"password", "secret-pass"}});
    CHECK(outcome.step == SessionStep::ToCode);
    CHECK(f.controller.code().challenge == "ch-1");
    CHECK(f.controller.code().masked_email == "t***@example.jp");
    CHECK_FALSE(f.controller.code().authenticator);
    CHECK(f.controller.code().expires_at_ms == f.clock.now_ms + 600000.0);
    CHECK(f.controller.code().resend_allowed_at_ms == f.clock.now_ms + 60000.0);
    CHECK(f.controller.login().password[0] == '\0');
    CHECK(std::string(f.controller.login().selfcare_id.data()) == "demo01");  // kept for a retry
    CHECK_FALSE(f.controller.login().busy);
}

TEST_CASE("login: an authenticator app's customer is asked for its code") {
    Fixture f;
    f.Login(
        200,
        R"({"challenge":"ch-2","factor":"totp","code_lifetime_seconds":300,"attempts_left":5,"email_codes":false})");
    CHECK(f.controller.code().authenticator);
    CHECK(f.controller.code().expires_at_ms == f.clock.now_ms + 300000.0);
}

TEST_CASE("login: every refusal is shown beside the form, with its field and lockout") {
    Fixture f;
    SUBCASE("wrong ID or password") {
        const SessionOutcome outcome = f.Login(
            401, ErrorBody("invalid_credentials", "", "セルフケアIDまたはパスワードが正しくありません。",
                           "Wrong ID or password."));
        CHECK(outcome.step == SessionStep::None);
        CHECK(f.controller.login().error.text.en == "Wrong ID or password.");
        CHECK(f.controller.login().locked_until_ms == 0.0);
    }
    SUBCASE("wrong, and slowed down: Retry-After sets the wait") {
        f.Login(401, ErrorBody("invalid_credentials", "", "違います", "Wrong"), 2);
        CHECK(f.controller.login().locked_until_ms == f.clock.now_ms + 2000.0);
    }
    SUBCASE("locked after too many failures") {
        f.Login(429, ErrorBody("too_many_requests", "", "ロックされました", "Locked"), 300);
        CHECK(f.controller.login().error.text.ja == "ロックされました");
        CHECK(f.controller.login().locked_until_ms == f.clock.now_ms + 300000.0);
    }
    SUBCASE("a missing field is named") {
        f.Login(400,
                ErrorBody("required", "password", "パスワードを入力してください。", "Enter the password."));
        CHECK(f.controller.login().error_field == "password");
    }
    SUBCASE("the mail server is down: 503 is the server's own answer, not a lost one") {
        const SessionOutcome outcome =
            f.Login(503, ErrorBody("mail_unavailable", "", "メールを送れません", "Mail unavailable"));
        CHECK(outcome.step == SessionStep::None);
        CHECK(f.controller.login().error.text.en == "Mail unavailable");
    }
    CHECK_FALSE(f.controller.login().busy);
}

TEST_CASE("login: no answer, or a 500, is a failure to retry and leaves the form as it was") {
    Fixture f;
    CHECK(f.Login(0, "").step == SessionStep::Failed);
    CHECK(f.controller.login().error.empty());
    CHECK(f.Login(500, "").step == SessionStep::Failed);
    CHECK(std::string(f.controller.login().password.data()) == "secret-pass");
}

TEST_CASE("code: right, wrong, badly formed, expired, ended, lost") {
    Fixture f;
    REQUIRE(f.Login(200, kLoginReply).step == SessionStep::ToCode);
    SUBCASE("right: a session with its deadlines") {
        const SessionOutcome outcome =
            f.Verify(200, R"({"idle_timeout_seconds":600,"absolute_timeout_seconds":3600})");
        CHECK(outcome.step == SessionStep::SignedIn);
        CHECK(Json::parse(f.transport.sent.back().json_body) ==
              Json{{"challenge", "ch-1"}, {"code", "123456"}});
        const SessionState& session = f.controller.session();
        CHECK(session.active);
        CHECK(session.idle_deadline_ms == f.clock.now_ms + 600000.0);
        CHECK(session.absolute_deadline_ms == f.clock.now_ms + 3600000.0);
        CHECK(f.controller.code().challenge.empty());  // nothing of the login stays
    }
    SUBCASE("wrong: the message, the typed code wiped, the caret back") {
        f.controller.code().focus_code = false;
        const SessionOutcome outcome =
            f.Verify(401, ErrorBody("wrong_code", "code", "違います", "Wrong code"));
        CHECK(outcome.step == SessionStep::None);
        CHECK(f.controller.code().error.text.en == "Wrong code");
        CHECK(f.controller.code().code[0] == '\0');
        CHECK(f.controller.code().focus_code);
        CHECK_FALSE(f.controller.session().active);
    }
    SUBCASE("badly formed (400): shown on the code screen") {
        CHECK(f.Verify(400, ErrorBody("bad_format", "code", "6桁", "Six digits")).step == SessionStep::None);
        CHECK(f.controller.code().error.text.en == "Six digits");
    }
    SUBCASE("the login expired: back to the login screen with why") {
        const SessionOutcome outcome =
            f.Verify(401, ErrorBody("challenge_invalid", "", "やり直してください", "Start again"));
        CHECK(outcome.step == SessionStep::ToLogin);
        CHECK(f.controller.login().error.text.en == "Start again");
        CHECK(f.controller.code().challenge.empty());
    }
    SUBCASE("too many wrong codes ended it: back to the login screen") {
        const SessionOutcome outcome =
            f.Verify(401, ErrorBody("challenge_ended", "", "終了しました", "Ended"));
        CHECK(outcome.step == SessionStep::ToLogin);
        CHECK(f.controller.login().error.text.en == "Ended");
    }
    SUBCASE("lost") {
        CHECK(f.Verify(0, "").step == SessionStep::Failed);
        CHECK(f.controller.code().challenge == "ch-1");  // retry sends the same code
    }
    CHECK_FALSE(f.controller.code().busy);
}

TEST_CASE("resend: a new challenge and timers; too soon waits as told; an ended login starts again") {
    Fixture f;
    REQUIRE(f.Login(200, kLoginReply).step == SessionStep::ToCode);
    f.clock.Advance(61000.0);
    f.controller.ResendCode();
    CHECK(Json::parse(f.transport.sent.back().json_body) == Json{{"challenge", "ch-1"}});
    SUBCASE("sent") {
        f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 200,
                                     R"({"challenge":"ch-9","email_masked":"t***@example.jp",)"
                                     R"("code_lifetime_seconds":600,"resend_after_seconds":60,)"
                                     R"("attempts_left":4,"factor":"email"})"));
        CHECK(f.controller.code().challenge == "ch-9");
        CHECK(f.controller.code().resend_allowed_at_ms == f.clock.now_ms + 60000.0);
        CHECK(f.controller.code().info.text.ja == MessageOf(Str::CodeResent).text.ja);
    }
    SUBCASE("too soon") {
        ApiResponse response = Answer(f.transport, "/api/v1/auth/resend", 429,
                                      ErrorBody("resend_too_soon", "", "待って", "Wait"));
        response.retry_after_seconds = 42;
        CHECK(f.controller.OnResend(response).step == SessionStep::None);
        CHECK(f.controller.code().error.text.en == "Wait");
        CHECK(f.controller.code().resend_allowed_at_ms == f.clock.now_ms + 42000.0);
    }
    SUBCASE("no mail code for an authenticator login (409)") {
        f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 409,
                                     ErrorBody("no_mail_code", "", "送れません", "No mail")));
        CHECK(f.controller.code().error.text.en == "No mail");
    }
    SUBCASE("the login is over") {
        const SessionOutcome outcome = f.controller.OnResend(Answer(
            f.transport, "/api/v1/auth/resend", 401, ErrorBody("challenge_invalid", "", "無効", "Invalid")));
        CHECK(outcome.step == SessionStep::ToLogin);
        CHECK(f.controller.login().error.text.en == "Invalid");
    }
    SUBCASE("lost") {
        CHECK(f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 0, "")).step ==
              SessionStep::Failed);
    }
}

TEST_CASE("idle deadline: activity moves it, never past the absolute one; at zero the server is asked once") {
    Fixture f;
    f.SignIn();
    const double start = f.clock.now_ms;
    f.clock.Advance(10 * 60000.0);
    f.controller.NoteActivity();
    CHECK(f.controller.session().idle_deadline_ms == f.clock.now_ms + 900000.0);
    CHECK_FALSE(f.controller.CheckDeadline());
    f.clock.Advance(899999.0);
    CHECK_FALSE(f.controller.CheckDeadline());
    f.clock.Advance(1.0);
    CHECK(f.controller.CheckDeadline());
    CHECK(f.transport.CountTo("/api/v1/auth/session") == 1);
    CHECK_FALSE(f.controller.CheckDeadline());  // one question at a time
    CHECK(f.transport.CountTo("/api/v1/auth/session") == 1);
    SUBCASE("the server says it ended: the reason is its message") {
        const SessionOutcome outcome = f.controller.OnSession(Answer(
            f.transport, "/api/v1/auth/session", 401, ErrorBody("not_logged_in", "", "期限切れ", "Expired")));
        CHECK(outcome.step == SessionStep::Ended);
        CHECK(outcome.message.text.en == "Expired");
    }
    SUBCASE("the server still holds it (another tab was busy): new deadlines from its answer") {
        const SessionOutcome outcome = f.controller.OnSession(Answer(
            f.transport, "/api/v1/auth/session", 200,
            R"({"idle_remaining_seconds":300,"absolute_remaining_seconds":3000,"idle_timeout_seconds":900,)"
            R"("absolute_timeout_seconds":28800,"selfcare_id":"demo01","contractor_name":"株式会社テスト"})"));
        CHECK(outcome.step == SessionStep::Live);
        CHECK(f.controller.session().idle_deadline_ms == f.clock.now_ms + 300000.0);
        CHECK_FALSE(f.controller.CheckDeadline());
    }
    SUBCASE("the absolute deadline caps every extension") {
        f.controller.OnSession(Answer(f.transport, "/api/v1/auth/session", 200,
                                      R"({"idle_remaining_seconds":900,"absolute_remaining_seconds":60,)"
                                      R"("idle_timeout_seconds":900,"absolute_timeout_seconds":28800,)"
                                      R"("selfcare_id":"demo01","contractor_name":"株式会社テスト"})"));
        f.controller.NoteActivity();
        CHECK(f.controller.session().idle_deadline_ms == f.controller.session().absolute_deadline_ms);
        f.clock.Advance(60000.0);
        CHECK(f.controller.CheckDeadline());
    }
    CHECK(f.clock.now_ms > start);
}

TEST_CASE("a fresh start: 401 means no session, a lost answer is a failure") {
    Fixture f;
    f.controller.CheckSession();
    CHECK(f.controller.OnSession(Answer(f.transport, "/api/v1/auth/session", 401, "")).step ==
          SessionStep::NoSession);
    f.controller.CheckSession();
    CHECK(f.controller.OnSession(Answer(f.transport, "/api/v1/auth/session", 0, "")).step ==
          SessionStep::Failed);
    CHECK_FALSE(f.controller.session().checking);
}

TEST_CASE("logout: answered (200 or 401) ends it; lost keeps it; the end wipes the code and password") {
    Fixture f;
    f.SignIn();
    f.controller.Logout();
    CHECK(f.transport.sent.back().url == "/api/v1/auth/logout");
    CHECK(f.controller.OnLogout(Answer(f.transport, "/api/v1/auth/logout", 0, "")).step ==
          SessionStep::Failed);
    CHECK(f.controller.OnLogout(Answer(f.transport, "/api/v1/auth/logout", 401, "")).step ==
          SessionStep::LoggedOut);
    CHECK(f.controller.OnLogout(Answer(f.transport, "/api/v1/auth/logout", 200, "{}")).step ==
          SessionStep::LoggedOut);
    f.TypeLogin("demo01", "half-typed");
    std::strcpy(f.controller.code().code.data(), "12");
    f.controller.End(MessageOf(Str::LoggedOut));
    CHECK_FALSE(f.controller.session().active);
    CHECK(f.controller.login().password[0] == '\0');
    CHECK(f.controller.code().code[0] == '\0');
    CHECK(f.controller.login().notice.text.ja == MessageOf(Str::LoggedOut).text.ja);
    CHECK(std::string(f.controller.login().selfcare_id.data()) == "demo01");
    f.controller.ForgetId();
    CHECK(f.controller.login().selfcare_id[0] == '\0');
}

TEST_CASE("the reason the page's previous instance ended") {
    Fixture f;
    f.controller.ShowEndedReason("idle");
    CHECK(f.controller.login().notice.text.en.find("log") != std::string::npos);
    f.controller.ShowEndedReason("logout");
    CHECK(f.controller.login().notice.text.ja == MessageOf(Str::LoggedOut).text.ja);
    f.controller.ShowEndedReason("expired");
    CHECK(f.controller.login().notice.text.ja == MessageOf(Str::SessionEnded).text.ja);
}

}  // namespace portal
