// SessionController giving an authenticator-app login more time: the request is the engine's
// extend payload, a granted extension starts a new life (announced again later, the mailed-code
// wait kept), the server's limit or lock keeps the code field but offers no more time, and an
// ended or expired login goes back to the login screen with its reason.
#include <doctest/doctest.h>

#include <cstring>

#include "engine/api_auth.h"
#include "engine/codec.h"
#include "fakes.h"
#include "session_controller.h"

namespace portal {
namespace {

using test::Answer;

struct ExtendFixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    SessionController controller{clock, transport};

    void LoginWithApp(const char* challenge_json) {
        std::strcpy(controller.login().selfcare_id.data(), "demo01");
        std::strcpy(controller.login().password.data(), "secret-pass");
        controller.SubmitLogin();
        REQUIRE(controller.OnLogin(Answer(transport, "/api/v1/auth/login", 200, challenge_json)).step ==
                SessionStep::ToCode);
    }
    // Runs until the end is announced (half of a 90 s life).
    void UntilAnnounced() {
        clock.Advance(45000.0);
        controller.TickCode();
        REQUIRE_FALSE(controller.code().expiry_notice.empty());
    }
};

const char* const kAppOnly =
    R"({"challenge":"ch-app","factor":"totp","code_lifetime_seconds":90,"attempts_left":5,"email_codes":false})";
const char* const kAppWithMail =
    R"({"challenge":"ch-app","factor":"totp","code_lifetime_seconds":90,"attempts_left":5,)"
    R"("email_codes":true,"email_masked":"t***@example.jp"})";

std::string Refusal(const char* code, const char* en) {
    return EncodeErrorJson(Error{code, "", Text{"延長できません。", en}});
}

}  // namespace

TEST_CASE("more time for an app login: the extend payload, a new life, announced again before its end") {
    ExtendFixture f;
    f.LoginWithApp(kAppOnly);
    CHECK_FALSE(f.controller.code().CanRenew());
    f.UntilAnnounced();
    CHECK(f.controller.code().expiry_notice.text.ja == MessageOf(Str::CodeAppExpiresSoon).text.ja);
    REQUIRE(f.controller.code().CanExtend());
    std::strcpy(f.controller.code().code.data(), "12");  // typing goes on while asking

    f.controller.ExtendCode();
    CHECK(f.controller.code().busy);
    const ApiRequest& sent = f.transport.sent.back();
    CHECK(sent.method == "POST");
    CHECK(sent.url == "/api/v1/auth/extend");
    REQUIRE(DecodeExtendRequest(sent.json_body).ok());
    CHECK(DecodeExtendRequest(sent.json_body).value() == ExtendRequest{"ch-app"});

    const SessionOutcome outcome = f.controller.OnExtend(Answer(
        f.transport, "/api/v1/auth/extend", 200, EncodeChallengeExtended(ChallengeExtendedPayload{90, 2})));
    CHECK(outcome.step == SessionStep::None);
    CHECK_FALSE(f.controller.code().busy);
    CHECK(f.controller.code().expires_at_ms == f.clock.now_ms + 90000.0);
    CHECK(f.controller.code().expiry_notice.empty());
    CHECK(f.controller.code().info.text.en == MessageOf(Str::CodeExtended).text.en);
    CHECK(std::string(f.controller.code().code.data()) == "12");
    CHECK(f.controller.code().challenge == "ch-app");
    CHECK(f.controller.code().CanExtend());

    f.clock.Advance(44000.0);  // 46 s of the new 90 left: quiet
    f.controller.TickCode();
    CHECK(f.controller.code().expiry_notice.empty());
    f.clock.Advance(1000.0);
    f.controller.TickCode();
    CHECK_FALSE(f.controller.code().expiry_notice.empty());
    CHECK_FALSE(f.controller.code().expired);
}

TEST_CASE("the last extension the server grants takes the offer away; the code can still be entered") {
    ExtendFixture f;
    f.LoginWithApp(kAppOnly);
    f.UntilAnnounced();
    f.controller.ExtendCode();
    f.controller.OnExtend(Answer(f.transport, "/api/v1/auth/extend", 200,
                                 EncodeChallengeExtended(ChallengeExtendedPayload{90, 0})));
    CHECK_FALSE(f.controller.code().CanExtend());
    CHECK_FALSE(f.controller.code().expired);
}

TEST_CASE("a refused extension: the limit or a lock is shown, an ended login starts again") {
    ExtendFixture f;
    f.LoginWithApp(kAppWithMail);
    f.UntilAnnounced();
    const double expires_at = f.controller.code().expires_at_ms;
    f.controller.ExtendCode();
    SUBCASE("the limit (409): said beside the field, no more offers, the life unchanged") {
        const SessionOutcome outcome =
            f.controller.OnExtend(Answer(f.transport, "/api/v1/auth/extend", 409,
                                         Refusal("extension_limit", "Extended 3 times at most.")));
        CHECK(outcome.step == SessionStep::None);
        CHECK(f.controller.code().error.text.en == "Extended 3 times at most.");
        CHECK_FALSE(f.controller.code().CanExtend());
        CHECK(f.controller.code().CanRenew());  // the mailed code the customer kept is still there
        CHECK(f.controller.code().expires_at_ms == expires_at);
    }
    SUBCASE("a lock (429)") {
        f.controller.OnExtend(Answer(f.transport, "/api/v1/auth/extend", 429,
                                     Refusal("second_step_locked", "Logins with this ID are stopped.")));
        CHECK(f.controller.code().error.text.en == "Logins with this ID are stopped.");
        CHECK_FALSE(f.controller.code().CanExtend());
    }
    SUBCASE("expired or ended on the server (401): back to the login screen with the reason") {
        const SessionOutcome outcome = f.controller.OnExtend(Answer(
            f.transport, "/api/v1/auth/extend", 401, Refusal("code_expired", "The code has expired.")));
        CHECK(outcome.step == SessionStep::ToLogin);
        CHECK(f.controller.login().error.text.en == "The code has expired.");
        CHECK(f.controller.code().challenge.empty());
    }
    SUBCASE("a damaged answer is named, the life unchanged") {
        f.controller.OnExtend(Answer(f.transport, "/api/v1/auth/extend", 200, R"({"extensions_left":1})"));
        CHECK(f.controller.code().error.text.en.find("code_lifetime_seconds") != std::string::npos);
        CHECK(f.controller.code().expires_at_ms == expires_at);
    }
    SUBCASE("no answer (network): Failed, for the retry panel") {
        CHECK(f.controller.OnExtend(Answer(f.transport, "/api/v1/auth/extend", 0, "")).step ==
              SessionStep::Failed);
    }
}

TEST_CASE("a mailed challenge offers a new code when its end is near, never more time") {
    ExtendFixture f;
    f.LoginWithApp(R"({"challenge":"ch-mail","email_masked":"t***@example.jp","code_lifetime_seconds":90,)"
                   R"("resend_after_seconds":60,"attempts_left":5,"factor":"email"})");
    f.UntilAnnounced();
    CHECK(f.controller.code().expiry_notice.text.en == MessageOf(Str::CodeExpiresSoon).text.en);
    CHECK_FALSE(f.controller.code().CanExtend());
    CHECK(f.controller.code().CanRenew());
}

}  // namespace portal
