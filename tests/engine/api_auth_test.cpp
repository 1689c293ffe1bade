// The auth payloads: what one side writes the other reads back as written; a missing, renamed,
// mistyped or doubled member is an error naming its path, never a default.
#include "engine/api_auth.h"

#include <doctest/doctest.h>

namespace portal {

TEST_CASE("auth requests: written in the API's member order, read back as written") {
    const LoginRequest login{"demo-standard", "pa\"ss\\word"};
    CHECK(EncodeLoginRequest(login) == R"({"password":"pa\"ss\\word","selfcare_id":"demo-standard"})");
    REQUIRE(DecodeLoginRequest(EncodeLoginRequest(login)).ok());
    CHECK(DecodeLoginRequest(EncodeLoginRequest(login)).value() == login);
    const VerifyRequest verify{"2a3aaf9b661ac5fbbb0411d2ab938057", "abcde-fghjk"};
    CHECK(EncodeVerifyRequest(verify) ==
          R"({"challenge":"2a3aaf9b661ac5fbbb0411d2ab938057","code":"abcde-fghjk"})");
    CHECK(DecodeVerifyRequest(EncodeVerifyRequest(verify)).value() == verify);
    const ResendRequest resend{"ch-1"};
    CHECK(EncodeResendRequest(resend) == R"({"challenge":"ch-1"})");
    CHECK(DecodeResendRequest(EncodeResendRequest(resend)).value() == resend);
    CHECK(EncodeLogoutRequest() == "{}");
    CHECK(DecodeLogoutRequest(EncodeLogoutRequest()).ok());
    CHECK(DecodeLogoutRequest(R"({"everywhere":true})").error().code == "unknown_field");
    CHECK(DecodeLogoutRequest("[]").error().field.empty());
}

TEST_CASE("auth requests: a missing, mistyped, doubled or unknown member is refused by name") {
    const struct {
        const char* json;
        const char* field;
    } cases[] = {
        {R"({"password":"x"})", "selfcare_id"},
        {R"({"selfcare_id":"demo"})", "password"},
        {R"({"selfcare_id":7,"password":"x"})", "selfcare_id"},
        {R"({"selfcare_id":"a","password":"x","selfcare_id":"b"})", "selfcare_id"},
        {R"({"selfcare_id":"a","password":"x","remember":true})", "remember"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.json);
        const auto read = DecodeLoginRequest(c.json);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().field == c.field);
        // A member the request does not take has its own code: the server answers unknown_field.
        CHECK(read.error().code == (std::string(c.field) == "remember" ? "unknown_field" : "bad_payload"));
    }
    CHECK(DecodeVerifyRequest(R"({"challenge":"c"})").error().field == "code");
    CHECK(DecodeVerifyRequest(R"({"challenge":"c","code":123456})").error().field == "code");
    CHECK(DecodeResendRequest(R"({})").error().field == "challenge");
    CHECK(DecodeResendRequest(R"({"challenge":"c","code":"1"})").error().field == "code");
    CHECK_FALSE(DecodeResendRequest(R"({"challenge":"c"} {})").ok());
    CHECK_FALSE(DecodeLoginRequest("[]").ok());
    // Missing members are named in the order the request is written.
    CHECK(DecodeLoginRequest("{}").error().field == "password");
    CHECK(DecodeVerifyRequest("{}").error().field == "challenge");
    CHECK(DecodeVerifyRequest(R"({"challenge":"c","code":"1","x":0})").error().code == "unknown_field");
}

