// SessionController on the code screen: an authenticator-app challenge whose customer kept mailed
// codes asks for one instead, and the mailed code that follows signs in; the code's life on the
// injected clock: announced a minute ahead with a new code offered, and said to be over at its end.
#include <doctest/doctest.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/api_auth.h"
#include "engine/codec.h"
#include "fakes.h"
#include "session_controller.h"

namespace portal {
namespace {

using test::Answer;
using Json = nlohmann::json;

struct CodeFixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    SessionController controller{clock, transport};

    SessionOutcome Login(const std::string& reply) {
        std::strcpy(controller.login().selfcare_id.data(), "demo01");
        std::strcpy(controller.login().password.data(), "secret-pass");
        controller.SubmitLogin();
        return controller.OnLogin(Answer(transport, "/api/v1/auth/login", 200, reply));
    }
};

const std::string kAppChallengeWithMail =
    R"({"challenge":"ch-app","factor":"totp","code_lifetime_seconds":600,"attempts_left":5,)"
    R"("email_codes":true,"email_masked":"t***@example.jp"})";
const std::string kMailedChallenge =
    R"({"challenge":"ch-mail","email_masked":"t***@example.jp","code_lifetime_seconds":600,)"
    R"("resend_after_seconds":60,"attempts_left":5,"factor":"email"})";

}  // namespace

TEST_CASE("an app challenge offers a mailed code only when the customer kept that way in") {
    CodeFixture f;
    SUBCASE("kept: the screen offers it and says where it would go") {
        REQUIRE(f.Login(kAppChallengeWithMail).step == SessionStep::ToCode);
        CHECK(f.controller.code().authenticator);
        CHECK(f.controller.code().email_codes);
        CHECK(f.controller.code().masked_email == "t***@example.jp");
    }
    SUBCASE("not kept") {
        f.Login(R"({"challenge":"ch-app","factor":"totp","code_lifetime_seconds":600,"attempts_left":5,)"
                R"("email_codes":false})");
        CHECK(f.controller.code().authenticator);
        CHECK_FALSE(f.controller.code().email_codes);
        CHECK(f.controller.code().masked_email.empty());
    }
    SUBCASE("a mailed challenge has nothing to ask instead") {
        f.Login(kMailedChallenge);
        CHECK_FALSE(f.controller.code().authenticator);
        CHECK_FALSE(f.controller.code().email_codes);
    }
}

TEST_CASE("send the code by e-mail: the app challenge turns into a mailed one, and its code signs in") {
    CodeFixture f;
    REQUIRE(f.Login(kAppChallengeWithMail).step == SessionStep::ToCode);
    f.clock.Advance(5000.0);
    f.controller.ResendCode();
    CHECK(f.controller.code().busy);
    CHECK(f.transport.sent.back().method == "POST");
    CHECK(Json::parse(f.transport.sent.back().json_body) == Json{{"challenge", "ch-app"}});
    const SessionOutcome sent =
        f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 200, kMailedChallenge));
    CHECK(sent.step == SessionStep::None);
    const CodeState& code = f.controller.code();
    CHECK_FALSE(code.busy);
    CHECK(code.challenge == "ch-mail");
    CHECK_FALSE(code.authenticator);  // the screen now asks for the mailed six digits
    CHECK_FALSE(code.email_codes);
    CHECK(code.info.text.ja == MessageOf(Str::CodeEmailSent).text.ja);
    CHECK(code.info.text.en == MessageOf(Str::CodeEmailSent).text.en);
    CHECK(code.expires_at_ms == f.clock.now_ms + 600000.0);
    CHECK(code.resend_allowed_at_ms == f.clock.now_ms + 60000.0);

    std::strcpy(f.controller.code().code.data(), "654321");
    f.controller.SubmitCode();
    CHECK(Json::parse(f.transport.sent.back().json_body) ==
          Json{{"challenge", "ch-mail"}, {"code", "654321"}});
    const SessionOutcome signed_in =
        f.controller.OnVerify(Answer(f.transport, "/api/v1/auth/verify", 200,
                                     R"({"idle_timeout_seconds":900,"absolute_timeout_seconds":28800})"));
    CHECK(signed_in.step == SessionStep::SignedIn);
    CHECK(f.controller.session().active);
}

