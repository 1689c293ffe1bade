// The security payloads' encoders and decoders, on the engine's JSON writer and reader.
#include "engine/api_security.h"

#include "engine/api_members.h"
#include "engine/json_writer.h"
#include "engine/payload_error.h"

namespace portal {
namespace {

using api_members::AllPresent;
using api_members::Finish;
using api_members::FinishRequest;
using api_members::RefuseMember;
using api_members::Required;

constexpr uint64_t kMaxTime = 253402300799;  // 9999-12-31 23:59:59 UTC: beyond it, damage
constexpr uint64_t kMaxCount = 1000000;
constexpr uint64_t kQrMin = 21, kQrMax = 177;  // QR versions 1 to 40

// [..] of the items, each written by `write(item, out)`.
template <class Items, class Write>
void Array(std::string& out, const Items& items, Write write) {
    out.push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.push_back(',');
        write(items[i], out);
    }
    out.push_back(']');
}

void StringItem(const std::string& text, std::string& out) {
    AppendJsonString(text, out);
}

bool StringArray(JsonReader& in, std::vector<std::string>& out) {
    out.clear();
    return in.Array([&](size_t) {
        out.emplace_back();
        return in.String(out.back());
    });
}

// {"<key>": <bool>} answers and requests: the one member, given once.
Result<bool> DecodeOneBool(std::string_view json, const char* key, bool refuse_unknown) {
    JsonReader in(json);
    bool value = false;
    uint32_t seen = 0;
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view member) {
        if (member == key) return in.FirstTime(seen, 1) && in.Bool(value);
        return refuse_unknown ? RefuseMember(in, unknown) : in.Skip();
    });
    const Required required[] = {{1, key}};
    return FinishRequest(in, ok && AllPresent(in, seen, required), value, unknown);
}

bool ReadEvent(JsonReader& in, LoginHistoryEvent& e) {
    enum : uint32_t {
        kAt = 1,
        kAtJst = 2,
        kEvent = 4,
        kResult = 8,
        kReason = 16,
        kFactor = 32,
        kAddress = 64,
        kBrowser = 128,
        kOs = 256
    };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "at") return in.FirstTime(seen, kAt) && in.Unsigned(kMaxTime, e.at);
        if (key == "at_jst") return in.FirstTime(seen, kAtJst) && in.String(e.at_jst);
        if (key == "event") return in.FirstTime(seen, kEvent) && in.String(e.event);
        if (key == "result") return in.FirstTime(seen, kResult) && in.String(e.result);
        if (key == "reason") return in.FirstTime(seen, kReason) && in.String(e.reason);
        if (key == "factor") return in.FirstTime(seen, kFactor) && in.String(e.factor);
        if (key == "address") return in.FirstTime(seen, kAddress) && in.String(e.address);
        if (key == "browser") return in.FirstTime(seen, kBrowser) && in.String(e.browser);
        if (key == "os") return in.FirstTime(seen, kOs) && in.String(e.os);
        return in.Skip();
    });
    static const Required kRequired[] = {{kAddress, "address"}, {kAt, "at"},         {kAtJst, "at_jst"},
                                         {kBrowser, "browser"}, {kEvent, "event"},   {kFactor, "factor"},
                                         {kOs, "os"},           {kReason, "reason"}, {kResult, "result"}};
    return ok && AllPresent(in, seen, kRequired);
}

bool ReadSession(JsonReader& in, SessionRow& s) {
    enum : uint32_t {
        kStarted = 1,
        kStartedJst = 2,
        kLastSeen = 4,
        kLastSeenJst = 8,
        kAddress = 16,
        kBrowser = 32,
        kOs = 64,
        kCurrent = 128
    };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "started_at") return in.FirstTime(seen, kStarted) && in.Unsigned(kMaxTime, s.started_at);
        if (key == "started_at_jst") return in.FirstTime(seen, kStartedJst) && in.String(s.started_at_jst);
        if (key == "last_seen_at")
            return in.FirstTime(seen, kLastSeen) && in.Unsigned(kMaxTime, s.last_seen_at);
        if (key == "last_seen_at_jst")
            return in.FirstTime(seen, kLastSeenJst) && in.String(s.last_seen_at_jst);
        if (key == "address") return in.FirstTime(seen, kAddress) && in.String(s.address);
        if (key == "browser") return in.FirstTime(seen, kBrowser) && in.String(s.browser);
        if (key == "os") return in.FirstTime(seen, kOs) && in.String(s.os);
        if (key == "current") return in.FirstTime(seen, kCurrent) && in.Bool(s.current);
        return in.Skip();
    });
    static const Required kRequired[] = {{kAddress, "address"},
                                         {kBrowser, "browser"},
                                         {kCurrent, "current"},
                                         {kLastSeen, "last_seen_at"},
                                         {kLastSeenJst, "last_seen_at_jst"},
                                         {kOs, "os"},
                                         {kStarted, "started_at"},
                                         {kStartedJst, "started_at_jst"}};
    return ok && AllPresent(in, seen, kRequired);
}