TEST_CASE("challenge: a mailed code and an app's code, each with its own members") {
    const ChallengePayload mailed{"ch-1", AuthFactor::Email, 600, 5, 60, false, "t***@example.jp"};
    const std::string mailed_json = EncodeChallenge(mailed);
    CHECK(
        mailed_json ==
        R"({"attempts_left":5,"challenge":"ch-1","code_lifetime_seconds":600,"email_masked":"t***@example.jp",)"
        R"("factor":"email","resend_after_seconds":60})");
    CHECK(DecodeChallenge(mailed_json).value() == mailed);

    const ChallengePayload app{"ch-2", AuthFactor::Totp, 300, 4, 0, false, ""};
    const std::string app_json = EncodeChallenge(app);
    CHECK(app_json ==
          R"({"attempts_left":4,"challenge":"ch-2","code_lifetime_seconds":300,"email_codes":false,)"
          R"("factor":"totp"})");
    CHECK(DecodeChallenge(app_json).value() == app);

    const ChallengePayload app_mail{"ch-3", AuthFactor::Totp, 600, 5, 0, true, "t***@example.jp"};
    const std::string app_mail_json = EncodeChallenge(app_mail);
    CHECK(app_mail_json.find(R"("email_masked":"t***@example.jp")") != std::string::npos);
    CHECK(DecodeChallenge(app_mail_json).value() == app_mail);
}

TEST_CASE("challenge: damage is named, never read as a default") {
    const struct {
        const char* json;
        const char* field;
    } cases[] = {
        {R"({"challenge":"c","code_lifetime_seconds":600,"attempts_left":5,"email_codes":false})", "factor"},
        {R"({"challenge":"c","factor":"sms","code_lifetime_seconds":600,"attempts_left":5})", "factor"},
        {R"({"factor":"totp","code_lifetime_seconds":600,"attempts_left":5,"email_codes":false})",
         "challenge"},
        {R"({"challenge":"","factor":"totp","code_lifetime_seconds":600,"attempts_left":5,"email_codes":false})",
         "challenge"},
        {R"({"challenge":"c","factor":"totp","attempts_left":5,"email_codes":false})",
         "code_lifetime_seconds"},
        {R"({"challenge":"c","factor":"totp","code_lifetime":600,"attempts_left":5,"email_codes":false})",
         "code_lifetime_seconds"},
        {R"({"challenge":"c","factor":"totp","code_lifetime_seconds":"600","attempts_left":5,"email_codes":false})",
         "code_lifetime_seconds"},
        {R"({"challenge":"c","factor":"totp","code_lifetime_seconds":-1,"attempts_left":5,"email_codes":false})",
         "code_lifetime_seconds"},
        {R"({"challenge":"c","factor":"totp","code_lifetime_seconds":600,"email_codes":false})",
         "attempts_left"},
        {R"({"challenge":"c","factor":"totp","code_lifetime_seconds":600,"attempts_left":5})", "email_codes"},
        {R"({"challenge":"c","factor":"totp","code_lifetime_seconds":600,"attempts_left":5,"email_codes":true})",
         "email_masked"},
        {R"({"challenge":"c","factor":"email","code_lifetime_seconds":600,"attempts_left":5,"email_masked":"m"})",
         "resend_after_seconds"},
        {R"({"challenge":"c","factor":"email","code_lifetime_seconds":600,"attempts_left":5,)"
         R"("resend_after_seconds":60})",
         "email_masked"},
        {R"({"challenge":"c","challenge":"d","factor":"totp","code_lifetime_seconds":600,"attempts_left":5,)"
         R"("email_codes":false})",
         "challenge"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.json);
        const auto read = DecodeChallenge(c.json);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().field == c.field);
    }
    // A newer server's extra member is skipped.
    const auto read = DecodeChallenge(
        R"({"challenge":"c","factor":"totp","code_lifetime_seconds":60,"attempts_left":5,"email_codes":false,)"
        R"("hint":{"x":[1]}})");
    REQUIRE(read.ok());
    CHECK(read.value().code_lifetime_seconds == 60);
}