TEST_CASE("send the code by e-mail, refused: the server's reason is shown and the app's code still works") {
    CodeFixture f;
    REQUIRE(f.Login(kAppChallengeWithMail).step == SessionStep::ToCode);
    f.controller.ResendCode();
    const SessionOutcome refused = f.controller.OnResend(Answer(
        f.transport, "/api/v1/auth/resend", 409,
        EncodeErrorJson(Error{"no_mail_code", "", Text{"メールは送信しません。", "No mail is sent."}})));
    CHECK(refused.step == SessionStep::None);
    CHECK(f.controller.code().error.text.en == "No mail is sent.");
    CHECK(f.controller.code().authenticator);
    CHECK(f.controller.code().challenge == "ch-app");
}

TEST_CASE("the code's life: quiet until a minute is left, then announced; a new code starts a new life") {
    CodeFixture f;
    REQUIRE(f.Login(kMailedChallenge).step == SessionStep::ToCode);
    f.clock.Advance(539000.0);  // 61 s left
    f.controller.TickCode();
    CHECK(f.controller.code().expiry_notice.empty());
    CHECK_FALSE(f.controller.code().expired);
    f.clock.Advance(1000.0);  // 60 s left
    f.controller.TickCode();
    CHECK(f.controller.code().expiry_notice.text.ja == MessageOf(Str::CodeExpiresSoon).text.ja);
    CHECK(f.controller.code().expiry_notice.text.en == MessageOf(Str::CodeExpiresSoon).text.en);
    CHECK(f.controller.code().CanRenew());
    CHECK(f.controller.code().error.empty());

    SUBCASE("a new code before the end: a fresh life, the notice gone, quiet again") {
        f.controller.ResendCode();
        f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 200,
                                     R"({"challenge":"ch-new","email_masked":"t***@example.jp",)"
                                     R"("code_lifetime_seconds":600,"resend_after_seconds":60,)"
                                     R"("attempts_left":5,"factor":"email"})"));
        CHECK(f.controller.code().challenge == "ch-new");
        CHECK(f.controller.code().expiry_notice.empty());
        CHECK(f.controller.code().expires_at_ms == f.clock.now_ms + 600000.0);
        f.clock.Advance(120000.0);
        f.controller.TickCode();
        CHECK(f.controller.code().expiry_notice.empty());
        CHECK_FALSE(f.controller.code().expired);
    }
    SUBCASE("no new code: at the end it says so, forgets the typed code and sends none") {
        std::strcpy(f.controller.code().code.data(), "12345");
        f.clock.Advance(59999.0);
        f.controller.TickCode();
        CHECK_FALSE(f.controller.code().expired);
        f.clock.Advance(1.0);
        f.controller.TickCode();
        CHECK(f.controller.code().expired);
        CHECK(f.controller.code().error.text.ja == MessageOf(Str::CodeExpired).text.ja);
        CHECK(f.controller.code().error.text.en == MessageOf(Str::CodeExpired).text.en);
        CHECK(f.controller.code().expiry_notice.empty());
        CHECK(f.controller.code().code[0] == '\0');
        const size_t sent = f.transport.sent.size();
        std::strcpy(f.controller.code().code.data(), "123456");
        f.controller.SubmitCode();
        CHECK(f.transport.sent.size() == sent);
        CHECK_FALSE(f.controller.code().busy);
    }
}

