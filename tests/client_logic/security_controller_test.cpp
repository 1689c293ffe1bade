// SecurityController: the requests each action sends, what answers (good, refused, damaged) do to
// the state the screen shows, the checks of typed codes, and the login history's CSV bytes.
#include "security_controller.h"

#include <doctest/doctest.h>

#include <cstdio>

#include "engine/api_security.h"
#include "fakes.h"
#include "i18n_security.h"

namespace portal {
namespace {

struct Fixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    SecurityController controller{clock, transport};
    SecurityState& state = controller.state();

    void Answer(const std::string& url, int status, const std::string& body, const Message& failure = {}) {
        controller.OnAnswer(test::Answer(transport, url, status, body), failure);
    }
};

EnrolmentPayload Enrolment(int size) {
    EnrolmentPayload enrolment;
    enrolment.secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    enrolment.otpauth_uri = "otpauth://totp/050%20Portal%3Ademo?secret=" + enrolment.secret;
    enrolment.qr.size = static_cast<uint64_t>(size);
    for (int y = 0; y < size; ++y)
        enrolment.qr.rows.push_back(std::string(static_cast<size_t>(size), y % 2 ? '1' : '0'));
    return enrolment;
}
std::string QrJson(int size) {
    return EncodeEnrolment(Enrolment(size));
}

LoginHistoryEvent Event(const char* event, const char* result, const char* factor) {
    LoginHistoryEvent e;
    e.at = 1796040309;
    e.at_jst = "2026/11/29 21:05:09";
    e.event = event;
    e.result = result;
    e.factor = factor;
    e.address = "127.0.0.1";
    e.browser = "Chrome 120";
    e.os = "Linux";
    return e;
}

const std::string kCodes = EncodeRecoveryCodes(RecoveryCodesPayload{{"aaaaa-11111", "bbbbb-22222"}});

}  // namespace

TEST_CASE("opening the screen reads the status, the history and the sessions") {
    Fixture f;
    f.controller.Open();
    REQUIRE(f.transport.sent.size() == 3);
    CHECK(f.transport.sent[0].url == "/api/v1/security/authenticator");
    CHECK(f.transport.sent[1].url == "/api/v1/security/history");
    CHECK(f.transport.sent[2].url == "/api/v1/security/sessions");
    CHECK(f.state.busy());
    f.Answer("/api/v1/security/authenticator", 200,
             EncodeAuthenticatorStatus(AuthenticatorStatusPayload{true, 7, false}));
    const LoginHistoryPayload history{{Event("login_success", "success", "totp")}};
    f.Answer("/api/v1/security/history", 200, EncodeLoginHistory(history));
    SessionsPayload sessions;
    sessions.sessions.resize(2);
    sessions.sessions[0].started_at_jst = "a";
    sessions.sessions[0].last_seen_at_jst = "b";
    sessions.sessions[0].current = true;
    f.Answer("/api/v1/security/sessions", 200, EncodeSessions(sessions));
    CHECK_FALSE(f.state.busy());
    CHECK(f.state.enrolled);
    CHECK(f.state.recovery_codes_left == 7);
    CHECK(f.state.history == history.events);
    CHECK(f.state.sessions == sessions.sessions);
    CHECK(f.state.error.empty());
}

TEST_CASE("a history or sessions answer with a damaged row is refused, never read in part") {
    const std::string event = EncodeLoginHistory(LoginHistoryPayload{{Event("logout", "info", "")}});
    for (const std::string& body :
         {event.substr(0, event.size() - 2) + ",7]}", std::string(R"({"events":[{"event":"logout"}]})"),
          std::string(R"({"sessions":[]})")}) {
        CAPTURE(body);
        Fixture f;
        f.controller.LoadHistory();
        f.Answer("/api/v1/security/history", 200, body);
        CHECK_FALSE(f.state.history_loaded);
        CHECK(f.state.history.empty());
        CHECK(f.state.error_at == "history");
        CHECK(f.state.error.text.en == Tr(Lang::En, SStr::BadAnswer));
    }
    Fixture f;
    f.controller.LoadSessions();
    f.Answer("/api/v1/security/sessions", 200, R"({"sessions":[{"current":false}]})");
    CHECK_FALSE(f.state.sessions_loaded);
    CHECK(f.state.error_at == "sessions");
}

