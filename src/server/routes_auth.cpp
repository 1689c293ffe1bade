// /api/v1/auth/*: login, verify, resend, logout, session.
#include "app_context.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

void Reply(http::Response& res, const AuthReply& reply) {
    res.status = reply.status;
    if (reply.retry_after > 0) res.set_header("Retry-After", std::to_string(reply.retry_after));
    res.set_content(reply.body, "application/json; charset=utf-8");
}

}  // namespace

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
        nlohmann::json body;
        std::string id, password;
        if (!CheckStateChangingRequest(req, res, app.settings, body) ||
            !RejectUnknownMembers(body, {"selfcare_id", "password"}, res) ||
            !RequireString(body, "selfcare_id", 64, res, id) ||
            !RequireString(body, "password", 256, res, password))
            return;
        Reply(res, app.auth.Login(ClientOf(req, app.settings), id, password));
    });
    server.Post("/api/v1/auth/verify", [&app](const http::Request& req, http::Response& res) {
        nlohmann::json body;
        std::string challenge, code;
        if (!CheckStateChangingRequest(req, res, app.settings, body) ||
            !RejectUnknownMembers(body, {"challenge", "code"}, res) ||
            !RequireString(body, "challenge", 128, res, challenge) ||
            !RequireString(body, "code", 32, res, code))
            return;
        AuthReply reply = app.auth.Verify(ClientOf(req, app.settings), challenge, code);
        if (!reply.session_token.empty())
            res.set_header("Set-Cookie", SessionCookieHeader(app.settings, reply.session_token));
        if (!reply.device_token.empty())
            res.set_header("Set-Cookie", DeviceCookieHeader(app.settings, reply.device_token));
        Reply(res, reply);
    });
    server.Post("/api/v1/auth/resend", [&app](const http::Request& req, http::Response& res) {
        nlohmann::json body;
        std::string challenge;
        if (!CheckStateChangingRequest(req, res, app.settings, body) ||
            !RejectUnknownMembers(body, {"challenge"}, res) ||
            !RequireString(body, "challenge", 128, res, challenge))
            return;
        Reply(res, app.auth.Resend(ClientOf(req, app.settings), challenge));
    });
    server.Post("/api/v1/auth/logout", [&app](const http::Request& req, http::Response& res) {
        nlohmann::json body;
        if (!CheckStateChangingRequest(req, res, app.settings, body) || !RejectUnknownMembers(body, {}, res))
            return;
        AuthReply reply = app.auth.Logout(ClientOf(req, app.settings), SessionCookieValue(req, app.settings));
        if (reply.status == 200) {
            res.set_header("Set-Cookie", ClearedSessionCookieHeader(app.settings));
            // Not "cookies": that would also erase the device cookie, which is what lets this
            // browser through the per-ID delay while someone else guesses at the ID.
            res.set_header("Clear-Site-Data", "\"cache\", \"storage\"");
        }
        Reply(res, reply);
    });
    server.Get("/api/v1/auth/session", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        Reply(res, app.auth.SessionStatus(SessionCookieValue(req, app.settings)));
    });
}

}  // namespace portal::server
