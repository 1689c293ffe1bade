// /api/v1/auth/*: login, verify, resend, logout, session. The bodies are read and the answers
// written by the engine's auth payloads (engine/api_auth.h); AuthService's typed outcomes become
// HTTP here.
#include "engine/api_auth.h"
#include "engine/api_members.h"
#include "server/routes_auth_io.h"

namespace portal::server {

void SendRequestError(http::Response& res, const Error& error, Expected expected) {
    const std::string& name = error.field;
    if (name.empty()) return SendBadJson(res);  // not well-formed, or not an object
    if (error.code == api_members::kUnknownMember)
        return SendError(res, 400, "unknown_field", "不明な項目です: " + name, "Unknown field: " + name,
                         name);
    SendError(res, 400, "bad_field", "項目 " + name + " (" + expected.ja + ") が必要です。",
              "Field " + name + " (" + expected.en + ") is required.", name);
}

bool CheckLength(http::Response& res, const char* name, const std::string& value, size_t max_length) {
    if (!value.empty() && value.size() <= max_length) return true;
    SendError(res, 400, "bad_field", std::string("項目 ") + name + " の長さが正しくありません。",
              std::string("Field ") + name + " is empty or too long.", name);
    return false;
}

int HttpStatusOf(AuthResult result) {
    switch (result) {
        case AuthResult::Ok:
            return 200;
        case AuthResult::BadInput:
            return 400;
        case AuthResult::Refused:
            return 401;
        case AuthResult::NotOffered:
            return 409;
        case AuthResult::TooMany:
            return 429;
        case AuthResult::Unavailable:
            return 503;
    }
    return 500;
}

ClientInfo ClientOf(const http::Request& req, const Settings& settings) {
    ClientInfo client;
    client.address = req.remote_addr;
    client.user_agent = req.get_header_value("User-Agent").substr(0, kMaxUserAgentBytes);
    client.device_token = CookieValue(req, DeviceCookieName(settings)).substr(0, 64);
    return client;
}

std::optional<LiveSession> RequireSession(AppContext& app, const http::Request& req, http::Response& res) {
    auto live = app.auth.Authenticate(SessionCookieValue(req, app.settings), true);
    if (!live)
        SendError(res, 401, "not_logged_in",
                  "ログインしていないか、セッションの有効期限が切れています。もう一度ログインしてください。",
                  "You are not logged in or the session has expired. Please log in again.");
    return live;
}

void AddAuthRoutes(http::Router& server, AppContext& app) {
    server.Post("/api/v1/auth/login", [&app](const http::Request& req, http::Response& res) {
        LoginRequest login;
        if (!ReadRequest(req, res, app.settings, &DecodeLoginRequest, login) ||
            !CheckLength(res, "selfcare_id", login.selfcare_id, 64) ||
            !CheckLength(res, "password", login.password, 256))
            return;
        SendOutcome(res, app.auth.Login(ClientOf(req, app.settings), login), &EncodeChallenge);
    });
    server.Post("/api/v1/auth/verify", [&app](const http::Request& req, http::Response& res) {
        VerifyRequest verify;
        if (!ReadRequest(req, res, app.settings, &DecodeVerifyRequest, verify) ||
            !CheckLength(res, "challenge", verify.challenge, 128) ||
            !CheckLength(res, "code", verify.code, 32))
            return;
        const AuthOutcome<SignIn> outcome = app.auth.Verify(ClientOf(req, app.settings), verify);
        if (!outcome.ok()) return SendRefusal(res, outcome.refusal());
        res.set_header("Set-Cookie", SessionCookieHeader(app.settings, outcome.payload().session_token));
        res.set_header("Set-Cookie", DeviceCookieHeader(app.settings, outcome.payload().device_token));
        SendJson(res, EncodeSignedIn(outcome.payload().timeouts));
    });
    server.Post("/api/v1/auth/resend", [&app](const http::Request& req, http::Response& res) {
        ResendRequest resend;
        if (!ReadRequest(req, res, app.settings, &DecodeResendRequest, resend) ||
            !CheckLength(res, "challenge", resend.challenge, 128))
            return;
        SendOutcome(res, app.auth.Resend(ClientOf(req, app.settings), resend), &EncodeChallenge);
    });
    server.Post("/api/v1/auth/extend", [&app](const http::Request& req, http::Response& res) {
        ExtendRequest extend;
        if (!ReadRequest(req, res, app.settings, &DecodeExtendRequest, extend) ||
            !CheckLength(res, "challenge", extend.challenge, 128))
            return;
        SendOutcome(res, app.auth.Extend(ClientOf(req, app.settings), extend), &EncodeChallengeExtended);
    });
    server.Post("/api/v1/auth/logout", [&app](const http::Request& req, http::Response& res) {
        bool empty = false;
        if (!ReadRequest(req, res, app.settings, &DecodeLogoutRequest, empty)) return;
        const AuthOutcome<LoggedOut> outcome =
            app.auth.Logout(ClientOf(req, app.settings), SessionCookieValue(req, app.settings));
        if (!outcome.ok()) return SendRefusal(res, outcome.refusal());
        res.set_header("Set-Cookie", ClearedSessionCookieHeader(app.settings));
        // Not "cookies": that would also erase the device cookie, which is what lets this
        // browser through the per-ID delay while someone else guesses at the ID.
        res.set_header("Clear-Site-Data", "\"cache\", \"storage\"");
        SendJson(res, EncodeLoggedOut());
    });
    server.Get("/api/v1/auth/session", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        SendOutcome(res, app.auth.SessionStatus(SessionCookieValue(req, app.settings)), &EncodeSessionStatus);
    });
}

}  // namespace portal::server