TEST_CASE("set-up: the secret and its QR, a code checked before it is sent, the recovery codes once") {
    Fixture f;
    f.controller.StartEnrolment();
    CHECK(f.transport.sent.back().method == "POST");
    CHECK(f.transport.sent.back().json_body == "{}");
    f.Answer("/api/v1/security/authenticator/enrol", 200, QrJson(29));
    CHECK(f.state.qr.size == 29);
    CHECK(f.state.qr.Dark(0, 1));
    CHECK_FALSE(f.state.qr.Dark(0, 0));
    CHECK(GroupSecret(f.state.secret) == "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");

    // Five digits never leave the browser; the message names what is wanted in both languages.
    std::snprintf(f.state.confirm_code.data(), f.state.confirm_code.size(), "12345");
    const size_t sent = f.transport.sent.size();
    f.controller.ConfirmEnrolment();
    CHECK(f.transport.sent.size() == sent);
    CHECK(f.state.error_at == "confirm");
    CHECK(f.state.error.text.ja == Tr(Lang::Ja, SStr::CodeSixDigits));
    CHECK(f.state.error.text.en == Tr(Lang::En, SStr::CodeSixDigits));

    std::snprintf(f.state.confirm_code.data(), f.state.confirm_code.size(), "123456");
    f.controller.ConfirmEnrolment();
    CHECK(f.transport.sent.back().json_body == R"({"code":"123456"})");
    CHECK(f.state.error.empty());
    // A wrong code: the server's message, the field emptied, the secret kept for another try.
    Message wrong{Text{"認証コードが違います。", "Wrong code."}};
    f.Answer("/api/v1/security/authenticator/confirm", 400, R"({"error":{"code":"wrong_code"}})", wrong);
    CHECK(f.state.error.text.en == "Wrong code.");
    CHECK(f.state.error_at == "confirm");
    CHECK(f.state.confirm_code[0] == '\0');
    CHECK_FALSE(f.state.secret.empty());

    std::snprintf(f.state.confirm_code.data(), f.state.confirm_code.size(), "654321");
    f.controller.ConfirmEnrolment();
    f.Answer("/api/v1/security/authenticator/confirm", 200, kCodes);
    CHECK(f.state.enrolled);
    CHECK(f.state.secret.empty());
    CHECK(f.state.qr.size == 0);
    CHECK(f.state.recovery_codes.size() == 2);
    CHECK(f.transport.sent.back().url == "/api/v1/security/history");  // the set-up is in it now
    f.controller.HideRecoveryCodes();
    CHECK(f.state.recovery_codes.empty());
}

TEST_CASE("a damaged enrolment answer draws no QR code and says so") {
    for (const std::string& body :
         {std::string("not json"), std::string(R"({"secret":"AB","qr":{"size":21}})"),
          QrJson(29).replace(QrJson(29).find("\"1"), 2, "\"2"), QrJson(19)}) {
        Fixture f;
        f.controller.StartEnrolment();
        f.Answer("/api/v1/security/authenticator/enrol", 200, body);
        CHECK(f.state.qr.size == 0);
        CHECK(f.state.secret.empty());
        CHECK(f.state.error.text.ja == Tr(Lang::Ja, SStr::BadAnswer));
    }
}

TEST_CASE("removal takes an app code or a recovery code; renewal only an app code") {
    CHECK(CheckAppCode("123456", false).empty());
    CHECK_FALSE(CheckAppCode("1234567", false).empty());
    CHECK_FALSE(CheckAppCode("abcde-12345", false).empty());
    CHECK(CheckAppCode("abcde-12345", true).empty());
    CHECK(CheckAppCode("abcde12345", true).empty());
    CHECK_FALSE(CheckAppCode("abcd-12345", true).empty());
    CHECK_FALSE(CheckAppCode("", true).empty());

    Fixture f;
    f.state.enrolled = true;
    std::snprintf(f.state.remove_code.data(), f.state.remove_code.size(), "abcde-12345");
    f.controller.Remove();
    CHECK(f.transport.sent.back().json_body == R"({"code":"abcde-12345"})");
    f.Answer("/api/v1/security/authenticator/remove", 200, EncodeAuthenticatorRemoved());
    CHECK_FALSE(f.state.enrolled);
    CHECK(f.state.remove_code[0] == '\0');
    CHECK(f.state.info.text.en == Tr(Lang::En, SStr::AppRemoved));

    std::snprintf(f.state.renew_code.data(), f.state.renew_code.size(), "abcde-12345");
    const size_t sent = f.transport.sent.size();
    f.controller.RenewRecoveryCodes();
    CHECK(f.transport.sent.size() == sent);
    CHECK(f.state.error_at == "renew");
}