// The QR symbol: a square of '0'/'1' rows; anything else is damage, not a code to draw.
bool ReadQr(JsonReader& in, QrSymbol& qr) {
    enum : uint32_t { kSize = 1, kRows = 2 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "size") {
            if (!in.FirstTime(seen, kSize) || !in.Unsigned(kQrMax, qr.size)) return false;
            return qr.size >= kQrMin || in.Fail("expected 21 to 177");
        }
        if (key == "rows") {
            if (!in.FirstTime(seen, kRows)) return false;
            qr.rows.clear();
            return in.Array([&](size_t) {
                qr.rows.emplace_back();
                if (!in.String(qr.rows.back())) return false;
                if (qr.rows.back().find_first_not_of("01") != std::string::npos)
                    return in.Fail("expected only 0 and 1");
                return true;
            });
        }
        return in.Skip();
    });
    static const Required kRequired[] = {{kRows, "rows"}, {kSize, "size"}};
    if (!ok || !AllPresent(in, seen, kRequired)) return false;
    if (qr.rows.size() != qr.size) return in.FailMember("rows", "expected size rows");
    for (size_t y = 0; y < qr.rows.size(); ++y) {
        if (qr.rows[y].size() != qr.size)
            return in.FailMember("rows[" + std::to_string(y) + "]", "expected size modules");
    }
    return true;
}

}  // namespace

std::string EncodeLoginHistory(const LoginHistoryPayload& history) {
    std::string out;
    JsonObjectWriter root(out);
    Array(root.Member("events"), history.events, [](const LoginHistoryEvent& e, std::string& text) {
        JsonObjectWriter row(text);
        row.String("address", e.address);
        row.Number("at", e.at);
        row.String("at_jst", e.at_jst);
        row.String("browser", e.browser);
        row.String("event", e.event);
        row.String("factor", e.factor);
        row.String("os", e.os);
        row.String("reason", e.reason);
        row.String("result", e.result);
        row.Close();
    });
    root.Close();
    return out;
}

std::string EncodeSessions(const SessionsPayload& sessions) {
    std::string out;
    JsonObjectWriter root(out);
    Array(root.Member("sessions"), sessions.sessions, [](const SessionRow& s, std::string& text) {
        JsonObjectWriter row(text);
        row.String("address", s.address);
        row.String("browser", s.browser);
        row.Bool("current", s.current);
        row.Number("last_seen_at", s.last_seen_at);
        row.String("last_seen_at_jst", s.last_seen_at_jst);
        row.String("os", s.os);
        row.Number("started_at", s.started_at);
        row.String("started_at_jst", s.started_at_jst);
        row.Close();
    });
    root.Close();
    return out;
}

std::string EncodeSessionsEnded(const SessionsEndedPayload& ended) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("ended", ended.ended);
    root.Close();
    return out;
}

std::string EncodeAuthenticatorStatus(const AuthenticatorStatusPayload& status) {
    std::string out;
    JsonObjectWriter root(out);
    root.Bool("email_codes", status.email_codes);
    root.Bool("enrolled", status.enrolled);
    root.Number("recovery_codes_left", status.recovery_codes_left);
    root.Close();
    return out;
}

std::string EncodeEnrolment(const EnrolmentPayload& enrolment) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("digits", enrolment.digits);
    root.String("otpauth_uri", enrolment.otpauth_uri);
    {
        JsonObjectWriter qr(root.Member("qr"));
        Array(qr.Member("rows"), enrolment.qr.rows, StringItem);
        qr.Number("size", enrolment.qr.size);
        qr.Close();
    }
    root.String("secret", enrolment.secret);
    root.Number("step_seconds", enrolment.step_seconds);
    root.Close();
    return out;
}

std::string EncodeRecoveryCodes(const RecoveryCodesPayload& codes) {
    std::string out;
    JsonObjectWriter root(out);
    Array(root.Member("recovery_codes"), codes.recovery_codes, StringItem);
    root.Close();
    return out;
}

std::string EncodeAuthenticatorRemoved() {
    return R"({"removed":true})";
}

std::string EncodeEmailCodes(const EmailCodesPayload& email_codes) {
    std::string out;
    JsonObjectWriter root(out);
    root.Bool("email_codes", email_codes.email_codes);
    root.Close();
    return out;
}

std::string EncodeEmailCodesRequest(const EmailCodesRequest& request) {
    std::string out;
    JsonObjectWriter root(out);
    root.Bool("allowed", request.allowed);
    root.Close();
    return out;
}

std::string EncodeAppCodeRequest(const AppCodeRequest& request) {
    std::string out;
    JsonObjectWriter root(out);
    root.String("code", request.code);
    root.Close();
    return out;
}

std::string EncodeEmptyRequest() {
    return "{}";
}

Result<LoginHistoryPayload> DecodeLoginHistory(std::string_view json) {
    JsonReader in(json);
    LoginHistoryPayload history;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key != "events") return in.Skip();
        return in.FirstTime(seen, 1) && in.Array([&](size_t) {
            history.events.emplace_back();
            return ReadEvent(in, history.events.back());
        });
    });
    static const Required kRequired[] = {{1, "events"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), std::move(history));
}

