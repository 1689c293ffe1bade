// /api/v1/security/*: what a logged-in customer sees and sets of their own logins. The login
// history, the live sessions with "log out the other sessions", the authenticator app and its
// recovery codes. Bodies are read and answers written by the engine's security payloads
// (engine/api_security.h); AuthService's typed outcomes become HTTP here.
#include "engine/api_security.h"
#include "server/routes_auth_io.h"

namespace portal::server {
namespace {

constexpr Expected kExpectBool{"true か false", "true or false"};

// A state-changing security call: its typed request, then the session (in that order, as the
// API has always checked). False after answering.
template <class Request>
bool ReadSecurityCall(AppContext& app, const http::Request& req, http::Response& res,
                      Result<Request> (*decode)(std::string_view), Request& request,
                      std::optional<LiveSession>& live, Expected expected = kExpectString) {
    if (!ReadRequest(req, res, app.settings, decode, request, expected)) return false;
    live = RequireSession(app, req, res);
    return live.has_value();
}

// The reads: no parameters, the session's own data.
template <class Payload>
void AddRead(http::Router& server, AppContext& app, const char* path,
             AuthOutcome<Payload> (AuthService::*call)(const LiveSession&),
             std::string (*encode)(const Payload&)) {
    server.Get(path, [&app, call, encode](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        SendOutcome(res, (app.auth.*call)(*live), encode);
    });
}

// The calls that take the app's code (or, to remove it, a recovery code).
template <class Payload, class Encode>
void AddCodeCall(http::Router& server, AppContext& app, const char* path,
                 AuthOutcome<Payload> (AuthService::*call)(const ClientInfo&, const LiveSession&,
                                                           const AppCodeRequest&),
                 Encode encode) {
    server.Post(path, [&app, call, encode](const http::Request& req, http::Response& res) {
        AppCodeRequest request;
        std::optional<LiveSession> live;
        if (!ReadRequest(req, res, app.settings, &DecodeAppCodeRequest, request) ||
            !CheckLength(res, "code", request.code, 32))
            return;
        live = RequireSession(app, req, res);
        if (!live) return;
        SendOutcome(res, (app.auth.*call)(ClientOf(req, app.settings), *live, request), encode);
    });
}

}  // namespace

void AddSecurityRoutes(http::Router& server, AppContext& app) {
    AddRead(server, app, "/api/v1/security/history", &AuthService::LoginHistory, &EncodeLoginHistory);
    AddRead(server, app, "/api/v1/security/sessions", &AuthService::ListSessions, &EncodeSessions);
    AddRead(server, app, "/api/v1/security/authenticator", &AuthService::AuthenticatorStatus,
            &EncodeAuthenticatorStatus);
    server.Post("/api/v1/security/sessions/logout-others", [&app](const http::Request& req,
                                                                  http::Response& res) {
        bool empty = false;
        std::optional<LiveSession> live;
        if (!ReadSecurityCall(app, req, res, &DecodeEmptyRequest, empty, live)) return;
        SendOutcome(res, app.auth.EndOtherSessions(ClientOf(req, app.settings), *live), &EncodeSessionsEnded);
    });
    server.Post("/api/v1/security/authenticator/enrol", [&app](const http::Request& req,
                                                               http::Response& res) {
        bool empty = false;
        std::optional<LiveSession> live;
        if (!ReadSecurityCall(app, req, res, &DecodeEmptyRequest, empty, live)) return;
        SendOutcome(res, app.auth.EnrolAuthenticator(ClientOf(req, app.settings), *live), &EncodeEnrolment);
    });
    // Codes by e-mail beside the app: {"allowed": true|false}.
    server.Post(
        "/api/v1/security/authenticator/email-codes", [&app](const http::Request& req, http::Response& res) {
            EmailCodesRequest request;
            std::optional<LiveSession> live;
            if (!ReadSecurityCall(app, req, res, &DecodeEmailCodesRequest, request, live, kExpectBool))
                return;
            SendOutcome(res, app.auth.SetEmailCodes(ClientOf(req, app.settings), *live, request),
                        &EncodeEmailCodes);
        });
    AddCodeCall(server, app, "/api/v1/security/authenticator/confirm", &AuthService::ConfirmAuthenticator,
                &EncodeRecoveryCodes);
    AddCodeCall(server, app, "/api/v1/security/authenticator/remove", &AuthService::RemoveAuthenticator,
                [](const AuthenticatorRemoved&) { return EncodeAuthenticatorRemoved(); });
    AddCodeCall(server, app, "/api/v1/security/recovery-codes", &AuthService::RegenerateRecoveryCodes,
                &EncodeRecoveryCodes);
}

}  // namespace portal::server
