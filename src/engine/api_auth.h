// /api/v1/auth/*: every request and answer of the login as a typed payload with exactly one
// encoder and one decoder. The client encodes its requests and decodes the answers, the server
// the other way round, the tests both. Errors are the API's one error payload (EncodeErrorJson).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace portal {

// POST /auth/login
struct LoginRequest {
    std::string selfcare_id;
    std::string password;
    bool operator==(const LoginRequest& o) const {
        return selfcare_id == o.selfcare_id && password == o.password;
    }
};
// POST /auth/verify: the six digits (or the app's code, or a recovery code) for a challenge
struct VerifyRequest {
    std::string challenge;
    std::string code;
    bool operator==(const VerifyRequest& o) const { return challenge == o.challenge && code == o.code; }
};
// POST /auth/resend: a new mailed code (for an app challenge: a mailed code instead)
struct ResendRequest {
    std::string challenge;
    bool operator==(const ResendRequest& o) const { return challenge == o.challenge; }
};

// POST /auth/extend: more time to finish an authenticator-app login (no code is mailed)
struct ExtendRequest {
    std::string challenge;
    bool operator==(const ExtendRequest& o) const { return challenge == o.challenge; }
};

enum class AuthFactor : uint8_t { Email, Totp };

// The answer of /auth/login and /auth/resend: the second step asked for.
struct ChallengePayload {
    std::string challenge;
    AuthFactor factor = AuthFactor::Email;
    uint64_t code_lifetime_seconds = 0;  // from this answer until the code (and challenge) expires
    uint64_t attempts_left = 0;
    uint64_t resend_after_seconds = 0;  // Email only
    bool email_codes = false;           // Totp only: the customer kept mailed codes beside the app
    std::string email_masked;           // Email, and Totp when email_codes
    bool operator==(const ChallengePayload& o) const {
        return challenge == o.challenge && factor == o.factor &&
               code_lifetime_seconds == o.code_lifetime_seconds && attempts_left == o.attempts_left &&
               resend_after_seconds == o.resend_after_seconds && email_codes == o.email_codes &&
               email_masked == o.email_masked;
    }
};

// The answer of /auth/extend: the challenge lives on for a new full life from this answer.
struct ChallengeExtendedPayload {
    uint64_t code_lifetime_seconds = 0;  // from this answer until the challenge expires
    uint64_t extensions_left = 0;        // further extensions the server grants this challenge
    bool operator==(const ChallengeExtendedPayload& o) const {
        return code_lifetime_seconds == o.code_lifetime_seconds && extensions_left == o.extensions_left;
    }
};

// The answer of a right code: the new session's timeouts.
struct SignedInPayload {
    uint64_t idle_timeout_seconds = 0;
    uint64_t absolute_timeout_seconds = 0;
    bool operator==(const SignedInPayload& o) const {
        return idle_timeout_seconds == o.idle_timeout_seconds &&
               absolute_timeout_seconds == o.absolute_timeout_seconds;
    }
};

// GET /auth/session: who is logged in and how long the session has left.
struct SessionStatusPayload {
    std::string selfcare_id;
    std::string contractor_name;
    uint64_t idle_timeout_seconds = 0;
    uint64_t absolute_timeout_seconds = 0;
    uint64_t idle_remaining_seconds = 0;
    uint64_t absolute_remaining_seconds = 0;
    bool operator==(const SessionStatusPayload& o) const {
        return selfcare_id == o.selfcare_id && contractor_name == o.contractor_name &&
               idle_timeout_seconds == o.idle_timeout_seconds &&
               absolute_timeout_seconds == o.absolute_timeout_seconds &&
               idle_remaining_seconds == o.idle_remaining_seconds &&
               absolute_remaining_seconds == o.absolute_remaining_seconds;
    }
};

// Members in alphabetical order, as the API has always sent them.
std::string EncodeLoginRequest(const LoginRequest& request);
std::string EncodeVerifyRequest(const VerifyRequest& request);
std::string EncodeResendRequest(const ResendRequest& request);
std::string EncodeExtendRequest(const ExtendRequest& request);
std::string EncodeLogoutRequest();  // {}
std::string EncodeChallenge(const ChallengePayload& challenge);
std::string EncodeChallengeExtended(const ChallengeExtendedPayload& extended);
std::string EncodeSignedIn(const SignedInPayload& signed_in);
std::string EncodeSessionStatus(const SessionStatusPayload& status);
std::string EncodeLoggedOut();  // {"logged_out":true}

// Every member the payload has is required (by factor for the challenge): a missing, mistyped or
// doubled one is an error naming its path, never a default. Answers skip members they do not
// know (a newer server may add some); requests refuse them, as the server always has.
Result<LoginRequest> DecodeLoginRequest(std::string_view json);
Result<VerifyRequest> DecodeVerifyRequest(std::string_view json);
Result<ResendRequest> DecodeResendRequest(std::string_view json);
Result<ExtendRequest> DecodeExtendRequest(std::string_view json);
Result<bool> DecodeLogoutRequest(std::string_view json);  // {} only
Result<ChallengePayload> DecodeChallenge(std::string_view json);
Result<ChallengeExtendedPayload> DecodeChallengeExtended(std::string_view json);
Result<SignedInPayload> DecodeSignedIn(std::string_view json);
Result<SessionStatusPayload> DecodeSessionStatus(std::string_view json);
Result<bool> DecodeLoggedOut(std::string_view json);

}  // namespace portal
