// /api/v1/preferences/line-search: the customer's last 検索条件 of the lines table, kept on the
// server so that logging in again (after an idle logout, or at another screen) finds them. The
// client sends them when they change (debounced) and reads them after login. Conditions only:
// the engine's payload, bounded and validated as the search panel validates them.
#include "app_context.h"
#include "engine/api_search_state.h"
#include "server/http_common.h"

namespace portal::server {

void AddPreferenceRoutes(http::Router& server, AppContext& app) {
    server.Get("/api/v1/preferences/line-search", [&app](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        auto live = RequireSession(app, req, res);
        if (!live) return;
        // Nothing saved yet (or a row this build cannot read): the search panel's defaults.
        const std::optional<std::string> saved = app.storage.FindLineSearch(live->customer->id);
        const bool readable = saved && DecodeLineSearchState(*saved).ok();
        SendJson(res, readable ? *saved : EncodeLineSearchState(LineSearchState{}));
    });
    server.Put("/api/v1/preferences/line-search", [&app](const http::Request& req, http::Response& res) {
        nlohmann::json parsed;  // the CSRF rules, media type and JSON syntax; the engine reads the body
        if (!CheckStateChangingRequest(req, res, app.settings, parsed)) return;
        if (req.body.size() > kMaxLineSearchBytes) {
            SendError(res, 413, "body_too_large", "検索条件が大きすぎます (1 KiB まで)。",
                      "The search conditions are too large (1 KiB at most).");
            return;
        }
        Result<LineSearchState> conditions = DecodeLineSearchState(req.body);
        if (!conditions.ok()) {  // the decoder names the member at fault
            const Error& error = conditions.error();
            const std::string at = error.field.empty() ? "" : " (" + error.field + ")";
            SendError(res, 400, "bad_field", "検索条件の形式が正しくありません" + at + "。",
                      "The search conditions are not valid" + at + ".", error.field);
            return;
        }
        const std::vector<Error> errors = ValidateLineSearchState(conditions.value());
        if (!errors.empty()) {
            SendValidationErrors(res, errors);
            return;
        }
        auto live = RequireSession(app, req, res);
        if (!live) return;
        const std::string stored = EncodeLineSearchState(conditions.value());
        app.storage.PutLineSearch(live->customer->id, stored, NowSeconds());
        SendJson(res, stored);
    });
}

}  // namespace portal::server
