// The security payloads: written with the members in the order the API has always sent them
// (alphabetical), read back as written; a missing, mistyped or doubled member is an error naming
// its path (events[1].at_jst, qr.rows[2]), never a default; requests refuse members they do not
// take with the unknown-member code.
#include "engine/api_security.h"

#include <doctest/doctest.h>

#include "engine/api_members.h"

namespace portal {
namespace {

LoginHistoryEvent Event() {
    LoginHistoryEvent e;
    e.at = 1796040309;
    e.at_jst = "2026/11/29 21:05:09";
    e.event = "login_failure";
    e.result = "failure";
    e.reason = "wrong_password";
    e.factor = "password";
    e.address = "192.0.2.1";
    e.browser = "Chrome \"120\"";
    e.os = "Windows";
    return e;
}

EnrolmentPayload Enrolment() {
    EnrolmentPayload enrolment;
    enrolment.secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    enrolment.otpauth_uri = "otpauth://totp/050%20Portal%3Ademo?secret=JBSW";
    enrolment.qr.size = 21;
    for (int y = 0; y < 21; ++y) enrolment.qr.rows.push_back(std::string(21, y % 2 ? '1' : '0'));
    return enrolment;
}

bool StartsWith(const std::string& text, const std::string& start) {
    return text.compare(0, start.size(), start) == 0;
}
bool EndsWith(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// The path an answer's decoder names for `json`.
template <class Decode>
std::string FieldOf(Decode decode, const std::string& json) {
    const auto read = decode(json);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == "bad_payload");
    return read.error().field;
}

}  // namespace

TEST_CASE("login history: every member, in the API's order, read back as written") {
    const LoginHistoryPayload history{{Event(), Event()}};
    const std::string json = EncodeLoginHistory(history);
    CHECK(StartsWith(
        json, R"({"events":[{"address":"192.0.2.1","at":1796040309,"at_jst":"2026/11/29 21:05:09",)"
              R"("browser":"Chrome \"120\"","event":"login_failure","factor":"password","os":"Windows",)"
              R"("reason":"wrong_password","result":"failure"},{"address")"));
    REQUIRE(DecodeLoginHistory(json).ok());
    CHECK(DecodeLoginHistory(json).value() == history);
    CHECK(EncodeLoginHistory(LoginHistoryPayload{}) == R"({"events":[]})");
    CHECK(DecodeLoginHistory(R"({"events":[]})").value().events.empty());
}

TEST_CASE("login history: a damaged row is named by its index and member") {
    const std::string one = EncodeLoginHistory(LoginHistoryPayload{{Event()}});
    std::string without_jst = one;
    without_jst.replace(without_jst.find(R"("at_jst")"), 31, "");
    CHECK(FieldOf(&DecodeLoginHistory, without_jst) == "events[0].at_jst");
    CHECK(FieldOf(&DecodeLoginHistory, R"({"events":[7]})") == "events[0]");
    CHECK(FieldOf(&DecodeLoginHistory, R"({})") == "events");
    CHECK(FieldOf(&DecodeLoginHistory, R"({"events":{}})") == "events");
    std::string negative = one;
    negative.replace(negative.find("1796040309"), 10, "-1");
    CHECK(FieldOf(&DecodeLoginHistory, negative) == "events[0].at");
    std::string twice = one;
    twice.insert(twice.find(R"("os")"), R"("os":"x",)");
    CHECK(FieldOf(&DecodeLoginHistory, twice) == "events[0].os");
    // A newer server may add members; they are skipped.
    std::string extra = one;
    extra.insert(extra.find(R"("os")"), R"("city":"Tokyo",)");
    CHECK(DecodeLoginHistory(extra).ok());
}

