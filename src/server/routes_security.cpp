// /api/v1/security/*: what a logged-in customer sees and sets of their own logins. The login
// history, the live sessions with "log out the other sessions", the authenticator app and its
// recovery codes.
#include "app_context.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

void Reply(http::Response& res, const AuthReply& reply) {
    res.status = HttpStatusOf(reply.result);
    res.set_content(reply.body, "application/json; charset=utf-8");
}

}  // namespace

void AddSecurityRoutes(http::Router& server, AppContext& app) {
    // The reads: no parameters, the session's own data.
    using ReadCall = AuthReply (AuthService::*)(const LiveSession&);
    const std::pair<const char*, ReadCall> read_calls[] = {
        {"/api/v1/security/history", &AuthService::LoginHistory},
        {"/api/v1/security/sessions", &AuthService::ListSessions},
        {"/api/v1/security/authenticator", &AuthService::AuthenticatorStatus},
    };
    for (const auto& [path, call] : read_calls) {
        server.Get(path, [&app, call = call](const http::Request& req, http::Response& res) {
            if (!CheckQueryParams(req, res, {})) return;
            auto live = RequireSession(app, req, res);
            if (!live) return;
            Reply(res, (app.auth.*call)(*live));
        });
    }
    server.Post("/api/v1/security/sessions/logout-others", [&app](const http::Request& req,
                                                                  http::Response& res) {
        nlohmann::json body;
        if (!CheckStateChangingRequest(req, res, app.settings, body) || !RejectUnknownMembers(body, {}, res))
            return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        Reply(res, app.auth.EndOtherSessions(ClientOf(req, app.settings), *live));
    });
    server.Post("/api/v1/security/authenticator/enrol", [&app](const http::Request& req,
                                                               http::Response& res) {
        nlohmann::json body;
        if (!CheckStateChangingRequest(req, res, app.settings, body) || !RejectUnknownMembers(body, {}, res))
            return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        Reply(res, app.auth.EnrolAuthenticator(ClientOf(req, app.settings), *live));
    });
    // Codes by e-mail beside the app: {"allowed": true|false}.
    server.Post(
        "/api/v1/security/authenticator/email-codes", [&app](const http::Request& req, http::Response& res) {
            nlohmann::json body;
            if (!CheckStateChangingRequest(req, res, app.settings, body) ||
                !RejectUnknownMembers(body, {"allowed"}, res))
                return;
            auto allowed = body.find("allowed");
            if (allowed == body.end() || !allowed->is_boolean()) {
                SendError(res, 400, "bad_field", "項目 allowed (true か false) が必要です。",
                          "Field allowed (true or false) is required.", "allowed");
                return;
            }
            auto live = RequireSession(app, req, res);
            if (!live) return;
            Reply(res, app.auth.SetEmailCodes(ClientOf(req, app.settings), *live, allowed->get<bool>()));
        });
    // The three calls that take a code: confirm (app code), remove (app or recovery code) and
    // new recovery codes (app code).
    using CodeCall = AuthReply (AuthService::*)(const ClientInfo&, const LiveSession&, const std::string&);
    const std::pair<const char*, CodeCall> code_calls[] = {
        {"/api/v1/security/authenticator/confirm", &AuthService::ConfirmAuthenticator},
        {"/api/v1/security/authenticator/remove", &AuthService::RemoveAuthenticator},
        {"/api/v1/security/recovery-codes", &AuthService::RegenerateRecoveryCodes},
    };
    for (const auto& [path, call] : code_calls) {
        server.Post(path, [&app, call = call](const http::Request& req, http::Response& res) {
            nlohmann::json body;
            std::string code;
            if (!CheckStateChangingRequest(req, res, app.settings, body) ||
                !RejectUnknownMembers(body, {"code"}, res) || !RequireString(body, "code", 32, res, code))
                return;
            auto live = RequireSession(app, req, res);
            if (!live) return;
            Reply(res, (app.auth.*call)(ClientOf(req, app.settings), *live, code));
        });
    }
}

}  // namespace portal::server
