// HTTP helpers shared by the route files: JSON errors, parameter and body checks, the CSRF
// rules for state-changing calls, cookies and security headers.
#pragma once
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/result.h"
#include "server/http_types.h"
#include "server/settings.h"

namespace portal::server {

constexpr size_t kMaxAuthBodyBytes = 16 * 1024;

// {"error":{"code","message","message_en"[,"field"]}} with the status; Retry-After when > 0.
void SendError(http::Response& res, int status, const Error& error, int64_t retry_after = 0);
void SendError(http::Response& res, int status, const char* code, const std::string& ja,
               const std::string& en, const std::string& field = {});
void SendJson(http::Response& res, const std::string& json);
// 400 with the engine's validation of a search condition: the first error and all of them.
void SendValidationErrors(http::Response& res, const std::vector<Error>& errors);

// 400 on a parameter not in `allowed` or given twice. Returns false after answering.
bool CheckQueryParams(const http::Request& req, http::Response& res,
                      std::initializer_list<const char*> allowed);
std::string Param(const http::Request& req, const char* name);

// CSRF rules for POST: JSON content type, the X-Portal-CSRF: 1 header, and no cross-site
// Sec-Fetch-Site or foreign Origin, and the body size cap. Returns false after answering with a
// 4xx error; the body is then the caller's to decode.
bool CheckStateChangingHeaders(const http::Request& req, http::Response& res, const Settings& settings);
// The same, and the body parsed: `body` must be a JSON object (400 bad_json otherwise).
bool CheckStateChangingRequest(const http::Request& req, http::Response& res, const Settings& settings,
                               nlohmann::json& body);
// 400 bad_json: the body is not a JSON object (the same words for every state-changing call).
void SendBadJson(http::Response& res);

std::string SessionCookieName(const Settings& settings);
std::string SessionCookieValue(const http::Request& req, const Settings& settings);
std::string SessionCookieHeader(const Settings& settings, const std::string& token);
std::string ClearedSessionCookieHeader(const Settings& settings);
// The long-lived device cookie of a browser that completed a login (kept across logouts).
std::string DeviceCookieName(const Settings& settings);
std::string DeviceCookieHeader(const Settings& settings, const std::string& token);
std::string CookieValue(const http::Request& req, const std::string& cookie_name);

// Headers every response carries (CSP, nosniff, Referrer-Policy, COOP, HSTS under TLS).
http::Headers SecurityHeaders(const Settings& settings);

// True when Accept-Encoding lists `encoding` ("gzip", "br") with a q-value above 0.
bool AcceptsEncoding(const http::Request& req, std::string_view encoding);

// Content-Disposition for a download: ASCII fallback plus RFC 6266 filename*.
std::string AttachmentHeader(const std::string& file_name);

}  // namespace portal::server
