// Shared HTTP checks. Every refusal is a JSON error with a Japanese message and an English one.
#include "server/http_common.h"

#include <cstdlib>
#include <set>

#include "engine/codec.h"

namespace portal::server {

void SendError(http::Response& res, int status, const Error& error, int64_t retry_after) {
    res.status = status;
    if (retry_after > 0) res.set_header("Retry-After", std::to_string(retry_after));
    res.set_content(EncodeErrorJson(error), std::string(kJsonMediaType));
}

void SendError(http::Response& res, int status, const char* code, const std::string& ja,
               const std::string& en, const std::string& field) {
    SendError(res, status, Error{code, field, Text{ja, en}});
}

void SendJson(http::Response& res, const std::string& json) {
    res.status = 200;
    res.set_content(json, std::string(kJsonMediaType));
}

void SendValidationErrors(http::Response& res, const std::vector<Error>& errors) {
    res.status = 400;
    res.set_content(EncodeValidationErrorsJson(errors), std::string(kJsonMediaType));
}

bool CheckQueryParams(const http::Request& req, http::Response& res,
                      std::initializer_list<const char*> allowed) {
    std::set<std::string> seen;
    for (const auto& [name, value] : req.params) {
        bool known = false;
        for (const char* a : allowed) known = known || name == a;
        if (!known) {
            SendError(res, 400, "unknown_parameter", "不明なパラメータです: " + name,
                      "Unknown parameter: " + name, name);
            return false;
        }
        if (!seen.insert(name).second) {
            SendError(res, 400, "duplicate_parameter", "パラメータが重複しています: " + name,
                      "Parameter given more than once: " + name, name);
            return false;
        }
    }
    return true;
}

std::string Param(const http::Request& req, const char* name) {
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

bool CheckStateChangingHeaders(const http::Request& req, http::Response& res, const Settings& settings) {
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin" && site != "none") {
        SendError(res, 403, "cross_site", "他のサイトからの要求は受け付けません。",
                  "Requests from other sites are refused.");
        return false;
    }
    if (req.has_header("Origin")) {
        // Compared with the configured origins, never with the request's own Host: a page on an
        // attacker's name that resolves to this server (DNS rebinding) sends a matching Host.
        const std::string origin = req.get_header_value("Origin");
        bool allowed = false;
        for (const auto& candidate : settings.allowed_origins) allowed = allowed || origin == candidate;
        if (!allowed) {
            SendError(res, 403, "cross_origin", "他のオリジンからの要求は受け付けません。",
                      "Requests from other origins are refused.");
            return false;
        }
    }
    if (req.get_header_value("X-Portal-CSRF") != "1") {
        SendError(res, 403, "csrf_header_missing", "必要なヘッダ X-Portal-CSRF: 1 がありません。",
                  "The required header X-Portal-CSRF: 1 is missing.");
        return false;
    }
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (type != "application/json") {
        SendError(res, 415, "unsupported_media_type", "本文は application/json で送ってください。",
                  "Send the body as application/json.");
        return false;
    }
    if (req.body.size() > kMaxAuthBodyBytes) {
        SendError(res, 413, "body_too_large", "要求の本文が大きすぎます (16 KiB まで)。",
                  "The request body is too large (16 KiB at most).");
        return false;
    }
    return true;
}

void SendBadJson(http::Response& res) {
    SendError(res, 400, "bad_json", "本文が正しい JSON オブジェクトではありません。",
              "The body is not a valid JSON object.");
}

bool CheckStateChangingRequest(const http::Request& req, http::Response& res, const Settings& settings,
                               nlohmann::json& body) {
    if (!CheckStateChangingHeaders(req, res, settings)) return false;
    body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        SendBadJson(res);
        return false;
    }
    return true;
}

std::string SessionCookieName(const Settings& settings) {
    // __Host- needs Secure, so it is used exactly when we serve TLS.
    return settings.UsesTls() ? "__Host-portal_session" : "portal_session";
}

std::string SessionCookieValue(const http::Request& req, const Settings& settings) {
    return CookieValue(req, SessionCookieName(settings));
}

std::string DeviceCookieName(const Settings& settings) {
    return settings.UsesTls() ? "__Host-portal_device" : "portal_device";
}

std::string DeviceCookieHeader(const Settings& settings, const std::string& token) {
    // 400 days, the longest lifetime browsers keep (RFC 6265bis); refreshed on every login.
    return DeviceCookieName(settings) + "=" + token +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=34560000" + (settings.UsesTls() ? "; Secure" : "");
}

std::string CookieValue(const http::Request& req, const std::string& cookie_name) {
    const std::string name = cookie_name + "=";
    for (size_t i = 0; i < req.get_header_value_count("Cookie"); ++i) {
        const std::string header = req.get_header_value("Cookie", i);
        size_t pos = 0;
        while (pos < header.size()) {
            size_t end = header.find(';', pos);
            if (end == std::string::npos) end = header.size();
            size_t start = header.find_first_not_of(' ', pos);
            if (start < end && header.compare(start, name.size(), name) == 0)
                return header.substr(start + name.size(), end - start - name.size());
            pos = end + 1;
        }
    }
    return {};
}

std::string SessionCookieHeader(const Settings& settings, const std::string& token) {
    // No Max-Age/Expires: a session cookie that the browser drops when it closes.
    return SessionCookieName(settings) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
           (settings.UsesTls() ? "; Secure" : "");
}

std::string ClearedSessionCookieHeader(const Settings& settings) {
    return SessionCookieName(settings) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
           (settings.UsesTls() ? "; Secure" : "");
}

http::Headers SecurityHeaders(const Settings& settings) {
    http::Headers headers = {
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: "
         "data:; "
         "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
         "form-action 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
    };
    if (settings.UsesTls()) headers.emplace("Strict-Transport-Security", "max-age=31536000");
    return headers;
}

bool AcceptsEncoding(const http::Request& req, std::string_view encoding) {
    const std::string header = req.get_header_value("Accept-Encoding");
    std::string_view rest = header;
    // RFC 9110: "*" covers every coding not listed by name; a named entry wins over it.
    int wildcard = -1;  // -1 not given, 0 refused, 1 accepted
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const size_t semicolon = item.find(';');
        std::string_view name = item.substr(0, semicolon);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name != encoding && name != "*") continue;
        bool accepted = true;
        if (semicolon != std::string_view::npos) {
            const std::string params(item.substr(semicolon + 1));
            const size_t q = params.find("q=");
            accepted = q == std::string::npos || std::atof(params.c_str() + q + 2) > 0.0;
        }
        if (name == encoding) return accepted;
        wildcard = accepted ? 1 : 0;
    }
    return wildcard == 1;
}

std::string AttachmentHeader(const std::string& file_name) {
    std::string ascii, encoded;
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned char c : file_name) {
        const bool plain = std::isalnum(c) || c == '-' || c == '_' || c == '.';
        ascii.push_back(plain ? static_cast<char>(c) : '_');
        if (plain) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace portal::server
