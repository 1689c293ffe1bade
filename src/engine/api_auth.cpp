// The auth payloads' encoders and decoders, on the engine's JSON writer and reader.
#include "engine/api_auth.h"

#include "engine/api_members.h"
#include "engine/json_writer.h"

namespace portal {
namespace {

using api_members::AllPresent;
using api_members::Finish;
using api_members::FinishRequest;
using api_members::RefuseMember;
using api_members::RequestString;
using api_members::Required;

// Longer than any setting allows (a day, a week): a damaged answer, not a timeout.
constexpr uint64_t kMaxSeconds = 30 * 24 * 3600;
constexpr uint64_t kMaxAttempts = 1000;

// Resend and extend both name only the challenge: one shape, two request types.
template <typename ChallengeRequest>
std::string EncodeChallengeOnly(const ChallengeRequest& request) {
    std::string out;
    JsonObjectWriter root(out);
    root.String("challenge", request.challenge);
    root.Close();
    return out;
}

}  // namespace

std::string EncodeLoginRequest(const LoginRequest& request) {
    std::string out;
    JsonObjectWriter root(out);
    root.String("password", request.password);
    root.String("selfcare_id", request.selfcare_id);
    root.Close();
    return out;
}

std::string EncodeVerifyRequest(const VerifyRequest& request) {
    std::string out;
    JsonObjectWriter root(out);
    root.String("challenge", request.challenge);
    root.String("code", request.code);
    root.Close();
    return out;
}

std::string EncodeResendRequest(const ResendRequest& request) {
    return EncodeChallengeOnly(request);
}

std::string EncodeExtendRequest(const ExtendRequest& request) {
    return EncodeChallengeOnly(request);
}

std::string EncodeLogoutRequest() {
    return "{}";
}

std::string EncodeChallenge(const ChallengePayload& challenge) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("attempts_left", challenge.attempts_left);
    root.String("challenge", challenge.challenge);
    root.Number("code_lifetime_seconds", challenge.code_lifetime_seconds);
    const bool by_mail = challenge.factor == AuthFactor::Email;
    if (!by_mail) root.Bool("email_codes", challenge.email_codes);
    // Where a code would go is said only where one is mailed or may be asked for.
    if (by_mail || challenge.email_codes) root.String("email_masked", challenge.email_masked);
    root.String("factor", by_mail ? "email" : "totp");
    if (by_mail) root.Number("resend_after_seconds", challenge.resend_after_seconds);
    root.Close();
    return out;
}

std::string EncodeChallengeExtended(const ChallengeExtendedPayload& extended) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("code_lifetime_seconds", extended.code_lifetime_seconds);
    root.Number("extensions_left", extended.extensions_left);
    root.Close();
    return out;
}

std::string EncodeSignedIn(const SignedInPayload& signed_in) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("absolute_timeout_seconds", signed_in.absolute_timeout_seconds);
    root.Number("idle_timeout_seconds", signed_in.idle_timeout_seconds);
    root.Close();
    return out;
}

std::string EncodeSessionStatus(const SessionStatusPayload& status) {
    std::string out;
    JsonObjectWriter root(out);
    root.Number("absolute_remaining_seconds", status.absolute_remaining_seconds);
    root.Number("absolute_timeout_seconds", status.absolute_timeout_seconds);
    root.String("contractor_name", status.contractor_name);
    root.Number("idle_remaining_seconds", status.idle_remaining_seconds);
    root.Number("idle_timeout_seconds", status.idle_timeout_seconds);
    root.String("selfcare_id", status.selfcare_id);
    root.Close();
    return out;
}

std::string EncodeLoggedOut() {
    return R"({"logged_out":true})";
}

Result<LoginRequest> DecodeLoginRequest(std::string_view json) {
    JsonReader in(json);
    LoginRequest request;
    enum : uint32_t { kId = 1, kPassword = 2 };
    uint32_t seen = 0;
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "selfcare_id") return RequestString(in, seen, kId, request.selfcare_id);
        if (key == "password") return RequestString(in, seen, kPassword, request.password);
        return RefuseMember(in, unknown);
    });
    static const Required kRequired[] = {{kId, "selfcare_id"}, {kPassword, "password"}};
    return FinishRequest(in, ok && AllPresent(in, seen, kRequired), std::move(request), unknown);
}

