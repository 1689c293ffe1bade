// The auth payloads, each described once by its table of members (engine/api_members.h).
#include "engine/api_auth.h"

#include "engine/api_members.h"

namespace portal {
namespace {

using api_members::DecodeAnswer;
using api_members::DecodeRequest;
using api_members::Encode;
using api_members::Field;
using api_members::Member;

// Longer than any setting allows (a day, a week): a damaged answer, not a timeout.
constexpr uint64_t kMaxSeconds = 30 * 24 * 3600;
constexpr uint64_t kMaxAttempts = 1000;

bool ByMail(const ChallengePayload& challenge) {
    return challenge.factor == AuthFactor::Email;
}
bool ByApp(const ChallengePayload& challenge) {
    return !ByMail(challenge);
}
// Where a code would go is said only where one is mailed or may be asked for.
bool SaysWhereMailGoes(const ChallengePayload& challenge) {
    return ByMail(challenge) || challenge.email_codes;
}

bool ReadFactor(JsonReader& in, ChallengePayload& challenge) {
    std::string_view factor;
    if (!in.String(factor)) return false;
    if (factor == "email") return (challenge.factor = AuthFactor::Email), true;
    if (factor == "totp") return (challenge.factor = AuthFactor::Totp), true;
    return in.Fail("expected \"email\" or \"totp\"");
}
void WriteFactor(std::string& out, const ChallengePayload& challenge) {
    AppendJsonString(ByMail(challenge) ? "email" : "totp", out);
}

bool ChallengeNamed(JsonReader& in, const ChallengePayload& challenge) {
    return !challenge.challenge.empty() || in.FailMember("challenge", "empty");
}
bool LivesOn(JsonReader& in, const ChallengeExtendedPayload& extended) {
    return extended.code_lifetime_seconds > 0 ||
           in.FailMember("code_lifetime_seconds", "expected at least 1");
}

// {"logged_out":true}: the answer's one member, which must be true.
struct LoggedOut {
    bool logged_out = false;
};
bool IsLoggedOut(JsonReader& in, const LoggedOut& answer) {
    return answer.logged_out || in.FailMember("logged_out", "expected true");
}

// The payloads' members, in the order they are written.
constexpr Member<LoginRequest> kLogin[] = {Field<&LoginRequest::password>("password"),
                                           Field<&LoginRequest::selfcare_id>("selfcare_id")};
constexpr Member<VerifyRequest> kVerify[] = {Field<&VerifyRequest::challenge>("challenge"),
                                             Field<&VerifyRequest::code>("code")};
constexpr Member<ResendRequest> kResend[] = {Field<&ResendRequest::challenge>("challenge")};
constexpr Member<ExtendRequest> kExtend[] = {Field<&ExtendRequest::challenge>("challenge")};
constexpr Member<ChallengePayload> kChallenge[] = {
    Field<&ChallengePayload::attempts_left, kMaxAttempts>("attempts_left"),
    Field<&ChallengePayload::challenge>("challenge"),
    Field<&ChallengePayload::code_lifetime_seconds, kMaxSeconds>("code_lifetime_seconds"),
    Field<&ChallengePayload::email_codes>("email_codes").When(ByApp),
    Field<&ChallengePayload::email_masked>("email_masked").When(SaysWhereMailGoes),
    {"factor", ReadFactor, WriteFactor},
    Field<&ChallengePayload::resend_after_seconds, kMaxSeconds>("resend_after_seconds").When(ByMail),
};
constexpr Member<ChallengeExtendedPayload> kExtended[] = {
    Field<&ChallengeExtendedPayload::code_lifetime_seconds, kMaxSeconds>("code_lifetime_seconds"),
    Field<&ChallengeExtendedPayload::extensions_left, kMaxAttempts>("extensions_left"),
};
constexpr Member<SignedInPayload> kSignedIn[] = {
    Field<&SignedInPayload::absolute_timeout_seconds, kMaxSeconds>("absolute_timeout_seconds"),
    Field<&SignedInPayload::idle_timeout_seconds, kMaxSeconds>("idle_timeout_seconds"),
};
constexpr Member<SessionStatusPayload> kSessionStatus[] = {
    Field<&SessionStatusPayload::absolute_remaining_seconds, kMaxSeconds>("absolute_remaining_seconds"),
    Field<&SessionStatusPayload::absolute_timeout_seconds, kMaxSeconds>("absolute_timeout_seconds"),
    Field<&SessionStatusPayload::contractor_name>("contractor_name"),
    Field<&SessionStatusPayload::idle_remaining_seconds, kMaxSeconds>("idle_remaining_seconds"),
    Field<&SessionStatusPayload::idle_timeout_seconds, kMaxSeconds>("idle_timeout_seconds"),
    Field<&SessionStatusPayload::selfcare_id>("selfcare_id"),
};
constexpr Member<LoggedOut> kLoggedOut[] = {Field<&LoggedOut::logged_out>("logged_out")};

}  // namespace

std::string EncodeLoginRequest(const LoginRequest& request) {
    return Encode(request, kLogin);
}
std::string EncodeVerifyRequest(const VerifyRequest& request) {
    return Encode(request, kVerify);
}
std::string EncodeResendRequest(const ResendRequest& request) {
    return Encode(request, kResend);
}
std::string EncodeExtendRequest(const ExtendRequest& request) {
    return Encode(request, kExtend);
}
std::string EncodeLogoutRequest() {
    return "{}";
}
std::string EncodeChallenge(const ChallengePayload& challenge) {
    return Encode(challenge, kChallenge);
}
std::string EncodeChallengeExtended(const ChallengeExtendedPayload& extended) {
    return Encode(extended, kExtended);
}
std::string EncodeSignedIn(const SignedInPayload& signed_in) {
    return Encode(signed_in, kSignedIn);
}
std::string EncodeSessionStatus(const SessionStatusPayload& status) {
    return Encode(status, kSessionStatus);
}
std::string EncodeLoggedOut() {
    return Encode(LoggedOut{true}, kLoggedOut);
}

Result<LoginRequest> DecodeLoginRequest(std::string_view json) {
    return DecodeRequest(json, kLogin);
}
Result<VerifyRequest> DecodeVerifyRequest(std::string_view json) {
    return DecodeRequest(json, kVerify);
}
Result<ResendRequest> DecodeResendRequest(std::string_view json) {
    return DecodeRequest(json, kResend);
}
Result<ExtendRequest> DecodeExtendRequest(std::string_view json) {
    return DecodeRequest(json, kExtend);
}
Result<bool> DecodeLogoutRequest(std::string_view json) {
    return api_members::DecodeEmptyObject(json);
}
Result<ChallengePayload> DecodeChallenge(std::string_view json) {
    return DecodeAnswer(json, kChallenge, ChallengeNamed);
}
Result<ChallengeExtendedPayload> DecodeChallengeExtended(std::string_view json) {
    return DecodeAnswer(json, kExtended, LivesOn);
}
Result<SignedInPayload> DecodeSignedIn(std::string_view json) {
    return DecodeAnswer(json, kSignedIn);
}
Result<SessionStatusPayload> DecodeSessionStatus(std::string_view json) {
    return DecodeAnswer(json, kSessionStatus);
}
Result<bool> DecodeLoggedOut(std::string_view json) {
    const Result<LoggedOut> answer = DecodeAnswer(json, kLoggedOut, IsLoggedOut);
    if (!answer.ok()) return Result<bool>::Failure(answer.error());
    return true;
}

}  // namespace portal
