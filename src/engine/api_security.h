// /api/v1/security/*: what a logged-in customer sees and sets of their own logins (the login
// history, the live sessions, the authenticator app and its recovery codes), every request and
// answer as a typed payload with exactly one encoder and one decoder. The server encodes the
// answers and decodes the requests, the client the other way round, the tests both. Refusals are
// the API's one error payload (EncodeErrorJson).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace portal {

// GET /security/history: the latest logins and tries, newest first.
struct LoginHistoryEvent {
    uint64_t at = 0;  // Unix seconds
    std::string at_jst;
    std::string event;   // login_success, login_failure, code_failed, lockout, logout, ...
    std::string result;  // success, failure, info
    std::string reason;
    std::string factor;  // password, email, totp, recovery, or empty
    std::string address;
    std::string browser;
    std::string os;
    bool operator==(const LoginHistoryEvent& o) const {
        return at == o.at && at_jst == o.at_jst && event == o.event && result == o.result &&
               reason == o.reason && factor == o.factor && address == o.address && browser == o.browser &&
               os == o.os;
    }
};
struct LoginHistoryPayload {
    std::vector<LoginHistoryEvent> events;
    bool operator==(const LoginHistoryPayload& o) const { return events == o.events; }
};

// GET /security/sessions: the customer's live sessions, `current` the one asking.
struct SessionRow {
    uint64_t started_at = 0;
    std::string started_at_jst;
    uint64_t last_seen_at = 0;
    std::string last_seen_at_jst;
    std::string address;
    std::string browser;
    std::string os;
    bool current = false;
    bool operator==(const SessionRow& o) const {
        return started_at == o.started_at && started_at_jst == o.started_at_jst &&
               last_seen_at == o.last_seen_at && last_seen_at_jst == o.last_seen_at_jst &&
               address == o.address && browser == o.browser && os == o.os && current == o.current;
    }
};
struct SessionsPayload {
    std::vector<SessionRow> sessions;
    bool operator==(const SessionsPayload& o) const { return sessions == o.sessions; }
};
// POST /security/sessions/logout-others: how many sessions ended.
struct SessionsEndedPayload {
    uint64_t ended = 0;
    bool operator==(const SessionsEndedPayload& o) const { return ended == o.ended; }
};

// GET /security/authenticator
struct AuthenticatorStatusPayload {
    bool enrolled = false;
    uint64_t recovery_codes_left = 0;
    bool email_codes = false;  // the mailed code kept beside the app
    bool operator==(const AuthenticatorStatusPayload& o) const {
        return enrolled == o.enrolled && recovery_codes_left == o.recovery_codes_left &&
               email_codes == o.email_codes;
    }
};

// POST /security/authenticator/enrol: the new secret as text, URI and QR symbol (rows of '0'/'1').
struct QrSymbol {
    uint64_t size = 0;
    std::vector<std::string> rows;
    bool Dark(size_t x, size_t y) const { return rows[y][x] == '1'; }
    bool operator==(const QrSymbol& o) const { return size == o.size && rows == o.rows; }
};
struct EnrolmentPayload {
    std::string secret;  // base32, unpadded
    std::string otpauth_uri;
    QrSymbol qr;
    uint64_t step_seconds = 30;
    uint64_t digits = 6;
    bool operator==(const EnrolmentPayload& o) const {
        return secret == o.secret && otpauth_uri == o.otpauth_uri && qr == o.qr &&
               step_seconds == o.step_seconds && digits == o.digits;
    }
};

// POST /security/authenticator/confirm and /security/recovery-codes: the ten codes, shown once.
struct RecoveryCodesPayload {
    std::vector<std::string> recovery_codes;
    bool operator==(const RecoveryCodesPayload& o) const { return recovery_codes == o.recovery_codes; }
};

// POST /security/authenticator/email-codes: the request and the setting as it now is.
struct EmailCodesRequest {
    bool allowed = false;
    bool operator==(const EmailCodesRequest& o) const { return allowed == o.allowed; }
};
struct EmailCodesPayload {
    bool email_codes = false;
    bool operator==(const EmailCodesPayload& o) const { return email_codes == o.email_codes; }
};

// POST /security/authenticator/confirm, /remove and /security/recovery-codes: the code typed.
struct AppCodeRequest {
    std::string code;
    bool operator==(const AppCodeRequest& o) const { return code == o.code; }
};

// Members in alphabetical order, as the API has always sent them.
std::string EncodeLoginHistory(const LoginHistoryPayload& history);
std::string EncodeSessions(const SessionsPayload& sessions);
std::string EncodeSessionsEnded(const SessionsEndedPayload& ended);
std::string EncodeAuthenticatorStatus(const AuthenticatorStatusPayload& status);
std::string EncodeEnrolment(const EnrolmentPayload& enrolment);
std::string EncodeRecoveryCodes(const RecoveryCodesPayload& codes);
std::string EncodeAuthenticatorRemoved();  // {"removed":true}
std::string EncodeEmailCodes(const EmailCodesPayload& email_codes);
std::string EncodeEmailCodesRequest(const EmailCodesRequest& request);
std::string EncodeAppCodeRequest(const AppCodeRequest& request);
std::string EncodeEmptyRequest();  // {}: enrol and logout-others take nothing

// Every member is required: a missing, mistyped or doubled one is an error naming its path
// (events[3].at_jst, qr.rows[7]), never a default. Answers skip members they do not know;
// requests refuse them by name.
Result<LoginHistoryPayload> DecodeLoginHistory(std::string_view json);
Result<SessionsPayload> DecodeSessions(std::string_view json);
Result<SessionsEndedPayload> DecodeSessionsEnded(std::string_view json);
Result<AuthenticatorStatusPayload> DecodeAuthenticatorStatus(std::string_view json);
// Also checks the QR symbol: a square of '0'/'1' rows, 21 to 177 modules a side.
Result<EnrolmentPayload> DecodeEnrolment(std::string_view json);
// At least one code, none empty.
Result<RecoveryCodesPayload> DecodeRecoveryCodes(std::string_view json);
Result<bool> DecodeAuthenticatorRemoved(std::string_view json);
Result<EmailCodesPayload> DecodeEmailCodes(std::string_view json);
Result<EmailCodesRequest> DecodeEmailCodesRequest(std::string_view json);
Result<AppCodeRequest> DecodeAppCodeRequest(std::string_view json);
Result<bool> DecodeEmptyRequest(std::string_view json);

}  // namespace portal
