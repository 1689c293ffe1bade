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

// A wrong method on these paths is 405 with Allow, like the other API paths.
void RefuseMethod(http::Response& res, const char* allow) {
    res.set_header("Allow", allow);
    SendError(res, 405, "method_not_allowed", std::string("このURLで使えるメソッドは ") + allow + " です。",
              std::string("This URL accepts ") + allow + ".");
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
    server.Get("/api/v1/security/sessions/logout-others",
               [](const http::Request&, http::Response& res) { RefuseMethod(res, "POST"); });
    for (const char* path : {"/api/v1/security/history", "/api/v1/security/sessions"}) {
        auto refuse = [](const http::Request&, http::Response& res) { RefuseMethod(res, "GET"); };
        server.Post(path, refuse);
        server.Put(path, refuse);
        server.Delete(path, refuse);
    }
}

}  // namespace portal::server
