// /api/v1/security/*: what a logged-in customer sees of their own logins. The login history,
// the live sessions, and "log out the other sessions".
#include "app_context.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

void Reply(http::Response& res, const AuthReply& reply) {
    res.status = reply.status;
    res.set_content(reply.body, "application/json; charset=utf-8");
}

}  // namespace

void AddSecurityRoutes(http::Router& server, AppContext& app) {
    server.Get("/api/v1/security/history", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        Reply(res, app.auth.LoginHistory(*live));
    });
    server.Get("/api/v1/security/sessions", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        Reply(res, app.auth.ListSessions(*live));
    });
    server.Post("/api/v1/security/sessions/logout-others", [&app](const http::Request& req,
                                                                  http::Response& res) {
        nlohmann::json body;
        if (!CheckStateChangingRequest(req, res, app.settings, body) || !RejectUnknownMembers(body, {}, res))
            return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        Reply(res, app.auth.EndOtherSessions(ClientOf(req, app.settings), *live));
    });
}

}  // namespace portal::server