Result<SessionsPayload> DecodeSessions(std::string_view json) {
    JsonReader in(json);
    SessionsPayload sessions;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key != "sessions") return in.Skip();
        return in.FirstTime(seen, 1) && in.Array([&](size_t) {
            sessions.sessions.emplace_back();
            return ReadSession(in, sessions.sessions.back());
        });
    });
    static const Required kRequired[] = {{1, "sessions"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), std::move(sessions));
}

Result<SessionsEndedPayload> DecodeSessionsEnded(std::string_view json) {
    JsonReader in(json);
    SessionsEndedPayload ended;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "ended") return in.FirstTime(seen, 1) && in.Unsigned(kMaxCount, ended.ended);
        return in.Skip();
    });
    static const Required kRequired[] = {{1, "ended"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), ended);
}

Result<AuthenticatorStatusPayload> DecodeAuthenticatorStatus(std::string_view json) {
    JsonReader in(json);
    AuthenticatorStatusPayload status;
    enum : uint32_t { kEnrolled = 1, kLeft = 2, kEmailCodes = 4 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "enrolled") return in.FirstTime(seen, kEnrolled) && in.Bool(status.enrolled);
        if (key == "recovery_codes_left")
            return in.FirstTime(seen, kLeft) && in.Unsigned(kMaxCount, status.recovery_codes_left);
        if (key == "email_codes") return in.FirstTime(seen, kEmailCodes) && in.Bool(status.email_codes);
        return in.Skip();
    });
    static const Required kRequired[] = {
        {kEmailCodes, "email_codes"}, {kEnrolled, "enrolled"}, {kLeft, "recovery_codes_left"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), status);
}

Result<EnrolmentPayload> DecodeEnrolment(std::string_view json) {
    JsonReader in(json);
    EnrolmentPayload enrolment;
    enum : uint32_t { kSecret = 1, kUri = 2, kQr = 4, kStep = 8, kDigits = 16 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "secret") return in.FirstTime(seen, kSecret) && in.String(enrolment.secret);
        if (key == "otpauth_uri") return in.FirstTime(seen, kUri) && in.String(enrolment.otpauth_uri);
        if (key == "qr") return in.FirstTime(seen, kQr) && ReadQr(in, enrolment.qr);
        if (key == "step_seconds")
            return in.FirstTime(seen, kStep) && in.Unsigned(kMaxCount, enrolment.step_seconds);
        if (key == "digits") return in.FirstTime(seen, kDigits) && in.Unsigned(10, enrolment.digits);
        return in.Skip();
    });
    static const Required kRequired[] = {{kDigits, "digits"},
                                         {kUri, "otpauth_uri"},
                                         {kQr, "qr"},
                                         {kSecret, "secret"},
                                         {kStep, "step_seconds"}};
    bool complete = ok && AllPresent(in, seen, kRequired);
    if (complete && enrolment.secret.empty()) complete = in.FailMember("secret", "empty");
    return Finish(in, complete, std::move(enrolment));
}

Result<RecoveryCodesPayload> DecodeRecoveryCodes(std::string_view json) {
    JsonReader in(json);
    RecoveryCodesPayload codes;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "recovery_codes") return in.FirstTime(seen, 1) && StringArray(in, codes.recovery_codes);
        return in.Skip();
    });
    static const Required kRequired[] = {{1, "recovery_codes"}};
    bool complete = ok && AllPresent(in, seen, kRequired);
    if (complete && codes.recovery_codes.empty()) complete = in.FailMember("recovery_codes", "empty");
    for (size_t i = 0; complete && i < codes.recovery_codes.size(); ++i) {
        if (codes.recovery_codes[i].empty())
            complete = in.FailMember("recovery_codes[" + std::to_string(i) + "]", "empty");
    }
    return Finish(in, complete, std::move(codes));
}

Result<bool> DecodeAuthenticatorRemoved(std::string_view json) {
    Result<bool> removed = DecodeOneBool(json, "removed", false);
    if (removed.ok() && !removed.value())
        return Result<bool>::Failure(PayloadError("removed", "expected true"));
    return removed;
}

Result<EmailCodesPayload> DecodeEmailCodes(std::string_view json) {
    Result<bool> value = DecodeOneBool(json, "email_codes", false);
    if (!value.ok()) return Result<EmailCodesPayload>::Failure(value.error());
    return EmailCodesPayload{value.value()};
}

Result<EmailCodesRequest> DecodeEmailCodesRequest(std::string_view json) {
    Result<bool> value = DecodeOneBool(json, "allowed", true);
    if (!value.ok()) return Result<EmailCodesRequest>::Failure(value.error());
    return EmailCodesRequest{value.value()};
}

Result<AppCodeRequest> DecodeAppCodeRequest(std::string_view json) {
    return api_members::DecodeOneString(json, "code", &AppCodeRequest::code);
}

Result<bool> DecodeEmptyRequest(std::string_view json) {
    return api_members::DecodeEmptyObject(json);
}

}  // namespace portal
