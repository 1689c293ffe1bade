// What the route handlers share: settings, storage, the auth service and the line cache.
#pragma once
#include <optional>

#include "engine/csv.h"
#include "engine/date.h"
#include "server/auth_service.h"
#include "server/http_types.h"
#include "server/line_cache.h"
#include "server/settings.h"
#include "server/storage.h"

namespace portal::server {

struct AppContext {
    const Settings& settings;
    Storage& storage;
    AuthService& auth;
    LineCache& lines;
    std::optional<DateKey> as_of_override;

    // The server's "today" in Japan time, or the configured override (tests).
    DateKey AsOf() const { return as_of_override ? *as_of_override : JstDateOf(NowSeconds()); }
};

// The caller's address, browser and device cookie, for the audit log and the login checks.
ClientInfo ClientOf(const http::Request& req, const Settings& settings);

// The HTTP status of an auth call's outcome (routes_auth.cpp).
int HttpStatusOf(AuthResult result);

// The live session of a data request, or nullopt after answering 401.
std::optional<LiveSession> RequireSession(AppContext& app, const http::Request& req, http::Response& res);

// CSV downloads shared by the data and report routes.
bool ParseEncoding(const http::Request& req, http::Response& res, CsvEncoding& encoding);  // 400 on bad
void SendCsv(http::Response& res, CsvOutput output, CsvEncoding encoding, const std::string& file_name);
// The rows of a download, from the query parameters of /lines, /usage and /call-details (sort
// included) as their CSVs read them; false after answering 4xx or 503.
bool QueryLinesForDownload(AppContext& app, const http::Request& req, http::Response& res,
                           const Customer& customer, std::shared_ptr<CustomerLines>& lines,
                           std::vector<uint32_t>& rows);
bool LoadUsage(AppContext& app, const http::Request& req, http::Response& res, const Customer& customer,
               UsageReport& report);
bool LoadCallDetails(AppContext& app, const http::Request& req, http::Response& res, const Customer& customer,
                     CallDetailReport& report);

void AddAuthRoutes(http::Router& server, AppContext& app);
void AddDataRoutes(http::Router& server, AppContext& app);          // /contract, /lines, /lines.csv
void AddReportRoutes(http::Router& server, AppContext& app);        // /usage*, /call-details*
void AddWorkbookRoutes(http::Router& server, AppContext& app);      // /lines.xlsx, /usage.xlsx, ...
void AddClientConfigRoutes(http::Router& server, AppContext& app);  // /client-config (public)
void AddSecurityRoutes(http::Router& server, AppContext& app);      // /security/* (history, sessions)
void AddPreferenceRoutes(http::Router& server, AppContext& app);    // /preferences/line-search
void AddStaticRoutes(http::Router& server, AppContext& app);        // the built client

}  // namespace portal::server