TEST_CASE("a short life is announced at its half; an app challenge offers more time, not a mailed code") {
    CodeFixture f;
    REQUIRE(f.Login(R"({"challenge":"ch-app","factor":"totp","code_lifetime_seconds":90,"attempts_left":5,)"
                    R"("email_codes":false})")
                .step == SessionStep::ToCode);
    CHECK_FALSE(f.controller.code().CanRenew());
    f.clock.Advance(44000.0);
    f.controller.TickCode();
    CHECK(f.controller.code().expiry_notice.empty());
    f.clock.Advance(1000.0);  // 45 s of 90 left
    f.controller.TickCode();
    CHECK(f.controller.code().expiry_notice.text.en == MessageOf(Str::CodeAppExpiresSoon).text.en);
    CHECK(f.controller.code().CanExtend());
    f.clock.Advance(45000.0);
    f.controller.TickCode();
    CHECK(f.controller.code().expired);
}

TEST_CASE("a verify the server finds expired starts the login again with its reason") {
    CodeFixture f;
    REQUIRE(f.Login(kMailedChallenge).step == SessionStep::ToCode);
    std::strcpy(f.controller.code().code.data(), "123456");
    f.controller.SubmitCode();
    const SessionOutcome outcome = f.controller.OnVerify(
        Answer(f.transport, "/api/v1/auth/verify", 401,
               EncodeErrorJson(Error{"code_expired", "",
                                     Text{"認証コードの有効期限が切れました。", "The code has expired."}})));
    CHECK(outcome.step == SessionStep::ToLogin);
    CHECK(f.controller.login().error.text.en == "The code has expired.");
}

TEST_CASE("requests are the engine's auth payloads; a damaged answer is named, never read as a default") {
    CodeFixture f;
    REQUIRE(f.Login(kMailedChallenge).step == SessionStep::ToCode);
    const Result<LoginRequest> sent = DecodeLoginRequest(f.transport.sent.front().json_body);
    REQUIRE(sent.ok());
    CHECK(sent.value() == LoginRequest{"demo01", "secret-pass"});
    SUBCASE("a challenge without its life is refused beside the login form") {
        const SessionOutcome outcome =
            f.Login(R"({"challenge":"ch-x","factor":"email","attempts_left":5,"email_masked":"m",)"
                    R"("resend_after_seconds":60})");
        CHECK(outcome.step == SessionStep::None);
        CHECK(f.controller.login().error.text.en.find("code_lifetime_seconds") != std::string::npos);
    }
    SUBCASE("a renamed timeout of a right code: signed in, and the server asked for the session's length") {
        std::strcpy(f.controller.code().code.data(), "123456");
        f.controller.SubmitCode();
        CHECK(DecodeVerifyRequest(f.transport.sent.back().json_body).value() ==
              VerifyRequest{"ch-mail", "123456"});
        const SessionOutcome outcome = f.controller.OnVerify(Answer(
            f.transport, "/api/v1/auth/verify", 200, R"({"idle_seconds":900,"absolute_timeout_seconds":1})"));
        CHECK(outcome.step == SessionStep::SignedIn);
        CHECK(f.controller.CheckDeadline());
        CHECK(f.transport.sent.back().url == "/api/v1/auth/session");
        const SessionOutcome session = f.controller.OnSession(
            Answer(f.transport, "/api/v1/auth/session", 200, R"({"selfcare_id":"demo01"})"));
        CHECK(session.step == SessionStep::Failed);
        CHECK(session.message.text.en.find("absolute_remaining_seconds") != std::string::npos);
    }
    SUBCASE("a resend answer with a mistyped member keeps the code screen as it was") {
        f.controller.ResendCode();
        CHECK(DecodeResendRequest(f.transport.sent.back().json_body).value() == ResendRequest{"ch-mail"});
        f.controller.OnResend(Answer(f.transport, "/api/v1/auth/resend", 200,
                                     R"({"challenge":"ch-2","factor":"email","code_lifetime_seconds":"600",)"
                                     R"("attempts_left":5,"email_masked":"m","resend_after_seconds":60})"));
        CHECK(f.controller.code().challenge == "ch-mail");
        CHECK(f.controller.code().error.text.en.find("code_lifetime_seconds") != std::string::npos);
    }
}

}  // namespace portal