TEST_CASE("log out the other sessions: the count in both languages, the list read again") {
    Fixture f;
    f.controller.LogoutOthers();
    CHECK(f.transport.sent.back().json_body == EncodeEmptyRequest());
    f.Answer("/api/v1/security/sessions/logout-others", 200, EncodeSessionsEnded(SessionsEndedPayload{2}));
    CHECK(f.state.info.text.ja == "他の端末 2 台をログアウトしました。");
    CHECK(f.state.info.text.en == "2 other sessions were logged out.");
    CHECK(f.transport.sent[f.transport.sent.size() - 2].url == "/api/v1/security/sessions");
    // The message belongs to the sessions panel: the authenticator panel does not show it.
    CHECK(f.state.info_at == "sessions");
}

TEST_CASE("each success message names the panel that shows it") {
    Fixture f;
    f.controller.StartEnrolment();
    f.Answer("/api/v1/security/authenticator/enrol", 200, QrJson(21));
    std::snprintf(f.state.confirm_code.data(), f.state.confirm_code.size(), "123456");
    f.controller.ConfirmEnrolment();
    f.Answer("/api/v1/security/authenticator/confirm", 200, kCodes);
    CHECK(f.state.info_at == "authenticator");
    f.controller.LogoutOthers();
    CHECK(f.state.info.empty());  // a new action clears the last message, wherever it was
    f.Answer("/api/v1/security/sessions/logout-others", 200, R"({"ended":1})");
    CHECK(f.state.info_at == "sessions");
    std::snprintf(f.state.remove_code.data(), f.state.remove_code.size(), "654321");
    f.controller.Remove();
    f.Answer("/api/v1/security/authenticator/remove", 200, EncodeAuthenticatorRemoved());
    CHECK(f.state.info_at == "authenticator");
    CHECK(f.state.info.text.en.find("removed") != std::string::npos);
}

TEST_CASE("answers to requests of a screen that was left are ignored") {
    Fixture f;
    f.controller.LoadHistory();
    const int old = static_cast<int>(f.transport.sent.size());
    f.controller.Forget();
    CHECK_FALSE(f.controller.Owns(old));
    ApiResponse late;
    late.request = old;
    late.status = 200;
    late.body = R"({"events":[{"event":"logout"}]})";
    f.controller.OnAnswer(late, {});
    CHECK(f.state.history.empty());
    CHECK_FALSE(f.state.busy());
}

TEST_CASE("the history CSV: Japanese headers and names, formulas neutralised, CP932 when asked") {
    Fixture f;
    f.controller.LoadHistory();
    f.Answer(
        "/api/v1/security/history", 200,
        R"j({"events":[{"at":1796040309,"at_jst":"2026/11/29 21:05:09","event":"login_failure","result":"failure",)j"
        R"j("reason":"wrong_password","factor":"password","address":"192.0.2.1","browser":"=cmd()","os":"Windows"}]})j");
    CsvOutput utf8 = f.controller.HistoryCsv();
    REQUIRE(utf8.ok());
    CHECK(utf8.bytes ==
          "\xEF\xBB\xBF日時,できごと,結果,認証方法,接続元アドレス,ブラウザ,OS,理由\r\n"
          "2026/11/29 21:05:09,ログイン失敗,失敗,パスワード,192.0.2.1,'=cmd(),Windows,wrong_password\r\n");
    f.state.csv_encoding = CsvEncoding::Cp932;
    CsvOutput sjis = f.controller.HistoryCsv();
    REQUIRE(sjis.ok());
    CHECK(sjis.bytes.substr(0, 4) == "\x93\xFA\x8E\x9E");  // 日時
}

}  // namespace portal

