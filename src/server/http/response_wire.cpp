// Target parsing, handler dispatch and the answer's head; see response_wire.h.
#include "server/http/response_wire.h"

#include <strings.h>

#include <boost/beast/http/status.hpp>
#include <ctime>

namespace portal::server::http {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; '+' is a space in the query only. A decoded NUL is kept: the routes refuse
// it where it matters (static file paths).
void Decode(std::string_view text, bool plus_is_space, std::string& out) {
    out.clear();
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
            c = static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        out.push_back(c);
    }
}

}  // namespace

bool ParseTarget(Request& req) {
    const std::string_view target = req.target;
    if (target.empty() || target.front() != '/') return false;
    const size_t question = target.find('?');
    Decode(target.substr(0, question), false, req.path);
    if (question == std::string_view::npos) return true;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        std::string name, value;
        Decode(pair.substr(0, eq), true, name);
        if (eq != std::string_view::npos) Decode(pair.substr(eq + 1), true, value);
        req.params.emplace(std::move(name), std::move(value));
    }
    return true;
}

void RunHandler(const Server::State& state, Request& req, Response& res) {
    const ServerHooks& hooks = state.hooks;
    if (!ParseTarget(req)) {
        hooks.error(res, 400, "bad_target", "URL の形式が正しくありません。", "The URL is malformed.");
        return;
    }
    try {
        if (hooks.before_route) hooks.before_route(req, res);
        std::string allow;
        if (!state.router.Dispatch(req, res, allow)) {
            if (allow.empty()) {
                hooks.error(res, 404, "not_found", "ページが見つかりません。", "Not found.");
            } else {
                res.set_header("Allow", allow);
                hooks.error(res, 405, "method_not_allowed", "このURLで使えるメソッドは " + allow + " です。",
                            "This URL accepts " + allow + ".");
            }
        }
    } catch (const std::exception& e) {
        if (hooks.log_exception) hooks.log_exception(req, e.what());
        res = Response{};
        if (hooks.before_route) hooks.before_route(req, res);
        hooks.error(res, 503, "temporarily_unavailable",
                    "一時的に処理できません。しばらくしてからお試しください。",
                    "Temporarily unavailable. Please try again later.");
    }
    if (res.status < 0) res.status = 200;
}

std::string HttpDateNow() {
    thread_local std::time_t cached_second = 0;
    thread_local char cached[40];
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        std::strftime(cached, sizeof cached, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        cached_second = now;
    }
    return cached;
}

ResponseWire BuildResponseWire(const Server::State& state, const Response& res, bool head_only, bool close) {
    namespace bhttp = boost::beast::http;
    ResponseWire wire;
    std::string& out = wire.head;
    out.reserve(512);
    const int status = res.status < 100 || res.status > 999 ? 500 : res.status;
    out += "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += std::string(bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(status))));
    out += "\r\n";
    auto field = [&out](const std::string& name, const std::string& value) {
        out.append(name).append(": ").append(value).append("\r\n");
    };
    for (const auto& [name, value] : state.hooks.default_headers)
        if (!res.has_header(name)) field(name, value);
    for (const auto& [name, value] : res.headers) {
        // The framing is ours to write, never a handler's.
        if (::strcasecmp(name.c_str(), "Content-Length") == 0 ||
            ::strcasecmp(name.c_str(), "Connection") == 0 ||
            ::strcasecmp(name.c_str(), "Transfer-Encoding") == 0 || ::strcasecmp(name.c_str(), "Date") == 0)
            continue;
        field(name, value);
    }
    field("Date", HttpDateNow());
    const bool bodiless_status = status == 204 || status == 304 || status < 200;
    wire.no_body = head_only || bodiless_status;
    if (!bodiless_status)
        field("Content-Length",
              std::to_string(res.content_provider_ ? res.content_length_ : res.body.size()));
    if (close) field("Connection", "close");
    out += "\r\n";
    return wire;
}

}  // namespace portal::server::http
