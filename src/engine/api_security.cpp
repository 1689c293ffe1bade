// The security payloads, each described once by its table of members (engine/api_members.h).
#include "engine/api_security.h"

#include "engine/api_members.h"

namespace portal {
namespace {

using api_members::DecodeAnswer;
using api_members::DecodeRequest;
using api_members::Encode;
using api_members::Field;
using api_members::Member;
using api_members::Nested;
using api_members::WriteField;

constexpr uint64_t kMaxTime = 253402300799;  // 9999-12-31 23:59:59 UTC: beyond it, damage
constexpr uint64_t kMaxCount = 1000000;
constexpr uint64_t kQrMin = 21, kQrMax = 177;  // QR versions 1 to 40

// The QR symbol: a square of '0'/'1' rows; anything else is damage, not a code to draw.
bool ReadModules(JsonReader& in, QrSymbol& qr) {
    qr.rows.clear();
    return in.Array([&](size_t) {
        std::string& row = qr.rows.emplace_back();
        if (!in.String(row)) return false;
        return row.find_first_not_of("01") == std::string::npos || in.Fail("expected only 0 and 1");
    });
}
bool ReadSize(JsonReader& in, QrSymbol& qr) {
    if (!in.Unsigned(kQrMax, qr.size)) return false;
    return qr.size >= kQrMin || in.Fail("expected 21 to 177");
}
constexpr Member<QrSymbol> kQr[] = {{"rows", ReadModules, WriteField<&QrSymbol::rows>},
                                    {"size", ReadSize, WriteField<&QrSymbol::size>}};
bool ReadQr(JsonReader& in, EnrolmentPayload& enrolment) {
    const QrSymbol& qr = enrolment.qr;
    if (!api_members::ReadObject(in, enrolment.qr, kQr)) return false;
    if (qr.rows.size() != qr.size) return in.FailMember("rows", "expected size rows");
    for (size_t y = 0; y < qr.rows.size(); ++y) {
        if (qr.rows[y].size() != qr.size)
            return in.FailMember("rows[" + std::to_string(y) + "]", "expected size modules");
    }
    return true;
}

bool HasSecret(JsonReader& in, const EnrolmentPayload& enrolment) {
    return !enrolment.secret.empty() || in.FailMember("secret", "empty");
}
bool NoneEmpty(JsonReader& in, const RecoveryCodesPayload& codes) {
    if (codes.recovery_codes.empty()) return in.FailMember("recovery_codes", "empty");
    for (size_t i = 0; i < codes.recovery_codes.size(); ++i) {
        if (codes.recovery_codes[i].empty())
            return in.FailMember("recovery_codes[" + std::to_string(i) + "]", "empty");
    }
    return true;
}

// {"removed":true}: the answer's one member, which must be true.
struct Removed {
    bool removed = false;
};
bool IsRemoved(JsonReader& in, const Removed& answer) {
    return answer.removed || in.FailMember("removed", "expected true");
}

// The payloads' members, in the order they are written.
constexpr Member<LoginHistoryEvent> kEvent[] = {
    Field<&LoginHistoryEvent::address>("address"), Field<&LoginHistoryEvent::at, kMaxTime>("at"),
    Field<&LoginHistoryEvent::at_jst>("at_jst"),   Field<&LoginHistoryEvent::browser>("browser"),
    Field<&LoginHistoryEvent::event>("event"),     Field<&LoginHistoryEvent::factor>("factor"),
    Field<&LoginHistoryEvent::os>("os"),           Field<&LoginHistoryEvent::reason>("reason"),
    Field<&LoginHistoryEvent::result>("result"),
};
constexpr Member<LoginHistoryPayload> kHistory[] = {Nested<&LoginHistoryPayload::events, kEvent>("events")};
constexpr Member<SessionRow> kSessionRow[] = {
    Field<&SessionRow::address>("address"),
    Field<&SessionRow::browser>("browser"),
    Field<&SessionRow::current>("current"),
    Field<&SessionRow::last_seen_at, kMaxTime>("last_seen_at"),
    Field<&SessionRow::last_seen_at_jst>("last_seen_at_jst"),
    Field<&SessionRow::os>("os"),
    Field<&SessionRow::started_at, kMaxTime>("started_at"),
    Field<&SessionRow::started_at_jst>("started_at_jst"),
};
constexpr Member<SessionsPayload> kSessions[] = {Nested<&SessionsPayload::sessions, kSessionRow>("sessions")};
constexpr Member<SessionsEndedPayload> kEnded[] = {Field<&SessionsEndedPayload::ended, kMaxCount>("ended")};
constexpr Member<AuthenticatorStatusPayload> kStatus[] = {
    Field<&AuthenticatorStatusPayload::email_codes>("email_codes"),
    Field<&AuthenticatorStatusPayload::enrolled>("enrolled"),
    Field<&AuthenticatorStatusPayload::recovery_codes_left, kMaxCount>("recovery_codes_left"),
};
constexpr Member<EnrolmentPayload> kEnrolment[] = {
    Field<&EnrolmentPayload::digits, 10>("digits"),
    Field<&EnrolmentPayload::otpauth_uri>("otpauth_uri"),
    {"qr", ReadQr, api_members::WriteNestedField<&EnrolmentPayload::qr, kQr>},
    Field<&EnrolmentPayload::secret>("secret"),
    Field<&EnrolmentPayload::step_seconds, kMaxCount>("step_seconds"),
};
constexpr Member<RecoveryCodesPayload> kRecoveryCodes[] = {
    Field<&RecoveryCodesPayload::recovery_codes>("recovery_codes")};
constexpr Member<Removed> kRemoved[] = {Field<&Removed::removed>("removed")};
constexpr Member<EmailCodesPayload> kEmailCodes[] = {Field<&EmailCodesPayload::email_codes>("email_codes")};
constexpr Member<EmailCodesRequest> kEmailCodesRequest[] = {Field<&EmailCodesRequest::allowed>("allowed")};
constexpr Member<AppCodeRequest> kAppCode[] = {Field<&AppCodeRequest::code>("code")};

}  // namespace

std::string EncodeLoginHistory(const LoginHistoryPayload& history) {
    return Encode(history, kHistory);
}
std::string EncodeSessions(const SessionsPayload& sessions) {
    return Encode(sessions, kSessions);
}
std::string EncodeSessionsEnded(const SessionsEndedPayload& ended) {
    return Encode(ended, kEnded);
}
std::string EncodeAuthenticatorStatus(const AuthenticatorStatusPayload& status) {
    return Encode(status, kStatus);
}
std::string EncodeEnrolment(const EnrolmentPayload& enrolment) {
    return Encode(enrolment, kEnrolment);
}
std::string EncodeRecoveryCodes(const RecoveryCodesPayload& codes) {
    return Encode(codes, kRecoveryCodes);
}
std::string EncodeAuthenticatorRemoved() {
    return Encode(Removed{true}, kRemoved);
}
std::string EncodeEmailCodes(const EmailCodesPayload& email_codes) {
    return Encode(email_codes, kEmailCodes);
}
std::string EncodeEmailCodesRequest(const EmailCodesRequest& request) {
    return Encode(request, kEmailCodesRequest);
}
std::string EncodeAppCodeRequest(const AppCodeRequest& request) {
    return Encode(request, kAppCode);
}
std::string EncodeEmptyRequest() {
    return "{}";
}

Result<LoginHistoryPayload> DecodeLoginHistory(std::string_view json) {
    return DecodeAnswer(json, kHistory);
}
Result<SessionsPayload> DecodeSessions(std::string_view json) {
    return DecodeAnswer(json, kSessions);
}
Result<SessionsEndedPayload> DecodeSessionsEnded(std::string_view json) {
    return DecodeAnswer(json, kEnded);
}
Result<AuthenticatorStatusPayload> DecodeAuthenticatorStatus(std::string_view json) {
    return DecodeAnswer(json, kStatus);
}
Result<EnrolmentPayload> DecodeEnrolment(std::string_view json) {
    return DecodeAnswer(json, kEnrolment, HasSecret);
}
Result<RecoveryCodesPayload> DecodeRecoveryCodes(std::string_view json) {
    return DecodeAnswer(json, kRecoveryCodes, NoneEmpty);
}
Result<bool> DecodeAuthenticatorRemoved(std::string_view json) {
    const Result<Removed> answer = DecodeAnswer(json, kRemoved, IsRemoved);
    if (!answer.ok()) return Result<bool>::Failure(answer.error());
    return true;
}
Result<EmailCodesPayload> DecodeEmailCodes(std::string_view json) {
    return DecodeAnswer(json, kEmailCodes);
}
Result<EmailCodesRequest> DecodeEmailCodesRequest(std::string_view json) {
    return DecodeRequest(json, kEmailCodesRequest);
}
Result<AppCodeRequest> DecodeAppCodeRequest(std::string_view json) {
    return DecodeRequest(json, kAppCode);
}
Result<bool> DecodeEmptyRequest(std::string_view json) {
    return api_members::DecodeEmptyObject(json);
}

}  // namespace portal