TEST_CASE("sessions and the count of those ended: round trip and damage") {
    SessionRow row;
    row.started_at = 1796000000;
    row.started_at_jst = "2026/11/29 10:00:00";
    row.last_seen_at = 1796003600;
    row.last_seen_at_jst = "2026/11/29 11:00:00";
    row.address = "::1";
    row.browser = "Firefox 115";
    row.os = "Linux";
    row.current = true;
    const SessionsPayload sessions{{row, SessionRow{}}};
    const std::string json = EncodeSessions(sessions);
    CHECK(StartsWith(
        json,
        R"({"sessions":[{"address":"::1","browser":"Firefox 115","current":true,"last_seen_at":1796003600,)"
        R"("last_seen_at_jst":"2026/11/29 11:00:00","os":"Linux","started_at":1796000000,)"
        R"("started_at_jst":"2026/11/29 10:00:00"},{)"));
    CHECK(DecodeSessions(json).value() == sessions);
    CHECK(FieldOf(&DecodeSessions, R"({"sessions":[{"current":"yes"}]})") == "sessions[0].current");
    CHECK(FieldOf(&DecodeSessions, R"({"sessions":[{"current":true}]})") == "sessions[0].address");

    CHECK(EncodeSessionsEnded(SessionsEndedPayload{3}) == R"({"ended":3})");
    CHECK(DecodeSessionsEnded(R"({"ended":3})").value() == SessionsEndedPayload{3});
    CHECK(FieldOf(&DecodeSessionsEnded, R"({"ended":1.5})") == "ended");
    CHECK(FieldOf(&DecodeSessionsEnded, R"({})") == "ended");
    CHECK(FieldOf(&DecodeSessionsEnded, R"({"ended":1000001})") == "ended");
    CHECK(FieldOf(&DecodeSessions, R"({"sessions":[{"current":true,"current":true}]})") ==
          "sessions[0].current");
}

TEST_CASE("the authenticator's status, the e-mail choice and the removal") {
    const AuthenticatorStatusPayload status{true, 9, true};
    CHECK(EncodeAuthenticatorStatus(status) ==
          R"({"email_codes":true,"enrolled":true,"recovery_codes_left":9})");
    CHECK(DecodeAuthenticatorStatus(EncodeAuthenticatorStatus(status)).value() == status);
    CHECK(FieldOf(&DecodeAuthenticatorStatus, R"({"enrolled":true,"recovery_codes_left":10})") ==
          "email_codes");
    CHECK(FieldOf(&DecodeAuthenticatorStatus,
                  R"({"enrolled":1,"recovery_codes_left":1,"email_codes":false})") == "enrolled");

    CHECK(EncodeEmailCodes(EmailCodesPayload{false}) == R"({"email_codes":false})");
    CHECK(DecodeEmailCodes(R"({"email_codes":true})").value() == EmailCodesPayload{true});
    CHECK(FieldOf(&DecodeEmailCodes, R"({"email_codes":null})") == "email_codes");

    CHECK(EncodeAuthenticatorRemoved() == R"({"removed":true})");
    CHECK(DecodeAuthenticatorRemoved(EncodeAuthenticatorRemoved()).ok());
    CHECK(FieldOf(&DecodeAuthenticatorRemoved, R"({"removed":false})") == "removed");
    CHECK(FieldOf(&DecodeAuthenticatorRemoved, R"({})") == "removed");
}

TEST_CASE("enrolment: the secret, the URI and a square QR symbol of 0 and 1") {
    const EnrolmentPayload enrolment = Enrolment();
    const std::string json = EncodeEnrolment(enrolment);
    CHECK(StartsWith(
        json,
        R"({"digits":6,"otpauth_uri":"otpauth://totp/050%20Portal%3Ademo?secret=JBSW","qr":{"rows":[")"));
    CHECK(EndsWith(json, R"("],"size":21},"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","step_seconds":30})"));
    REQUIRE(DecodeEnrolment(json).ok());
    CHECK(DecodeEnrolment(json).value() == enrolment);
    CHECK(DecodeEnrolment(json).value().qr.Dark(0, 1));

    EnrolmentPayload damaged = Enrolment();
    damaged.qr.rows[2][5] = '2';
    CHECK(FieldOf(&DecodeEnrolment, EncodeEnrolment(damaged)) == "qr.rows[2]");
    damaged = Enrolment();
    damaged.qr.rows[3].pop_back();
    CHECK(FieldOf(&DecodeEnrolment, EncodeEnrolment(damaged)) == "qr.rows[3]");
    damaged = Enrolment();
    damaged.qr.rows.pop_back();
    CHECK(FieldOf(&DecodeEnrolment, EncodeEnrolment(damaged)) == "qr.rows");
    damaged = Enrolment();
    damaged.qr.size = 19;
    damaged.qr.rows.resize(19, std::string(19, '0'));
    CHECK(FieldOf(&DecodeEnrolment, EncodeEnrolment(damaged)) == "qr.size");
    damaged = Enrolment();
    damaged.secret.clear();
    CHECK(FieldOf(&DecodeEnrolment, EncodeEnrolment(damaged)) == "secret");
    CHECK(FieldOf(&DecodeEnrolment, R"({"secret":"AB","qr":{"size":21}})") == "qr.rows");
    std::string many_digits = json;
    many_digits.replace(many_digits.find(R"("digits":6)"), 10, R"("digits":11)");
    CHECK(FieldOf(&DecodeEnrolment, many_digits) == "digits");
    std::string no_uri = json;
    no_uri.replace(no_uri.find(R"("otpauth_uri")"), 13, R"("uri")");
    CHECK(FieldOf(&DecodeEnrolment, no_uri) == "otpauth_uri");
}