Result<VerifyRequest> DecodeVerifyRequest(std::string_view json) {
    JsonReader in(json);
    VerifyRequest request;
    enum : uint32_t { kChallenge = 1, kCode = 2 };
    uint32_t seen = 0;
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "challenge") return RequestString(in, seen, kChallenge, request.challenge);
        if (key == "code") return RequestString(in, seen, kCode, request.code);
        return RefuseMember(in, unknown);
    });
    static const Required kRequired[] = {{kChallenge, "challenge"}, {kCode, "code"}};
    return FinishRequest(in, ok && AllPresent(in, seen, kRequired), std::move(request), unknown);
}

Result<ResendRequest> DecodeResendRequest(std::string_view json) {
    return api_members::DecodeOneString(json, "challenge", &ResendRequest::challenge);
}

Result<ExtendRequest> DecodeExtendRequest(std::string_view json) {
    return api_members::DecodeOneString(json, "challenge", &ExtendRequest::challenge);
}

Result<bool> DecodeLogoutRequest(std::string_view json) {
    return api_members::DecodeEmptyObject(json);
}

Result<ChallengePayload> DecodeChallenge(std::string_view json) {
    JsonReader in(json);
    ChallengePayload challenge;
    enum : uint32_t {
        kChallenge = 1,
        kFactor = 2,
        kLifetime = 4,
        kAttempts = 8,
        kResendAfter = 16,
        kEmailCodes = 32,
        kMasked = 64
    };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "challenge") return in.FirstTime(seen, kChallenge) && in.String(challenge.challenge);
        if (key == "factor") {
            std::string_view factor;
            if (!in.FirstTime(seen, kFactor) || !in.String(factor)) return false;
            if (factor == "email") return (challenge.factor = AuthFactor::Email), true;
            if (factor == "totp") return (challenge.factor = AuthFactor::Totp), true;
            return in.Fail("expected \"email\" or \"totp\"");
        }
        if (key == "code_lifetime_seconds")
            return in.FirstTime(seen, kLifetime) && in.Unsigned(kMaxSeconds, challenge.code_lifetime_seconds);
        if (key == "attempts_left")
            return in.FirstTime(seen, kAttempts) && in.Unsigned(kMaxAttempts, challenge.attempts_left);
        if (key == "resend_after_seconds")
            return in.FirstTime(seen, kResendAfter) &&
                   in.Unsigned(kMaxSeconds, challenge.resend_after_seconds);
        if (key == "email_codes") return in.FirstTime(seen, kEmailCodes) && in.Bool(challenge.email_codes);
        if (key == "email_masked") return in.FirstTime(seen, kMasked) && in.String(challenge.email_masked);
        return in.Skip();
    });
    static const Required kAlways[] = {{kAttempts, "attempts_left"},
                                       {kChallenge, "challenge"},
                                       {kLifetime, "code_lifetime_seconds"},
                                       {kFactor, "factor"}};
    static const Required kByMail[] = {{kMasked, "email_masked"}, {kResendAfter, "resend_after_seconds"}};
    static const Required kByApp[] = {{kEmailCodes, "email_codes"}};
    static const Required kByAppWithMail[] = {{kMasked, "email_masked"}};
    bool complete = ok && AllPresent(in, seen, kAlways);
    if (complete && challenge.factor == AuthFactor::Email) complete = AllPresent(in, seen, kByMail);
    if (complete && challenge.factor == AuthFactor::Totp) {
        complete =
            AllPresent(in, seen, kByApp) && (!challenge.email_codes || AllPresent(in, seen, kByAppWithMail));
    }
    if (complete && challenge.challenge.empty()) complete = in.FailMember("challenge", "empty");
    return Finish(in, complete, std::move(challenge));
}