TEST_CASE("signed in, session status and logged out: round trip and damage") {
    const SignedInPayload signed_in{900, 28800};
    CHECK(EncodeSignedIn(signed_in) == R"({"absolute_timeout_seconds":28800,"idle_timeout_seconds":900})");
    CHECK(DecodeSignedIn(EncodeSignedIn(signed_in)).value() == signed_in);
    CHECK(DecodeSignedIn(R"({"idle_timeout_seconds":900})").error().field == "absolute_timeout_seconds");
    CHECK(DecodeSignedIn(R"({"idle_timeout_seconds":9e2,"absolute_timeout_seconds":1})").error().field ==
          "idle_timeout_seconds");

    const SessionStatusPayload status{"demo-standard", "山田 \"太郎\"", 900, 28800, 899, 28000};
    const std::string json = EncodeSessionStatus(status);
    CHECK(json ==
          R"({"absolute_remaining_seconds":28000,"absolute_timeout_seconds":28800,)"
          R"("contractor_name":"山田 \"太郎\"","idle_remaining_seconds":899,"idle_timeout_seconds":900,)"
          R"("selfcare_id":"demo-standard"})");
    CHECK(DecodeSessionStatus(json).value() == status);
    const std::string without_idle_left =
        R"({"absolute_remaining_seconds":1,"absolute_timeout_seconds":1,)"
        R"("contractor_name":"x","idle_timeout_seconds":1,"selfcare_id":"x"})";
    CHECK(DecodeSessionStatus(without_idle_left).error().field == "idle_remaining_seconds");
    CHECK(DecodeSessionStatus(R"({"selfcare_id":null})").error().field == "selfcare_id");
    CHECK(DecodeSessionStatus(R"({"idle_timeout_seconds":1,"idle_timeout_seconds":1})").error().field ==
          "idle_timeout_seconds");
    // Longer than any setting allows: damage, not a timeout.
    const auto month = DecodeSignedIn(R"({"idle_timeout_seconds":2592001,"absolute_timeout_seconds":1})");
    CHECK(month.error().field == "idle_timeout_seconds");
    CHECK(month.error().message.en.find("out of range") != std::string::npos);
    // An answer's members it does not know are skipped.
    CHECK(DecodeSignedIn(R"({"idle_timeout_seconds":1,"absolute_timeout_seconds":2,"x":[{}]})").ok());

    CHECK(EncodeLoggedOut() == R"({"logged_out":true})");
    CHECK(DecodeLoggedOut(EncodeLoggedOut()).ok());
    CHECK(DecodeLoggedOut(R"({"logged_out":false})").error().field == "logged_out");
    CHECK(DecodeLoggedOut(R"({})").error().field == "logged_out");
}

TEST_CASE("extend: the request and the extended challenge, round trip and damage") {
    const ExtendRequest extend{"ch-7"};
    CHECK(EncodeExtendRequest(extend) == R"({"challenge":"ch-7"})");
    CHECK(DecodeExtendRequest(EncodeExtendRequest(extend)).value() == extend);
    CHECK(DecodeExtendRequest(R"({})").error().field == "challenge");
    CHECK(DecodeExtendRequest(R"({"challenge":1})").error().field == "challenge");
    CHECK(DecodeExtendRequest(R"({"challenge":"a","challenge":"b"})").error().field == "challenge");
    CHECK(DecodeExtendRequest(R"({"challenge":"a","seconds":600})").error().field == "seconds");

    const ChallengeExtendedPayload extended{600, 2};
    CHECK(EncodeChallengeExtended(extended) == R"({"code_lifetime_seconds":600,"extensions_left":2})");
    CHECK(DecodeChallengeExtended(EncodeChallengeExtended(extended)).value() == extended);
    CHECK(DecodeChallengeExtended(R"({"code_lifetime_seconds":600})").error().field == "extensions_left");
    CHECK(DecodeChallengeExtended(R"({"extensions_left":1})").error().field == "code_lifetime_seconds");
    CHECK(DecodeChallengeExtended(R"({"code_lifetime_seconds":0,"extensions_left":1})").error().field ==
          "code_lifetime_seconds");
    CHECK(DecodeChallengeExtended(R"({"code_lifetime_seconds":"600","extensions_left":1})").error().field ==
          "code_lifetime_seconds");
    CHECK(DecodeChallengeExtended(R"({"code_lifetime_seconds":6,"extensions_left":1,"extensions_left":2})")
              .error()
              .field == "extensions_left");
    // A newer server may add members to an answer.
    CHECK(DecodeChallengeExtended(R"({"code_lifetime_seconds":6,"extensions_left":0,"note":"x"})").ok());
}

}  // namespace portal