TEST_CASE("recovery codes: at least one, none empty") {
    const RecoveryCodesPayload codes{{"abcde-fghjk", "23456-789ab"}};
    CHECK(EncodeRecoveryCodes(codes) == R"({"recovery_codes":["abcde-fghjk","23456-789ab"]})");
    CHECK(DecodeRecoveryCodes(EncodeRecoveryCodes(codes)).value() == codes);
    CHECK(FieldOf(&DecodeRecoveryCodes, R"({"recovery_codes":[]})") == "recovery_codes");
    CHECK(FieldOf(&DecodeRecoveryCodes, R"({"recovery_codes":["a",""]})") == "recovery_codes[1]");
    CHECK(FieldOf(&DecodeRecoveryCodes, R"({"recovery_codes":["a",2]})") == "recovery_codes[1]");
}

TEST_CASE(
    "security requests: as written, and refused by name when damaged or with members they do not take") {
    CHECK(EncodeAppCodeRequest(AppCodeRequest{"123456"}) == R"({"code":"123456"})");
    CHECK(DecodeAppCodeRequest(R"({"code":"123456"})").value() == AppCodeRequest{"123456"});
    CHECK(EncodeEmailCodesRequest(EmailCodesRequest{true}) == R"({"allowed":true})");
    CHECK(DecodeEmailCodesRequest(R"({"allowed":false})").value() == EmailCodesRequest{false});
    CHECK(EncodeEmptyRequest() == "{}");
    CHECK(DecodeEmptyRequest("{}").ok());
    CHECK(DecodeEmptyRequest(" { } ").ok());

    const struct {
        Result<bool> (*decode)(std::string_view);
        const char* json;
        const char* field;
        const char* code;
    } empties[] = {
        {&DecodeEmptyRequest, R"({"x":1})", "x", api_members::kUnknownMember},
        {&DecodeEmptyRequest, "[]", "", "bad_payload"},
        {&DecodeEmptyRequest, "", "", "bad_payload"},
        {&DecodeEmptyRequest, "{} {}", "", "bad_payload"},
    };
    for (const auto& c : empties) {
        CAPTURE(c.json);
        const Result<bool> read = c.decode(c.json);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().field == c.field);
        CHECK(read.error().code == c.code);
    }
    CHECK(DecodeAppCodeRequest(R"({"code":123456})").error().field == "code");
    CHECK(DecodeAppCodeRequest(R"({"code":"1","code":"2"})").error().field == "code");
    CHECK(DecodeAppCodeRequest(R"({})").error().field == "code");
    CHECK(DecodeAppCodeRequest(R"({"code":"1","remember":true})").error().code ==
          api_members::kUnknownMember);
    CHECK(DecodeEmailCodesRequest(R"({"allowed":"yes"})").error().field == "allowed");
    CHECK(DecodeEmailCodesRequest(R"({"allowed":true,"x":1})").error().code == api_members::kUnknownMember);
    CHECK(DecodeEmailCodesRequest(R"({})").error().code == "bad_payload");
}

}  // namespace portal
