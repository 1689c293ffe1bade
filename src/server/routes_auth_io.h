// What the auth and security routes share: a state-changing call's body read as its typed
// request (engine/api_auth.h, engine/api_security.h) with the API's 400 answers, and an
// AuthService outcome written as its payload or its refusal.
#pragma once
#include <string>
#include <string_view>

#include "server/app_context.h"
#include "server/http_common.h"

namespace portal::server {

// What a member must be, in words for the 400 answer: "文字列" / "a string".
struct Expected {
    const char* ja;
    const char* en;
};
constexpr Expected kExpectString{"文字列", "a string"};

// The 400 for a body the decoder refused: not a JSON object (bad_json), a member the call does not
// take (unknown_field), or a member missing or of the wrong type (bad_field, naming it).
void SendRequestError(http::Response& res, const Error& error, Expected expected);
// 400 bad_field unless 1 <= value.size() <= max_length.
bool CheckLength(http::Response& res, const char* name, const std::string& value, size_t max_length);

// The same-origin and CSRF rules of every state-changing call, then the body as `Request`.
// False after answering with a 4xx error.
template <class Request>
bool ReadRequest(const http::Request& req, http::Response& res, const Settings& settings,
                 Result<Request> (*decode)(std::string_view), Request& out,
                 Expected expected = kExpectString) {
    if (!CheckStateChangingHeaders(req, res, settings)) return false;
    Result<Request> decoded = decode(req.body);
    if (!decoded.ok()) {
        SendRequestError(res, decoded.error(), expected);
        return false;
    }
    out = decoded.take();
    return true;
}

inline void SendRefusal(http::Response& res, const AuthRefusal& refusal) {
    SendError(res, HttpStatusOf(refusal.result), refusal.error, refusal.retry_after);
}

// The payload through its encoder, or the refusal with its status (and Retry-After).
template <class Payload, class Encode>
void SendOutcome(http::Response& res, const AuthOutcome<Payload>& outcome, Encode encode) {
    if (!outcome.ok()) return SendRefusal(res, outcome.refusal());
    SendJson(res, encode(outcome.payload()));
}

}  // namespace portal::server