Result<ChallengeExtendedPayload> DecodeChallengeExtended(std::string_view json) {
    JsonReader in(json);
    ChallengeExtendedPayload extended;
    enum : uint32_t { kLifetime = 1, kLeft = 2 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "code_lifetime_seconds")
            return in.FirstTime(seen, kLifetime) && in.Unsigned(kMaxSeconds, extended.code_lifetime_seconds);
        if (key == "extensions_left")
            return in.FirstTime(seen, kLeft) && in.Unsigned(kMaxAttempts, extended.extensions_left);
        return in.Skip();
    });
    static const Required kRequired[] = {{kLifetime, "code_lifetime_seconds"}, {kLeft, "extensions_left"}};
    bool complete = ok && AllPresent(in, seen, kRequired);
    if (complete && extended.code_lifetime_seconds == 0)
        complete = in.FailMember("code_lifetime_seconds", "expected at least 1");
    return Finish(in, complete, extended);
}

Result<SignedInPayload> DecodeSignedIn(std::string_view json) {
    JsonReader in(json);
    SignedInPayload signed_in;
    enum : uint32_t { kIdle = 1, kAbsolute = 2 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "idle_timeout_seconds")
            return in.FirstTime(seen, kIdle) && in.Unsigned(kMaxSeconds, signed_in.idle_timeout_seconds);
        if (key == "absolute_timeout_seconds")
            return in.FirstTime(seen, kAbsolute) &&
                   in.Unsigned(kMaxSeconds, signed_in.absolute_timeout_seconds);
        return in.Skip();
    });
    static const Required kRequired[] = {{kAbsolute, "absolute_timeout_seconds"},
                                         {kIdle, "idle_timeout_seconds"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), signed_in);
}

Result<SessionStatusPayload> DecodeSessionStatus(std::string_view json) {
    JsonReader in(json);
    SessionStatusPayload status;
    enum : uint32_t { kId = 1, kName = 2, kIdle = 4, kAbsolute = 8, kIdleLeft = 16, kAbsoluteLeft = 32 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "selfcare_id") return in.FirstTime(seen, kId) && in.String(status.selfcare_id);
        if (key == "contractor_name") return in.FirstTime(seen, kName) && in.String(status.contractor_name);
        if (key == "idle_timeout_seconds")
            return in.FirstTime(seen, kIdle) && in.Unsigned(kMaxSeconds, status.idle_timeout_seconds);
        if (key == "absolute_timeout_seconds")
            return in.FirstTime(seen, kAbsolute) && in.Unsigned(kMaxSeconds, status.absolute_timeout_seconds);
        if (key == "idle_remaining_seconds")
            return in.FirstTime(seen, kIdleLeft) && in.Unsigned(kMaxSeconds, status.idle_remaining_seconds);
        if (key == "absolute_remaining_seconds")
            return in.FirstTime(seen, kAbsoluteLeft) &&
                   in.Unsigned(kMaxSeconds, status.absolute_remaining_seconds);
        return in.Skip();
    });
    static const Required kRequired[] = {{kAbsoluteLeft, "absolute_remaining_seconds"},
                                         {kAbsolute, "absolute_timeout_seconds"},
                                         {kName, "contractor_name"},
                                         {kIdleLeft, "idle_remaining_seconds"},
                                         {kIdle, "idle_timeout_seconds"},
                                         {kId, "selfcare_id"}};
    return Finish(in, ok && AllPresent(in, seen, kRequired), std::move(status));
}

Result<bool> DecodeLoggedOut(std::string_view json) {
    JsonReader in(json);
    bool logged_out = false;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "logged_out") return in.FirstTime(seen, 1) && in.Bool(logged_out);
        return in.Skip();
    });
    static const Required kRequired[] = {{1, "logged_out"}};
    bool complete = ok && AllPresent(in, seen, kRequired);
    if (complete && !logged_out) complete = in.FailMember("logged_out", "expected true");
    return Finish(in, complete, logged_out);
}

}  // namespace portal
