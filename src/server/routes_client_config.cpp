// GET /api/v1/client-config: the settings the browser client reads at boot, before any login
// (kiosk mode and its idle logout), so an operator sets a kiosk up on the server.
#include "app_context.h"
#include "engine/api_client_config.h"
#include "server/http_common.h"

namespace portal::server {

void AddClientConfigRoutes(http::Router& server, AppContext& app) {
    // Built once: the settings never change while the server runs.
    const std::string body = EncodeClientConfig(
        ClientConfigPayload{app.settings.kiosk, static_cast<uint64_t>(app.settings.ClientIdleSeconds()),
                            static_cast<uint64_t>(app.settings.client_countdown_seconds)});
    // Public: nothing about a customer is in it. Cache-Control: no-store comes with every /api
    // answer, so a changed setting reaches a kiosk at its next boot.
    server.Get("/api/v1/client-config", [body](const http::Request& req, http::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        SendJson(res, body);
    });
}

}  // namespace portal::server