namespace portal {

TEST_CASE("codes by e-mail: read with the status, sent once per change, the box follows the answer") {
    Fixture f;
    f.controller.LoadStatus();
    f.Answer("/api/v1/security/authenticator", 200,
             EncodeAuthenticatorStatus(AuthenticatorStatusPayload{true, 10, false}));
    CHECK(f.state.status_loaded);
    CHECK_FALSE(f.state.email_codes);
    CHECK_FALSE(f.state.email_codes_ticked);

    f.state.email_codes_ticked = true;  // the customer ticks the box
    f.controller.SetEmailCodes(true);
    CHECK(f.transport.sent.back().url == "/api/v1/security/authenticator/email-codes");
    CHECK(f.transport.sent.back().method == "POST");
    CHECK(DecodeEmailCodesRequest(f.transport.sent.back().json_body).value() == EmailCodesRequest{true});
    f.Answer("/api/v1/security/authenticator/email-codes", 200, EncodeEmailCodes(EmailCodesPayload{true}));
    CHECK(f.state.email_codes);
    CHECK(f.state.info_at == "authenticator");
    CHECK(f.state.info.text.en == "Logins can now also use a code sent by e-mail.");

    // A refusal puts the box back as the server has it.
    f.state.email_codes_ticked = false;
    f.controller.SetEmailCodes(false);
    f.Answer("/api/v1/security/authenticator/email-codes", 409, "{}",
             Message{Text{"認証アプリは登録されていません。", "No authenticator app is set up."}});
    CHECK(f.state.email_codes);
    CHECK(f.state.email_codes_ticked);
    CHECK(f.state.error_at == "email_codes");

    // So does a request lost in transport.
    f.state.email_codes_ticked = false;
    f.controller.SetEmailCodes(false);
    f.controller.Abandon(static_cast<int>(f.transport.sent.size()));
    CHECK(f.state.email_codes_ticked);
    CHECK_FALSE(f.state.busy());
}

TEST_CASE("a status answer without the e-mail choice is damaged, not a silent default") {
    Fixture f;
    f.controller.LoadStatus();
    f.Answer("/api/v1/security/authenticator", 200, R"({"enrolled":true,"recovery_codes_left":10})");
    CHECK_FALSE(f.state.status_loaded);
    CHECK(f.state.error_at == "status");
}

}  // namespace portal

namespace portal {

TEST_CASE("the history file: named after the contract and the clock, its media type, refused in CP932") {
    Fixture f;
    Contract contract;
    contract.summary.customer_code = "C9001";
    f.clock.epoch_ms = 1796040309000.0 - f.clock.now_ms;  // 2026-11-30 12:05:09 UTC, 21:05:09 in Japan
    f.controller.LoadHistory();
    LoginHistoryEvent odd = Event("login", "success", "app");
    odd.browser = "Firefox 😀";  // no Shift_JIS code
    f.Answer("/api/v1/security/history", 200,
             EncodeLoginHistory(LoginHistoryPayload{{Event("login", "success", "password"), odd}}));

    const FileDownload utf8 = f.controller.HistoryDownload(contract);
    CHECK(utf8.name == "C9001_20261130_210509_login_history.csv");
    CHECK(utf8.media_type == "text/csv; charset=UTF-8");
    CHECK(utf8.bytes == f.controller.HistoryCsv().bytes);
    CHECK(f.state.last_csv_name == utf8.name);

    f.state.csv_encoding = CsvEncoding::Cp932;
    const FileDownload sjis = f.controller.HistoryDownload(contract);
    CHECK(sjis.empty());
    CHECK(f.state.last_csv_name.empty());
    CHECK(f.state.error_at == "csv");
    CHECK_FALSE(f.state.error.text.ja.empty());
    CHECK_FALSE(f.state.error.text.en.empty());

    // Without the row that has no Shift_JIS code the file is written, and the error goes.
    f.state.history.pop_back();
    const FileDownload again = f.controller.HistoryDownload(contract);
    CHECK(again.media_type == "text/csv; charset=Shift_JIS");
    CHECK(again.name == "C9001_20261130_210509_login_history.csv");
    CHECK(f.state.error.empty());
}

TEST_CASE("the controller owns its state: opening again keeps the tab, forgetting wipes the rest") {
    Fixture f;
    f.state.tab = SecurityTab::Sessions;
    f.controller.Open();
    f.Answer("/api/v1/security/authenticator", 200,
             EncodeAuthenticatorStatus(AuthenticatorStatusPayload{true, 10, false}));
    f.Answer("/api/v1/security/history", 200,
             EncodeLoginHistory(LoginHistoryPayload{{Event("login", "success", "password")}}));
    REQUIRE(f.state.history.size() == 1);
    std::snprintf(f.state.renew_code.data(), f.state.renew_code.size(), "123456");
    f.controller.Open();
    CHECK(f.state.tab == SecurityTab::Sessions);
    CHECK(f.state.history.empty());
    CHECK(f.state.renew_code[0] == '\0');
    CHECK(f.state.busy());  // the three reads again
    f.controller.Forget();
    CHECK_FALSE(f.state.busy());
    CHECK_FALSE(f.state.status_loaded);
    CHECK_FALSE(f.controller.Owns(f.transport.Find("/api/v1/security/sessions")));
}

}  // namespace portal
